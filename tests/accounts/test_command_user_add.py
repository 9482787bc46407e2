from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from codingdesk.accounts.models import User

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "plum tulip harbour 42"


def user_add(*args) -> str:
    out = StringIO()
    call_command("user_add", *args, stdout=out)
    return out.getvalue()


def test_it_creates_a_user_and_says_so():
    output = user_add("dana@example.com", "--plan", "pro", "--role", "employer")
    assert output.strip() == "created dana@example.com (plan pro, role employer)"
    user = User.objects.get(email="dana@example.com")
    assert (user.plan, user.role, user.is_staff) == ("pro", "employer", False)


def test_without_a_password_file_a_new_user_has_an_unusable_password():
    user_add("dana@example.com")
    assert not User.objects.get(email="dana@example.com").has_usable_password()


def test_it_updates_an_existing_user_and_says_so(alice, password):
    output = user_add("alice@example.com", "--plan", "team")
    assert output.strip() == "updated alice@example.com (plan team, role member)"
    alice.refresh_from_db()
    assert alice.plan == "team"
    assert alice.check_password(password)  # no --password-file: the password stays


def test_role_staff_sets_is_staff():
    user_add("admin@example.com", "--role", "staff")
    assert User.objects.get(email="admin@example.com").is_staff is True


def test_it_reads_the_password_from_a_file_without_the_trailing_newline(tmp_path):
    secret = tmp_path / "password"
    secret.write_text(GOOD_PASSWORD + "\n")
    user_add("dana@example.com", "--password-file", str(secret))
    user = User.objects.get(email="dana@example.com")
    assert user.check_password(GOOD_PASSWORD)
    assert not user.check_password(GOOD_PASSWORD + "\n")


def test_it_lists_every_problem_with_a_weak_password(tmp_path):
    secret = tmp_path / "password"
    secret.write_text("1234\n")
    with pytest.raises(CommandError) as caught:
        user_add("dana@example.com", "--password-file", str(secret))
    assert "too short" in str(caught.value)
    assert "entirely numeric" in str(caught.value)
    assert not User.objects.filter(email="dana@example.com").exists()


def test_an_empty_password_file_is_refused(tmp_path):
    secret = tmp_path / "password"
    secret.write_text("\n")
    with pytest.raises(CommandError, match="empty"):
        user_add("dana@example.com", "--password-file", str(secret))


def test_a_missing_password_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the password file"):
        user_add("dana@example.com", "--password-file", str(tmp_path / "nope"))


def test_verified_marks_the_email_verified_and_primary():
    user_add("dana@example.com", "--verified")
    address = EmailAddress.objects.get(email="dana@example.com")
    assert (address.verified, address.primary) == (True, True)


def test_an_unknown_plan_is_refused():
    with pytest.raises(CommandError, match="invalid choice"):
        user_add("dana@example.com", "--plan", "platinum")


def test_a_malformed_address_is_refused():
    with pytest.raises(CommandError, match="email"):
        user_add("not an address")
