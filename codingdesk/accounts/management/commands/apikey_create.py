"""Make an API key for a member: ``codingdesk apikey create EMAIL [--name NAME]``.

Run by staff on the server. Adds one ApiKey row. The key goes to stdout alone
on its line, so that ``KEY=$(codingdesk apikey create ...)`` captures it; the
notice that it will not be shown again goes to stderr.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from codingdesk.accounts.api_keys import api_key_create
from codingdesk.accounts.models import User


class Command(BaseCommand):
    help = "Make an API key for a member and print it once."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The member's email address.")
        parser.add_argument("--name", default="Command line", help="What the key is for (default: %(default)s).")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No member has the email address {email!r}. Add one with: codingdesk user add EMAIL")
        try:
            api_key, plaintext = api_key_create(user=user, name=name)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from error
        self.stdout.write(plaintext)
        self.stderr.write(
            f"Made the key {api_key.key_id} ({api_key.name}) for {user.email}. "
            "Copy it now: it will not be shown again."
        )
