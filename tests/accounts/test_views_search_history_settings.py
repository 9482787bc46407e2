import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:search_history_settings")


def test_it_switches_recording_off_then_on(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"enabled": "off"})
    assert response["Location"] == reverse("accounts:search_history")
    alice.refresh_from_db()
    assert alice.search_history_enabled is False
    client.post(URL, {"enabled": "on"})
    alice.refresh_from_db()
    assert alice.search_history_enabled is True


def test_it_answers_get_with_405(client, alice):
    client.force_login(alice)
    assert client.get(URL).status_code == 405


def test_charlie_switching_off_leaves_alices_recording_on(client, alice, charlie):
    client.force_login(charlie)
    client.post(URL, {"enabled": "off"})
    alice.refresh_from_db()
    assert alice.search_history_enabled is True
