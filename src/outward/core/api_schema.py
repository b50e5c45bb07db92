"""The OpenAPI schema documents the errors the API really answers, with their JSON bodies.

drf-spectacular documents only the success of an operation; `AutoSchema` here adds, to every
operation, the error answers that `core.api_errors`, `core.permissions` and
`exchange.api.ImportedRecordViewSet` give:

- 400 `{"field": ["message", …]}` (or `{"detail": "…"}` for unparseable input): a bad body, a bad
  filter, a control character in any input;
- 401 `{"detail": "…"}`: no token, or a revoked one;
- 403 `{"detail": "…"}`: signed in but not allowed (a partner user writing vendor records);
- 404 `{"detail": "…"}`: a record that does not exist or is another partner's, a page past
  the end of a list;
- 409 on writes of imported records: the key exists already (POST) or the record changed since
  the `If-Match` ETag was read (PUT, PATCH, DELETE);
- 503 `{"detail": "…"}` with `Retry-After`: SQLite's write lock stayed busy.

A stale `If-Match` is a 409, not a 412, and a missing one is allowed (no 428).
"""

from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions

# `{"detail": "…"}`: authentication, permission, not-found and busy answers.
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# `{"field": ["message", …]}`, `{"non_field_errors": [...]}` or `{"detail": "…"}`.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    },
}
ERRORS = {
    "400": ("FieldErrors", FIELD_ERRORS, "The request is invalid: the errors by field."),
    "401": ("ErrorDetail", DETAIL, "No valid token or session."),
    "403": ("ErrorDetail", DETAIL, "Signed in, but not allowed to do this."),
    "404": ("ErrorDetail", DETAIL, "No such record (or another partner's)."),
    "409": (
        "FieldErrors",
        FIELD_ERRORS,
        "The key exists already, or the record changed since its ETag was read (If-Match).",
    ),
    "503": ("ErrorDetail", DETAIL, "The database is busy; try again after Retry-After seconds."),
}
TYPED = ("type", "format", "maxLength")
WRITES = ("POST", "PUT", "PATCH", "DELETE")


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema of an operation, with the error answers it can give."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # A blank e-mail or URL is stored and answered as "", which is no "email" or "uri":
        # the schema says the empty string is allowed, as the field does.
        if getattr(field, "allow_blank", False) and "format" in schema:
            typed = {key: schema.pop(key) for key in TYPED if key in schema}
            schema["anyOf"] = [typed, {"type": "string", "enum": [""]}]
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self.error_codes():
            if code not in responses:
                responses[code] = self.error_response(code)
        return responses

    def error_codes(self) -> list[str]:
        codes = ["400"]
        if not all(
            isinstance(permission, permissions.AllowAny)
            for permission in self.view.get_permissions()
        ):
            codes += ["401", "403"]
        # A record that does not exist or is another partner's, and a list's page past its end.
        codes.append("404")
        if self.method in WRITES and self.is_imported_record_view():
            codes.append("409")
        codes.append("503")
        return codes

    def is_imported_record_view(self) -> bool:
        # By name, not by import: core sits below exchange (docs/architecture.md).
        return any(
            cls.__name__ == "ImportedRecordViewSet" and cls.__module__ == "outward.exchange.api"
            for cls in type(self.view).__mro__
        )

    def error_response(self, code: str) -> dict:
        name, schema, description = ERRORS[code]
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return {
            "description": description,
            "content": {"application/json": {"schema": component.ref}},
        }
