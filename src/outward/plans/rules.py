"""Joint business plans are worked on by both sides (see core/permissions.py)."""

import rules

from outward.core.permissions import is_signed_in

rules.add_perm("plans.view", is_signed_in)
rules.add_perm("plans.edit", is_signed_in)
