"""The tree as pages show it: coverage rows nested under their parents."""

from dataclasses import dataclass, field

from outward.territories.domain.coverage import Crowding, TerritoryCoverage, territory_coverage


@dataclass
class TreeNode:
    row: TerritoryCoverage
    children: list["TreeNode"] = field(default_factory=list)


def coverage_tree(*, crowding: Crowding) -> tuple[list[TreeNode], list[TerritoryCoverage]]:
    """The roots of the visible tree (a partner user's starts at what it covers), and the rows."""
    rows = territory_coverage(crowding=crowding)
    nodes = {row.territory_id: TreeNode(row) for row in rows}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.row.parent_id) if node.row.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots, rows
