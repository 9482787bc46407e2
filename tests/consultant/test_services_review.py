import pytest
from django.core.exceptions import ValidationError

from codingdesk.consultant.models import Reply, ReplyStatus
from codingdesk.consultant.services import (
    inbound_message_process,
    inbound_message_store,
    reply_approve,
    reply_discard,
    reply_send,
)
from tests.tasks import run_tasks
from tests.consultant.mail import question_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pending(pro_alice, settings) -> Reply:
    settings.CONSULTANT_REVIEW_FIRST = True
    inbound, _ = inbound_message_store(raw=question_mail())
    inbound_message_process(inbound_id=inbound.pk)
    return Reply.objects.get()


@pytest.fixture
def coder(db):
    return UserFactory(email="coder@example.com", is_staff=True)


def test_an_answer_in_review_is_not_sent(pending, smtp_sink):
    run_tasks()
    assert reply_send(reply_id=pending.pk) is False
    assert smtp_sink.messages == []


def test_an_approved_answer_is_sent_as_edited(pending, coder, smtp_sink):
    reply_approve(reply=pending, reviewer=coder, body_markdown="Sequence A41.9 first, then R65.21.")
    run_tasks()
    (sent,) = smtp_sink.messages
    assert "Sequence A41.9 first" in sent.get_body(("plain",)).get_content()
    pending.refresh_from_db()
    assert (pending.status, pending.reviewed_by) == (ReplyStatus.SENT, coder)


def test_a_discarded_answer_is_never_sent(pending, coder, smtp_sink):
    reply_discard(reply=pending, reviewer=coder)
    run_tasks()
    assert smtp_sink.messages == []
    with pytest.raises(ValidationError, match="discarded"):
        reply_approve(reply=pending, reviewer=coder)


def test_an_empty_edit_is_refused(pending, coder):
    with pytest.raises(ValidationError, match="cannot be empty"):
        reply_approve(reply=pending, reviewer=coder, body_markdown="  ")
    pending.refresh_from_db()
    assert pending.status == ReplyStatus.PENDING_REVIEW
