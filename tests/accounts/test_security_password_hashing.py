"""Passwords are stored as Argon2 hashes. The autouse ``fast_password_hashing``
fixture swaps in MD5 for speed, so these tests read the real settings module
and put its hashers back."""

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.urls import reverse

from codingdesk.accounts.models import User
from config import settings as real_settings

pytestmark = pytest.mark.django_db

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.fixture
def real_hashers(settings):
    settings.PASSWORD_HASHERS = real_settings.PASSWORD_HASHERS
    return settings


def test_the_real_settings_put_argon2_first():
    assert real_settings.PASSWORD_HASHERS[0] == ARGON2


def test_the_real_settings_know_no_weak_hasher():
    weak = {"MD5PasswordHasher", "UnsaltedMD5PasswordHasher", "UnsaltedSHA1PasswordHasher", "SHA1PasswordHasher"}
    assert not {path.rsplit(".", 1)[1] for path in real_settings.PASSWORD_HASHERS} & weak


def test_a_new_password_is_stored_as_an_argon2_hash(real_hashers):
    encoded = make_password("correct horse battery staple")
    assert encoded.startswith("argon2$argon2id$")
    assert check_password("correct horse battery staple", encoded)
    assert not check_password("wrong", encoded)


def test_a_sign_up_stores_an_argon2_hash(client, real_hashers):
    client.post(
        reverse("account_signup"),
        {"email": "newcomer@example.com", "password1": "Umbrella-Quartz-91", "password2": "Umbrella-Quartz-91"},
    )
    assert User.objects.get(email="newcomer@example.com").password.startswith("argon2$")


def test_logging_in_upgrades_an_older_pbkdf2_hash_to_argon2(client, alice, password, real_hashers):
    alice.password = make_password(password, hasher="pbkdf2_sha256")
    alice.save(update_fields=["password"])
    response = client.post(reverse("account_login"), {"login": alice.email, "password": password})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.password.startswith("argon2$")
