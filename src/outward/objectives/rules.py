"""Objectives are the partner's own: their users write them, only vendor staff delete them."""

import rules

from outward.core.permissions import is_signed_in, is_vendor

rules.add_perm("objectives.view", is_signed_in)
rules.add_perm("objectives.write", is_signed_in)
rules.add_perm("objectives.delete", is_vendor)
