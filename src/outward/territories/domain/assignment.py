"""Storing which territory each account is assigned to, in full or for what a change touched.

The matcher (`matching.py`) decides; this module reads the tree and the accounts, writes only
the assignments that changed (so a re-run stores nothing and gives the same answer) and says how
many accounts moved. After one territory changes, only the accounts it could concern are matched
again: those assigned to its subtree, and those its new chain of criteria could admit (found in
SQL by the chain's countries and subdivisions).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from django.db import connection, transaction

from outward.core.bulk import insert_rows, upsert_rows
from outward.core.errors import InputError
from outward.sales.models import Account as AccountRow
from outward.territories.domain.matching import Criteria, Matcher, Node
from outward.territories.models import Assignment, Territory

ACCOUNT_FIELDS = (
    "pk",
    "account_id",
    "country",
    "subdivision",
    "postal_code",
    "industry",
    "employees",
)
CHUNK = 20_000
_TABLE = Assignment._meta.db_table


@dataclass(frozen=True)
class Tree:
    """The stored territories as the matcher reads them, with their keys by primary key."""

    nodes: list[Node]
    key_of: dict[int, str]
    pk_of: dict[str, int]
    parent_of: dict[str, str | None]

    @cached_property
    def children(self) -> dict[str | None, list[str]]:
        found: dict[str | None, list[str]] = {}
        for child, parent in self.parent_of.items():
            found.setdefault(parent, []).append(child)
        return found

    def subtree(self, key: str) -> set[str]:
        """The territory and all its descendants, by key."""
        children = self.children
        found, stack = set(), [key]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack += children.get(current, [])
        return found

    def chain(self, key: str) -> list[Node]:
        """The territory and its ancestors as nodes, the root first."""
        return Matcher(self.nodes).chain(key)


def criteria_of(territory: Territory) -> Criteria:
    """A stored territory's own criteria, normalised for matching."""
    return Criteria.of(
        countries=territory.countries,
        subdivisions=territory.subdivisions,
        postal_prefixes=territory.postal_prefixes,
        industries=territory.industries,
        min_employees=territory.min_employees,
        max_employees=territory.max_employees,
    )


def load_tree() -> Tree:
    """The whole stored tree (territories are the vendor's, not scoped to a partner)."""
    territories = list(Territory.objects.all())
    key_of = {t.pk: t.territory_id for t in territories}
    nodes = [
        Node(
            territory_id=t.territory_id,
            parent_id=key_of.get(t.parent_id),
            criteria=criteria_of(t),
            priority=t.priority,
        )
        for t in territories
    ]
    return Tree(
        nodes=nodes,
        key_of=key_of,
        pk_of={key: pk for pk, key in key_of.items()},
        parent_of={n.territory_id: n.parent_id for n in nodes},
    )


@dataclass
class Outcome:
    """An assignment run: the answer per spec, and how many accounts it moved."""

    assignments: list[tuple[str, str]]  # (account_id, territory_id), by account_id
    unassigned: list[str]
    accounts: int
    moved: int

    def document(self) -> dict:
        """The JSON of `outward territories assign` (spec/territories.md, "Commands")."""
        return {
            "assignments": [
                {"account_id": account, "territory_id": territory}
                for account, territory in self.assignments
            ],
            "unassigned": self.unassigned,
        }


def _account_rows(queryset) -> Iterator[list[tuple]]:
    """The accounts' matching fields, streamed in chunks straight from the database."""
    sql, params = queryset.values_list(*ACCOUNT_FIELDS).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            yield rows


def _stored(account_pks: Iterable[int] | None = None) -> dict[int, int]:
    """The stored assignments (account pk → territory pk), all or for the given accounts."""
    quoted = connection.ops.quote_name(_TABLE)
    with connection.cursor() as cursor:
        if account_pks is None:
            cursor.execute(f"SELECT account_id, territory_id FROM {quoted}")
            return dict(cursor.fetchall())
        found: dict[int, int] = {}
        pks = list(account_pks)
        for start in range(0, len(pks), 500):
            part = pks[start : start + 500]
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(
                f"SELECT account_id, territory_id FROM {quoted} WHERE account_id IN ({marks})",
                part,
            )
            found.update(cursor.fetchall())
        return found


def _match(*, tree: Tree, chunks, stored: dict[int, int], progress=None, total=0) -> Outcome:
    """Match the accounts' rows, write what changed and return the answer for them."""
    assign, pk_of = Matcher(tree.nodes).assign_values, tree.pk_of
    assignments, unassigned, added, changed, removed, done = [], [], [], [], [], 0
    for rows in chunks:
        for pk, key, country, subdivision, postal, industry, employees in rows:
            territory = assign(country, subdivision, postal, industry, employees)
            before = stored.get(pk)
            if territory is None:
                unassigned.append(key)
                if before is not None:
                    removed.append(pk)
                continue
            assignments.append((key, territory))
            if before is None:
                added.append((pk, pk_of[territory]))
            elif before != pk_of[territory]:
                changed.append((pk, pk_of[territory]))
        done += len(rows)
        if progress is not None:
            progress.update(done=done, total=total, message=f"{done:,} accounts matched")
    _write(added=added, changed=changed, removed=removed)
    assignments.sort()
    unassigned.sort()
    moved = len(added) + len(changed) + len(removed)
    return Outcome(assignments, unassigned, accounts=done, moved=moved)


