"""The API's request parsers (kept apart from core.api, which imports the schema views)."""

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

from outward.core.characters import control_character


class StrictJSONParser(JSONParser):
    """JSON bodies whose strings and keys hold no control characters (400 naming the field).

    Tab and line breaks pass here; the importer refuses them in single-line columns.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:  # `[` × 1000: nested deeper than any record of ours
            raise exceptions.ParseError("JSON parse error - nested too deeply") from None
        pending = [("", data)]
        names = 0
        limit = settings.OUTWARD_API_MAX_KEYS
        while pending:  # iterative: a deeply nested body cannot exhaust the stack here
            path, value = pending.pop()
            if isinstance(value, dict):
                names += len(value)
                if names > limit:
                    raise exceptions.ParseError(
                        f"the body has more than {limit} names (OUTWARD_API_MAX_KEYS)"
                    )
                for key, item in value.items():
                    where = f"{path}.{key}" if path else str(key)
                    found = control_character(str(key), multiline=True)
                    if found:
                        raise exceptions.ParseError(
                            f"the name {where!r} contains the control character {found}"
                        )
                    pending.append((where, item))
            elif isinstance(value, list):
                pending.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
            elif isinstance(value, str):
                found = control_character(value, multiline=True)
                if found:
                    raise exceptions.ParseError(
                        f"{path or 'the body'} contains the control character {found}"
                    )
        return data
