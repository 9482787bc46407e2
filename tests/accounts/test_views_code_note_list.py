import pytest
from django.urls import reverse

from codingdesk.accounts.models import CodeNote

pytestmark = pytest.mark.django_db

URL = reverse("accounts:code_note_list")


def test_a_guest_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_it_lists_notes_with_their_codes(client, alice, sample_release):
    CodeNote.objects.create(user=alice, system="icd10cm", code="E11.9", text="Check the A1c\nand the eyes")
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert 'href="/codes/icd10cm/E11.9#personal-note"' in html
    assert "Type 2 diabetes mellitus without complications" in html
    assert "Check the A1c<br>and the eyes" in html


def test_charlie_does_not_see_alices_notes(client, alice, charlie, sample_release):
    CodeNote.objects.create(user=alice, system="icd10cm", code="E11.9", text="alice's note")
    client.force_login(charlie)
    html = client.get(URL).content.decode()
    assert "/codes/icd10cm/E11.9" not in html
    assert "No notes yet" in html
