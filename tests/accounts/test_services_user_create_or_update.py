import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from codingdesk.accounts.models import PlanName, Role, User
from codingdesk.accounts.services import user_create_or_update

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "plum tulip harbour 42"


def test_it_creates_a_free_member_with_an_unusable_password():
    user, created = user_create_or_update(email="dana@Example.COM")
    assert created is True
    assert (user.email, user.plan, user.role, user.is_staff) == ("dana@example.com", "free", "member", False)
    assert not user.has_usable_password()


def test_it_updates_the_user_with_that_email_whatever_its_case(alice):
    user, created = user_create_or_update(email="ALICE@example.com", plan=PlanName.PRO)
    assert created is False
    assert user.pk == alice.pk
    assert User.objects.get(pk=alice.pk).plan == PlanName.PRO


def test_an_update_keeps_what_it_is_not_told_to_change(alice, password):
    user_create_or_update(email=alice.email, role=Role.EMPLOYER)
    alice.refresh_from_db()
    assert (alice.plan, alice.role) == (PlanName.FREE, Role.EMPLOYER)
    assert alice.check_password(password)


def test_role_staff_opens_the_admin_and_another_role_closes_it():
    user, _ = user_create_or_update(email="dana@example.com", role=Role.STAFF)
    assert user.is_staff is True
    user, _ = user_create_or_update(email="dana@example.com", role=Role.MEMBER)
    assert user.is_staff is False


def test_it_sets_a_valid_password():
    user, _ = user_create_or_update(email="dana@example.com", password=GOOD_PASSWORD)
    assert user.check_password(GOOD_PASSWORD)


def test_it_refuses_a_weak_password_and_says_why():
    with pytest.raises(ValidationError) as caught:
        user_create_or_update(email="dana@example.com", password="12345")
    problems = caught.value.message_dict["password"]
    assert any("too short" in problem for problem in problems)
    assert any("entirely numeric" in problem for problem in problems)
    assert not User.objects.filter(email="dana@example.com").exists()


def test_verified_marks_the_address_verified_and_primary():
    user, _ = user_create_or_update(email="dana@example.com", verified=True)
    (address,) = EmailAddress.objects.filter(user=user)
    assert (address.email, address.verified, address.primary) == ("dana@example.com", True, True)


def test_verified_on_an_existing_unverified_address_verifies_it():
    user, _ = user_create_or_update(email="dana@example.com")
    EmailAddress.objects.create(user=user, email="dana@example.com", verified=False, primary=False)
    EmailAddress.objects.create(user=user, email="old@example.com", verified=True, primary=True)
    user_create_or_update(email="dana@example.com", verified=True)
    addresses = dict(EmailAddress.objects.filter(user=user).values_list("email", "primary"))
    assert addresses == {"dana@example.com": True, "old@example.com": False}
    assert EmailAddress.objects.get(email="dana@example.com").verified is True


def test_it_refuses_a_malformed_address():
    with pytest.raises(ValidationError):
        user_create_or_update(email="not an address")
