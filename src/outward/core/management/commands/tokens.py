"""`outward tokens create EMAIL` prints a new API token; `revoke` and `list` manage them."""

from outward.core.commands import OutwardCommand
from outward.core.tokens import issue_token, list_tokens, revoke_tokens


class Command(OutwardCommand):
    help = "Create, list and revoke API tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("create", help="print a new token for a user").add_argument("email")
        sub.add_parser("list", help="list a user's tokens").add_argument("email")
        revoke = sub.add_parser("revoke", help="revoke a user's tokens")
        revoke.add_argument("email")
        revoke.add_argument("--prefix", help="only the token starting with this prefix")

    def run(self, *args, action, email, prefix=None, **options):
        if action == "create":
            self.stdout.write(issue_token(email=email))
        elif action == "list":
            for token in list_tokens(email=email):
                state = "revoked" if token.revoked_at else "active"
                self.stdout.write(f"{token.prefix}\t{token.created_at:%Y-%m-%d %H:%M}\t{state}")
        else:
            count = revoke_tokens(email=email, prefix=prefix)
            self.stdout.write(f"revoked {count} token(s)")
