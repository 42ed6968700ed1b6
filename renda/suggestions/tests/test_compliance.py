"""The compliance view's reply-deadline rule (§1.2) on the casework deadline engine."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.compliance.registry import evaluate

pytestmark = pytest.mark.django_db


def test_replies_within_the_deadline(handled):
    s = handled()  # assigned on 2 March 2026, not yet answered
    case = s.case
    year = case.created_at.year
    assert evaluate("§1.2", year - 1, case.due_on).verdict.status == "not_applicable"
    assert evaluate("§1.2", year, case.due_on).verdict.status == "met"
    v = evaluate("§1.2", year, case.due_on + dt.timedelta(days=1)).verdict
    assert v.status == "broken" and "逾期未答复 1 件" in v.summary
