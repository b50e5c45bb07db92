"""Who may do what with partner conferences (see core/permissions.py).

Everyone signed in browses events and topic requests and comments on them; partner users
propose topics, vote and register; vendor staff plan: budget, sessions, the agenda."""

import rules

from outward.core.permissions import is_operator, is_partner_user, is_signed_in, is_vendor

rules.add_perm("events.view", is_signed_in)
rules.add_perm("events.comment", is_signed_in)
rules.add_perm("events.propose", is_partner_user)
rules.add_perm("events.vote", is_partner_user)
rules.add_perm("events.register", is_partner_user)
rules.add_perm("events.plan", is_vendor | is_operator)
