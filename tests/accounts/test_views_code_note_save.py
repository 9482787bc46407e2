import pytest
from django.urls import reverse

from codingdesk.accounts.models import CodeNote

pytestmark = pytest.mark.django_db

URL = reverse("accounts:code_note_save", kwargs={"system": "icd10cm", "code": "E11.9"})
CODE_PAGE = reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": "E11.9"})


def test_it_saves_the_note_and_returns_to_the_code_page(client, alice, sample_release):
    client.force_login(alice)
    response = client.post(URL, {"text": "Check the A1c"})
    assert response.status_code == 302
    assert response["Location"] == CODE_PAGE
    assert CodeNote.objects.get(user=alice).text == "Check the A1c"


def test_the_note_shows_on_the_code_page(client, alice, sample_release):
    client.force_login(alice)
    html = client.post(URL, {"text": "Check the A1c"}, follow=True).content.decode()
    assert ">Check the A1c</textarea>" in html
    assert "Your note is saved." in html


def test_empty_text_deletes_the_note(client, alice, sample_release):
    CodeNote.objects.create(user=alice, system="icd10cm", code="E11.9", text="old")
    client.force_login(alice)
    response = client.post(URL, {"text": ""}, follow=True)
    assert not CodeNote.objects.exists()
    assert "Your note is deleted." in response.content.decode()


def test_too_long_a_note_is_refused_with_a_message(client, alice, sample_release):
    client.force_login(alice)
    response = client.post(URL, {"text": "a" * 10_001}, follow=True)
    assert not CodeNote.objects.exists()
    assert "at most 10,000 characters" in response.content.decode()


def test_it_answers_get_with_405(client, alice, sample_release):
    client.force_login(alice)
    assert client.get(URL).status_code == 405


def test_a_guest_cannot_save_a_note(client, sample_release):
    response = client.post(URL, {"text": "hello"})
    assert response["Location"].startswith(reverse("account_login"))
    assert not CodeNote.objects.exists()


def test_charlie_saving_a_note_does_not_change_alices(client, alice, charlie, sample_release):
    CodeNote.objects.create(user=alice, system="icd10cm", code="E11.9", text="alice's note")
    client.force_login(charlie)
    client.post(URL, {"text": "charlie's note"})
    client.post(URL, {"text": ""})
    assert list(CodeNote.objects.values_list("user__email", "text")) == [("alice@example.com", "alice's note")]


def test_charlie_does_not_see_alices_note_on_the_code_page(client, alice, charlie, sample_release):
    CodeNote.objects.create(user=alice, system="icd10cm", code="E11.9", text="alice's note")
    client.force_login(charlie)
    html = client.get(CODE_PAGE).content.decode()
    assert "alice&#x27;s note" not in html and "alice's note" not in html
