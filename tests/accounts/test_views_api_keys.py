"""/account/api-keys/: list, create (shown once) and revoke a member's keys."""

import hashlib
import re

import pytest
from django.urls import reverse

from codingdesk.accounts.api_keys import api_key_authenticate, api_key_create
from codingdesk.accounts.models import ApiKey

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:api_key_list")
KEY = re.compile(r"cdk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")


def revoke_url(api_key: ApiKey) -> str:
    return reverse("accounts:api_key_revoke", kwargs={"key_id": api_key.key_id})


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


def test_a_guest_is_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_creating_a_key_shows_it_once_with_a_warning(signed_in, alice):
    response = signed_in.post(LIST, {"name": "billing system"})
    assert response.status_code == 200
    html = response.content.decode()
    (plaintext,) = set(KEY.findall(html))
    assert "it will not be shown again" in html
    assert api_key_authenticate(raw_key=plaintext).user == alice
    assert "no-store" in response["Cache-Control"]
    assert plaintext not in signed_in.get(LIST).content.decode()


def test_only_a_hash_of_the_new_key_is_stored(signed_in):
    plaintext = KEY.search(signed_in.post(LIST, {"name": "billing system"}).content.decode()).group(0)
    api_key = ApiKey.objects.get()
    assert api_key.name == "billing system"
    assert plaintext.startswith(f"cdk_{api_key.key_id}_")
    assert api_key.key_hash == hashlib.sha256(plaintext.encode()).hexdigest()


def test_a_key_without_a_name_is_refused(signed_in):
    response = signed_in.post(LIST, {"name": "  "})
    assert response.status_code == 400
    assert "Give the key a name" in response.content.decode()
    assert not ApiKey.objects.exists()
    assert not KEY.search(response.content.decode())


def test_the_list_shows_only_the_members_own_keys(signed_in, alice, charlie):
    mine, _ = api_key_create(user=alice, name="alice's reports")
    theirs, _ = api_key_create(user=charlie, name="charlie's scraper")
    html = signed_in.get(LIST).content.decode()
    assert "alice&#x27;s reports" in html and mine.key_id in html
    assert "charlie" not in html and theirs.key_id not in html


def test_the_list_says_which_keys_are_revoked(signed_in, alice):
    api_key, _ = api_key_create(user=alice, name="old")
    signed_in.post(revoke_url(api_key))
    html = signed_in.get(LIST).content.decode()
    assert "revoked" in html
    assert revoke_url(api_key) not in html


def test_a_member_revokes_their_own_key(signed_in, alice):
    api_key, plaintext = api_key_create(user=alice, name="reports")
    response = signed_in.post(revoke_url(api_key))
    assert response.status_code == 302 and response["Location"] == LIST
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert api_key_authenticate(raw_key=plaintext) is None


def test_charlie_cannot_revoke_alices_key(client, alice, charlie):
    api_key, _ = api_key_create(user=alice, name="reports")
    client.force_login(charlie)
    assert client.post(revoke_url(api_key)).status_code == 404
    api_key.refresh_from_db()
    assert api_key.revoked_at is None


def test_revoking_an_unknown_key_is_404(signed_in):
    assert signed_in.post(reverse("accounts:api_key_revoke", kwargs={"key_id": "0123456789abcdef"})).status_code == 404


def test_revoking_takes_a_post(signed_in, alice):
    api_key, _ = api_key_create(user=alice, name="reports")
    assert signed_in.get(revoke_url(api_key)).status_code == 405
    api_key.refresh_from_db()
    assert api_key.revoked_at is None


def test_the_page_states_the_plans_api_limits_when_metering_is_on(signed_in, metering):
    html = signed_in.get(LIST).content.decode()
    assert "30 requests a minute" in html and "1,000 code lookups a calendar month" in html
