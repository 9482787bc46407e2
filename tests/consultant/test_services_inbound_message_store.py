import pytest

from codingdesk.consultant.models import InboundMessage, InboundStatus
from codingdesk.consultant.services import inbound_message_store
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db


def test_it_keeps_the_raw_bytes_and_the_envelope():
    raw = question_mail(message_id="<one@example.com>")
    inbound, created = inbound_message_store(raw=raw, envelope_from="alice@example.com", envelope_to=["ask@localhost"])
    assert created
    inbound.refresh_from_db()
    assert bytes(inbound.raw) == raw
    assert inbound.message_id == "<one@example.com>"
    assert (inbound.envelope_from, inbound.envelope_to) == ("alice@example.com", ["ask@localhost"])
    assert inbound.status == InboundStatus.RECEIVED


def test_the_same_message_id_is_stored_once():
    inbound_message_store(raw=question_mail(message_id="<dup@example.com>"))
    again, created = inbound_message_store(raw=question_mail(message_id="<dup@example.com>", body="resent"))
    assert not created
    assert InboundMessage.objects.count() == 1


def test_a_message_without_message_id_is_told_apart_by_its_bytes():
    raw = b"From: alice@example.com\r\nTo: ask@localhost\r\nSubject: x\r\n\r\nWhat is E11.9?\r\n"
    first, _ = inbound_message_store(raw=raw)
    second, created = inbound_message_store(raw=raw)
    other, other_created = inbound_message_store(raw=raw.replace(b"E11.9", b"E11.65"))
    assert first == second and not created
    assert other_created
    assert first.dedupe_key.startswith("sha256:")


def test_storing_queues_the_message_for_an_answer(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        inbound, _ = inbound_message_store(raw=question_mail())
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("inbound_message_process_task")
    assert task.args_kwargs["args"] == [inbound.pk]
