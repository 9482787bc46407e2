"""Sign-up, password reset and login never reveal whether an email address
has an account (ACCOUNT_PREVENT_ENUMERATION). The owner of a registered
address learns by email that someone tried to sign up with it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from codingdesk.accounts.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Umbrella-Quartz-91"


def _comparable(response, email: str) -> tuple:
    """Status, redirects and the final page, with CSRF tokens and the address
    the visitor typed (which the page echoes back) blanked out."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return response.status_code, getattr(response, "redirect_chain", []), page.replace(email, "EMAIL")


def sign_up(client, email):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )


def test_sign_up_answers_alike_for_a_registered_and_a_new_email(client, alice):
    registered = sign_up(client, alice.email)
    client.cookies.clear()
    unregistered = sign_up(client, "newcomer@example.com")
    assert registered.redirect_chain == [(reverse("account_email_verification_sent"), 302)]
    assert _comparable(registered, alice.email) == _comparable(unregistered, "newcomer@example.com")


def test_sign_up_with_a_registered_email_creates_no_account_and_keeps_the_password(client, alice, password):
    sign_up(client, alice.email)
    assert User.objects.filter(email__iexact=alice.email).count() == 1
    alice.refresh_from_db()
    assert alice.check_password(password)


def test_sign_up_with_a_registered_email_differing_in_case_creates_no_account(client, alice):
    sign_up(client, alice.email.upper())
    assert User.objects.filter(email__iexact=alice.email).count() == 1


def test_the_owner_of_a_registered_email_is_told_someone_tried_to_sign_up(client, alice):
    sign_up(client, alice.email)
    (message,) = mail.outbox
    assert message.to == [alice.email]
    assert "Account Already Exists" in message.subject
    assert "an account using that email address already exists" in message.body
    assert reverse("account_reset_password") in message.body


def reset_password(client, email):
    return client.post(reverse("account_reset_password"), {"email": email}, follow=True)


def test_password_reset_answers_alike_for_a_registered_and_an_unknown_email(client, alice):
    registered = reset_password(client, alice.email)
    client.cookies.clear()
    unknown = reset_password(client, "stranger@example.com")
    assert registered.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    assert _comparable(registered, alice.email) == _comparable(unknown, "stranger@example.com")


def test_password_reset_mails_a_link_only_to_a_registered_email(client, alice):
    reset_password(client, alice.email)
    reset_password(client, "stranger@example.com")
    to_alice, to_stranger = mail.outbox
    assert to_alice.to == [alice.email] and "/account/password/reset/key/" in to_alice.body
    assert to_stranger.to == ["stranger@example.com"] and "/account/password/reset/key/" not in to_stranger.body


def test_login_errors_do_not_say_whether_the_email_is_registered(client, alice):
    def attempt(email):
        response = client.post(reverse("account_login"), {"login": email, "password": "wrong password"})
        return _comparable(response, email)

    assert attempt(alice.email) == attempt("stranger@example.com")
