"""Creating, renaming, moving a territory and editing its criteria, from a page or the API.

Every change re-assigns only the accounts it may move (`assignment.reassign_after_change`) and
says how many moved. Codes are checked against ISO 3166 (pycountry, as the import does).
"""

from dataclasses import dataclass

from django.db import transaction

from outward.core.errors import InputError
from outward.exchange.domain import values as v
from outward.territories.domain.assignment import reassign_after_change, subtree_pks
from outward.territories.models import Territory

LARGEST = 2**31 - 1  # what every database's integer column holds


class TerritoryRefused(InputError):
    """A territory change refused: `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{field}: {text}" for field, text in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class Change:
    territory: Territory
    moved: int  # accounts whose territory changed


def _codes(values, parse, field: str, problems: dict) -> list[str]:
    found = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            code = parse(value)
        except ValueError as exc:
            problems[field] = str(exc)
            continue
        if code not in found:
            found.append(code)
    return found


def _texts(fields: dict, field: str, longest: int, problems: dict) -> list[str]:
    values = fields.get(field, ())
    found = list(dict.fromkeys(value.strip() for value in values if value.strip()))
    for value in found:
        if len(value) > longest:
            problems[field] = f"{value[:20]!r}… is longer than {longest} characters"
    return found


def _checked(*, territory: Territory, parent_key: str | None, fields: dict) -> dict:
    """The fields cleaned, or TerritoryRefused naming every field at fault."""
    problems: dict[str, str] = {}
    name = (fields.get("name") or "").strip()
    if not name:
        problems["name"] = "a territory needs a name"
    elif len(name) > 200:
        problems["name"] = "at most 200 characters"
    parent = None
    if parent_key:
        parent = Territory.objects.filter(territory_id=parent_key).first()
        if parent is None:
            problems["parent_id"] = f"unknown territory {parent_key!r}"
        elif territory.pk and parent.pk in subtree_pks(territory_id=territory.territory_id):
            problems["parent_id"] = "a territory cannot move below itself"
    cleaned = {
        "name": name,
        "parent": parent,
        "countries": _codes(fields.get("countries", ()), v.country, "countries", problems),
        "subdivisions": _codes(
            fields.get("subdivisions", ()), v.subdivision, "subdivisions", problems
        ),
        "postal_prefixes": _texts(fields, "postal_prefixes", 32, problems),
        "industries": _texts(fields, "industries", 100, problems),
    }
    for key in ("priority", "min_employees", "max_employees"):
        value = fields.get(key)
        if value in (None, ""):
            cleaned[key] = 0 if key == "priority" else None
            continue
        try:
            cleaned[key] = int(value)
        except (TypeError, ValueError):
            problems[key] = f"{value!r} is not a whole number"
            continue
        lowest = -LARGEST - 1 if key == "priority" else 0
        if not lowest <= cleaned[key] <= LARGEST:
            problems[key] = f"must lie between {lowest:,} and {LARGEST:,}"
    low, high = cleaned.get("min_employees"), cleaned.get("max_employees")
    if low is not None and high is not None and low > high:
        problems["max_employees"] = f"{high} is below min_employees {low}"
    if problems:
        raise TerritoryRefused(problems)
    return cleaned


def create_territory(*, territory_id: str, parent_id: str | None = None, **fields) -> Change:
    """A new territory in the tree; the accounts its chain admits may move to it."""
    if not territory_id.strip():
        raise TerritoryRefused({"territory_id": "a territory needs a key"})
    try:
        key = v.key(territory_id.strip())
    except ValueError as exc:
        raise TerritoryRefused({"territory_id": str(exc)}) from exc
    if Territory.objects.filter(territory_id=key).exists():
        raise TerritoryRefused({"territory_id": f"{key!r} exists already"})
    territory = Territory(territory_id=key)
    cleaned = _checked(territory=territory, parent_key=parent_id, fields=fields)
    with transaction.atomic():
        for name, value in cleaned.items():
            setattr(territory, name, value)
        territory.save()
        outcome = reassign_after_change(territory_id=key)
    return Change(territory, outcome.moved)


def update_territory(*, territory: Territory, parent_id: str | None = None, **fields) -> Change:
    """Rename, move or re-criteria a territory; only the accounts it concerns are re-assigned."""
    cleaned = _checked(territory=territory, parent_key=parent_id, fields=fields)
    with transaction.atomic():
        before = subtree_pks(territory_id=territory.territory_id)
        for name, value in cleaned.items():
            setattr(territory, name, value)
        territory.save()
        outcome = reassign_after_change(territory_id=territory.territory_id, before=before)
    return Change(territory, outcome.moved)
