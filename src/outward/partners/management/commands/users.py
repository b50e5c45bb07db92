"""`outward users create|list|invite|deactivate|reactivate|set-role|delete`."""

import sys

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.partners.users import (
    create_user,
    deactivate_user,
    delete_user,
    list_users,
    reactivate_user,
    send_invitation,
    set_role,
)

ROLES = ["admin", "manager", "partner"]


class Command(OutwardCommand):
    help = "Create, list, invite, deactivate, reactivate, re-role or delete users."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a user")
        create.add_argument("email")
        create.add_argument("--role", required=True, choices=ROLES)
        create.add_argument("--partner", help="the partner_id of a partner user")
        create.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        create.add_argument(
            "--no-invite",
            action="store_true",
            help="do not e-mail the set-password invitation (sent when no password is given)",
        )
        sub.add_parser("list", help="list the users")
        for action, text in [
            ("invite", "e-mail the user a link to choose their password (again)"),
            ("deactivate", "stop a user logging in; revokes their tokens and sessions"),
            ("reactivate", "let a deactivated user log in again"),
            ("delete", "delete a user"),
        ]:
            sub.add_parser(action, help=text).add_argument("email")
        role = sub.add_parser("set-role", help="change a user's role (and partner)")
        role.add_argument("email")
        role.add_argument("--role", required=True, choices=ROLES)
        role.add_argument("--partner", help="the partner_id of a partner user")

    def run(self, *args, action, **options):
        if action == "create":
            password = None
            if options["password_stdin"]:
                password = sys.stdin.readline().rstrip("\n")
                if not password:
                    raise InputError("--password-stdin: standard input gave an empty password")
            user = create_user(
                email=options["email"],
                role=options["role"],
                partner_id=options["partner"],
                password=password,
                invite=not options["no_invite"],
            )
            invited = "; invitation sent" if password is None and not options["no_invite"] else ""
            self.stdout.write(f"created {user.role} {user.email}{invited}")
        elif action == "invite":
            user = send_invitation(email=options["email"])
            self.stdout.write(f"invitation sent to {user.email}")
        elif action == "list":
            for user in list_users():
                partner = user.partner.partner_id if user.partner else "-"
                state = "active" if user.is_active else "deactivated"
                self.stdout.write(f"{user.username}\t{user.role}\t{partner}\t{state}")
        elif action == "deactivate":
            user = deactivate_user(email=options["email"])
            self.stdout.write(f"deactivated {user.username}; their tokens and sessions ended")
        elif action == "reactivate":
            self.stdout.write(f"reactivated {reactivate_user(email=options['email']).username}")
        elif action == "set-role":
            user = set_role(
                email=options["email"], role=options["role"], partner_id=options["partner"]
            )
            self.stdout.write(f"{user.username} is now {user.role}")
        else:
            self.stdout.write(f"deleted {delete_user(email=options['email'])}")
