"""Permissions of core's own pages and of the API as a whole (see core/permissions.py)."""

import rules

from outward.core.permissions import is_admin, is_signed_in

rules.add_perm("core.signed_in", is_signed_in)
rules.add_perm("core.use_api", is_signed_in)
rules.add_perm("core.admin_site", is_admin)
