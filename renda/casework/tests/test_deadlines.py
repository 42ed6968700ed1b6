"""Deadlines over real holiday weeks (2026 Spring Festival, National Day) and month ends."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from renda.casework import services as cw
from renda.casework.deadlines import add_period, deadline_state
from renda.core.errors import Conflict

from .conftest import at

pytestmark = pytest.mark.django_db


def test_months_clamp_to_month_end_rule_1_2():
    assert add_period(dt.date(2026, 11, 30), 3, "months") == dt.date(2027, 2, 28)
    assert add_period(dt.date(2026, 8, 31), 6, "months") == dt.date(2027, 2, 28)
    assert add_period(dt.date(2027, 11, 30), 3, "months") == dt.date(2028, 2, 29)


def test_working_days_skip_national_day_2026(calendar_loaded):
    # 2026-09-30 (Wed) + 5 working days: 10-01..10-07 off, 10-10 (Sat) is a make-up working day.
    assert add_period(dt.date(2026, 9, 30), 5, "working_days") == dt.date(2026, 10, 13)
    assert add_period(dt.date(2026, 9, 30), 3, "working_days") == dt.date(2026, 10, 10)


def test_working_days_skip_spring_festival_2026(calendar_loaded):
    # 2026-02-13 (Fri) + 1: 02-14 (Sat) is a make-up working day; then 02-15..02-23 off.
    assert add_period(dt.date(2026, 2, 13), 1, "working_days") == dt.date(2026, 2, 14)
    assert add_period(dt.date(2026, 2, 13), 2, "working_days") == dt.date(2026, 2, 24)


def test_return_window_spans_national_day_rule_1_8(case, users, unit, calendar_loaded):
    cw.case_assign(actor=users["staff"], case=case, lead=unit, now=at(2026, 9, 30))
    # 5 working days after 09-30 end on 10-13: a request on 10-13 is in time, on 10-14 too late.
    with time_machine.travel(at(2026, 10, 14), tick=False):
        with pytest.raises(Conflict) as e:
            cw.return_request(actor=users["unit_officer"], case=case, reason="不属于本单位")
        assert e.value.code == "return_window_passed"
    with time_machine.travel(at(2026, 10, 13), tick=False):
        cw.return_request(actor=users["unit_officer"], case=case, reason="不属于本单位")


def test_rating_window_spans_spring_festival_rule_1_7(handling, users):
    from .conftest import reply_kwargs

    handling.kind.rating_window_workdays = 2
    handling.kind.save()
    with time_machine.travel(at(2026, 2, 13), tick=False):
        cw.reply_submit(actor=users["unit_officer"], case=handling, **reply_kwargs())
    handling.refresh_from_db()
    assert handling.rating_due_on == dt.date(2026, 2, 24)
    with time_machine.travel(at(2026, 2, 24), tick=False):
        rating = cw.rating_submit(actor=users["deputy"], case=handling, value="satisfied")
    assert not rating.late


def test_deadline_state_on_read():
    due = dt.date(2026, 6, 2)
    assert deadline_state(due, dt.date(2026, 6, 5)).days_over == 3
    assert deadline_state(due, dt.date(2026, 5, 28)).due_within_7
    assert deadline_state(due, dt.date(2026, 5, 10)).due_within_30
    assert not deadline_state(due, dt.date(2026, 5, 10)).due_within_7
    assert deadline_state(None, dt.date(2026, 5, 10)).css == ""
