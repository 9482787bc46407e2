"""Periodic tasks (settings.PERIODIC_TASKS), enqueued by `codingdesk worker`.

django-tasks has no scheduler. Each worker checks the list every few seconds
and enqueues a task whose interval has come round; a cache.add() on a key for
that interval makes sure only one worker enqueues it, however many run (the
cache is the database or Redis, shared by every node).
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def periodic_tasks_enqueue_due(schedule: list[tuple[str, int, dict]], *, now: float | None = None) -> list[str]:
    """Enqueue each task not yet enqueued in its current interval; returns their paths."""
    now = time.time() if now is None else now
    enqueued = []
    for path, interval, kwargs in schedule:
        slot = int(now // interval)
        if cache.add(f"periodic:{path}:{slot}", True, timeout=interval * 2):
            import_string(path).enqueue(**kwargs)
            enqueued.append(path)
    if enqueued:
        logger.info("Enqueued periodic tasks: %s", ", ".join(enqueued))
    return enqueued
