import datetime

import pytest
from django.utils import timezone

from codingdesk.consultant.models import InboundMessage, InboundStatus
from codingdesk.consultant.services import inbound_message_process, inbound_message_store
from codingdesk.consultant.services.retention import inbound_messages_prune
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=91)


def stored(sender: str) -> InboundMessage:
    inbound, _ = inbound_message_store(raw=question_mail(sender=sender))
    inbound_message_process(inbound_id=inbound.pk)
    InboundMessage.objects.filter(pk=inbound.pk).update(received_at=LONG_AGO)
    return inbound


def test_old_rejected_messages_are_deleted_and_answered_ones_kept(pro_alice):
    stored("stranger@example.net")
    answered = stored("alice@example.com")
    assert inbound_messages_prune() >= 1
    assert list(InboundMessage.objects.values_list("pk", flat=True)) == [answered.pk]
    assert InboundMessage.objects.get().status == InboundStatus.ANSWERED


def test_recent_rejected_messages_are_kept(db):
    inbound, _ = inbound_message_store(raw=question_mail(sender="stranger@example.net"))
    inbound_message_process(inbound_id=inbound.pk)
    assert inbound_messages_prune() == 0
