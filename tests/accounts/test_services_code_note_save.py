import pytest
from django.core.exceptions import ValidationError

from codingdesk.accounts.models import CodeNote
from codingdesk.accounts.services import code_note_save

pytestmark = pytest.mark.django_db


def test_it_saves_a_note(alice, sample_release):
    note = code_note_save(user=alice, system="icd10cm", code="E11.9", text="  Check A1c  ")
    assert (note.user, note.system, note.code, note.text) == (alice, "icd10cm", "E11.9", "Check A1c")


def test_saving_again_replaces_the_text(alice, sample_release):
    code_note_save(user=alice, system="icd10cm", code="E11.9", text="first")
    code_note_save(user=alice, system="icd10cm", code="E11.9", text="second")
    assert list(CodeNote.objects.values_list("text", flat=True)) == ["second"]


def test_empty_text_deletes_the_note(alice, sample_release):
    code_note_save(user=alice, system="icd10cm", code="E11.9", text="first")
    assert code_note_save(user=alice, system="icd10cm", code="E11.9", text=" \r\n ") is None
    assert not CodeNote.objects.exists()


def test_it_accepts_10000_characters_counting_a_line_break_as_one(alice, sample_release):
    text = "a" * 4_999 + "\r\n" + "b" * 5_000  # as a browser posts a full textarea
    note = code_note_save(user=alice, system="icd10cm", code="E11.9", text=text)
    assert len(note.text) == 10_000


def test_it_refuses_more_than_10000_characters(alice, sample_release):
    with pytest.raises(ValidationError, match="at most 10,000 characters"):
        code_note_save(user=alice, system="icd10cm", code="E11.9", text="a" * 10_001)
    assert not CodeNote.objects.exists()


def test_it_refuses_a_note_on_a_code_that_does_not_exist(alice, sample_release):
    with pytest.raises(ValidationError):
        code_note_save(user=alice, system="icd10cm", code="NOPE", text="hello")


def test_charlies_note_on_the_same_code_does_not_touch_alices(alice, charlie, sample_release):
    code_note_save(user=alice, system="icd10cm", code="E11.9", text="alice's")
    code_note_save(user=charlie, system="icd10cm", code="E11.9", text="charlie's")
    code_note_save(user=charlie, system="icd10cm", code="E11.9", text="")
    assert list(CodeNote.objects.values_list("user__email", "text")) == [("alice@example.com", "alice's")]
