"""manage.py apikey_create EMAIL [--name NAME] (codingdesk apikey create)."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from codingdesk.accounts.api_keys import api_key_authenticate
from codingdesk.accounts.models import ApiKey

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("apikey_create", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_it_prints_the_key_alone_on_stdout(alice):
    stdout, _ = run("alice@example.com")
    assert re.fullmatch(r"cdk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}\n", stdout)
    assert api_key_authenticate(raw_key=stdout.strip()).user == alice


def test_it_says_on_stderr_that_the_key_will_not_be_shown_again(alice):
    stdout, stderr = run("alice@example.com")
    api_key = ApiKey.objects.get()
    assert "will not be shown again" in stderr
    assert api_key.key_id in stderr and "alice@example.com" in stderr
    assert stdout.strip() not in stderr


def test_it_names_the_key(alice):
    run("alice@example.com", "--name", "billing system")
    assert ApiKey.objects.get().name == "billing system"


def test_a_key_has_a_default_name(alice):
    run("alice@example.com")
    assert ApiKey.objects.get().name == "Command line"


def test_the_email_is_matched_ignoring_case(alice):
    run("Alice@Example.COM")
    assert ApiKey.objects.get().user == alice


def test_an_unknown_email_is_an_error(alice):
    with pytest.raises(CommandError, match="No member has the email address 'nobody@example.com'"):
        run("nobody@example.com")
    assert not ApiKey.objects.exists()


def test_an_empty_name_is_an_error(alice):
    with pytest.raises(CommandError, match="Give the key a name"):
        run("alice@example.com", "--name", " ")
