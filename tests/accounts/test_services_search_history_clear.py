import pytest

from codingdesk.accounts.models import SearchHistoryEntry
from codingdesk.accounts.services import search_history_clear, search_history_record

pytestmark = pytest.mark.django_db


def test_it_deletes_every_entry_of_the_user_and_says_how_many(alice):
    search_history_record(user=alice, query="hives")
    search_history_record(user=alice, query="whiplash")
    assert search_history_clear(user=alice) == 2
    assert not SearchHistoryEntry.objects.exists()


def test_charlie_clearing_his_history_leaves_alices(alice, charlie):
    search_history_record(user=alice, query="hives")
    search_history_record(user=charlie, query="whiplash")
    search_history_clear(user=charlie)
    assert list(SearchHistoryEntry.objects.values_list("user__email", "query")) == [("alice@example.com", "hives")]
