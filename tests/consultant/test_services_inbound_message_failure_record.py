import datetime

import pytest
from django.utils import timezone

from codingdesk.consultant.models import InboundMessage, InboundStatus
from codingdesk.consultant.services import inbound_message_store
from codingdesk.consultant.services.answering import inbound_message_failure_record, inbound_message_retry
from codingdesk.consultant.services.recovery import consultant_recover
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbound(db) -> InboundMessage:
    return inbound_message_store(raw=question_mail())[0]


def test_a_failure_schedules_a_later_attempt_with_growing_delays(inbound):
    first = inbound_message_failure_record(inbound_id=inbound.pk, error=RuntimeError("LLM down"))
    second = inbound_message_failure_record(inbound_id=inbound.pk, error=RuntimeError("LLM down"))
    inbound.refresh_from_db()
    assert (inbound.attempts, inbound.status) == (2, InboundStatus.RECEIVED)
    assert inbound.last_error == "RuntimeError: LLM down"
    assert second - first > datetime.timedelta(seconds=30)


def test_the_last_attempt_marks_the_message_failed(inbound, settings):
    settings.CONSULTANT_PROCESS_MAX_ATTEMPTS = 2
    inbound_message_failure_record(inbound_id=inbound.pk, error=RuntimeError("down"))
    assert inbound_message_failure_record(inbound_id=inbound.pk, error=RuntimeError("down")) is None
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.FAILED


def test_recovery_leaves_a_message_waiting_for_its_retry_alone(inbound):
    InboundMessage.objects.filter(pk=inbound.pk).update(received_at=timezone.now() - datetime.timedelta(hours=1))
    inbound_message_failure_record(inbound_id=inbound.pk, error=RuntimeError("down"))
    assert consultant_recover().messages == 0


def test_staff_can_process_a_failed_message_again(inbound, settings, django_capture_on_commit_callbacks):
    settings.CONSULTANT_PROCESS_MAX_ATTEMPTS = 1
    inbound_message_failure_record(inbound_id=inbound.pk, error=RuntimeError("down"))
    with django_capture_on_commit_callbacks() as callbacks:
        inbound_message_retry(inbound=InboundMessage.objects.get(pk=inbound.pk))
    inbound.refresh_from_db()
    assert (inbound.status, inbound.attempts) == (InboundStatus.RECEIVED, 0)
    assert len(callbacks) == 1
