"""Background work for the job board, run by `codingdesk worker`: the hourly
tasks from settings.PERIODIC_TASKS, and the emails that services queue once
their transaction commits (so that a mail server that is down never fails a
request). Each task calls one service."""

import datetime
import logging

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django_tasks import task

from .services.alerts import saved_search_alerts_send
from .services.applications import application_new_email_send, application_status_email_send
from .services.postings import job_posting_email_send, job_postings_expire
from .services.resumes import resumes_orphaned_delete

logger = logging.getLogger(__name__)

# A failed email is tried again after 1, 4, 16 and 64 minutes, then given up.
MAX_EMAIL_ATTEMPTS = 5
FIRST_RETRY_SECONDS = 60


@task()
def job_postings_expire_task() -> dict:
    """Hourly: expire postings past their date and send renewal reminders."""
    expired, reminded = job_postings_expire()
    return {"expired": expired, "reminded": reminded}


@task()
def saved_search_alerts_send_task() -> dict:
    """Hourly: email the saved-search digests that are due (daily or weekly)."""
    return {"sent": saved_search_alerts_send()}


@task()
def resumes_orphaned_delete_task() -> dict:
    return {"deleted": resumes_orphaned_delete()}


@task()
def application_new_email_send_task(application_id: int, attempt: int = 1) -> None:
    _send_or_retry(application_new_email_send_task, (application_id,), attempt,
                   lambda: application_new_email_send(application_id=application_id))  # fmt: skip


@task()
def application_status_email_send_task(application_id: int, attempt: int = 1) -> None:
    _send_or_retry(application_status_email_send_task, (application_id,), attempt,
                   lambda: application_status_email_send(application_id=application_id))  # fmt: skip


@task()
def job_posting_email_send_task(posting_id: int, template: str, attempt: int = 1) -> None:
    _send_or_retry(job_posting_email_send_task, (posting_id, template), attempt,
                   lambda: job_posting_email_send(posting_id=posting_id, template=template))  # fmt: skip


def _send_or_retry(email_task, args: tuple, attempt: int, send) -> None:
    """Send; if that fails, queue the task again with backoff (up to
    MAX_EMAIL_ATTEMPTS) and re-raise, so the worker records the failure. A
    row deleted since the task was queued has nobody left to email."""
    try:
        send()
    except ObjectDoesNotExist:
        logger.info("%s%s: the row is gone, nothing to send", email_task.name, args)
    except Exception:
        if attempt < MAX_EMAIL_ATTEMPTS:
            delay = datetime.timedelta(seconds=FIRST_RETRY_SECONDS * 4 ** (attempt - 1))
            email_task.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1)
        else:
            logger.error("%s%s: giving up after %s attempts", email_task.name, args, attempt)
        raise
