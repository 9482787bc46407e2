"""The consultant's background tasks, run by `codingdesk worker`. Each takes
ids and calls a service; the services are idempotent, so a task that runs
twice does its work once."""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from .services import inbound_message_process, reply_send
from .services.recovery import consultant_recover

logger = logging.getLogger(__name__)

MAX_PROCESS_ATTEMPTS = 6
FIRST_RETRY_SECONDS = 15


@task()
def inbound_message_process_task(inbound_id: int, attempt: int = 1) -> None:
    """Answer (or reject) one stored message. A failure (the database busy, the
    LLM endpoint down) is retried with backoff: 15 s, 1 min, 4 min, ..."""
    try:
        inbound_message_process(inbound_id=inbound_id)
    except Exception:
        if attempt < MAX_PROCESS_ATTEMPTS:
            delay = datetime.timedelta(seconds=FIRST_RETRY_SECONDS * 4 ** (attempt - 1))
            inbound_message_process_task.using(run_after=timezone.now() + delay).enqueue(
                inbound_id, attempt=attempt + 1
            )
        else:
            # The message stays "received": recovery and the admin still show it.
            logger.error("Giving up on inbound message %s after %s attempts", inbound_id, attempt)
        raise


@task()
def reply_send_task(reply_id: int) -> None:
    """Retries are scheduled by the service itself, which knows the attempt count."""
    reply_send(reply_id=reply_id)


@task()
def consultant_recover_task() -> None:
    consultant_recover()
