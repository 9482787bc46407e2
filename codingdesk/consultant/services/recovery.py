"""Picking up work a crashed worker left behind.

Tasks only trigger work; the rows say what is left to do. A worker killed
mid-task leaves its message "received" or its reply "sending", and the task
result says "running" for ever. Run periodically by `codingdesk worker`
(settings.PERIODIC_TASKS), this re-enqueues what has been waiting longer than
CONSULTANT_STALE_SECONDS and has no task waiting for it. A duplicate task
would be harmless anyway: both services check the row's status first.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ..models import InboundMessage, InboundStatus, Reply, ReplyStatus

# Recovered work goes ahead of the backlog: it has waited long enough already.
RECOVERED_PRIORITY = 10

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

    # Never tried and long queued, or a retry long overdue: its task may be lost.
    stale = InboundMessage.objects.filter(status=InboundStatus.RECEIVED).filter(
        Q(next_attempt_at__isnull=True, received_at__lt=stale_before) | Q(next_attempt_at__lt=stale_before)
    )
    waiting = _ids_with_live_tasks(inbound_message_process_task, stale_before)
    ids = [pk for pk in stale.values_list("pk", flat=True) if pk not in waiting]
    for inbound_id in ids:
        inbound_message_process_task.using(priority=RECOVERED_PRIORITY).enqueue(inbound_id)
    return len(ids)


def _requeue_stale_replies(stale_before: datetime.datetime) -> int:
    from ..tasks import reply_send_task

    # A reply left "sending" may or may not have reached the server; sending it
    # again (same Message-ID) is better than losing it.
    Reply.objects.filter(status=ReplyStatus.SENDING, claimed_at__lt=stale_before).update(
        status=ReplyStatus.QUEUED
    )
    due = Reply.objects.filter(status=ReplyStatus.QUEUED, created_at__lt=stale_before).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )
    waiting = _ids_with_live_tasks(reply_send_task, stale_before)
    ids = [pk for pk in due.values_list("pk", flat=True) if pk not in waiting]
    for reply_id in ids:
        reply_send_task.using(priority=RECOVERED_PRIORITY).enqueue(reply_id)
    return len(ids)


def _ids_with_live_tasks(task, stale_before: datetime.datetime) -> set[int]:
    """The ids that still have a task waiting in the queue, or one a worker
    started recently: a long backlog is only waiting, not lost, and must not
    be queued again every time recovery runs. A task "running" since before
    stale_before belongs to a dead worker."""
    live = DBTaskResult.objects.filter(task_path=task.module_path).filter(
        Q(status=TaskResultStatus.READY) | Q(status=TaskResultStatus.RUNNING, started_at__gte=stale_before)
    )
    return {args_kwargs["args"][0] for args_kwargs in live.values_list("args_kwargs", flat=True)}
