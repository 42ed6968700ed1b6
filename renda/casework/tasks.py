"""The daily sweep as a django-tasks task that schedules its own next run.

``manage.py casework_schedule`` (run by ``make run`` before the worker starts) runs
the sweep now and queues the next run for 00:05 tomorrow; each run then queues the
one after it, so the ``db_worker`` keeps the sweep daily without cron.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import default_task_backend, task

from .sweep import daily

RUN_AT = dt.time(0, 5)


def next_run(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    day = local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, RUN_AT, tzinfo=local.tzinfo)


@task()
def casework_daily_sweep(date: str | None = None, reschedule: bool = True) -> dict[str, int]:
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    counts = daily(today)
    if reschedule:
        schedule_next()
    return counts


def _already_queued() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is installed
        return False
    # Runs enqueued without a time carry the far-future sentinel date; only a deferred run counts.
    now = timezone.now()
    return DBTaskResult.objects.filter(
        task_path=casework_daily_sweep.module_path,
        status="READY",
        run_after__gt=now,
        run_after__lt=now + dt.timedelta(days=2),
    ).exists()


def schedule_next(now: dt.datetime | None = None) -> bool:
    """Queue tomorrow's sweep unless it is queued already or the backend cannot defer."""
    if not default_task_backend.supports_defer or _already_queued():
        return False
    casework_daily_sweep.using(run_after=next_run(now or timezone.now())).enqueue()
    return True
