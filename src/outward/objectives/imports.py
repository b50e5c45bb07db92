"""The objectives and check-ins import kinds, written with their change history."""

from decimal import Decimal

from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from outward.exchange.domain import values as v
from outward.exchange.domain.kinds import Column, Importer, Reference, register
from outward.objectives.models import CheckIn, Direction, Objective, Source
from outward.partners.models import Partner

NUMBER = v.decimal(max_digits=18, places=4)
# Columns a file may leave out; an objective keeps its stored value for each one missing.
OPTIONAL = ("unit", "direction", "baseline", "weight", "source")


@register
class ObjectiveImporter(Importer):
    """objectives.csv: the partner's own objectives; partner users import their own."""

    kind = "objectives"
    model = Objective
    vendor_only = False
    columns = (
        Column("objective_id", v.key, required=True),
        Column("partner_id", v.key, required=True, source="partner__partner_id"),
        Column("period", v.period, required=True),
        Column("title", v.text(200), required=True),
        Column("unit", v.text(32), empty=""),
        Column("direction", v.choice(*Direction.values), empty=Direction.INCREASE),
        Column("baseline", NUMBER),
        Column("target", NUMBER, required=True),
        Column("weight", v.decimal(max_digits=10, places=4, positive=True), empty=Decimal(1)),
        Column("source", v.choice(*Source.values), empty=Source.MANUAL),
    )
    key_columns = ("objective_id",)
    export_order = ("objective_id",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.partners = Reference("partner_id", Partner, "partner_id")

    def check(self, batch):
        batch = self.refuse_taken_keys(batch, column="objective_id", taken=self._taken)
        return self.resolve(batch, self.partners)

    def _taken(self, keys: list[str]) -> set:
        # Keys are unique across partners: another partner's objective must not be touched.
        with scopes_disabled():
            others = Objective.objects.filter(objective_id__in=keys).exclude(partner_id=self.scope)
            return set(others.values_list("objective_id", flat=True))

    def _values(self, row) -> dict:
        """The row as model field values, for the columns the file has."""
        values = {
            "partner_id": row.partner_id,
            "period": row.period.text,
            "first_month": row.period.first,
            "last_month": row.period.last,
            "title": row.title,
            "target": row.target,
        }
        values |= {name: getattr(row, name) for name in OPTIONAL if self.has(name)}
        return values

    def write(self, batch) -> None:
        keys = [row.objective_id for _, row in batch]
        existing = {o.objective_id: o for o in Objective.objects.filter(objective_id__in=keys)}
        creates, changes = [], []
        fields: set[str] = set()
        for _, row in batch:
            values = self._values(row)
            objective = existing.get(row.objective_id)
            if objective is None:
                creates.append(Objective(objective_id=row.objective_id, **values))
                continue
            self.updated += 1
            changed = [name for name, value in values.items() if getattr(objective, name) != value]
            if changed:
                for name in changed:
                    setattr(objective, name, values[name])
                objective.version += 1  # a form opened before the import now sees a conflict
                fields.update(changed)
                changes.append(objective)
        bulk_create_with_history(creates, Objective, default_user=self.user)
        if changes:
            bulk_update_with_history(
                changes, Objective, sorted(fields | {"version"}), default_user=self.user
            )
        self.created += len(creates)


@register
class CheckInImporter(Importer):
    """checkins.csv: an objective's value as of a date, keyed by (objective_id, date)."""

    kind = "checkins"
    model = CheckIn
    vendor_only = False
    columns = (
        Column("objective_id", v.key, required=True, source="objective__objective_id"),
        Column("date", v.date, required=True),
        Column("value", NUMBER, required=True),
        Column("comment", v.text(10000), empty="", multiline=True),
    )
    key_columns = ("objective_id", "date")
    export_order = ("objective__objective_id", "date")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.objectives = Reference("objective_id", Objective, "objective_id")

    def check(self, batch):
        return self.resolve(batch, self.objectives)

    def write(self, batch) -> None:
        pks = {row.objective_id for _, row in batch}
        existing = {
            (c.objective_id, c.date): c for c in CheckIn.objects.filter(objective_id__in=pks)
        }
        creates, changes = [], []
        for _, row in batch:
            checkin = existing.get((row.objective_id, row.date))
            if checkin is None:
                creates.append(
                    CheckIn(
                        objective_id=row.objective_id,
                        date=row.date,
                        value=row.value,
                        comment=row.comment,
                    )
                )
                continue
            self.updated += 1
            comment = row.comment if self.has("comment") else checkin.comment
            if checkin.value != row.value or checkin.comment != comment:
                checkin.value, checkin.comment = row.value, comment
                changes.append(checkin)
        bulk_create_with_history(creates, CheckIn, default_user=self.user)
        bulk_update_with_history(changes, CheckIn, ["value", "comment"], default_user=self.user)
        self.created += len(creates)
