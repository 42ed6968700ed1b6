"""The budget calendar and the publication tracker (§4.1–§4.7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Query, Schema

from renda.budget import services
from renda.budget.models import Department, Milestone, Publication
from renda.budget.rules import VIEW
from renda.budget.scan import yuan
from renda.meetings.models import Meeting
from renda.supervision.models import Report

from ..actions import expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, Year, page, text
from ..errors import READ_ERRORS
from ._common import router


class BudgetMilestoneOut(Schema):
    id: int
    year: int
    kind: str
    rule: str
    status: str = Field(description="planned · submitted · heard")
    meeting_id: int | None
    meeting_day: dt.date | None
    due_on: dt.date | None = Field(description="报送或审议期限 · the document's deadline, else the last day to hear it")  # fmt: skip
    submitted_on: dt.date | None
    document: str
    heard_on: dt.date | None
    state: str = Field(description="done · late · out_of_window · overdue · due_soon · pending")
    window: list[dt.date] | None = Field(description="法定审议期间 · the window of the law")
    report_id: int | None = Field(description="监督工作中的审议报告（其审议意见经案件办理） · the supervision report heard, whose deliberation opinions go through casework")  # fmt: skip


def milestone_out(m) -> dict[str, Any]:
    from django.utils import timezone

    from renda.budget import calendar

    span = calendar.window(m.kind, m.year)
    return {
        "id": m.pk, "year": m.year, "kind": m.kind, "rule": calendar.RULES[m.kind], "status": m.status,
        "meeting_id": m.meeting_id, "meeting_day": m.meeting.starts_on if m.meeting_id else None,
        "due_on": m.due_on, "submitted_on": m.submitted_on, "document": m.document, "heard_on": m.heard_on,
        "state": calendar.state(m, timezone.localdate()), "window": list(span) if span else None,
        "report_id": m.report_id,
    }  # fmt: skip


class BudgetMilestoneListOut(Schema):
    count: int
    items: list[BudgetMilestoneOut]


class BudgetYearQuery(PageQuery):
    year: Year


@router.get(
    "/budget/milestones", response={200: BudgetMilestoneListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_milestones_list", summary="预算工作日程 · The budget year's milestones",
    description="依据 · rule: §4.1–§4.6. Deadlines computed from the rules; `state` as of today.",
)  # fmt: skip
def budget_milestones_list(request, query: Query[BudgetYearQuery]):
    require(request, VIEW)
    return page(Milestone.objects.filter(year=query.year).select_related("meeting").order_by("due_on", "id"), query, milestone_out)  # fmt: skip


class BudgetMilestonePlanIn(InputSchema):
    year: Year
    kind: str = Field(description="budget_draft · adjustment · final_accounts · mid_year · audit_report · rectification · state_assets · government_debt")  # fmt: skip
    meeting_id: Id | None = None
    note: text(300) = ""


class BudgetMilestoneScheduleIn(InputSchema):
    meeting_id: Id


class BudgetMilestoneSubmitIn(InputSchema):
    submitted_on: dt.date
    document: text(200)


class BudgetMilestoneHearIn(InputSchema):
    heard_on: dt.date


class BudgetMilestoneLinkReportIn(InputSchema):
    report_id: Id


expose(router, services.milestone_plan, "/budget/milestones", schema=BudgetMilestonePlanIn, status=201, refs={"meeting": Meeting},
       response=BudgetMilestoneOut, out=milestone_out, summary="安排预算工作节点 · Put a step on the calendar · budget.milestone.plan")  # fmt: skip
for act, path, schema in (
    (services.milestone_schedule, "schedule", BudgetMilestoneScheduleIn),
    (services.milestone_submit, "submit", BudgetMilestoneSubmitIn),
    (services.milestone_hear, "hear", BudgetMilestoneHearIn),
    (services.milestone_link_report, "link_report", BudgetMilestoneLinkReportIn),
):
    expose(router, act, f"/budget/milestones/{{milestone_id}}/{path}", schema=schema, refs={"meeting": Meeting, "report": Report},
           response=BudgetMilestoneOut, out=milestone_out, summary=f"{act.label} · {act.name}",
           description=f"依据 · rule: {act.rule}.")  # fmt: skip


class BudgetPublicationOut(Schema):
    id: int
    year: int
    kind: str
    department_id: int | None
    department: str | None
    approved_on: dt.date
    due_on: dt.date
    published_on: dt.date | None
    url: str
    state: str = Field(description="done · late · overdue · due_soon · pending")


def publication_out(p) -> dict[str, Any]:
    from django.utils import timezone

    return {
        "id": p.pk, "year": p.year, "kind": p.kind, "department_id": p.department_id,
        "department": p.department.name if p.department_id else None, "approved_on": p.approved_on,
        "due_on": p.due_on, "published_on": p.published_on, "url": p.url,
        "state": services.publication_state(p, timezone.localdate()),
    }  # fmt: skip


class BudgetPublicationListOut(Schema):
    count: int
    items: list[BudgetPublicationOut]


@router.get(
    "/budget/publications", response={200: BudgetPublicationListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_publications_list", summary="预决算公开 · Publication within the statutory days",
    description="依据 · rule: §4.7.",
)  # fmt: skip
def budget_publications_list(request, query: Query[BudgetYearQuery]):
    require(request, VIEW)
    return page(Publication.objects.filter(year=query.year).select_related("department").order_by("due_on", "id"), query, publication_out)  # fmt: skip


class BudgetPublicationRecordIn(InputSchema):
    year: Year
    kind: str = Field(description="budget · adjustment · final_accounts · execution · department_budget · department_accounts")  # fmt: skip
    approved_on: dt.date
    department_id: Id | None = None


class BudgetPublicationPublishIn(InputSchema):
    published_on: dt.date
    url: text(300) = ""


expose(router, services.publication_record, "/budget/publications", schema=BudgetPublicationRecordIn, status=201,
       refs={"department": Department}, response=BudgetPublicationOut, out=publication_out,
       summary="登记应公开事项 · Record a document due for publication · budget.publication.record")  # fmt: skip
expose(router, services.publication_publish, "/budget/publications/{publication_id}/publish", schema=BudgetPublicationPublishIn,
       response=BudgetPublicationOut, out=publication_out,
       summary="登记已公开 · Record its publication · budget.publication.publish")  # fmt: skip


class BudgetFindingOut(Schema):
    id: int
    year: int
    number: int
    title: str
    detail: str
    category: str
    department_id: int
    department: str
    amount_yuan: str
    due_on: dt.date
    status: str = Field(description="open · reported · assessed")
    report: str
    reported_on: dt.date | None
    result: str = Field(description="rectified · partly · not_rectified, once assessed")
    assessment: str
    overdue: bool


def finding_out(x) -> dict[str, Any]:
    from django.utils import timezone

    return {
        "id": x.pk, "year": x.year, "number": x.number, "title": x.title, "detail": x.detail, "category": x.category,
        "department_id": x.department_id, "department": x.department.name, "amount_yuan": yuan(x.amount_fen),
        "due_on": x.due_on, "status": x.status, "report": x.report, "reported_on": x.reported_on, "result": x.result,
        "assessment": x.assessment, "overdue": x.status == "open" and x.due_on < timezone.localdate(),
    }  # fmt: skip


class BudgetFindingSummaryOut(Schema):
    total: int
    amount: int = Field(description="涉及金额（分）· fen")
    reported: int
    rectified: int
    partly: int
    not_rectified: int
    overdue: int


class BudgetFindingListOut(Schema):
    count: int
    items: list[BudgetFindingOut]
    summary: BudgetFindingSummaryOut


@router.get(
    "/budget/findings", response={200: BudgetFindingListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_findings_list", summary="审计查出问题整改 · Audit findings and their rectification",
    description="依据 · rule: §4.5. With the year's figures for the rectification report.",
)  # fmt: skip
def budget_findings_list(request, query: Query[BudgetYearQuery]):
    from django.utils import timezone

    from renda.budget.models import AuditFinding
    from renda.budget.services.audit import summary

    require(request, VIEW)
    out = page(AuditFinding.objects.filter(year=query.year).select_related("department").order_by("number"), query, finding_out)  # fmt: skip
    return {**out, "summary": summary(query.year, timezone.localdate())}


class BudgetFindingRecordIn(InputSchema):
    year: Year
    title: text(200)
    department_id: Id
    category: str = Field(
        "budget", description="budget · special_funds · projects · assets · debt · other"
    )
    detail: text(5000) = ""
    amount: str = Field("", max_length=20, description="涉及金额（万元）")
    due_on: dt.date | None = Field(None, description="默认为听取审计工作报告后六个月 · default: six months after the audit report")  # fmt: skip


class BudgetFindingReportIn(InputSchema):
    report: text(5000)
    reported_on: dt.date


class BudgetFindingAssessIn(InputSchema):
    result: str = Field(description="rectified · partly · not_rectified")
    assessment: text(2000) = ""


expose(router, services.finding_record, "/budget/findings", schema=BudgetFindingRecordIn, status=201,
       refs={"department": Department}, response=BudgetFindingOut, out=finding_out,
       summary="登记审计查出问题 · Record an audit finding · budget.finding.record")  # fmt: skip
for act, path, schema in ((services.finding_report, "report", BudgetFindingReportIn), (services.finding_assess, "assess", BudgetFindingAssessIn)):  # fmt: skip
    expose(router, act, f"/budget/findings/{{finding_id}}/{path}", schema=schema, response=BudgetFindingOut,
           out=finding_out, summary=f"{act.label} · {act.name}", description=f"依据 · rule: {act.rule}.")  # fmt: skip
