"""`codingdesk worker`: runs background tasks (django-tasks, database backend).

Started by `make run` (and `codingdesk run`); a site may run several, on one
node or many. Each runs queued tasks one at a time, and enqueues the periodic
tasks in settings.PERIODIC_TASKS when they are due (codingdesk/background/periodic.py).
"""

import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from codingdesk.background.periodic import periodic_tasks_enqueue_due

logger = logging.getLogger(__name__)

SCHEDULER_CHECK_SECONDS = 5


class Command(BaseCommand):
    help = "Run background tasks and enqueue the periodic ones."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=0.5, help="Seconds to wait when the queue is empty.")
        parser.add_argument("--batch", action="store_true", help="Exit once the queue is empty (for scripts).")
        parser.add_argument("--no-periodic", action="store_true", help="Do not enqueue periodic tasks.")

    def handle(self, *args, interval, batch, no_periodic, **options):
        warn_if_mail_goes_to_console()
        if not no_periodic and not batch:
            threading.Thread(target=_schedule_forever, daemon=True, name="periodic-tasks").start()
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()


def _schedule_forever() -> None:
    stop = threading.Event()
    while not stop.wait(SCHEDULER_CHECK_SECONDS):
        try:
            periodic_tasks_enqueue_due(settings.PERIODIC_TASKS)
        except Exception:  # a busy database now is no reason to stop scheduling
            logger.exception("Could not enqueue periodic tasks")
        finally:
            close_old_connections()


def warn_if_mail_goes_to_console() -> None:
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        logger.warning(
            "No outbound SMTP server is configured (EMAIL_HOST is empty): replies and other emails are "
            "printed to the console, not sent."
        )
