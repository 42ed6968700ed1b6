"""The daily casework sweep as a periodic job (and as a task for a one-off run).

The schedule lives in :mod:`renda.core.periodic` (job ``casework.daily_sweep``), run by
``manage.py run_periodic`` from the deployment's timer and from ``make run``. Only a
successful run is recorded, so a killed or failed sweep is simply run again on the next
tick; the reminders are deduplicated per case, kind, user and date, so nothing is sent twice.

:func:`reap_stale` marks task rows left RUNNING by a killed worker as failed so they do not
look alive forever.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from .sweep import daily

RUN_AT = dt.time(0, 5)

#: A task row RUNNING for longer than this belongs to a worker that died.
LEASE = dt.timedelta(hours=1)


def next_run(now: dt.datetime) -> dt.datetime:
    """00:05 local time on the day after ``now`` (when the daily job next becomes due)."""
    local = timezone.localtime(now)
    day = local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, RUN_AT, tzinfo=local.tzinfo)


def sweep_today(now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic job: the sweep for the local date of ``now`` (today by default)."""
    return daily(timezone.localdate(now or timezone.now()))


@task()
def casework_daily_sweep(date: str | None = None, reschedule: bool = False) -> dict[str, int]:
    """One sweep on the task worker (``reschedule`` is accepted for rows queued earlier)."""
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    return daily(today)


def reap_stale(now: dt.datetime | None = None) -> int:
    """Mark task rows RUNNING since before the lease as FAILED; returns how many."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is installed
        return 0
    cutoff = (now or timezone.now()) - LEASE
    return DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff).update(
        status="FAILED", finished_at=timezone.now()
    )
