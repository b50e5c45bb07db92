"""Downloads: CSV streamed row by row, in the scope of the request that asked for it."""

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse

from outward.core.spreadsheets import formula_safe
from outward.core.tenancy import current_partner_scope, partner_scope


class _Line:
    """A file-like object whose write returns the line, so csv.writer yields text."""

    def write(self, value: str) -> str:
        return value


def csv_download(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence], escaped: bool = False
) -> StreamingHttpResponse:
    """A CSV attachment streamed as it is read.

    The body is produced after the view has returned, when the tenancy middleware's scope has
    closed: the generator enters the same scope again, so it reads what the request could.
    Text cells are made formula-safe (numbers stay numbers) unless the rows say they are
    `escaped` already.
    """
    if not escaped:
        rows = ([formula_safe(c) if isinstance(c, str) else c for c in row] for row in rows)
    scope = current_partner_scope()
    writer = csv.writer(_Line(), lineterminator="\r\n")

    def lines() -> Iterator[str]:
        with partner_scope(scope):
            yield writer.writerow(header)
            for row in rows:
                yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
