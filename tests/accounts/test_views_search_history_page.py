import pytest
from django.urls import reverse

from codingdesk.accounts.services import search_history_record

pytestmark = pytest.mark.django_db

URL = reverse("accounts:search_history")


def test_a_guest_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_it_lists_recent_searches_newest_first_with_links_that_rerun_them(client, alice):
    search_history_record(user=alice, query="hives")
    search_history_record(user=alice, query="lap chole & more")
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert html.index(">lap chole &amp; more<") < html.index(">hives<")
    assert 'href="/search?q=lap%20chole%20%26%20more"' in html
    assert 'href="/search?q=hives"' in html


def test_it_offers_to_stop_recording_and_to_clear(client, alice):
    search_history_record(user=alice, query="hives")
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "Stop recording my searches" in html
    assert "Clear all history" in html


def test_with_recording_off_it_offers_to_switch_it_on(client, alice):
    alice.search_history_enabled = False
    alice.save()
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "Record my searches" in html
    assert "No searches recorded." in html


def test_charlie_does_not_see_alices_history(client, alice, charlie):
    search_history_record(user=alice, query="alice-secret-query")
    client.force_login(charlie)
    html = client.get(URL).content.decode()
    assert "alice-secret-query" not in html
