"""What the search results page does for a signed-in member: a star on each
result, and a line in their search history."""

import pytest
from django.urls import reverse

from codingdesk.accounts.models import FavoriteCode, SearchHistoryEntry

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def stars(html: str) -> int:
    return html.count('class="favorite-star')


def test_a_member_sees_a_star_on_each_result_filled_for_favorites(client, alice, indexed_sample):
    FavoriteCode.objects.create(user=alice, system="icd10cm", code="S13.4XXA")
    client.force_login(alice)
    response = client.get(URL, {"q": "whiplash", "list": "1"})
    html = response.content.decode()
    assert stars(html) == len(response.context["results"]) > 0
    assert 'title="Remove S13.4XXA from favorites"' in html
    assert html.count('aria-pressed="true"') == 1


def test_the_star_returns_to_the_results_page(client, alice, indexed_sample):
    client.force_login(alice)
    html = client.get(URL, {"q": "whiplash", "list": "1"}).content.decode()
    assert 'name="next" value="/search?q=whiplash&amp;list=1"' in html


def test_a_guest_sees_no_star(client, indexed_sample):
    html = client.get(URL, {"q": "whiplash", "list": "1"}).content.decode()
    assert "S13.4XXA" in html
    assert stars(html) == 0


def test_the_typeahead_has_no_star(client, alice, indexed_sample):
    client.force_login(alice)
    html = client.get(reverse("search:typeahead"), {"q": "whiplash"}).content.decode()
    assert "S13.4XXA" in html
    assert stars(html) == 0


def test_a_members_search_is_recorded(client, alice, indexed_sample):
    client.force_login(alice)
    client.get(URL, {"q": " whiplash "})
    assert list(SearchHistoryEntry.objects.values_list("user__email", "query")) == [("alice@example.com", "whiplash")]


def test_a_code_typed_in_the_box_is_recorded_too(client, alice, indexed_sample):
    client.force_login(alice)
    assert client.get(URL, {"q": "e119"}).status_code == 302
    assert list(SearchHistoryEntry.objects.values_list("query", flat=True)) == ["e119"]


def test_nothing_is_recorded_when_history_is_off(client, alice, indexed_sample):
    alice.search_history_enabled = False
    alice.save()
    client.force_login(alice)
    client.get(URL, {"q": "whiplash"})
    assert not SearchHistoryEntry.objects.exists()


def test_the_typeahead_and_guests_record_nothing(client, alice, indexed_sample):
    client.get(URL, {"q": "whiplash"})
    client.force_login(alice)
    client.get(reverse("search:typeahead"), {"q": "whiplash"})
    assert not SearchHistoryEntry.objects.exists()


def test_a_search_that_fails_is_not_recorded(client, alice, indexed_sample):
    client.force_login(alice)
    assert client.get(URL, {"q": "diabetes", "as_of": "2026-02-30"}).status_code == 400
    assert not SearchHistoryEntry.objects.exists()
