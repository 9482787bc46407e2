"""Sessions and cookies: a new session key at login, and cookies that are
Secure and HttpOnly when the site is served over HTTPS."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from codingdesk.accounts.guests import GUEST_COOKIE
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def https_site(settings):
    """What config/settings.py sets when SITE_URL starts with https://."""
    settings.SECURE_COOKIES = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


def log_in(client, user, password, **extra):
    return client.post(reverse("account_login"), {"login": user.email, "password": password}, **extra)


def test_logging_in_gives_a_new_session_key(client, alice, password):
    client.get(reverse("account_login"))
    before = client.session.session_key  # the session a fixation attack would plant
    response = log_in(client, alice, password)
    assert response.status_code == 302
    after = client.session.session_key
    assert after and after != before
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert not SessionStore().exists(before)


def test_logging_out_ends_the_session(client, alice, password):
    log_in(client, alice, password)
    signed_in_key = client.session.session_key
    client.post(reverse("account_logout"))
    assert not SessionStore().exists(signed_in_key)
    assert "_auth_user_id" not in client.session


def test_the_session_cookie_is_secure_and_http_only_over_https(client, alice, password, https_site):
    response = log_in(client, alice, password, secure=True)
    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_csrf_cookie_is_secure_and_http_only_over_https(client, https_site):
    response = client.get(reverse("account_login"), secure=True)
    cookie = response.cookies[django_settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_the_guest_cookie_is_secure_and_http_only_over_https(client, tmp_path, metering, https_site):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    response = client.get(reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": "E11.9"}), secure=True)
    assert response.status_code == 200
    cookie = response.cookies[GUEST_COOKIE]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def settings_from_environment(**environment) -> list[str]:
    """The cookie settings config/settings.py derives, in a fresh interpreter."""
    env = {key: value for key, value in os.environ.items() if key not in {"SECURE_COOKIES", "SITE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", SECRET_KEY="test-only", **environment)
    script = (
        "from django.conf import settings; "
        "print(settings.SECURE_COOKIES, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SESSION_COOKIE_HTTPONLY, settings.CSRF_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_an_https_site_url_makes_every_cookie_secure():
    assert settings_from_environment(SITE_URL="https://x") == ["True"] * 5


def test_a_plain_http_site_url_leaves_cookies_usable_without_tls():
    assert settings_from_environment(SITE_URL="http://127.0.0.1:8000") == ["False", "False", "False", "True", "True"]
