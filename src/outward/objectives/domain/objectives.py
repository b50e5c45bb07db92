"""Objectives and check-ins: creation, versioned edits (optimistic concurrency), history.

Validation is the import's (``outward.exchange.domain.import_rows``): a form, the API and a file
accept and refuse exactly the same values, and the importer records the change history.
"""

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django_scopes import scopes_disabled

from outward.core.errors import InputError
from outward.core.periods import Period
from outward.exchange.domain import cell_text, import_rows
from outward.objectives.imports import ObjectiveImporter
from outward.objectives.models import CheckIn, Objective

# The objectives.csv columns a form edits: all but the two keys.
OBJECTIVE_FIELDS = tuple(
    name for name in ObjectiveImporter.column_names() if name not in ("objective_id", "partner_id")
)


class StaleObjective(InputError):
    """The objective changed since the editor opened it; nothing was saved."""

    def __init__(self, current: Objective):
        super().__init__(
            "Someone else changed this objective since you opened it — here is the current "
            "version. Your changes were not saved; re-apply them if they still make sense."
        )
        self.current = current


def _new_objective_key() -> str:
    # Keys are global; a clash with another partner's key must not reveal that record.
    with scopes_disabled():
        while True:
            key = f"OBJ-{secrets.token_hex(4).upper()}"
            if not Objective.objects.filter(objective_id=key).exists():
                return key


def objective_row(*, objective: Objective) -> dict[str, str]:
    """The objective as an objectives.csv row (the text a form or an import carries)."""
    row = {name: cell_text(getattr(objective, name)) for name in OBJECTIVE_FIELDS}
    row.update(objective_id=objective.objective_id, partner_id=objective.partner.partner_id)
    return row


def create_objective(*, partner, fields: dict[str, str], user=None) -> Objective:
    """Record a new objective of the partner (key generated); validated as the import does."""
    key = _new_objective_key()
    row = {name: cell_text(fields.get(name)) for name in OBJECTIVE_FIELDS}
    row.update(objective_id=key, partner_id=partner.partner_id)
    with transaction.atomic():
        import_rows(kind="objectives", rows=[row], user=user)
    return Objective.objects.get(objective_id=key)


def update_objective(
    *, objective: Objective, fields: dict[str, str], expected_version: int, user=None
) -> Objective:
    """Save an edit made from `expected_version`; refuse it (StaleObjective) if that is stale."""
    row = objective_row(objective=objective)
    row.update({name: cell_text(fields[name]) for name in OBJECTIVE_FIELDS if name in fields})
    with transaction.atomic():
        # The gate: UPDATE … WHERE pk=? AND version=?. It also locks the row, so of two
        # concurrent saves from the same version exactly one passes.
        passed = Objective.objects.filter(pk=objective.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not passed:
            raise StaleObjective(Objective.objects.get(pk=objective.pk))
        import_rows(kind="objectives", rows=[row], user=user)
        # The importer bumps the version of changed objectives too (so imports stale open
        # forms); one edit through here counts as one version.
        Objective.objects.filter(pk=objective.pk).update(version=expected_version + 1)
        saved = Objective.objects.select_related("partner").get(pk=objective.pk)
    return saved


def record_checkin(
    *, objective: Objective, date: str | dt.date, value: str | Decimal, comment: str = "", user=None
) -> CheckIn:
    """Record the objective's value as of a date (a second one on the same date replaces it)."""
    row = {
        "objective_id": objective.objective_id,
        "date": cell_text(date.isoformat() if isinstance(date, dt.date) else date),
        "value": cell_text(value),
        "comment": (comment or "").strip(),
    }
    with transaction.atomic():
        import_rows(kind="checkins", rows=[row], user=user)
    return CheckIn.objects.get(objective=objective, date=row["date"])


def checkin_not_counted(*, objective: Objective, date: dt.date, today: dt.date) -> str | None:
    """Why a check-in of this date does not count (shared/spec/health.md counts only those
    dated inside the objective's period and not after the as-of date), or None if it does.

    The pages ask before storing such a check-in; imports and the API accept it as it is.
    """
    period = Period.parse(objective.period)
    if not period.start <= date <= period.end:
        return (
            f"{date.isoformat()} lies outside the objective's period {objective.period} "
            f"({period.start.isoformat()} to {period.end.isoformat()}): this check-in will "
            "never count towards its status."
        )
    if date > today:
        return (
            f"{date.isoformat()} is in the future: this check-in will not count before that day "
            "(the status uses the latest check-in up to today)."
        )
    return None


@dataclass(frozen=True)
class Change:
    """One history entry: who changed what, when; `fields` holds (field, old, new)."""

    when: dt.datetime
    who: str
    what: str
    action: str
    fields: tuple[tuple[str, str, str], ...]


_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _changes(records, what) -> list[Change]:
    previous_by_key: dict = {}
    changes = []
    for record in records:  # oldest first, already fetched: diffs are computed in memory
        key = record.id
        previous = previous_by_key.get(key)
        if previous is None or record.history_type != "~":
            fields = ()
        else:
            delta = record.diff_against(previous)
            fields = tuple(
                (c.field, cell_text(c.old), cell_text(c.new))
                for c in delta.changes
                if c.field not in ("first_month", "last_month")
            )
        user = record.history_user
        changes.append(
            Change(
                when=record.history_date,
                who=(user.email or user.username) if user else "system",
                what=what(record),
                action=_ACTIONS.get(record.history_type, record.history_type),
                fields=fields,
            )
        )
        previous_by_key[key] = record
    return changes


def objective_history(*, objective: Objective) -> list[Change]:
    """The objective's and its check-ins' change history, newest first."""
    own = objective.history.select_related("history_user").order_by("history_date", "history_id")
    checkins = (
        CheckIn.history.filter(objective_id=objective.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes = _changes(own, lambda r: "Objective")
    changes += _changes(checkins, lambda r: f"Check-in {r.date.isoformat()}")
    return sorted(changes, key=lambda c: c.when, reverse=True)
