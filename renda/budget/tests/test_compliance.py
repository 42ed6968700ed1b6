"""The compliance view's budget-calendar rules read the calendar's own states: the budget
draft thirty days before the session (§4.1) and the audit rectification within six months
of the audit report (§4.5)."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.budget.models import Milestone
from renda.compliance.registry import evaluate

from .test_calendar import hear, meeting, plan, submit  # noqa: F401  (meeting is a fixture)

pytestmark = pytest.mark.django_db
D = dt.date


def test_budget_draft_in_time_or_late(staff, meeting):  # noqa: F811
    assert evaluate("§4.1", 2026, D(2027, 1, 5)).verdict.status == "broken"  # never planned
    session = meeting(D(2026, 1, 20), "congress_session")
    draft = plan(staff, 2026, "budget_draft", session)
    assert evaluate("§4.1", 2026, D(2026, 1, 5)).verdict.status == "broken"  # due 21 Dec, not in
    submit(staff, draft, D(2025, 12, 19))
    v = evaluate("§4.1", 2026, D(2026, 1, 5)).verdict
    assert v.status == "met" and v.evidence[0].url.endswith(f"/{draft.pk}/")
    Milestone.objects.filter(pk=draft.pk).update(submitted_on=D(2025, 12, 24))
    assert evaluate("§4.1", 2026, D(2026, 1, 5)).verdict.status == "broken"


def test_audit_rectification_within_six_months(staff):
    audit = plan(staff, 2026, "audit_report")
    rect = plan(staff, 2026, "rectification")
    hear(staff, audit, D(2026, 6, 28))
    assert evaluate("§4.5", 2026, D(2026, 7, 1)).verdict.status == "not_due"
    assert evaluate("§4.5", 2026, D(2026, 12, 29)).verdict.status == "broken"  # due 28 December
    hear(staff, rect, D(2026, 12, 20))
    v = evaluate("§4.5", 2026, D(2027, 1, 5)).verdict
    assert v.status == "met" and len(v.evidence) == 2
