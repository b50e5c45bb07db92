"""API writes as imports: records addressed by the caller's keys, written by the one importer.

Every write goes through `import_rows`, so the API validates exactly as a file import does and a
refused write stores nothing.
"""

import hashlib
import json
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import DO_NOTHING, SET_DEFAULT, SET_NULL, ProtectedError, RestrictedError
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response

from outward.core.api import Pagination
from outward.core.api_errors import field_errors
from outward.core.locks import CREATE_KEY, lock_for_transaction
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
    importer = importer_for(kind)
    if not any(row.values()):  # an import skips blank rows; a request has nothing else
        required = [name for name in importer.column_names() if name in importer.required_names()]
        raise exceptions.ValidationError(dict.fromkeys(required, ["is required"]))
    missing = {name: "" for name in importer.required_names() if name not in row}
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


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record changed meanwhile."
    default_code = "conflict"


class ImportedRecordViewSet(viewsets.ModelViewSet):
    """A resource whose rows are those of an import kind, addressed by its key column.

    `lookup_field` is both the model field and the import column of the key.

    POST creates (a key that exists already is a 409, also when two clients create it at
    once), PUT replaces every column, PATCH changes the columns it names; all three validate
    through the importer. PUT, PATCH and DELETE lock the record's row for their transaction, so
    concurrent PATCHes of different fields both persist; with `If-Match: <its ETag>` they
    answer 409 when the record changed since it was read. DELETE is refused with a 400 while
    other records still refer to the record.
    """

    kind: str = ""
    # Read-only fields computed from the record (not import columns): ignored in a request body.
    derived_fields: tuple[str, ...] = ()
    lookup_value_regex = "[^/]+"
    pagination_class = Pagination
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_object(self, *, lock: bool = False):
        key = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        queryset = self.get_queryset()
        if lock:  # held until the transaction ends (a no-op on SQLite, which has one writer)
            queryset = queryset.select_for_update(of=("self",))
        obj = queryset.filter(**{self.lookup_field: key}).first()
        if obj is None:
            raise exceptions.NotFound()
        self.check_object_permissions(self.request, obj)
        return obj

    def etag(self, data: dict) -> str:
        """A record's version as an ETag: a digest of its import columns (serialized `data`)."""
        row = {column: row_value(column, data.get(column)) for column in self.columns}
        digest = hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest()
        return f'"{digest[:24]}"'

    def check_if_match(self, request, obj) -> None:
        """409 when the client sent the ETag it read and the record has changed since."""
        header = request.headers.get("If-Match", "").strip()
        if not header or header == "*":
            return
        sent = {tag.strip().removeprefix("W/") for tag in header.split(",")}
        current = self.etag(self.get_serializer(obj).data)
        if current not in sent:
            raise Conflict(
                f"the record changed since you read it (its ETag is now {current}); "
                "read it again and repeat your change"
            )

    def retrieve(self, request, *args, **kwargs):
        return self.respond(self.get_object(), status.HTTP_200_OK)

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
        if key:  # a second create of the same new key waits here, then finds it taken
            lock_for_transaction(CREATE_KEY, f"{self.kind}:{key}")
        taken = f"{key} exists already; change it with PUT or PATCH"
        exists = Conflict({self.lookup_field: [taken]})
        if key and self.get_queryset().filter(**{self.lookup_field: key}).exists():
            raise exists
        try:
            import_one(kind=self.kind, row=row, user=request.user)
        except IntegrityError as exc:  # created meanwhile by a writer that took no lock
            raise exists from exc
        return self.respond(self.stored(key), status.HTTP_201_CREATED)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        obj = self.get_object(lock=True)
        self.check_if_match(request, obj)
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
        with transaction.atomic():
            obj = self.get_object(lock=True)
            self.check_if_match(request, obj)
            key = getattr(obj, self.lookup_field)
            blocking = references_blocking_delete(obj)
            try:
                if not blocking:
                    obj.delete()
            except (ProtectedError, RestrictedError):  # a reference added meanwhile
                blocking = ["other records"]
        if blocking:
            message = f"{key} is still referenced by {', '.join(blocking)}; remove those first"
            raise exceptions.ValidationError({"non_field_errors": [message]})
        return Response(status=status.HTTP_204_NO_CONTENT)

    def respond(self, obj, code: int) -> Response:
        data = self.get_serializer(obj).data
        response = Response(data, status=code)
        response["ETag"] = self.etag(data)
        return response
