"""API writes as imports: records addressed by the caller's keys, written by the one importer.

Every write goes through `import_rows`, so the API validates exactly as a file import does and a
refused write stores nothing.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import DO_NOTHING, SET_DEFAULT, SET_NULL, ProtectedError, RestrictedError
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response

from outward.core.api import Pagination
from outward.core.api_errors import field_errors
from outward.exchange.domain import ImportFailed, import_rows, importer_for


def row_value(name: str, value) -> str:
    """One JSON value as the import's string cell; objects, lists and booleans are refused."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise exceptions.ValidationError({name: ["must be a string or a number"]})
    return str(value)


def request_row(data) -> dict[str, str]:
    """The request body as one import row (column -> string)."""
    if not hasattr(data, "items"):
        raise exceptions.ValidationError({"non_field_errors": ["the body must be a JSON object"]})
    return {str(name): row_value(str(name), value) for name, value in data.items()}


def import_one(*, kind: str, row: dict[str, str], user) -> None:
    """Store one row exactly as an import would; the importer's row errors become a 400."""
    # A required field left out is that field's error ("is required"), not a header problem.
    missing = {name: "" for name in importer_for(kind).required_names() if name not in row}
    try:
        with transaction.atomic():
            import_rows(kind=kind, rows=[{**row, **missing}], user=user)
    except ImportFailed as exc:
        raise exceptions.ValidationError(field_errors(exc)) from exc


def references_blocking_delete(instance) -> list[str]:
    """What still refers to `instance`, e.g. `["3 deals"]`.

    Records that describe it go with it: their model says so with `part_of = "<app>.<Model>"`
    (or a tuple of such labels)
    (a partner's e-mail domains, the territories it covers).

    One COUNT per relation (never loading the referring rows); references that are merely
    cleared on delete (SET_NULL and the like) do not block.
    """
    found = []
    relations = sorted(
        instance._meta.related_objects, key=lambda r: r.related_model._meta.model_name
    )
    for relation in relations:
        model = relation.related_model
        part_of = getattr(model, "part_of", ())
        if relation.many_to_many or instance._meta.label in (
            (part_of,) if isinstance(part_of, str) else part_of
        ):
            continue
        if relation.on_delete in (SET_NULL, SET_DEFAULT, DO_NOTHING):
            continue
        count = model._base_manager.filter(**{relation.field.name: instance}).count()
        if count:
            name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
            found.append(f"{count} {name}")
    return found


class ImportedRecordViewSet(viewsets.ModelViewSet):
    """A resource whose rows are those of an import kind, addressed by its key column.

    `lookup_field` is both the model field and the import column of the key.

    POST creates (a key that exists already is a 400), PUT replaces every column, PATCH changes
    the columns it names; all three validate through the importer. DELETE is refused with a 400
    while other records still refer to the record.
    """

    kind: str = ""
    # Read-only fields computed from the record (not import columns): ignored in a request body.
    derived_fields: tuple[str, ...] = ()
    lookup_value_regex = "[^/]+"
    pagination_class = Pagination
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_object(self):
        key = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        obj = self.get_queryset().filter(**{self.lookup_field: key}).first()
        if obj is None:
            raise exceptions.NotFound()
        self.check_object_permissions(self.request, obj)
        return obj

    def stored(self, key: str):
        """The record just written, read back through the caller's scope."""
        obj = self.get_queryset().filter(**{self.lookup_field: key}).first()
        if obj is None:  # the importer accepted a row the caller's scope cannot see
            raise exceptions.NotFound()
        return obj

    @property
    def columns(self) -> tuple[str, ...]:
        return importer_for(self.kind).column_names()

    def record_row(self, obj) -> dict[str, str]:
        data = self.get_serializer(obj).data
        return {column: row_value(column, data.get(column)) for column in self.columns}

    def request_row(self, request) -> dict[str, str]:
        row = request_row(request.data)
        for name in self.derived_fields:
            row.pop(name, None)
        return row

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        row = self.request_row(request)
        key = row.get(self.lookup_field, "")
        if key and self.get_queryset().filter(**{self.lookup_field: key}).exists():
            raise exceptions.ValidationError(
                {self.lookup_field: [f"{key} exists already; change it with PUT or PATCH"]}
            )
        import_one(kind=self.kind, row=row, user=request.user)
        return self.respond(self.stored(key), status.HTTP_201_CREATED)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        key = getattr(obj, self.lookup_field)
        changes = self.request_row(request)
        if changes.get(self.lookup_field, key) != key:
            raise exceptions.ValidationError(
                {self.lookup_field: [f"the key is {key} (from the URL); it cannot be changed"]}
            )
        if kwargs.get("partial"):
            row = {**self.record_row(obj), **changes}
        else:
            row = dict.fromkeys(self.columns, "") | changes
        row[self.lookup_field] = key
        import_one(kind=self.kind, row=row, user=request.user)
        return self.respond(self.stored(key), status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        key = getattr(obj, self.lookup_field)
        with transaction.atomic():
            blocking = references_blocking_delete(obj)
            try:
                if not blocking:
                    obj.delete()
                    importer_for(self.kind).after_delete(obj)
            except (ProtectedError, RestrictedError):  # a reference added meanwhile
                blocking = ["other records"]
        if blocking:
            message = f"{key} is still referenced by {', '.join(blocking)}; remove those first"
            raise exceptions.ValidationError({"non_field_errors": [message]})
        return Response(status=status.HTTP_204_NO_CONTENT)

    def respond(self, obj, code: int) -> Response:
        return Response(self.get_serializer(obj).data, status=code)
