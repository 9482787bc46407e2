import pytest
from django.urls import reverse

from codingdesk.accounts.models import FavoriteCode

pytestmark = pytest.mark.django_db

URL = reverse("accounts:favorite_toggle", kwargs={"system": "icd10cm", "code": "E11.9"})
CODE_PAGE = reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": "E11.9"})


def test_it_answers_get_with_405(client, alice, sample_release):
    client.force_login(alice)
    assert client.get(URL).status_code == 405
    assert not FavoriteCode.objects.exists()


def test_a_guest_cannot_star(client, sample_release):
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not FavoriteCode.objects.exists()


def test_it_stars_and_redirects_back_to_next(client, alice, sample_release):
    client.force_login(alice)
    response = client.post(URL, {"next": CODE_PAGE})
    assert response.status_code == 302
    assert response["Location"] == CODE_PAGE
    assert FavoriteCode.objects.filter(user=alice, system="icd10cm", code="E11.9").exists()


def test_without_next_it_redirects_to_the_favorites(client, alice, sample_release):
    client.force_login(alice)
    assert client.post(URL)["Location"] == reverse("accounts:favorite_list")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example"])
def test_it_never_redirects_to_another_site(client, alice, sample_release, target):
    client.force_login(alice)
    assert client.post(URL, {"next": target})["Location"] == reverse("accounts:favorite_list")


def test_with_htmx_it_returns_the_redrawn_star(client, alice, sample_release):
    client.force_login(alice)
    response = client.post(URL, {"next": CODE_PAGE}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert [template.name for template in response.templates] == ["accounts/_favorite_star.html"]
    html = response.content.decode()
    assert 'aria-pressed="true"' in html
    assert f'name="next" value="{CODE_PAGE}"' in html
    assert "csrfmiddlewaretoken" in html

    html = client.post(URL, {"next": CODE_PAGE}, headers={"HX-Request": "true"}).content.decode()
    assert 'aria-pressed="false"' in html
    assert not FavoriteCode.objects.exists()


def test_an_unknown_code_is_refused(client, alice, sample_release):
    client.force_login(alice)
    url = reverse("accounts:favorite_toggle", kwargs={"system": "icd10cm", "code": "Z99.9"})
    assert client.post(url, headers={"HX-Request": "true"}).status_code == 400
    client.post(url)
    assert not FavoriteCode.objects.exists()


def test_charlie_unstarring_a_code_leaves_alices_star(client, alice, charlie, sample_release):
    FavoriteCode.objects.create(user=alice, system="icd10cm", code="E11.9")
    client.force_login(charlie)
    client.post(URL)  # charlie stars it for himself
    client.post(URL)  # and unstars it
    assert list(FavoriteCode.objects.values_list("user__email", flat=True)) == ["alice@example.com"]
