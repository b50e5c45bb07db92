"""The partner's objectives and their check-ins, written with change history."""

from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from outward.exchange.domain import values as v
from outward.exchange.domain.importers.base import Column, Importer, Reference
from outward.exchange.domain.importers.sales import as_date, partner_pks
from outward.exchange.domain.values import to_decimal
from outward.objectives.models import CheckIn, Objective

NUMBER = v.decimal(max_digits=18, places=4)
SOURCES = ("manual", "vendor_revenue", "vendor_deals_won", "vendor_new_customers")


def objective_pks(keys: list[str]):
    return Objective.objects.filter(objective_id__in=keys).values_list("objective_id", "pk")


class ObjectiveImporter(Importer):
    kind = "objectives"
    vendor_only = False
    columns = (
        Column("objective_id", v.key, required=True),
        Column("partner_id", v.key, required=True),
        Column("period", v.period, required=True),
        Column("title", v.text(200), required=True),
        Column("unit", v.text(32)),
        Column("direction", v.choice("increase", "decrease")),
        Column("baseline", NUMBER),
        Column("target", NUMBER, required=True),
        Column("weight", v.decimal(max_digits=10, places=4, positive=True)),
        Column("source", v.choice(*SOURCES)),
    )
    key_columns = ("objective_id",)
    defaults = {"unit": "", "direction": "increase", "baseline": None, "weight": "1"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.partners = Reference("partner_id", "partner", partner_pks)

    def check(self, batch):
        batch = self.refuse_taken_keys(batch, column="objective_id", taken=self._taken)
        return self.resolve(batch, self.partners)

    def _taken(self, keys: list[str]) -> set:
        # Keys are unique across partners: another partner's objective must not be touched.
        with scopes_disabled():
            others = Objective.objects.filter(objective_id__in=keys).exclude(partner_id=self.scope)
            return set(others.values_list("objective_id", flat=True))

    def _values(self, parsed) -> dict:
        """The row as model field values, for the columns the file has."""
        (key, partner, period, title, unit, direction, baseline, target, weight, source) = parsed
        values = {
            "partner_id": partner,
            "period": period.text,
            "first_month": period.first,
            "last_month": period.last,
            "title": title,
            "target": to_decimal(target),
            "unit": unit or "",
            "direction": direction or "increase",
            "baseline": None if baseline is None else to_decimal(baseline),
            "weight": to_decimal(weight or "1"),
            "source": source or "manual",
        }
        optional = ("unit", "direction", "baseline", "weight", "source")
        return {
            name: value for name, value in values.items() if name not in optional or self.has(name)
        }

    def write(self, batch) -> None:
        keys = [parsed[0] for _, parsed in batch]
        existing = {o.objective_id: o for o in Objective.objects.filter(objective_id__in=keys)}
        creates, changes = [], []
        fields: set[str] = set()
        for _, parsed in batch:
            values = self._values(parsed)
            objective = existing.get(parsed[0])
            if objective is None:
                creates.append(Objective(objective_id=parsed[0], **values))
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


class CheckInImporter(Importer):
    kind = "checkins"
    vendor_only = False
    columns = (
        Column("objective_id", v.key, required=True),
        Column("date", v.date, required=True),
        Column("value", NUMBER, required=True),
        Column("comment", v.text(10000)),
    )
    key_columns = ("objective_id", "date")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.objectives = Reference("objective_id", "objective", objective_pks)

    def check(self, batch):
        return self.resolve(batch, self.objectives)

    def write(self, batch) -> None:
        pks = {parsed[0] for _, parsed in batch}
        existing = {
            (c.objective_id, c.date): c for c in CheckIn.objects.filter(objective_id__in=pks)
        }
        creates, changes = [], []
        for _, (objective, date, value, comment) in batch:
            day, amount = as_date(date), to_decimal(value)
            checkin = existing.get((objective, day))
            if checkin is None:
                creates.append(
                    CheckIn(objective_id=objective, date=day, value=amount, comment=comment or "")
                )
                continue
            self.updated += 1
            new_comment = (comment or "") if self.has("comment") else checkin.comment
            if checkin.value != amount or checkin.comment != new_comment:
                checkin.value, checkin.comment = amount, new_comment
                changes.append(checkin)
        bulk_create_with_history(creates, CheckIn, default_user=self.user)
        bulk_update_with_history(changes, CheckIn, ["value", "comment"], default_user=self.user)
        self.created += len(creates)
