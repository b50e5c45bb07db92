"""Joint business plans are worked on by both sides; closing one is the vendor's (see
core/permissions.py): vendor staff, or the operator's command at the end of the period."""

import rules

from outward.core.permissions import is_operator, is_signed_in, is_vendor

rules.add_perm("plans.view", is_signed_in)
rules.add_perm("plans.edit", is_signed_in)
rules.add_perm("plans.close", is_vendor | is_operator)
