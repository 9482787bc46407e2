"""Fixtures shared by every test: the official data directory and helpers."""

import os
from pathlib import Path

import pytest
from django.conf import settings

FIXTURES = Path(__file__).parent / "tests" / "fixtures"


@pytest.fixture
def official_data_dir() -> Path:
    """The official release files (../shared/data in CI).

    Tests that need them are skipped on a machine without them, except in CI,
    where a missing file is a failure: CI must never pass by skipping.
    """
    data_dir = Path(settings.CODINGDESK_DATA_DIR)
    if not (data_dir / "icd10pcs").is_dir():
        message = f"official data files are not in CODINGDESK_DATA_DIR ({data_dir})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return data_dir


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests don't run collectstatic, so the hashed-name manifest does not exist."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path_factory):
    """Each test builds its search index in a folder of its own, never in var/."""
    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")
    return settings.SEARCH_INDEX_DIR


@pytest.fixture(autouse=True)
def metering_off(settings):
    """Most tests are about what a page shows, not about allowances: metering
    is off unless a test asks for the ``metering`` fixture."""
    settings.METERING_ENABLED = False


@pytest.fixture
def metering(settings):
    settings.METERING_ENABLED = True
    return settings


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that do not test hashing use MD5."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password() -> str:
    """Every factory-made user's password."""
    from tests.factories import PASSWORD

    return PASSWORD


def _member(email: str, **fields):
    from tests.factories import UserFactory

    return UserFactory(email=email, **fields)


@pytest.fixture
def alice(db):
    """A free member with a verified email: the owner in most tests."""
    return _member("alice@example.com")


@pytest.fixture
def bob(db):
    """A second member (a teammate where teams matter)."""
    return _member("bob@example.com")


@pytest.fixture
def charlie(db):
    """An outsider, who must never see alice's or bob's things."""
    return _member("charlie@example.com")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a database file as a site does, not in memory: an
    in-memory database shared between threads locks whole tables and ignores
    the busy timeout, so parallel requests to live_server would fail."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")
