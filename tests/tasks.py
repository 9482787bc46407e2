"""Running queued background tasks inside a test."""

from django_tasks_db.management.commands.db_worker import Worker


def run_tasks() -> None:
    """Run every queued task that is due, as `codingdesk worker` would, then
    return. Needs pytest.mark.django_db(transaction=True): the worker commits."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
