"""Who may change accounts and deals (see core/permissions.py); the scope limits which."""

import rules

from outward.core.permissions import is_signed_in, is_vendor

rules.add_perm("sales.write_accounts", is_vendor)
rules.add_perm("sales.write_deals", is_signed_in)
rules.add_perm("sales.delete_deals", is_vendor)
