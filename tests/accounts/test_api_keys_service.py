"""api_key_create, api_key_revoke and api_key_authenticate."""

import datetime
import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from codingdesk.accounts.api_keys import api_key_authenticate, api_key_create, api_key_list, api_key_revoke
from codingdesk.accounts.models import ApiKey

pytestmark = pytest.mark.django_db


def test_a_new_key_is_prefixed_with_its_public_key_id(alice):
    api_key, plaintext = api_key_create(user=alice, name="billing system")
    assert re.fullmatch(rf"cdk_{api_key.key_id}_[A-Za-z0-9_-]{{43}}", plaintext)
    assert re.fullmatch(r"[0-9a-f]{16}", api_key.key_id)
    assert (api_key.user, api_key.name) == (alice, "billing system")
    assert api_key.revoked_at is None and api_key.last_used_at is None


def test_only_a_sha256_of_the_whole_key_is_stored(alice):
    api_key, plaintext = api_key_create(user=alice, name="billing system")
    stored = ApiKey.objects.filter(pk=api_key.pk).values().get()
    assert stored["key_hash"] == hashlib.sha256(plaintext.encode()).hexdigest()
    secret = plaintext.split("_", 2)[2]
    assert not any(secret in str(value) for value in stored.values())


def test_every_key_is_different(alice):
    (first, first_plaintext), (second, second_plaintext) = (api_key_create(user=alice, name=n) for n in "ab")
    assert first.key_id != second.key_id and first_plaintext != second_plaintext


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_key_needs_a_name_of_at_most_100_characters(alice, name):
    with pytest.raises(ValidationError):
        api_key_create(user=alice, name=name)
    assert not ApiKey.objects.exists()


def test_the_name_is_stripped(alice):
    api_key, _ = api_key_create(user=alice, name="  reports  ")
    assert api_key.name == "reports"


def test_the_whole_key_authenticates_its_member(alice):
    api_key, plaintext = api_key_create(user=alice, name="reports")
    found = api_key_authenticate(raw_key=plaintext)
    assert found == api_key and found.user == alice


@pytest.mark.parametrize(
    "mangle",
    [
        lambda key: key[:-1] + ("A" if key[-1] != "A" else "B"),  # wrong secret
        lambda key: key[:-1],  # truncated
        lambda key: key.replace("cdk_", "cdx_"),  # wrong prefix
        lambda key: "cdk_0000000000000000_" + key.split("_", 2)[2],  # unknown key id
        lambda key: key + "\x00",  # PostgreSQL would refuse a NUL in a query
        lambda key: "",
        lambda key: "not a key",
    ],
    ids=["wrong-secret", "truncated", "wrong-prefix", "unknown-key-id", "nul", "empty", "junk"],
)
def test_anything_but_the_exact_key_is_refused(alice, mangle):
    _, plaintext = api_key_create(user=alice, name="reports")
    assert api_key_authenticate(raw_key=mangle(plaintext)) is None


def test_a_key_id_with_another_members_secret_is_refused(alice, charlie):
    alices, _ = api_key_create(user=alice, name="reports")
    _, charlies_plaintext = api_key_create(user=charlie, name="mine")
    forged = f"cdk_{alices.key_id}_{charlies_plaintext.split('_', 2)[2]}"
    assert api_key_authenticate(raw_key=forged) is None


def test_a_revoked_key_no_longer_authenticates(alice):
    api_key, plaintext = api_key_create(user=alice, name="reports")
    api_key_revoke(key_id=api_key.key_id)
    assert api_key_authenticate(raw_key=plaintext) is None


def test_a_deactivated_members_key_no_longer_authenticates(alice):
    _, plaintext = api_key_create(user=alice, name="reports")
    alice.is_active = False
    alice.save()
    assert api_key_authenticate(raw_key=plaintext) is None


def test_using_a_key_records_when_it_was_last_used(alice):
    api_key, plaintext = api_key_create(user=alice, name="reports")
    api_key_authenticate(raw_key=plaintext)
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None
    assert timezone.now() - api_key.last_used_at < datetime.timedelta(seconds=10)


def test_last_used_is_written_at_most_once_a_minute(alice, django_assert_num_queries):
    api_key, plaintext = api_key_create(user=alice, name="reports")
    recently = timezone.now() - datetime.timedelta(seconds=30)
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=recently)
    with django_assert_num_queries(1):  # the lookup, no UPDATE
        api_key_authenticate(raw_key=plaintext)
    api_key.refresh_from_db()
    assert api_key.last_used_at == recently


def test_last_used_is_written_again_after_a_minute(alice):
    api_key, plaintext = api_key_create(user=alice, name="reports")
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=long_ago)
    api_key_authenticate(raw_key=plaintext)
    api_key.refresh_from_db()
    assert api_key.last_used_at > long_ago + datetime.timedelta(minutes=4)


def test_revoking_records_the_date(alice):
    api_key, _ = api_key_create(user=alice, name="reports")
    revoked = api_key_revoke(key_id=api_key.key_id, user=alice)
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None and revoked.revoked_at == api_key.revoked_at


def test_revoking_twice_keeps_the_first_date(alice):
    api_key, _ = api_key_create(user=alice, name="reports")
    first = api_key_revoke(key_id=api_key.key_id).revoked_at
    assert api_key_revoke(key_id=api_key.key_id).revoked_at == first


def test_a_member_cannot_revoke_another_members_key(alice, charlie):
    api_key, _ = api_key_create(user=alice, name="reports")
    with pytest.raises(ApiKey.DoesNotExist):
        api_key_revoke(key_id=api_key.key_id, user=charlie)
    api_key.refresh_from_db()
    assert api_key.revoked_at is None


def test_revoking_an_unknown_key_says_so(alice):
    with pytest.raises(ApiKey.DoesNotExist, match="There is no API key with the id 'nope'"):
        api_key_revoke(key_id="nope")


def test_the_list_holds_only_the_members_own_keys_revoked_included(alice, charlie):
    kept, _ = api_key_create(user=alice, name="kept")
    gone, _ = api_key_create(user=alice, name="gone")
    api_key_create(user=charlie, name="charlie's")
    api_key_revoke(key_id=gone.key_id)
    assert set(api_key_list(user=alice)) == {kept, gone}
