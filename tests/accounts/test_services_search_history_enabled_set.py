import pytest

from codingdesk.accounts.services import search_history_enabled_set, search_history_record

pytestmark = pytest.mark.django_db


def test_it_switches_recording_off_and_on(alice):
    search_history_enabled_set(user=alice, enabled=False)
    alice.refresh_from_db()
    assert alice.search_history_enabled is False
    search_history_enabled_set(user=alice, enabled=True)
    alice.refresh_from_db()
    assert alice.search_history_enabled is True


def test_switching_off_keeps_what_was_recorded(alice):
    search_history_record(user=alice, query="hives")
    search_history_enabled_set(user=alice, enabled=False)
    assert alice.search_history.count() == 1
