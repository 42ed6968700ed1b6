"""The daily sweep heals itself: a killed or failed run is retried, reminders go out once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from renda.casework import sweep as sweep_module
from renda.casework.models import Notification
from renda.casework.tasks import casework_daily_sweep, reap_stale
from renda.core import periodic

from .conftest import at

pytestmark = pytest.mark.django_db

JOB = "casework.daily_sweep"


@pytest.fixture(autouse=True)
def state_dir(settings, tmp_path):
    settings.PERIODIC_STATE_DIR = str(tmp_path)
    return tmp_path


def due_7(users) -> int:
    return Notification.objects.filter(user=users["unit_officer"], kind="due_7").count()


def test_worker_killed_mid_sweep_is_cleared_and_next_day_runs_once(assigned, users):
    # A worker died during yesterday's run: its task row stays RUNNING, nothing was recorded.
    row = DBTaskResult.objects.create(
        task_path=casework_daily_sweep.module_path,
        args_kwargs={"args": [], "kwargs": {}},
        status="RUNNING",
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        priority=0,
        started_at=timezone.now() - dt.timedelta(hours=3),
    )
    assert reap_stale() == 1
    row.refresh_from_db()
    assert row.status == "FAILED"
    assert periodic.load_state() == {}

    # Before 00:05 nothing is due; at the first tick after, the sweep runs exactly once.
    assert periodic.run_due(at(2026, 5, 28, 0), only=JOB)[JOB][0] == "not_due"
    assert periodic.run_due(at(2026, 5, 28, 1), only=JOB)[JOB][0] == "ok"
    assert due_7(users) == 1
    for hour in (2, 9, 23):  # every later tick of the same day
        assert periodic.run_due(at(2026, 5, 28, hour), only=JOB)[JOB][0] == "not_due"
    # A manual re-run (after a crash, say) adds nothing either.
    assert periodic.run_due(at(2026, 5, 28, 12), only=JOB, force=True)[JOB][0] == "ok"
    assert due_7(users) == 1
    # The next day is due again: the schedule did not end.
    assert periodic.due_report(at(2026, 5, 29, 1))[JOB] is True


def test_exception_in_sweep_is_retried_next_tick(assigned, users):
    calls = []

    def flaky(today):
        calls.append(today)
        if len(calls) == 1:
            raise RuntimeError("mail server down")
        return {}

    sweep_module.register_daily("flaky", flaky)
    try:
        outcome, detail = periodic.run_due(at(2026, 5, 28, 1), only=JOB)[JOB]
        assert outcome == "failed" and "mail server down" in detail
        assert JOB not in periodic.load_state()  # a failure is not recorded as done
        outcome, _ = periodic.run_due(at(2026, 5, 28, 1) + dt.timedelta(minutes=5), only=JOB)[JOB]
        assert outcome == "ok"
        assert calls == [dt.date(2026, 5, 28)] * 2
        assert due_7(users) == 1  # the retry sent nothing twice
        assert periodic.run_due(at(2026, 5, 28, 3), only=JOB)[JOB][0] == "not_due"
    finally:
        sweep_module._DAILY.pop("flaky", None)


def test_overlapping_tick_is_skipped():
    with periodic.exclusive() as held:
        assert held
        assert periodic.run_due(only=JOB) == {"*": ("busy", "another run holds the lock")}


def test_missing_job_module_does_not_break_the_others(assigned, users):
    periodic.register("test.missing", "renda.no_such_module.run", every=dt.timedelta(minutes=5))
    try:
        outcomes = periodic.run_due(at(2026, 5, 28, 1))
        assert outcomes["test.missing"][0] == "unavailable"
        assert outcomes[JOB][0] == "ok"
        assert due_7(users) == 1
    finally:
        periodic.unregister("test.missing")


def test_registry_includes_audit_anchoring():
    names = {job.name for job in periodic.jobs()}
    assert {JOB, "audit.anchor", "tasks.reap_stale"} <= names


def test_run_periodic_command(capsys):
    call_command("run_periodic", "--dry-run")
    out = capsys.readouterr().out
    assert f"{JOB}:" in out and "audit.anchor:" in out
    call_command("run_periodic", "--job", "tasks.reap_stale", "--force")
    assert "tasks.reap_stale: ok" in capsys.readouterr().out
