import pytest
from django.urls import reverse

from codingdesk.accounts.models import FavoriteCode
from tests.codesets.cpt_files import import_cpt

pytestmark = pytest.mark.django_db

URL = reverse("accounts:favorite_list")


def test_a_guest_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_it_lists_favorites_with_titles_and_links_to_their_pages(client, alice, sample_release):
    FavoriteCode.objects.create(user=alice, system="icd10cm", code="E11.9")
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert 'href="/codes/icd10cm/E11.9"' in html
    assert "Type 2 diabetes mellitus without complications" in html
    assert "ICD-10-CM" in html
    assert 'aria-pressed="true"' in html


def test_with_none_it_says_how_to_add_one(client, alice):
    client.force_login(alice)
    assert "No favorites yet" in client.get(URL).content.decode()


def test_charlie_does_not_see_alices_favorites(client, alice, charlie, sample_release):
    FavoriteCode.objects.create(user=alice, system="icd10cm", code="E11.9")
    client.force_login(charlie)
    html = client.get(URL).content.decode()
    assert "/codes/icd10cm/E11.9" not in html
    assert "No favorites yet" in html



def test_an_unlicensed_site_shows_no_cpt_descriptor_in_favorites(client, alice, tmp_path, settings):
    import_cpt(tmp_path / "CPT2026")
    FavoriteCode.objects.create(user=alice, system="cpt", code="10001")
    client.force_login(alice)
    settings.CPT_LICENSED = False
    assert "TEST ONLY FICTIONAL PROCEDURE ALPHA" not in client.get(URL).content.decode()
    settings.CPT_LICENSED = True
    assert "TEST ONLY FICTIONAL PROCEDURE ALPHA" in client.get(URL).content.decode()
