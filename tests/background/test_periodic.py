import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from codingdesk.background.periodic import periodic_tasks_enqueue_due
from codingdesk.background.tasks import task_results_prune_task

pytestmark = pytest.mark.django_db

SCHEDULE = [("codingdesk.consultant.tasks.consultant_recover_task", 60, {})]


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()


def test_a_due_task_is_enqueued_once_per_interval():
    assert periodic_tasks_enqueue_due(SCHEDULE, now=600.0) == [SCHEDULE[0][0]]
    assert periodic_tasks_enqueue_due(SCHEDULE, now=630.0) == []
    assert DBTaskResult.objects.count() == 1


def test_the_next_interval_enqueues_it_again():
    periodic_tasks_enqueue_due(SCHEDULE, now=600.0)
    periodic_tasks_enqueue_due(SCHEDULE, now=660.0)
    assert DBTaskResult.objects.count() == 2


def test_every_configured_periodic_task_can_be_imported(settings):
    from django.utils.module_loading import import_string

    for path, interval, kwargs in settings.PERIODIC_TASKS:
        assert hasattr(import_string(path), "enqueue"), path
        assert interval > 0


def test_old_finished_task_results_are_pruned():
    result = task_results_prune_task.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - datetime.timedelta(days=30)
    )
    task_results_prune_task.call()
    assert not DBTaskResult.objects.filter(pk=result.id).exists()
