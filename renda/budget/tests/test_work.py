"""The budget staff's work list: deviations not yet asked about, steps due or waiting for the
party committee, publications overdue, findings to assess or past their day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.budget import services
from renda.budget.models import Department
from renda.budget.work import budget_work
from renda.core import approvals
from renda.meetings.models import Meeting
from renda.people.models import Organization

pytestmark = pytest.mark.django_db
D = dt.date
BUDGET = [("101", "", "2010101", "30101", 1000), ("102", "", "2010301", "30101", 800), ("201", "", "2050202", "30101", 10000)]  # fmt: skip
JUNE = [("101", "", "2010101", "30101", 500), ("102", "", "2010301", "30101", 100), ("201", "", "2050202", "30101", 5000)]  # fmt: skip


@pytest.fixture
def figures(load):
    load("budget", BUDGET)
    load("execution", JUNE, month=6)


JULY = D(2026, 7, 20)


def titles(user, today=JULY):
    return [str(i.title) for i in budget_work(user, today)]


def test_a_deviation_is_listed_until_it_is_asked_about(staff, users, figures, unit):
    slow = "执行偏离：市政府办公室"
    assert slow in titles(staff)
    assert titles(users["member"]) == []  # the members read, the budget staff act
    item = next(i for i in budget_work(staff, D(2026, 7, 20)) if str(i.title) == slow)
    assert "偏离 -37.5 个百分点" in str(item.detail) and "department=" in item.url
    services.inquiry_raise(actor=staff, year=2026, month=6, question="为何执行缓慢？", department=Department.objects.get(code="102"), unit=unit)  # fmt: skip
    assert slow not in titles(staff)


def test_steps_due_consent_publications_and_findings(staff, term, tables):
    body = Organization.objects.get(code="standing-committee")
    meeting = Meeting.objects.create(kind="sc_meeting", body=body, term=term, number=1, title="第三十次会议", starts_on=D(2026, 8, 25), ends_on=D(2026, 8, 25))  # fmt: skip
    m = services.milestone_plan(actor=staff, year=2026, kind="adjustment", meeting=meeting)
    assert m.due_on == D(2026, 7, 24)
    assert "2026年预算调整方案审查：文件报送期限" in titles(staff, D(2026, 7, 20))
    assert "2026年预算调整方案审查：文件报送期限" not in titles(staff, D(2026, 7, 1))  # not yet
    assert "2026年预算调整方案审查：报党委同意" in titles(staff, D(2026, 8, 1))
    asked = approvals.approval_request(
        actor=staff, subject=m, kind="party_consent", sent_on=D(2026, 7, 20)
    )
    approvals.approval_answer(actor=staff, approval=asked, answer="approved", answered_on=D(2026, 7, 28))  # fmt: skip
    assert "2026年预算调整方案审查：报党委同意" not in titles(staff, D(2026, 8, 1))

    p = services.publication_record(
        actor=staff, year=2026, kind="budget", approved_on=D(2026, 1, 16)
    )
    assert "督促公开：本级预算" in titles(staff, D(2026, 2, 10))
    services.publication_publish(actor=staff, publication=p, published_on=D(2026, 2, 3), url="")
    assert "督促公开：本级预算" not in titles(staff, D(2026, 2, 10))

    f = services.finding_record(actor=staff, year=2026, title="资金滞留", department=Department.objects.get(code="201"), due_on=D(2026, 9, 30))  # fmt: skip
    assert "整改逾期：资金滞留" in titles(staff, D(2026, 10, 1))
    assert "整改逾期：资金滞留" not in titles(staff, D(2026, 9, 30))
    services.finding_report(actor=staff, finding=f, report="已整改", reported_on=D(2026, 9, 20))
    assert "评估整改情况：资金滞留" in titles(staff, D(2026, 9, 30))


def test_the_home_page_shows_them(client_for, figures):
    page = client_for("staff").get(reverse("core:home")).content.decode()
    assert "执行偏离：市政府办公室" in page and "预算执行预警" in page
