"""Audit findings and their rectification (§4.5): due six months after the audit report by
default, reported on, assessed, counted for the rectification report; the pages and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.budget import services
from renda.budget.models import AuditFinding, Department, Milestone
from renda.budget.services.audit import summary
from renda.core.errors import Conflict, DomainError

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def heard(staff, tables):
    audit = services.milestone_plan(actor=staff, year=2026, kind="audit_report")
    services.milestone_hear(actor=staff, milestone=audit, heard_on=D(2026, 6, 23))
    return Department.objects.get(code="201")


def test_a_finding_is_due_six_months_after_the_audit_report(staff, heard):
    f = services.finding_record(
        actor=staff, year=2026, title="学生资助资金滞留", department=heard, amount="125.5"
    )
    assert (f.number, f.due_on, f.amount_fen) == (
        1,
        D(2026, 12, 23),
        125_500_000,
    )  # 125.5 万元 in fen
    second = services.finding_record(actor=staff, year=2026, title="另一个问题", department=heard, due_on=D(2026, 9, 30))  # fmt: skip
    assert second.number == 2 and second.due_on == D(2026, 9, 30)


def test_without_the_audit_report_a_deadline_must_be_given(staff, tables):
    with pytest.raises(DomainError) as e:
        services.finding_record(actor=staff, year=2026, title="问题", department=Department.objects.get(code="101"))  # fmt: skip
    assert e.value.code == "field_required" and not AuditFinding.objects.exists()
    with pytest.raises(DomainError) as e:
        services.finding_record(actor=staff, year=2026, title="问题", department=Department.objects.get(code="101"), due_on=D(2026, 12, 1), amount="-3")  # fmt: skip
    assert e.value.code == "invalid_amount"


def test_report_assess_and_the_figures_for_the_rectification_report(staff, heard):
    now = timezone.make_aware(dt.datetime(2026, 12, 1, 10))
    a = services.finding_record(actor=staff, year=2026, title="甲", department=heard, amount="10")
    b = services.finding_record(
        actor=staff, year=2026, title="乙", department=heard, due_on=D(2026, 11, 30)
    )
    services.finding_record(actor=staff, year=2026, title="丙", department=heard)
    with pytest.raises(Conflict):
        services.finding_assess(actor=staff, finding=a, result="rectified")  # not reported yet
    services.finding_report(actor=staff, finding=a, report="已收回滞留资金。", reported_on=D(2026, 11, 20), now=now)  # fmt: skip
    with pytest.raises(DomainError) as e:
        services.finding_assess(actor=staff, finding=a, result="partly")  # partly needs a reason
    assert e.value.code == "field_required"
    services.finding_assess(actor=staff, finding=a, result="rectified", now=now)
    figures = summary(2026, D(2026, 12, 1))
    assert figures == {"total": 3, "amount": 10 * 10**6, "reported": 1, "rectified": 1, "partly": 0, "not_rectified": 0, "overdue": 1}  # fmt: skip
    assert AuditFinding.objects.get(pk=b.pk).status == "open"


def test_the_findings_page_and_the_api(client_for, staff, heard):
    client = client_for("staff")
    r = client.post(reverse("budget:finding_record"), {"year": 2026, "title": "专项资金未及时拨付", "department": heard.pk, "category": "special_funds", "amount": "88"})  # fmt: skip
    f = AuditFinding.objects.get()
    assert r.status_code == 302 and f.due_on == D(2026, 12, 23)
    page = client.get(reverse("budget:findings") + "?year=2026").content.decode()
    assert "专项资金未及时拨付" in page and "市教育局" in page and "2026-12-23" in page
    r = client.post(reverse("budget:finding_act", args=[f.pk, "report"]), {"report": "", "reported_on": "2026-12-01"})  # fmt: skip
    assert r.status_code == 400 and "请填写整改情况" in r.content.decode() and 'value="2026-12-01"' in r.content.decode()  # fmt: skip
    r = client.post(reverse("budget:finding_act", args=[f.pk, "report"]), {"report": "已拨付到位。", "reported_on": "2026-12-01"})  # fmt: skip
    assert r.status_code == 302
    body = client_for("member").get("/api/v1/budget/findings?year=2026").json()
    assert body["items"][0]["status"] == "reported" and body["summary"]["reported"] == 1
    staff_api = client_for("staff")
    r = staff_api.post(f"/api/v1/budget/findings/{f.pk}/assess", {"result": "rectified"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["result"] == "rectified"
    assert Milestone.objects.get(kind="audit_report").heard_on == D(2026, 6, 23)
