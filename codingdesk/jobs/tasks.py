"""Background work for the job board, run by `codingdesk worker` from
settings.PERIODIC_TASKS. Each task calls one service."""

from django_tasks import task

from .services.alerts import saved_search_alerts_send
from .services.postings import job_postings_expire


@task()
def job_postings_expire_task() -> dict:
    """Hourly: expire postings past their date and send renewal reminders."""
    expired, reminded = job_postings_expire()
    return {"expired": expired, "reminded": reminded}


@task()
def saved_search_alerts_send_task() -> dict:
    """Hourly: email the saved-search digests that are due (daily or weekly)."""
    return {"sent": saved_search_alerts_send()}
