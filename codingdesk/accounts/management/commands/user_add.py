"""Create a user, or update one, from the command line (``codingdesk user add``).

    codingdesk user add alice@example.com --plan pro --verified
    codingdesk user add admin@example.com --role staff --password-file /run/secrets/admin_password

Run by site operators; writes the user row and, with --verified, allauth's
EmailAddress row. A new user without --password-file gets an unusable
password: they set one through "Forgot password".
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from codingdesk.accounts.models import PlanName, Role
from codingdesk.accounts.services import user_create_or_update


class Command(BaseCommand):
    help = "Create a user or update an existing one (plan, role, password, verified email)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--password-file", metavar="FILE",
            help="Read the password from FILE ('-' for standard input); a trailing newline is dropped.",
        )
        parser.add_argument("--plan", choices=PlanName.values)
        parser.add_argument("--role", choices=Role.values, help="staff also lets the user into the admin.")
        parser.add_argument("--verified", action="store_true", help="Mark the email address verified and primary.")

    def handle(self, *args, email, password_file, plan, role, verified, **options):
        password = _read_password(password_file) if password_file else None
        try:
            user, created = user_create_or_update(
                email=email, password=password, plan=plan, role=role, verified=verified
            )
        except ValidationError as error:
            raise CommandError("\n".join(_messages(error))) from None
        action = "created" if created else "updated"
        self.stdout.write(f"{action} {user.email} (plan {user.plan}, role {user.role})")


def _read_password(name: str) -> str:
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot read the password file: {error}") from None
    password = text.rstrip("\r\n")
    if not password:
        raise CommandError("The password file is empty.")
    return password


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {message}" for field, messages in error.message_dict.items() for message in messages]
    return error.messages
