import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from codingdesk.consultant.models import InboundMessage, Reply, ReplyStatus
from codingdesk.consultant.services import inbound_message_process, inbound_message_store
from codingdesk.consultant.services.recovery import consultant_recover
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(hours=1)


def queued_task_paths() -> list[str]:
    return [path.rsplit(".", 1)[1] for path in DBTaskResult.objects.values_list("task_path", flat=True)]


def test_a_message_left_unanswered_by_a_crashed_worker_is_queued_again():
    inbound, _ = inbound_message_store(raw=question_mail())
    InboundMessage.objects.filter(pk=inbound.pk).update(received_at=LONG_AGO)
    assert consultant_recover().messages == 1
    assert queued_task_paths() == ["inbound_message_process_task"]


def test_a_fresh_message_is_left_to_the_task_already_queued():
    inbound_message_store(raw=question_mail())
    assert consultant_recover().messages == 0


def test_a_reply_stuck_sending_is_queued_again(pro_alice):
    inbound, _ = inbound_message_store(raw=question_mail())
    inbound_message_process(inbound_id=inbound.pk)
    Reply.objects.update(status=ReplyStatus.SENDING, claimed_at=LONG_AGO, created_at=LONG_AGO)
    assert consultant_recover().replies == 1
    assert Reply.objects.get().status == ReplyStatus.QUEUED
    assert queued_task_paths() == ["reply_send_task"]


def test_a_reply_waiting_for_its_retry_time_is_left_alone(pro_alice):
    inbound, _ = inbound_message_store(raw=question_mail())
    inbound_message_process(inbound_id=inbound.pk)
    later = timezone.now() + datetime.timedelta(minutes=5)
    Reply.objects.update(created_at=LONG_AGO, next_attempt_at=later)
    assert consultant_recover().replies == 0


def test_answered_messages_and_sent_replies_are_not_touched(pro_alice):
    inbound, _ = inbound_message_store(raw=question_mail())
    inbound_message_process(inbound_id=inbound.pk)
    InboundMessage.objects.update(received_at=LONG_AGO)
    Reply.objects.update(status=ReplyStatus.SENT, created_at=LONG_AGO)
    assert consultant_recover() == consultant_recover().__class__(messages=0, replies=0)


def test_a_message_whose_task_is_still_waiting_is_not_queued_again():
    from codingdesk.consultant.tasks import inbound_message_process_task

    inbound, _ = inbound_message_store(raw=question_mail())
    InboundMessage.objects.filter(pk=inbound.pk).update(received_at=LONG_AGO)
    inbound_message_process_task.enqueue(inbound.pk)  # a long backlog: queued, not lost
    assert consultant_recover().messages == 0
    assert DBTaskResult.objects.count() == 1


def test_a_task_a_dead_worker_left_running_does_not_count_as_waiting():
    from codingdesk.consultant.tasks import inbound_message_process_task

    inbound, _ = inbound_message_store(raw=question_mail())
    InboundMessage.objects.filter(pk=inbound.pk).update(received_at=LONG_AGO)
    result = inbound_message_process_task.enqueue(inbound.pk)
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", started_at=LONG_AGO)
    assert consultant_recover().messages == 1
    recovered = DBTaskResult.objects.exclude(pk=result.id).get()
    assert recovered.priority == 10
