import pytest
from django.core.exceptions import ValidationError

from codingdesk.accounts.models import FavoriteCode
from codingdesk.accounts.services import favorite_toggle

pytestmark = pytest.mark.django_db


def test_it_stars_a_code(alice, sample_release):
    assert favorite_toggle(user=alice, system="icd10cm", code="E11.9") is True
    assert list(FavoriteCode.objects.values_list("user__email", "system", "code")) == [
        ("alice@example.com", "icd10cm", "E11.9")
    ]


def test_a_second_toggle_unstars_it(alice, sample_release):
    favorite_toggle(user=alice, system="icd10cm", code="E11.9")
    assert favorite_toggle(user=alice, system="icd10cm", code="E11.9") is False
    assert not FavoriteCode.objects.exists()


def test_it_refuses_a_code_that_no_release_has(alice, sample_release):
    with pytest.raises(ValidationError, match="There is no code Z99.9"):
        favorite_toggle(user=alice, system="icd10cm", code="Z99.9")
    assert not FavoriteCode.objects.exists()


def test_charlie_toggling_the_same_code_leaves_alices_star_alone(alice, charlie, sample_release):
    favorite_toggle(user=alice, system="icd10cm", code="E11.9")
    assert favorite_toggle(user=charlie, system="icd10cm", code="E11.9") is True
    favorite_toggle(user=charlie, system="icd10cm", code="E11.9")
    assert list(FavoriteCode.objects.values_list("user__email", flat=True)) == ["alice@example.com"]
