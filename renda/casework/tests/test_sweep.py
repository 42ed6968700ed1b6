"""The daily sweep: reminders at T-30, T-7, overdue and for ratings; running twice adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from renda.casework import services as cw
from renda.casework.models import Notification
from renda.casework.sweep import sweep
from renda.casework.tasks import casework_daily_sweep, next_run

from .conftest import at, reply_kwargs

pytestmark = pytest.mark.django_db


def test_deadline_reminders_rule_1_2(assigned, users):
    # Due 2026-06-02.
    assert sweep(dt.date(2026, 4, 1)) == {}
    assert sweep(dt.date(2026, 5, 10)) == {"due_30": 1}
    assert sweep(dt.date(2026, 5, 28)) == {"due_7": 1}
    assert sweep(dt.date(2026, 6, 3)) == {"overdue": 1}
    kinds = set(Notification.objects.filter(user=users["unit_officer"]).values_list("kind", flat=True))
    assert {"due_30", "due_7", "overdue"} <= kinds


def test_sweep_is_idempotent(assigned, users):
    cw.case_mark_key(actor=users["staff"], case=assigned, leader=users["leader"])
    first = sweep(dt.date(2026, 5, 28))
    count = Notification.objects.count()
    assert first == {"due_7": 2}  # the unit's officer and the responsible leader (§1.4)
    assert sweep(dt.date(2026, 5, 28)) == {}
    assert sweep(dt.date(2026, 5, 29)) == {}  # same deadline, same reminder
    call_command("casework_sweep", "--date", "2026-05-28")
    assert Notification.objects.count() == count


def test_rating_due_reminder_rule_1_7(handling, users):
    cw.reply_submit(actor=users["unit_officer"], case=handling, **reply_kwargs(), now=at(2026, 4, 1))
    assert sweep(dt.date(2026, 4, 10)) == {}
    assert sweep(dt.date(2026, 4, 20)) == {"rating_due": 1}
    assert Notification.objects.filter(user=users["deputy"], kind="rating_due").count() == 1
    cw.rating_submit(actor=users["deputy"], case=handling, value="satisfied", now=at(2026, 4, 21))
    assert sweep(dt.date(2026, 4, 22)) == {}


def test_task_runs_the_sweep(assigned):
    result = casework_daily_sweep.enqueue(date="2026-05-28", reschedule=False)
    assert result.return_value == {"due_7": 1}


def test_next_run_is_tomorrow_after_midnight():
    assert next_run(at(2026, 5, 28, 23)) == at(2026, 5, 29, 0).replace(minute=5)
