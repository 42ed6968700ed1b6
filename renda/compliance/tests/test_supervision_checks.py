"""Supervision's rules made met and broken: the annual plan (§3.1), the yearly judicial and
environment reports (S8, S9), and deliberation opinions sent and handled in time (§3.3)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from renda.compliance.registry import evaluate
from renda.meetings.models import Meeting
from renda.people.models import Organization
from renda.supervision import services as sv
from renda.supervision.models import Report

pytestmark = pytest.mark.django_db
D = dt.date


def status(code, year, today):
    return evaluate(code, year, today).verdict.status


def at(day):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10))


def test_plan_and_yearly_reports(staff, term):
    assert status("§3.1", 2025, D(2026, 3, 1)) == "broken"  # no plan last year
    plan = sv.plan_create(actor=staff, year=2026)
    assert status("§3.1", 2026, D(2026, 3, 1)) == "at_risk"  # drafted, not published
    sv.plan_adopt(actor=staff, plan=plan)
    sv.plan_publish(actor=staff, plan=plan)
    assert status("§3.1", 2026, D(2026, 3, 1)) == "met"

    assert status("S8", 2026, D(2026, 3, 1)) == "not_due"  # heard by December
    assert status("S8", 2026, D(2026, 12, 10)) == "at_risk"  # its last month
    court = Organization.objects.get(code="court")
    sc = Organization.objects.get(code="standing-committee")
    june = Meeting.objects.create(kind="sc_meeting", body=sc, term=term, number=1, title="第一次会议", starts_on=D(2026, 6, 24), ends_on=D(2026, 6, 24))  # fmt: skip
    heard = Report.objects.create(title="关于执行工作的报告", body=court, meeting=june, status="deliberated", plan_item=plan.items.get(obligation="court_report"))  # fmt: skip
    v = evaluate("S8", 2026, D(2027, 1, 5))
    assert (
        v.verdict.status == "broken" and "已审议" in v.verdict.summary
    )  # the court heard, the procuratorate not
    assert any(e.label == heard.title for e in v.verdict.evidence)
    assert status("S9", 2025, D(2026, 3, 1)) == "broken"  # not even in a plan


def test_opinions_sent_and_handled_in_time(staff, term):
    gov = Organization.objects.get(code="government")
    sc = Organization.objects.get(code="standing-committee")
    assert status("§3.3", 2026, D(2026, 7, 1)) == "not_applicable"
    june = Meeting.objects.create(kind="sc_meeting", body=sc, term=term, number=1, title="第一次会议", starts_on=D(2026, 6, 24), ends_on=D(2026, 6, 25))  # fmt: skip
    report = Report.objects.create(
        title="关于环境状况的报告", body=gov, meeting=june, status="deliberated"
    )
    with time_machine.travel(at(D(2026, 6, 26)), tick=False):
        opinion = sv.opinion_compile(actor=staff, report=report, text="一、加强治理。")
    assert opinion.send_due_on == D(2026, 7, 5)
    assert status("§3.3", 2026, D(2026, 7, 1)) == "met"
    assert status("§3.3", 2026, D(2026, 7, 6)) == "broken"  # not sent in ten days
    with time_machine.travel(at(D(2026, 7, 3)), tick=False):
        sv.opinion_send(actor=staff, opinion=opinion)
    assert status("§3.3", 2026, D(2026, 7, 6)) == "met"
    case = sv.current_round(opinion).case
    v = evaluate("§3.3", 2026, case.due_on + dt.timedelta(days=1)).verdict
    assert v.status == "broken" and "办理逾期 1" in v.summary  # the government has not answered
