import pytest
from django.core.exceptions import ValidationError

from codingdesk.accounts.services import user_profile_update

pytestmark = pytest.mark.django_db


def test_it_saves_the_name(alice):
    user_profile_update(user=alice, name="  Alice Liddell ")
    alice.refresh_from_db()
    assert alice.name == "Alice Liddell"


def test_it_refuses_a_name_longer_than_150_characters(alice):
    with pytest.raises(ValidationError):
        user_profile_update(user=alice, name="a" * 151)
    alice.refresh_from_db()
    assert alice.name == ""
