"""``concentric worker`` runs queued tasks (django-tasks-db's worker, without the autoreloader)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus, task


@task()
def add(a: int, b: int) -> int:
    return a + b


@pytest.mark.django_db(transaction=True)
def test_worker_batch_runs_what_is_queued_then_exits():
    first = add.enqueue(2, 3)
    second = add.enqueue(40, 2)
    call_command("worker", "--batch", stdout=StringIO())
    first.refresh()
    second.refresh()
    assert (first.status, first.return_value) == (TaskResultStatus.SUCCESSFUL, 5)
    assert (second.status, second.return_value) == (TaskResultStatus.SUCCESSFUL, 42)


@pytest.mark.django_db(transaction=True)
def test_worker_stops_after_max_tasks():
    results = [add.enqueue(n, n) for n in range(3)]
    call_command("worker", "--max-tasks", "2", "--interval", "0", stdout=StringIO())
    for result in results:
        result.refresh()
    assert sorted(r.status for r in results) == sorted(
        [TaskResultStatus.SUCCESSFUL, TaskResultStatus.SUCCESSFUL, TaskResultStatus.READY]
    )
