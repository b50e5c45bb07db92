"""Imports and exports (see core/permissions.py)."""

import rules

from outward.core.permissions import is_operator, is_partner_user, is_vendor


@rules.predicate
def open_to_partners(user, importer) -> bool:
    """The kind holds a partner's own records (deals, objectives, check-ins)."""
    return importer is not None and not importer.vendor_only


rules.add_perm("exchange.upload", is_vendor)
rules.add_perm("exchange.export", is_vendor)
rules.add_perm(
    "exchange.import_kind", is_operator | is_vendor | (is_partner_user & open_to_partners)
)