def _write(*, added: list, changed: list[tuple[int, int]], removed: list[int]) -> None:
    """Store the new assignments (a plain INSERT), the changed ones and the removed ones."""
    with transaction.atomic():
        for start in range(0, len(added), 100_000):
            insert_rows(
                table=_TABLE,
                columns=("account_id", "territory_id"),
                rows=added[start : start + 100_000],
            )
        for start in range(0, len(changed), 100_000):
            upsert_rows(
                table=_TABLE,
                key="account_id",
                columns=("account_id", "territory_id"),
                update=("territory_id",),
                rows=changed[start : start + 100_000],
            )
        for start in range(0, len(removed), 500):
            Assignment.objects.filter(account_id__in=removed[start : start + 500]).delete()


def assign_accounts(*, progress=None) -> Outcome:
    """Assign every account to its territory and store the result (spec "Assignment")."""
    accounts = AccountRow.objects.order_by()  # in table order: the answer is sorted anyway
    total = accounts.count() if progress is not None else 0
    chunks = _account_rows(accounts)
    return _match(tree=load_tree(), chunks=chunks, stored=_stored(), progress=progress, total=total)


def _by_pk(pks: list[int]) -> Iterator[list[tuple]]:
    for start in range(0, len(pks), 500):  # within every database's limit of parameters
        yield from _account_rows(AccountRow.objects.filter(pk__in=pks[start : start + 500]))


def reassign_accounts(*, account_pks: Iterable[int]) -> Outcome:
    """Assign again the given accounts only (one account changed, or a territory went away)."""
    pks = sorted(set(account_pks))
    return _match(tree=load_tree(), chunks=_by_pk(pks), stored=_stored(pks))


def reassign_after_change(*, territory_id: str, before: Iterable[int] = ()) -> Outcome:
    """Re-assign only the accounts one territory's change may move; `moved` says how many did.

    Those are the accounts assigned to its subtree (`before`: the subtree's territory pks
    taken before a move, see `subtree_pks`) and those its chain of criteria, as it is now,
    could admit; only the chain's countries and subdivisions narrow that in SQL, the matcher
    checks the rest. Call it after saving the territory.
    """
    tree = load_tree()
    subtree = set(before) | {tree.pk_of[key] for key in tree.subtree(territory_id)}
    # Unordered: reading in table order spares a walk of the key index.
    assigned = AccountRow.objects.filter(assignment__territory_id__in=subtree).order_by()
    admitted = AccountRow.objects.order_by()
    for node in tree.chain(territory_id):
        if node.criteria.countries:
            admitted = admitted.filter(country__in=sorted(node.criteria.countries))
        if node.criteria.subdivisions:
            admitted = admitted.filter(subdivision__in=sorted(node.criteria.subdivisions))
    rows = {row[0]: row for chunk in _account_rows(assigned) for row in chunk}
    for chunk in _account_rows(admitted):
        rows.update((row[0], row) for row in chunk)
    # Reading every stored assignment beats thousands of IN lists once many accounts are concerned.
    stored = _stored(list(rows)) if len(rows) <= 50_000 else _stored()
    return _match(tree=tree, chunks=[list(rows.values())], stored=stored)


def subtree_pks(*, territory_id: str) -> set[int]:
    """The primary keys of a territory's subtree: take them before moving or deleting it."""
    tree = load_tree()
    return {tree.pk_of[key] for key in tree.subtree(territory_id)}


def reassign_accounts_by_key(*, account_ids: Iterable[str]) -> Outcome:
    """`reassign_accounts` for accounts named by their keys; an unknown key is refused."""
    keys = sorted(set(account_ids))
    found = dict(AccountRow.objects.filter(account_id__in=keys).values_list("account_id", "pk"))
    unknown = [key for key in keys if key not in found]
    if unknown:
        raise InputError(f"--account: unknown account {', '.join(map(repr, unknown))}")
    return reassign_accounts(account_pks=found.values())


# Above this many accounts, one import re-assigns every account: one pass over the table beats
# looking thousands of keys up in lists of 500.
WHOLE_TABLE = 20_000


def reassign_imported(*, account_ids: list[str]) -> Outcome:
    """Assign again the accounts an import has just written (new or changed)."""
    if len(account_ids) > WHOLE_TABLE:
        return assign_accounts()
    keys = sorted(set(account_ids))
    pks = []
    for start in range(0, len(keys), 500):  # within every database's limit of parameters
        chunk = keys[start : start + 500]
        pks += AccountRow.objects.filter(account_id__in=chunk).values_list("pk", flat=True)
    return reassign_accounts(account_pks=pks)


def assign_unstored() -> Outcome | None:
    """Assign the accounts that have no stored assignment (imported since the last run, or
    unassigned then); None when every account has one. Reports call it before counting."""
    if AccountRow.objects.count() == Assignment.objects.count():
        return None
    missing = AccountRow.objects.filter(assignment__isnull=True).order_by()
    return _match(tree=load_tree(), chunks=_account_rows(missing), stored={})
