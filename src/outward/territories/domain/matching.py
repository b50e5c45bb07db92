"""Which territory an account belongs to: the matching and assignment rules of
shared/spec/territories.md, as one pure function of the tree and the account.

A territory matches an account when every criterion set on it and on each of its ancestors
holds; an empty criterion holds for every account; a criterion about a field the account does
not have fails. Of the matching territories the deepest wins, then the highest priority, then
the smallest territory_id (compared as strings).

Accounts are many and the distinct answers few: the matcher reduces an account to the facts
the tree can tell apart (its postal code cut to the longest prefix, its employees to the
interval between the tree's thresholds) and answers each distinct combination once.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


def normal_postal(code: str) -> str:
    """A postal code or prefix as compared: spaces removed, upper-cased."""
    return code.replace(" ", "").upper()


@dataclass(frozen=True)
class Criteria:
    """A territory's own criteria; empty ones hold for every account."""

    countries: frozenset[str] = frozenset()
    subdivisions: frozenset[str] = frozenset()
    postal_prefixes: tuple[str, ...] = ()
    industries: frozenset[str] = frozenset()
    min_employees: int | None = None
    max_employees: int | None = None

    @classmethod
    def of(
        cls,
        *,
        countries: Iterable[str] = (),
        subdivisions: Iterable[str] = (),
        postal_prefixes: Iterable[str] = (),
        industries: Iterable[str] = (),
        min_employees: int | None = None,
        max_employees: int | None = None,
    ) -> "Criteria":
        """Criteria as written in territories.csv, normalised for comparing."""
        return cls(
            countries=frozenset(c.upper() for c in countries),
            subdivisions=frozenset(s.upper() for s in subdivisions),
            postal_prefixes=tuple(sorted({normal_postal(p) for p in postal_prefixes})),
            industries=frozenset(i.lower() for i in industries),
            min_employees=min_employees,
            max_employees=max_employees,
        )


@dataclass(frozen=True)
class Account:
    """What matching looks at: empty strings and None are fields the account does not have."""

    country: str = ""
    subdivision: str = ""
    postal_code: str = ""
    industry: str = ""
    employees: int | None = None


@dataclass(frozen=True)
class Check:
    """One criterion of one territory tested against an account, for explaining a match."""

    territory_id: str
    criterion: str
    wanted: str
    held: bool


def checks(criteria: Criteria, account: Account, territory_id: str = "") -> list[Check]:
    """Each criterion set on `criteria`, and whether it holds for the account."""
    found = []
    if criteria.countries:
        held = account.country.upper() in criteria.countries
        found.append(Check(territory_id, "countries", _listed(criteria.countries), held))
    if criteria.subdivisions:
        held = account.subdivision.upper() in criteria.subdivisions
        found.append(Check(territory_id, "subdivisions", _listed(criteria.subdivisions), held))
    if criteria.postal_prefixes:
        postal = normal_postal(account.postal_code)
        held = bool(postal) and postal.startswith(criteria.postal_prefixes)
        found.append(
            Check(territory_id, "postal_prefixes", ";".join(criteria.postal_prefixes), held)
        )
    if criteria.industries:
        held = bool(account.industry) and account.industry.lower() in criteria.industries
        found.append(Check(territory_id, "industries", _listed(criteria.industries), held))
    if criteria.min_employees is not None:
        held = account.employees is not None and account.employees >= criteria.min_employees
        found.append(Check(territory_id, "min_employees", str(criteria.min_employees), held))
    if criteria.max_employees is not None:
        held = account.employees is not None and account.employees <= criteria.max_employees
        found.append(Check(territory_id, "max_employees", str(criteria.max_employees), held))
    return found


def _listed(values: frozenset[str]) -> str:
    return ";".join(sorted(values))


def holds(criteria: Criteria, account: Account) -> bool:
    """Whether every criterion set holds for the account."""
    return all(check.held for check in checks(criteria, account))


@dataclass(frozen=True)
class Node:
    """A territory of the tree: its key, its parent's key and its own criteria."""

    territory_id: str
    parent_id: str | None
    criteria: Criteria = Criteria()
    priority: int = 0


class Matcher:
    """Assigns accounts to the territories of one tree (spec/territories.md, "Assignment")."""

    def __init__(self, nodes: Iterable[Node]):
        by_id = {node.territory_id: node for node in nodes}
        self.chains: list[tuple[Node, tuple[Node, ...]]] = []
        for node in by_id.values():
            chain, current, seen = [], node, set()
            while current is not None and current.territory_id not in seen:
                seen.add(current.territory_id)
                chain.append(current)
                current = by_id.get(current.parent_id) if current.parent_id else None
            self.chains.append((node, tuple(chain)))
        prefixes = [p for node in by_id.values() for p in node.criteria.postal_prefixes]
        self._postal_length = max((len(p) for p in prefixes), default=0)
        thresholds = set()
        for node in by_id.values():
            if node.criteria.min_employees is not None:
                thresholds.add(node.criteria.min_employees)
            if node.criteria.max_employees is not None:
                thresholds.add(node.criteria.max_employees)
        self._thresholds = sorted(thresholds)
        self._answers: dict[tuple, str | None] = {}

    def _facts(self, account: Account) -> tuple:
        """The parts of an account the tree can tell apart; equal facts, equal territory."""
        employees = account.employees
        if employees is None:
            size = None
        else:
            # An even number names a threshold exactly, an odd one the interval between two.
            below = bisect_left(self._thresholds, employees)
            size = 2 * below if bisect_right(self._thresholds, employees) > below else 2 * below - 1
        return (
            account.country.upper(),
            account.subdivision.upper(),
            normal_postal(account.postal_code)[: self._postal_length],
            account.industry.lower(),
            size,
        )

    def assign(self, account: Account) -> str | None:
        """The territory_id the account is assigned to, or None when no territory matches."""
        facts = self._facts(account)
        if facts not in self._answers:
            self._answers[facts] = self._best(account)
        return self._answers[facts]

    def _best(self, account: Account) -> str | None:
        matches = [
            (-len(chain), -node.priority, node.territory_id)
            for node, chain in self.chains
            if all(holds(n.criteria, account) for n in chain)
        ]
        return min(matches)[2] if matches else None

    def explain(self, account: Account) -> list[tuple[str, list[Check]]]:
        """For each territory (by key), the checks of its chain from the root down."""
        return sorted(
            (
                node.territory_id,
                [c for n in reversed(chain) for c in checks(n.criteria, account, n.territory_id)],
            )
            for node, chain in self.chains
        )
