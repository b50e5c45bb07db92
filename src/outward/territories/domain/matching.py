"""Which territory an account belongs to: the matching and assignment rules of
shared/spec/territories.md, as one pure function of the tree and the account.

A territory matches an account when every criterion set on it and on each of its ancestors
holds; an empty criterion holds for every account; a criterion about a field the account does
not have fails. Of the matching territories the deepest wins, then the highest priority, then
the smallest territory_id (compared as strings).

Accounts are many and the distinct answers few: the matcher reduces an account to the facts
the tree can tell apart (its postal code to the longest prefix of the tree it starts with, its
employees to the interval between the tree's thresholds, a country, subdivision or industry no
territory names to "none") and answers each distinct combination once. An answer is found by
walking down from the roots: a territory can only match where its parent matched (criteria are
inherited), and each node indexes its children by the values their criteria name, so only the
few children an account could match are tested — never every territory.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


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


def admits(criteria: Criteria, account: Account) -> bool:
    """`holds` without the explanation: the test the matcher runs on every candidate."""
    if criteria.countries and account.country.upper() not in criteria.countries:
        return False
    if criteria.subdivisions and account.subdivision.upper() not in criteria.subdivisions:
        return False
    if criteria.postal_prefixes:
        postal = normal_postal(account.postal_code)
        if not postal or not postal.startswith(criteria.postal_prefixes):
            return False
    if criteria.industries and (
        not account.industry or account.industry.lower() not in criteria.industries
    ):
        return False
    low, high = criteria.min_employees, criteria.max_employees
    if low is not None or high is not None:
        employees = account.employees
        if employees is None:
            return False
        if (low is not None and employees < low) or (high is not None and employees > high):
            return False
    return True


@dataclass
class _Children:
    """A node's children indexed by the one kind of value each child's criteria name first."""

    by_country: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    by_subdivision: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    by_industry: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    by_postal: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    postal_lengths: tuple[int, ...] = ()
    others: list[Node] = field(default_factory=list)

    def add(self, node: Node) -> None:
        criteria = node.criteria
        for values, index in (
            (criteria.countries, self.by_country),
            (criteria.subdivisions, self.by_subdivision),
            (criteria.industries, self.by_industry),
            (criteria.postal_prefixes, self.by_postal),
        ):
            if values:
                for value in values:
                    index[value].append(node)
                break
        else:
            self.others.append(node)
        self.postal_lengths = tuple(sorted({len(p) for p in self.by_postal}))

    def candidates(self, account: Account) -> list[Node]:
        """The children the account could match (each once); the others cannot."""
        found = list(self.others)
        if self.by_country:
            found += self.by_country.get(account.country.upper(), ())
        if self.by_subdivision:
            found += self.by_subdivision.get(account.subdivision.upper(), ())
        if self.by_industry and account.industry:
            found += self.by_industry.get(account.industry.lower(), ())
        if self.postal_lengths:
            postal = normal_postal(account.postal_code)
            if postal:
                for length in self.postal_lengths:
                    found += self.by_postal.get(postal[:length], ())
                # A child with two prefixes of one postal code ("8", "80") came twice.
                found = list(dict.fromkeys(found))
        return found


class _Place:
    """The criteria about postal codes, industries and employees that can matter for the
    accounts of one country and subdivision; accounts with equal facts land alike."""

    def __init__(self, criteria: list[Criteria]):
        self.prefixes = {p for each in criteria for p in each.postal_prefixes}
        self.prefix_lengths = sorted({len(p) for p in self.prefixes}, reverse=True)
        self.industries = {i for each in criteria for i in each.industries}
        thresholds = set()
        for each in criteria:
            if each.min_employees is not None:
                thresholds.add(each.min_employees)
            if each.max_employees is not None:
                thresholds.add(each.max_employees)
        self.thresholds = sorted(thresholds)

    def facts(self, postal_code: str, industry: str, employees) -> tuple:
        """An account's postal code as the longest prefix it starts with (None: none), its
        industry if a criterion names it, its employees as a place among the thresholds."""
        if employees is None:
            size = None
        elif self.thresholds:
            # An even number names a threshold exactly, an odd one the interval between two.
            below = bisect_left(self.thresholds, employees)
            size = 2 * below if bisect_right(self.thresholds, employees) > below else 2 * below - 1
        else:
            size = 0
        prefix = None
        if self.prefixes and postal_code:
            postal = postal_code.replace(" ", "").upper()
            if postal:
                for length in self.prefix_lengths:
                    if postal[:length] in self.prefixes:
                        prefix = postal[:length]
                        break
        if self.industries and industry:
            industry = industry.lower()
            industry = industry if industry in self.industries else ""
        else:
            industry = ""
        return prefix, industry, size


class Matcher:
    """Assigns accounts to the territories of one tree (spec/territories.md, "Assignment").

    A node whose parent is not in the tree is a root; a node on a cycle is reached from no
    root and matches nothing (imports refuse cycles).
    """

    def __init__(self, nodes: Iterable[Node]):
        self.nodes = {node.territory_id: node for node in nodes}
        self._children: dict[str | None, _Children] = defaultdict(_Children)
        for node in self.nodes.values():
            parent = node.parent_id if node.parent_id in self.nodes else None
            self._children[parent].add(node)
        self.depth = self._depths()
        self._places: dict[tuple[str, str], _Place] = {}
        self._answers: dict[tuple, str | None] = {}

    def _depths(self) -> dict[str, int]:
        """The number of ancestors of each node reached from a root."""
        depth: dict[str, int] = {}
        stack = [(node, 0) for node in self._all_children(None)]
        while stack:
            node, level = stack.pop()
            depth[node.territory_id] = level
            stack += [(child, level + 1) for child in self._all_children(node.territory_id)]
        return depth

    def _all_children(self, parent_id: str | None) -> list[Node]:
        children = self._children.get(parent_id)
        if children is None:
            return []
        found = [*children.others]
        for index in (
            children.by_country,
            children.by_subdivision,
            children.by_industry,
            children.by_postal,
        ):
            found += [node for nodes in index.values() for node in nodes]
        return list(dict.fromkeys(found))

    def _place(self, country: str, subdivision: str) -> "_Place":
        """What tells apart the accounts of one country and subdivision: the criteria of the
        territories those two do not already rule out (built once per pair)."""
        within = []
        parents: list[str | None] = [None]
        while parents:
            for node in self._all_children(parents.pop()):
                criteria = node.criteria
                if criteria.countries and country not in criteria.countries:
                    continue
                if criteria.subdivisions and subdivision not in criteria.subdivisions:
                    continue
                within.append(criteria)
                parents.append(node.territory_id)
        place = self._places[country, subdivision] = _Place(within)
        return place

    def assign(self, account: Account) -> str | None:
        """The territory_id the account is assigned to, or None when no territory matches."""
        return self.assign_values(
            account.country,
            account.subdivision,
            account.postal_code,
            account.industry,
            account.employees,
        )

    def assign_values(
        self, country: str, subdivision: str, postal_code: str, industry: str, employees
    ) -> str | None:
        """`assign` for an account's fields as stored (no Account built unless needed)."""
        pair = (country.upper(), subdivision.upper())
        place = self._places.get(pair) or self._place(*pair)
        facts = (pair, *place.facts(postal_code, industry, employees))
        try:
            return self._answers[facts]
        except KeyError:
            account = Account(country, subdivision, postal_code, industry, employees)
            answer = self._answers[facts] = self._best(account)
            return answer

    def matches(self, account: Account) -> list[str]:
        """Every territory the account matches, found by walking down from the roots."""
        found, parents = [], [None]
        while parents:
            parent = parents.pop()
            children = self._children.get(parent)
            if children is None:
                continue
            for node in children.candidates(account):
                if admits(node.criteria, account):
                    found.append(node.territory_id)
                    parents.append(node.territory_id)
        return found

    def _best(self, account: Account) -> str | None:
        ranked = [
            (-self.depth[key], -self.nodes[key].priority, key) for key in self.matches(account)
        ]
        return min(ranked)[2] if ranked else None

    def chain(self, territory_id: str) -> list[Node]:
        """The territory and its ancestors, the root first."""
        chain, current = [], self.nodes.get(territory_id)
        while current is not None and len(chain) <= len(self.nodes):
            chain.append(current)
            current = self.nodes.get(current.parent_id) if current.parent_id else None
        return chain[::-1]

    def explain(self, account: Account) -> list[tuple[str, list[Check]]]:
        """For each territory reached from a root (by key), the checks of its chain, root first."""
        return sorted(
            (key, [c for n in self.chain(key) for c in checks(n.criteria, account, n.territory_id)])
            for key in self.depth
        )


@dataclass(frozen=True)
class Explanation:
    """Why an account lands where it does: the winner's chain, and why it goes no deeper."""

    territory_id: str | None
    held: list[Check]  # the winner's chain, root first: every check held
    below: list[tuple[str, list[Check]]]  # the winner's children (or the roots) that failed


def explain_assignment(matcher: Matcher, account: Account) -> Explanation:
    """The territory the account would land in, and the criteria that held and failed."""
    territory = matcher.assign(account)
    held = []
    if territory is not None:
        for node in matcher.chain(territory):
            held += checks(node.criteria, account, node.territory_id)
    below = [
        (child.territory_id, checks(child.criteria, account, child.territory_id))
        for child in sorted(matcher._all_children(territory), key=lambda n: n.territory_id)
    ]
    return Explanation(territory, held, [(key, found) for key, found in below if found])
