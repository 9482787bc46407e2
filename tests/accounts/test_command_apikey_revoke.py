"""manage.py apikey_revoke KEY_ID (codingdesk apikey revoke)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from codingdesk.accounts.api_keys import api_key_authenticate, api_key_create

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    stdout = StringIO()
    call_command("apikey_revoke", *args, stdout=stdout)
    return stdout.getvalue()


def test_it_revokes_the_key(alice):
    api_key, plaintext = api_key_create(user=alice, name="reports")
    output = run(api_key.key_id)
    assert f"Revoked the key {api_key.key_id} (reports) of alice@example.com" in output
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert api_key_authenticate(raw_key=plaintext) is None


def test_it_leaves_other_keys_alone(alice, charlie):
    api_key, _ = api_key_create(user=alice, name="reports")
    _, charlies = api_key_create(user=charlie, name="mine")
    run(api_key.key_id)
    assert api_key_authenticate(raw_key=charlies) is not None


def test_an_unknown_key_id_is_an_error(alice):
    with pytest.raises(CommandError, match="There is no API key with the id '0123456789abcdef'"):
        run("0123456789abcdef")
