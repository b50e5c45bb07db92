"""`outward users create EMAIL --role … [--partner ID] --password-stdin`."""

import sys

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.partners.users import create_user


class Command(OutwardCommand):
    help = "Create users (admin, partner manager or partner user)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a user")
        create.add_argument("email")
        create.add_argument("--role", required=True, choices=["admin", "manager", "partner"])
        create.add_argument("--partner", help="the partner_id of a partner user")
        create.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def run(self, *args, action, email, role, partner, password_stdin, **options):
        password = None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise InputError("--password-stdin: standard input gave an empty password")
        user = create_user(email=email, role=role, partner_id=partner, password=password)
        self.stdout.write(f"created {user.role} {user.email}")
