"""The territories and partner-territories import kinds: the tree and who covers what.

Parents may come later in the file than their children; cycles are refused.
"""

from outward.exchange.domain import values as v
from outward.exchange.domain.kinds import Column, Importer, Reference, after_import, register
from outward.partners.models import Partner
from outward.territories.domain.assignment import reassign_imported
from outward.territories.models import PartnerTerritory, Territory

CRITERIA = (
    "priority",
    "countries",
    "subdivisions",
    "postal_prefixes",
    "industries",
    "min_employees",
    "max_employees",
)
EMPTY = {"priority": 0, "min_employees": None, "max_employees": None}


@register
class TerritoryImporter(Importer):
    """territories.csv: the tree and each node's assignment criteria."""

    kind = "territories"
    model = Territory
    columns = (
        Column("territory_id", v.key, required=True),
        Column("name", v.text(200), required=True),
        Column("parent_id", v.key, source="parent__territory_id"),
        Column("priority", v.whole(minimum=None)),
        Column("countries", v.listed(v.country)),
        Column("subdivisions", v.listed(v.subdivision)),
        Column("postal_prefixes", v.listed(v.text(32))),
        Column("industries", v.listed(v.text(100))),
        Column("min_employees", v.whole()),
        Column("max_employees", v.whole()),
    )
    key_columns = ("territory_id",)
    export_order = ("territory_id",)
    # A tree of a few thousand nodes: the whole file is needed to check parents and cycles.
    batch_size = 10**9

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows: list = []

    def check(self, batch):
        good = []
        for line, row in batch:
            low, high = row.min_employees, row.max_employees
            if low is not None and high is not None and low > high:
                self.errors.add(line, "max_employees", f"{high} is below min_employees {low}")
            else:
                good.append((line, row))
        self.rows.extend(good)
        return good

    def write(self, batch) -> None:
        """Written in `finish`, once every row's parent is known."""

    def finish(self) -> None:
        stored = {t.territory_id: t for t in Territory.objects.all()}
        key_of_pk = {t.pk: key for key, t in stored.items()}
        parent = {key: key_of_pk.get(t.parent_id) for key, t in stored.items()}
        in_file = {row.territory_id: line for line, row in self.rows}
        for line, row in self.rows:
            key, parent_key = row.territory_id, row.parent_id
            if parent_key is not None and parent_key not in in_file and parent_key not in stored:
                self.errors.add(line, "parent_id", f"unknown territory {parent_key!r}")
            if self.has("parent_id") or key not in stored:
                parent[key] = parent_key
        for line, row in self.rows:
            cycle = _cycle_from(row.territory_id, parent)
            if cycle:
                self.errors.add(line, "parent_id", "makes a cycle: " + " → ".join(cycle))
        if self.errors:
            return
        self._store(stored, parent)

    def _store(self, stored: dict, parent: dict) -> None:
        creates, changes = [], []
        for _, row in self.rows:
            values = row._asdict()
            territory = stored.get(values["territory_id"])
            if territory is None:
                territory = Territory(territory_id=values["territory_id"])
                creates.append(territory)
            else:
                self.updated += 1
                changes.append(territory)
            territory.name = values["name"]
            for name in CRITERIA:
                if self.has(name) or territory.pk is None:
                    value = values[name]
                    setattr(territory, name, EMPTY.get(name, []) if value is None else value)
        Territory.objects.bulk_create(creates)
        self.created = len(creates)
        everything = {**stored, **{t.territory_id: t for t in creates}}
        for territory in [*creates, *changes]:
            key = parent[territory.territory_id]
            territory.parent_id = everything[key].pk if key else None
        Territory.objects.bulk_update([*creates, *changes], ["name", "parent", *CRITERIA])


def _cycle_from(start: str, parent: dict) -> list[str]:
    """The keys of the cycle through `start`, or [] when its ancestors end at a root."""
    path, seen = [start], {start}
    key = parent.get(start)
    while key is not None:
        if key == start:
            return [*path, start]
        if key in seen:
            return []  # a cycle above, reported on its own rows
        path.append(key)
        seen.add(key)
        key = parent.get(key)
    return []


@register
class PartnerTerritoryImporter(Importer):
    """partner-territories.csv: the partner covers the territory and everything below it."""

    kind = "partner-territories"
    model = PartnerTerritory
    columns = (
        Column("partner_id", v.key, required=True, source="partner__partner_id"),
        Column("territory_id", v.key, required=True, source="territory__territory_id"),
    )
    key_columns = ("partner_id", "territory_id")
    export_order = ("partner__partner_id", "territory__territory_id")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.partners = Reference("partner_id", Partner, "partner_id")
        self.territories = Reference("territory_id", Territory, "territory_id")

    def check(self, batch):
        return self.resolve(batch, self.partners, self.territories)

    def write(self, batch) -> None:
        partners = {row.partner_id for _, row in batch}
        existing = set(
            PartnerTerritory.objects.filter(partner_id__in=partners).values_list(
                "partner_id", "territory_id"
            )
        )
        creates = [
            PartnerTerritory(partner_id=row.partner_id, territory_id=row.territory_id)
            for _, row in batch
            if (row.partner_id, row.territory_id) not in existing
        ]
        PartnerTerritory.objects.bulk_create(creates)
        self.created += len(creates)
        self.updated += len(batch) - len(creates)


@after_import("accounts")
def reassign_written_accounts(account_ids: list[str]) -> None:
    """Accounts written by a file, the upload page or the API land in their territories at
    once: only those accounts are assigned again."""
    reassign_imported(account_ids=account_ids)
