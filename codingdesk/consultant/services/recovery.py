"""Picking up work a crashed worker left behind.

Tasks only trigger work; the rows say what is left to do. A worker killed
mid-task leaves its message "received" or its reply "sending", and the task
result says "running" for ever. Run periodically by `codingdesk worker`
(settings.PERIODIC_TASKS), this re-enqueues what has been waiting longer than
CONSULTANT_STALE_SECONDS. A duplicate task is harmless: both services check
the row's status before they act.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ..models import InboundMessage, InboundStatus, Reply, ReplyStatus
from .sending import reply_send_enqueue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recovered:
    messages: int
    replies: int


def consultant_recover() -> Recovered:
    stale_before = timezone.now() - datetime.timedelta(seconds=settings.CONSULTANT_STALE_SECONDS)
    messages = _requeue_stale_messages(stale_before)
    replies = _requeue_stale_replies(stale_before)
    if messages or replies:
        logger.warning("Recovered %s unanswered messages and %s unsent replies", messages, replies)
    return Recovered(messages=messages, replies=replies)


def _requeue_stale_messages(stale_before: datetime.datetime) -> int:
    from ..tasks import inbound_message_process_task

    # Never tried and long queued, or a retry long overdue: its task was lost.
    stale = InboundMessage.objects.filter(status=InboundStatus.RECEIVED).filter(
        Q(next_attempt_at__isnull=True, received_at__lt=stale_before) | Q(next_attempt_at__lt=stale_before)
    )
    ids = list(stale.values_list("pk", flat=True))
    for inbound_id in ids:
        inbound_message_process_task.enqueue(inbound_id)
    return len(ids)


def _requeue_stale_replies(stale_before: datetime.datetime) -> int:
    # A reply left "sending" may or may not have reached the server; sending it
    # again (same Message-ID) is better than losing it.
    Reply.objects.filter(status=ReplyStatus.SENDING, claimed_at__lt=stale_before).update(
        status=ReplyStatus.QUEUED
    )
    due = Reply.objects.filter(status=ReplyStatus.QUEUED, created_at__lt=stale_before).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )
    ids = list(due.values_list("pk", flat=True))
    for reply_id in ids:
        reply_send_enqueue(reply_id=reply_id)
    return len(ids)
