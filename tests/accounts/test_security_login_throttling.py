"""Failed logins are throttled (ACCOUNT_RATE_LIMITS["login_failed"]): per
account, so a password cannot be guessed, and per address, so many accounts
cannot be tried from one machine. allauth refuses a throttled attempt by
re-rendering the login form (200) with a message, even if the password is right.
"""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db

THROTTLED = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def fresh_counters():
    """The counts live in the cache, which a Redis CACHE_URL keeps across tests."""
    cache.clear()
    yield
    cache.clear()


def configured_limit(scope: str) -> int:
    """The number in e.g. "10/m/ip,5/5m/key" for scope "ip" or "key"."""
    (limit,) = re.findall(rf"(\d+)/[^/,]+/{scope}\b", settings.ACCOUNT_RATE_LIMITS["login_failed"])
    return int(limit)


def log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def assert_refused(client, response):
    assert response.status_code == 200
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_real_settings_throttle_by_account_and_by_address():
    assert configured_limit("key") >= 1
    assert configured_limit("ip") >= configured_limit("key")


def test_failed_logins_up_to_the_limit_are_answered_normally(client, alice):
    for _ in range(configured_limit("key")):
        response = log_in(client, alice.email, "wrong password")
        assert response.status_code == 200
        assert THROTTLED not in response.content.decode()


def test_after_the_limit_for_one_account_even_the_right_password_is_refused(client, alice, password):
    for _ in range(configured_limit("key")):
        log_in(client, alice.email, "wrong password")
    assert_refused(client, log_in(client, alice.email, password))


def test_the_account_limit_does_not_lock_out_other_accounts(client, alice, bob, password):
    for _ in range(configured_limit("key")):
        log_in(client, alice.email, "wrong password")
    response = log_in(client, bob.email, password)
    assert response.status_code == 302


def test_after_the_limit_for_one_address_every_account_is_refused(client, alice, password):
    for attempt in range(configured_limit("ip")):
        log_in(client, f"guess{attempt}@example.com", "wrong password")
    assert_refused(client, log_in(client, alice.email, password))


def test_another_address_is_not_throttled_by_the_first(client, alice, password):
    for attempt in range(configured_limit("ip")):
        log_in(client, f"guess{attempt}@example.com", "wrong password")
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": password}, REMOTE_ADDR="192.0.2.44"
    )
    assert response.status_code == 302


ADMIN_LOGIN_FIX = (
    "Django's admin login is not throttled; config/urls.py should send it through allauth's "
    "login: admin.site.login = secure_admin_login(admin.site.login)"
)


def test_the_admin_login_sends_visitors_to_the_throttled_login(client):
    response = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_passwords_cannot_be_guessed_through_the_admin_login(client, alice, password):
    alice.is_staff = True
    alice.save()
    for _ in range(configured_limit("key") + 1):
        client.post(reverse("admin:login"), {"username": alice.email, "password": "wrong password"})
    client.post(reverse("admin:login"), {"username": alice.email, "password": password})
    assert "_auth_user_id" not in client.session
