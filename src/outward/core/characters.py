"""Control characters are refused at every input: addresses, query filters, forms, JSON, files.

PostgreSQL text cannot hold NUL, XLSX cannot hold most C0 characters, and none of them belongs
in a name or a key. Tab, line feed and carriage return are allowed in multi-line text (a
check-in's comment, a plan's notes) and nowhere else.
"""

import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse

CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # C0 and DEL
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # the same but \t \n \r


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first refused character of `text` as `U+0000`, or None when there is none."""
    found = (CONTROL_IN_TEXT if multiline else CONTROL).search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def refused_input(request) -> str | None:
    """What is wrong with a request's address, query or form fields, or None."""
    found = control_character(request.path)
    if found:
        return f"the address contains the control character {found}"
    for name, values in request.GET.lists():
        for text in (name, *values):
            found = control_character(text)
            if found:
                return f"the query parameter {name!r} contains the control character {found}"
    if request.method == "POST" and _small_form(request):
        for name, values in request.POST.lists():
            for text in (name, *values):
                found = control_character(text, multiline=True)
                if found:
                    return f"the field {name!r} contains the control character {found}"
    return None


def _small_form(request) -> bool:
    """A form body small enough to read here; large uploads are left to their views, which
    refuse them by size before reading them."""
    if request.content_type == "application/x-www-form-urlencoded":
        return True
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    return request.content_type == "multipart/form-data" and (
        size <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )


class ControlCharacterMiddleware:
    """Answers 400 to a request whose address, query or form fields hold a control character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = refused_input(request)
        if problem is None:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": problem}, status=400)
        return HttpResponse(
            f"Bad request: {problem}.\n", status=400, content_type="text/plain; charset=utf-8"
        )
