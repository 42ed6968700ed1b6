"""A budget step's deliberation opinions are supervision's: the step names the report its
meeting heard, and the opinions compiled on that report go through casework like any other."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.budget import services
from renda.budget.services.calendar import suggested_report
from renda.core.errors import Conflict, DomainError
from renda.meetings.models import Meeting
from renda.people.models import Organization
from renda.supervision import services as sv
from renda.supervision.models import Report

pytestmark = pytest.mark.django_db
D = dt.date


def sc_meeting(term, day):
    body = Organization.objects.get(code="standing-committee")
    n = Meeting.objects.count() + 1
    return Meeting.objects.create(kind="sc_meeting", body=body, term=term, number=n, title=f"第{n}次会议", starts_on=day, ends_on=day)  # fmt: skip


def test_the_step_links_the_report_heard_and_shows_its_opinions(staff, term, client_for):
    gov = Organization.objects.get(code="government")
    item = sv.plan_create(actor=staff, year=2026).items.get(obligation="final_accounts")
    june, august = sc_meeting(term, D(2026, 6, 24)), sc_meeting(term, D(2026, 8, 25))
    heard = Report.objects.create(title="关于2025年市级决算草案的报告", body=gov, plan_item=item, meeting=june, status="deliberated")  # fmt: skip
    elsewhere = Report.objects.create(title="关于上半年预算执行情况的报告", body=gov, meeting=august, status="deliberated")  # fmt: skip
    final = services.milestone_plan(actor=staff, year=2026, kind="final_accounts", meeting=june)
    assert suggested_report(final) == heard  # the plan's obligation of the same hearing
    with pytest.raises(DomainError) as e:
        services.milestone_link_report(actor=staff, milestone=final, report=elsewhere)
    assert e.value.code == "report_other_meeting"
    services.milestone_link_report(actor=staff, milestone=final, report=heard)
    audit = services.milestone_plan(actor=staff, year=2026, kind="audit_report", meeting=june)
    assert suggested_report(audit) is None  # no obligation of its own
    with pytest.raises(Conflict) as e:
        services.milestone_link_report(actor=staff, milestone=audit, report=heard)
    assert e.value.code == "report_linked"

    opinion = sv.opinion_send(actor=staff, opinion=sv.opinion_compile(actor=staff, report=heard, text="一、细化决算编报。"))  # fmt: skip
    case = sv.current_round(opinion).case
    assert case.due_on is not None and case.assignments.exists()  # handled through casework
    office = client_for("staff")
    page = office.get(reverse("budget:milestone_detail", args=[final.pk])).content.decode()
    assert opinion.title in page and "交办研究处理中" in page
    assert reverse("supervision:opinion_detail", args=[opinion.pk]) in page
    page = office.get(reverse("budget:milestone_detail", args=[audit.pk])).content.decode()
    assert (
        "尚未关联监督工作中的审议报告" in page and 'id="no-report"' in page
    )  # nothing heard there to link
    assert 'id="step-link_report"' not in page

    mid = services.milestone_plan(actor=staff, year=2026, kind="mid_year", meeting=august)
    r = office.post(reverse("budget:milestone_act", args=[mid.pk, "link_report"]), {"report": heard.pk})  # fmt: skip
    assert (
        r.status_code == 400 and "report" in r.context["forms"]["link_report"].errors
    )  # not offered
    r = office.post(f"/api/v1/budget/milestones/{mid.pk}/link_report", {"report_id": elsewhere.pk}, content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["report_id"] == elsewhere.pk
    r = office.post(f"/api/v1/budget/milestones/{audit.pk}/link_report", {"report_id": elsewhere.pk}, content_type="application/json")  # fmt: skip
    assert r.status_code == 409 and r.json()["code"] == "report_linked"
    listed = {m["kind"]: m["report_id"] for m in office.get("/api/v1/budget/milestones?year=2026").json()["items"]}  # fmt: skip
    assert listed == {"final_accounts": heard.pk, "audit_report": None, "mid_year": elsewhere.pk}
