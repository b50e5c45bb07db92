"""Who may see and change partners (see core/permissions.py)."""

import rules

from outward.core.permissions import is_admin, is_partner_user, is_signed_in, is_vendor


@rules.predicate
def of_own_partner(user, partner) -> bool:
    """The partner is the user's own."""
    return partner is not None and is_partner_user(user) and partner.pk == user.partner_id


rules.add_perm("partners.list_all", is_vendor)
rules.add_perm("partners.view", is_signed_in)
rules.add_perm("partners.write", is_vendor)
rules.add_perm("partners.manage_users", is_admin)
