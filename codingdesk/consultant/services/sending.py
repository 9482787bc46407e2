"""Sending replies: once each, with retries and backoff.

A send first claims the reply (queued -> sending) with a conditional UPDATE,
so a duplicated or retried task finds nothing to do. The reply is marked sent
as soon as the SMTP server has accepted it, before the connection is closed.
The one case that can send twice is a worker killed in the instant between
the server's acceptance and that mark: the reply then stays "sending", and
recovery re-queues it after CONSULTANT_STALE_SECONDS with the same
Message-ID, so a mail client shows it once.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..compose import reply_email
from ..models import Reply, ReplyKind, ReplyStatus

logger = logging.getLogger(__name__)

FIRST_RETRY = datetime.timedelta(seconds=30)
MAX_RETRY_DELAY = datetime.timedelta(hours=6)


def reply_queue(*, reply: Reply) -> Reply:
    """Save a new reply and send it once the transaction commits; in
    review-first mode an answer waits for a staff coder instead."""
    waits_for_review = settings.CONSULTANT_REVIEW_FIRST and reply.kind == ReplyKind.ANSWER
    reply.status = ReplyStatus.PENDING_REVIEW if waits_for_review else ReplyStatus.QUEUED
    reply.save()
    if not waits_for_review:
        transaction.on_commit(lambda: reply_send_enqueue(reply_id=reply.pk))
    return reply


def reply_send_enqueue(*, reply_id: int, at: datetime.datetime | None = None) -> None:
    from ..tasks import reply_send_task

    (reply_send_task.using(run_after=at) if at else reply_send_task).enqueue(reply_id)


def reply_send(*, reply_id: int) -> bool:
    """Send one queued reply whose time has come. Returns whether it was sent."""
    now = timezone.now()
    claimed = (
        Reply.objects.filter(pk=reply_id, status=ReplyStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=ReplyStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    reply = Reply.objects.get(pk=reply_id)
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
        if connection.send_messages([reply_email(reply, connection=connection)]) != 1:
            raise RuntimeError("The email backend did not send the message.")
        Reply.objects.filter(pk=reply_id, status=ReplyStatus.SENDING).update(
            status=ReplyStatus.SENT, sent_at=timezone.now(), last_error=""
        )
        return True
    except Exception as error:
        _retry_later(reply, error)
        return False
    finally:
        _close_quietly(connection)


def _retry_later(reply: Reply, error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"[:2000]
    if reply.attempts >= settings.CONSULTANT_SEND_MAX_ATTEMPTS:
        logger.error("Reply %s failed for good after %s attempts: %s", reply.pk, reply.attempts, message)
        Reply.objects.filter(pk=reply.pk).update(status=ReplyStatus.FAILED, last_error=message)
        return
    at = timezone.now() + retry_delay(reply.attempts)
    logger.warning("Reply %s not sent (attempt %s), retrying at %s: %s", reply.pk, reply.attempts, at, message)
    Reply.objects.filter(pk=reply.pk).update(status=ReplyStatus.QUEUED, next_attempt_at=at, last_error=message)
    reply_send_enqueue(reply_id=reply.pk, at=at)


def retry_delay(attempts: int) -> datetime.timedelta:
    """30 s, 2 min, 8 min, 32 min, ... at most 6 hours."""
    return min(FIRST_RETRY * 4 ** max(attempts - 1, 0), MAX_RETRY_DELAY)


def reply_retry_now(*, reply: Reply) -> None:
    """Staff: send a failed or waiting reply again now."""
    Reply.objects.filter(pk=reply.pk, status__in=[ReplyStatus.FAILED, ReplyStatus.QUEUED]).update(
        status=ReplyStatus.QUEUED, next_attempt_at=None, attempts=0
    )
    reply_send_enqueue(reply_id=reply.pk)


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # the message is already sent or already failed; the close changes nothing
        logger.debug("Closing the SMTP connection failed", exc_info=True)
