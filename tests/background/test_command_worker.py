import logging

import pytest
from django.core.management import call_command

from codingdesk.consultant.models import InboundMessage, InboundStatus
from codingdesk.consultant.services import inbound_message_store
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_runs_the_queued_tasks_and_exits_in_batch_mode(alice, settings):
    settings.CONSULTANT_ADDRESSES = ["ask@localhost"]
    inbound, _ = inbound_message_store(raw=question_mail())
    call_command("worker", "--batch")
    assert InboundMessage.objects.get(pk=inbound.pk).status != InboundStatus.RECEIVED


def test_it_warns_when_mail_would_only_go_to_the_console(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with caplog.at_level(logging.WARNING):
        call_command("worker", "--batch")
    assert "printed to the console" in caplog.text
