"""Targets are the vendor's numbers: only vendor staff set them (see core/permissions.py)."""

import rules

from outward.core.permissions import is_vendor

rules.add_perm("targets.set", is_vendor)
