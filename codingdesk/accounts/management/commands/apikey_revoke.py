"""Revoke an API key: ``codingdesk apikey revoke KEY_ID``.

Run by staff on the server. Sets the ApiKey row's revoked_at; from then on
requests with the key get 401. The key id is the public part of the key
(``cdk_<key_id>_...``), shown on the member's API keys page and in the admin.
"""

from django.core.management.base import BaseCommand, CommandError

from codingdesk.accounts.api_keys import api_key_revoke
from codingdesk.accounts.models import ApiKey


class Command(BaseCommand):
    help = "Revoke an API key by its key id."

    def add_arguments(self, parser):
        parser.add_argument("key_id", help="The key id: the part between 'cdk_' and the next '_'.")

    def handle(self, *args, key_id, **options):
        try:
            api_key = api_key_revoke(key_id=key_id.strip())
        except ApiKey.DoesNotExist as error:
            raise CommandError(f"{error} The key ids are listed in the admin under API keys.") from error
        self.stdout.write(f"Revoked the key {api_key.key_id} ({api_key.name}) of {api_key.user.email}.")
