"""Housekeeping for the task queue itself."""

from django.core.management import call_command
from django_tasks import task


@task()
def task_results_prune_task(min_age_days: int = 14) -> None:
    """Finished task rows are only a log; without pruning the table grows by
    two rows per email consultation for ever."""
    call_command("prune_db_task_results", min_age_days=min_age_days, verbosity=0)
