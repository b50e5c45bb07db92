"""Territory permissions: everyone signed in sees the tree (partner users only what their
partner covers, through the scoped managers); only vendor staff change it or see conflicts."""

import rules

from outward.core.permissions import is_signed_in, is_vendor

rules.add_perm("territories.view", is_signed_in)
rules.add_perm("territories.edit", is_vendor)
