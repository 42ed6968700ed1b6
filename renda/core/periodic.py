"""Periodic jobs in one registry, run by ``manage.py run_periodic`` every few minutes.

The deployment's timer (deploy/systemd/renda-periodic.timer) and ``make run`` both call
``run_periodic``; nothing depends on a chain of queued tasks, so a killed or failed run
cannot end the schedule: the next tick simply finds the job still due and runs it again.

* A job is due when it has not succeeded in its current period (daily jobs: not yet today,
  local time, and not before ``at``; others: ``every`` has passed since the last success).
* Only a success is recorded (``var/periodic/state.json``); a failure is logged and retried
  on the next tick. Jobs themselves are idempotent (reminders are deduplicated per case,
  kind, user and date), so a run repeated after a crash sends nothing twice.
* An exclusive ``flock`` on ``var/periodic/lock`` keeps two ticks from overlapping; the
  kernel releases it when a process dies, so a killed run leaves no stale lock behind.

Targets are dotted paths resolved when the job runs, so this module imports no domain app
and a job whose module is missing is reported, not fatal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger("renda.periodic")

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Job:
    name: str
    target: str | Callable[[], Any]
    every: dt.timedelta
    at: dt.time | None = None
    #: call the target with ``now=`` (the tick's time), so a run can be replayed for a day
    pass_now: bool = False

    def resolve(self) -> Callable[[], Any]:
        return import_string(self.target) if isinstance(self.target, str) else self.target

    def is_due(self, last: dt.datetime | None, now: dt.datetime) -> bool:
        if last is None:
            return self.every < DAY or self.at is None or timezone.localtime(now).time() >= self.at
        if self.every >= DAY:
            local = timezone.localtime(now)
            if self.at is not None and local.time() < self.at:
                return False
            return timezone.localtime(last).date() < local.date()
        return now - last >= self.every


_REGISTRY: dict[str, Job] = {}


def register(
    name: str,
    target: str | Callable[[], Any],
    *,
    every: dt.timedelta,
    at: dt.time | None = None,
    pass_now: bool = False,
) -> Job:
    """Add (or replace) a periodic job; ``target`` is a callable or its dotted path."""
    job = Job(name, target, every, at, pass_now)
    _REGISTRY[name] = job
    return job


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def jobs() -> list[Job]:
    return list(_REGISTRY.values())


register(
    "casework.daily_sweep",
    "renda.casework.tasks.sweep_today",
    every=DAY,
    at=dt.time(0, 5),
    pass_now=True,
)
register("audit.anchor", "renda.core.anchoring.anchor_now", every=dt.timedelta(hours=1))
register("tasks.reap_stale", "renda.casework.tasks.reap_stale", every=dt.timedelta(minutes=15))


def state_dir() -> Path:
    folder = (
        getattr(settings, "PERIODIC_STATE_DIR", None)
        or os.environ.get("PERIODIC_STATE_DIR")
        or Path(settings.BASE_DIR) / "var"
    )
    path = Path(folder) / "periodic"
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_state() -> dict[str, str]:
    try:
        return json.loads((state_dir() / "state.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _save_state(state: dict[str, str]) -> None:
    target = state_dir() / "state.json"
    tmp = target.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(state, fh, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def last_success(state: dict[str, str], name: str) -> dt.datetime | None:
    value = state.get(name)
    return dt.datetime.fromisoformat(value) if value else None


@contextlib.contextmanager
def exclusive(blocking: bool = False) -> Iterator[bool]:
    """Hold the periodic lock; yields False when another tick holds it (non-blocking)."""
    with open(state_dir() / "lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def run_job(job: Job, now: dt.datetime | None = None) -> tuple[str, Any]:
    """Run one job now; record it only if it succeeded. Returns (outcome, detail)."""
    now = now or timezone.now()
    try:
        func = job.resolve()
    except ImportError as exc:
        log.warning("periodic job %s unavailable: %s", job.name, exc)
        return "unavailable", str(exc)
    try:
        result = func(now=now) if job.pass_now else func()
    except Exception as exc:  # noqa: BLE001 - a failed job is retried on the next tick
        log.exception("periodic job %s failed", job.name)
        return "failed", f"{type(exc).__name__}: {exc}"
    state = load_state()
    state[job.name] = now.isoformat()
    _save_state(state)
    return "ok", result


def run_due(
    now: dt.datetime | None = None, *, only: str | None = None, force: bool = False
) -> dict[str, tuple[str, Any]]:
    """Run every due job (or just ``only``); ``force`` runs it even if not due."""
    now = now or timezone.now()
    outcomes: dict[str, tuple[str, Any]] = {}
    with exclusive() as held:
        if not held:
            return {"*": ("busy", "another run holds the lock")}
        state = load_state()
        for job in jobs():
            if only and job.name != only:
                continue
            if not force and not job.is_due(last_success(state, job.name), now):
                outcomes[job.name] = ("not_due", state.get(job.name))
                continue
            outcomes[job.name] = run_job(job, now)
    return outcomes


def due_report(now: dt.datetime | None = None) -> dict[str, bool]:
    """Which jobs would run now (for ``run_periodic --dry-run``)."""
    now = now or timezone.now()
    state = load_state()
    return {job.name: job.is_due(last_success(state, job.name), now) for job in jobs()}
