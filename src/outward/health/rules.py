"""The channel's health is the vendor's view; a partner user may print their own scorecard."""

import rules

from outward.core.permissions import is_signed_in, is_vendor

rules.add_perm("health.view_channel", is_vendor)
rules.add_perm("health.view_scorecard", is_signed_in)
