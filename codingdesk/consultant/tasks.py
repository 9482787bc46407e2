"""The consultant's background tasks, run by `codingdesk worker`. Each takes
ids and calls a service; the services are idempotent, so a task that runs
twice does its work once."""

from django_tasks import task

from .services import inbound_message_process, reply_send
from .services.answering import inbound_message_failure_record
from .services.recovery import consultant_recover
from .services.retention import inbound_messages_prune


@task()
def inbound_message_process_task(inbound_id: int) -> None:
    """Answer (or reject) one stored message. A failure (the database busy, the
    LLM endpoint down) is retried with backoff: 15 s, 1 min, 4 min, ..."""
    try:
        inbound_message_process(inbound_id=inbound_id)
    except Exception as error:
        retry_at = inbound_message_failure_record(inbound_id=inbound_id, error=error)
        if retry_at is not None:
            inbound_message_process_task.using(run_after=retry_at).enqueue(inbound_id)
        raise


@task()
def reply_send_task(reply_id: int) -> None:
    """Retries are scheduled by the service itself, which knows the attempt count."""
    reply_send(reply_id=reply_id)


# Ahead of the backlog: recovery is what notices a backlog's lost work.
@task(priority=10)
def consultant_recover_task() -> None:
    consultant_recover()


@task()
def inbound_messages_prune_task() -> None:
    inbound_messages_prune()
