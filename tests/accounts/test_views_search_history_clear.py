import pytest
from django.urls import reverse

from codingdesk.accounts.models import SearchHistoryEntry
from codingdesk.accounts.services import search_history_record

pytestmark = pytest.mark.django_db

URL = reverse("accounts:search_history_clear")


def test_it_clears_the_history_and_says_so(client, alice):
    search_history_record(user=alice, query="hives")
    search_history_record(user=alice, query="whiplash")
    client.force_login(alice)
    response = client.post(URL, follow=True)
    assert not SearchHistoryEntry.objects.exists()
    assert "Cleared 2 searches from your history." in response.content.decode()


def test_it_answers_get_with_405_and_keeps_the_history(client, alice):
    search_history_record(user=alice, query="hives")
    client.force_login(alice)
    assert client.get(URL).status_code == 405
    assert SearchHistoryEntry.objects.count() == 1


def test_charlie_clearing_leaves_alices_history(client, alice, charlie):
    search_history_record(user=alice, query="hives")
    client.force_login(charlie)
    client.post(URL)
    assert list(SearchHistoryEntry.objects.values_list("user__email", flat=True)) == ["alice@example.com"]
