"""Coverage (spec/territories.md, "Coverage"): accounts and covering partners per subtree.

A partner covers the territories listed for it and all their descendants; a territory's
accounts are those assigned to it or to any descendant. White space is a territory with
accounts and no partner; a crowded one has more partners than a threshold, absolute or per
1,000 of its accounts. Everything is read through the scoped managers, so a partner user's
coverage holds only their own partner and the accounts they have deals on.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from outward.core.errors import InputError
from outward.core.tenancy import current_partner_scope
from outward.territories.models import Assignment, PartnerTerritory, Territory


@dataclass(frozen=True)
class Crowding:
    """When a territory has too many partners: more than `partners`, or more than
    `per_thousand` partners per 1,000 of its accounts (either may be None: not checked)."""

    partners: int | None = None
    per_thousand: float | None = None

    def crowded(self, *, partners: int, accounts: int) -> bool:
        if self.partners is not None and partners > self.partners:
            return True
        if self.per_thousand is not None and accounts > 0:
            return partners * 1000 / accounts > self.per_thousand
        return False

    @property
    def checked(self) -> bool:
        return self.partners is not None or self.per_thousand is not None


NOT_CHECKED = Crowding()


def parse_crowding(*, partners: str | None, per_thousand: str | None) -> Crowding:
    """Crowding thresholds as typed in an option or a form field, checked."""
    try:
        most = None if partners in (None, "") else int(partners)
        rate = None if per_thousand in (None, "") else float(per_thousand)
    except ValueError as exc:
        raise InputError(f"crowding threshold: {exc}") from exc
    if (most is not None and most < 0) or (rate is not None and not rate >= 0):
        raise InputError("crowding threshold: must not be negative")
    return Crowding(partners=most, per_thousand=rate)


@dataclass(frozen=True)
class TerritoryCoverage:
    territory_id: str
    name: str
    parent_id: str | None
    depth: int
    accounts: int
    partner_ids: tuple[str, ...]
    crowded: bool = False

    @property
    def partners(self) -> int:
        return len(self.partner_ids)

    @property
    def white_space(self) -> bool:
        return self.accounts > 0 and not self.partner_ids

    def as_dict(self) -> dict:
        return {
            "territory_id": self.territory_id,
            "name": self.name,
            "depth": self.depth,
            "accounts": self.accounts,
            "partners": self.partners,
            "partner_ids": list(self.partner_ids),
        }


def territory_coverage(*, crowding: Crowding = NOT_CHECKED) -> list[TerritoryCoverage]:
    """Every territory's coverage, by territory_id: one aggregate query and one tree walk."""
    territories = list(Territory.objects.values_list("pk", "territory_id", "name", "parent_id"))
    own = dict(
        Assignment.objects.order_by()
        .values("territory_id")
        .annotate(n=Count("*"))
        .values_list("territory_id", "n")
    )
    listed: dict[int, set[str]] = defaultdict(set)
    for territory, partner in PartnerTerritory.objects.values_list(
        "territory_id", "partner__partner_id"
    ):
        listed[territory].add(partner)
    children: dict[int | None, list[int]] = defaultdict(list)
    known = {pk for pk, *_ in territories}
    for pk, _, _, parent in territories:
        children[parent if parent in known else None].append(pk)
    depth, partners, order = {}, {}, []
    stack = [(pk, 0, frozenset()) for pk in children[None]]
    while stack:  # top-down: partners and depth come from the ancestors
        pk, level, above = stack.pop()
        depth[pk], partners[pk] = level, above | listed.get(pk, set())
        order.append(pk)
        stack += [(child, level + 1, partners[pk]) for child in children[pk]]
    accounts = dict(own)
    for pk in reversed(order):  # bottom-up: accounts add up from the descendants
        accounts[pk] = own.get(pk, 0) + sum(accounts[c] for c in children[pk])
    key_of = {pk: key for pk, key, *_ in territories}
    found = [
        TerritoryCoverage(
            territory_id=key,
            name=name,
            parent_id=key_of.get(parent),
            depth=depth[pk],
            accounts=accounts[pk],
            partner_ids=tuple(sorted(partners[pk])),
            crowded=crowding.crowded(partners=len(partners[pk]), accounts=accounts[pk]),
        )
        for pk, key, name, parent in territories
        if pk in depth  # a territory on a cycle is below no root (imports refuse cycles)
    ]
    if current_partner_scope() is not None:  # a partner user sees what their partner covers
        found = [row for row in found if row.partner_ids]
    return sorted(found, key=lambda c: c.territory_id)


def coverage_document(*, crowding: Crowding = NOT_CHECKED) -> dict:
    """The JSON of `outward territories coverage`; "crowded" only when a threshold is set."""
    rows = territory_coverage(crowding=crowding)
    document = {
        "territories": [row.as_dict() for row in rows],
        "white_space": [row.territory_id for row in rows if row.white_space],
    }
    if crowding.checked:
        document["crowded"] = [row.territory_id for row in rows if row.crowded]
    return document


@dataclass(frozen=True)
class CountryCoverage:
    country: str
    accounts: int
    partner_ids: tuple[str, ...]

    @property
    def accounts_per_partner(self) -> float | None:
        """None where accounts have no covering partner (white space)."""
        return self.accounts / len(self.partner_ids) if self.partner_ids else None


def country_coverage() -> list[CountryCoverage]:
    """Per account country: its assigned accounts and the partners covering their territories
    (for the map); one aggregate query, in the caller's scope."""
    partners_of = {row.territory_id: row.partner_ids for row in territory_coverage()}
    key_of = dict(Territory.objects.values_list("pk", "territory_id"))
    accounts: dict[str, int] = defaultdict(int)
    partners: dict[str, set[str]] = defaultdict(set)
    rows = (
        Assignment.objects.order_by()
        .values("account__country", "territory_id")
        .annotate(n=Count("*"))
        .values_list("account__country", "territory_id", "n")
    )
    for country, territory, count in rows:
        if not country:
            continue
        accounts[country] += count
        partners[country] |= set(partners_of.get(key_of.get(territory), ()))
    return [
        CountryCoverage(country, accounts[country], tuple(sorted(partners[country])))
        for country in sorted(accounts)
    ]
