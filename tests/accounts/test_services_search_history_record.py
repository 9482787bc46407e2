import pytest

from codingdesk.accounts import services
from codingdesk.accounts.models import SearchHistoryEntry
from codingdesk.accounts.services import search_history_record

pytestmark = pytest.mark.django_db


def queries(user) -> list[str]:
    entries = SearchHistoryEntry.objects.filter(user=user).order_by("-searched_at", "-pk")
    return list(entries.values_list("query", flat=True))


def test_it_records_a_query(alice):
    search_history_record(user=alice, query="  hives ")
    assert queries(alice) == ["hives"]


def test_it_records_nothing_when_history_is_off(alice):
    services.search_history_enabled_set(user=alice, enabled=False)
    assert search_history_record(user=alice, query="hives") is None
    assert queries(alice) == []


def test_a_repeated_query_moves_to_the_top_instead_of_appearing_twice(alice):
    for query in ["hives", "whiplash", "hives"]:
        search_history_record(user=alice, query=query)
    assert queries(alice) == ["hives", "whiplash"]


def test_it_ignores_an_empty_query(alice):
    assert search_history_record(user=alice, query="   ") is None
    assert queries(alice) == []


def test_it_cuts_a_long_query_to_the_column_length(alice):
    entry = search_history_record(user=alice, query="x" * 2_000)
    assert len(entry.query) == 500


def test_it_keeps_only_the_newest_entries(alice, monkeypatch):
    monkeypatch.setattr(services, "SEARCH_HISTORY_KEEP", 3)
    for number in range(5):
        search_history_record(user=alice, query=f"query {number}")
    assert queries(alice) == ["query 4", "query 3", "query 2"]


def test_trimming_alices_history_leaves_charlies_alone(alice, charlie, monkeypatch):
    monkeypatch.setattr(services, "SEARCH_HISTORY_KEEP", 1)
    search_history_record(user=charlie, query="charlie's")
    search_history_record(user=alice, query="one")
    search_history_record(user=alice, query="two")
    assert queries(charlie) == ["charlie's"]
