"""The year's deputy-work plan (§2.8) and deputies' reports to their voters (述职, S26, §2.5).

Both are public once they reach the public: a plan when published, a report when arranged
(the date and place), and once held the report itself, how many came and the voters'
evaluation. Drafts and the coverage figures are the office's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.deputies import selectors, services
from renda.deputies.models import VoterReport, WorkPlan
from renda.people.models import Deputy
from renda.people.selectors import current_term

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require
from ..common import MAX_INT, Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS
from ._common import PRIVATE_READ, VIEW, router

P = WorkPlan.Status
V = VoterReport.Status


def _sees_all(request) -> bool:
    user = getattr(request, "auth", None)
    return bool(user is not None and user.is_authenticated and user.has_perm(VIEW))


# -- the year's plan -----------------------------------------------------------------------


class WorkPlanOut(Schema):
    id: int
    year: int
    title: str
    status: str
    adopted_on: dt.date | None = Field(description="主任会议通过日期 · adopted by the council on")
    adopted_at_meeting_id: int | None
    published_at: dt.datetime | None


class WorkPlanDetailOut(WorkPlanOut):
    body: str


class WorkPlanListOut(Schema):
    count: int
    items: list[WorkPlanOut]


class WorkPlanQuery(PageQuery):
    all: bool = Field(
        False, description="办公室：含草稿和未公布的 · the office: drafts and adopted ones too"
    )


def _plan_row(p: WorkPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "year": p.year,
        "title": p.title,
        "status": p.status,
        "adopted_on": p.adopted_on,
        "adopted_at_meeting_id": p.adopted_at_id,
        "published_at": p.published_at,
    }


@router.get(
    "/work-plans",
    response={200: WorkPlanListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_work_plans_list",
    summary="年度代表工作计划 · List the yearly deputy-work plans",
    description="依据 · rule: §2.8. Public: the published plans, newest year first; with "
    "`all=true` the office also sees drafts and plans adopted but not yet published.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_work_plans_list(request, filters: Query[WorkPlanQuery]):
    qs = WorkPlan.objects.order_by("-year")
    if not (filters.all and _sees_all(request)):
        qs = qs.filter(status=P.PUBLISHED)
    return page(qs, filters, _plan_row)


@router.get(
    "/work-plans/{work_plan_id}",
    response={200: WorkPlanDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_work_plan_detail",
    summary="计划全文 · Get a yearly deputy-work plan",
    description="依据 · rule: §2.8. Public once published; a draft only to the office (404 "
    "to anyone else).",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_work_plan_detail(request, work_plan_id: PathId):
    qs = (
        WorkPlan.objects.all()
        if _sees_all(request)
        else WorkPlan.objects.filter(status=P.PUBLISHED)
    )
    plan = get_object_or_404(qs, pk=work_plan_id)
    return {**_plan_row(plan), "body": plan.body}


class PlanIn(InputSchema):
    year: Year
    title: text(120)
    body: text(20000)


expose(
    router,
    services.plan_create,
    "/work-plans",
    schema=PlanIn,
    status=201,
    summary="起草年度代表工作计划 · Draft a yearly plan · deputies.plan.create",
    description="依据 · rule: §2.8. One plan a year; a draft until the council adopts it.",
)


class PlanTextIn(InputSchema):
    title: text(120)
    body: text(20000)


expose(
    router,
    services.plan_update,
    "/work-plans/{work_plan_id}/update",
    schema=PlanTextIn,
    summary="修改计划草稿 · Update a draft plan · deputies.plan.update",
    description="依据 · rule: §2.8. A draft only: the adopted text is what the council adopted.",
)


class PlanAdoptIn(InputSchema):
    adopted_on: dt.date
    meeting_id: Id | None = Field(
        None, description="主任会议（须在该日举行）· the council meeting, held that day"
    )


expose(
    router,
    services.plan_adopt,
    "/work-plans/{work_plan_id}/adopt",
    schema=PlanAdoptIn,
    summary="登记主任会议通过 · Record the council's adoption · deputies.plan.adopt",
    description="依据 · rule: §2.8. Not after today; the meeting, when named, must be a "
    "council of chairpersons' meeting held that day.",
)

expose(
    router,
    services.plan_publish,
    "/work-plans/{work_plan_id}/publish",
    summary="印发并公布 · Publish an adopted plan · deputies.plan.publish",
    description="依据 · rule: §2.8. Circulated to the deputies and published on the public "
    "site; not withdrawn afterwards.",
)


# -- reports to voters ---------------------------------------------------------------------


class VoterReportOut(Schema):
    id: int
    deputy_id: int
    deputy_name: str
    unit: str = Field(description="选区或选举单位 · the constituency or electoral unit")
    held_on: dt.date
    place: str
    status: str
    closing_note: str = Field(description="取消原因 · why it was called off")
    attendance: int | None
    satisfied: int | None
    basically: int | None
    unsatisfied: int | None
    satisfaction: int | None = Field(
        description="满意和基本满意所占百分比 · % satisfied or basically satisfied"
    )


class VoterReportDetailOut(VoterReportOut):
    report: str = Field(description="述职报告（述职后）· the report, once held")


class VoterReportListOut(Schema):
    count: int
    items: list[VoterReportOut]


class VoterReportQuery(PageQuery):
    deputy_id: Id | None = None
    status: choice(V) | None = None
    year: Year | None = None


def _report_row(r: VoterReport) -> dict[str, Any]:
    return {
        "id": r.pk,
        "deputy_id": r.deputy_id,
        "deputy_name": r.deputy.person.name,
        "unit": r.unit,
        "held_on": r.held_on,
        "place": r.place,
        "status": r.status,
        "closing_note": r.closing_note,
        "attendance": r.attendance,
        "satisfied": r.satisfied,
        "basically": r.basically,
        "unsatisfied": r.unsatisfied,
        "satisfaction": r.satisfaction,
    }


def _reports():
    return VoterReport.objects.select_related("deputy__person").order_by("-held_on", "-id")


@router.get(
    "/voter-reports",
    response={200: VoterReportListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_voter_reports_list",
    summary="代表述职 · List deputies' reports to voters",
    description="依据 · rule: §2.5, S26. Public: every report arranged, held or called off "
    "(with the reason), newest first; filter by deputy, status and year.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_voter_reports_list(request, filters: Query[VoterReportQuery]):
    qs = _reports()
    if filters.deputy_id:
        qs = qs.filter(deputy_id=filters.deputy_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(held_on__year=filters.year)
    return page(qs, filters, _report_row)


@router.get(
    "/voter-reports/{voter_report_id}",
    response={200: VoterReportDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_voter_report_detail",
    summary="述职详情 · Get a report to voters",
    description="依据 · rule: §2.5. Public, with the report once held.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_voter_report_detail(request, voter_report_id: PathId):
    r = get_object_or_404(_reports(), pk=voter_report_id)
    return {**_report_row(r), "report": r.report if r.status == V.HELD else ""}


class ReportCoverageRowOut(Schema):
    deputy_id: int
    name: str
    reported: int = Field(description="本届已述职次数 · reports held this term")


class ReportCoverageOut(Schema):
    required: int = Field(description="每届至少述职次数 · `deputy.voter_reports_per_term`")
    count: int
    items: list[ReportCoverageRowOut]


class ReportCoverageQuery(PageQuery):
    short: bool = Field(False, description="只列尚未完成的 · only those below the requirement")


@router.get(
    "/voter-report-coverage",
    response={200: ReportCoverageOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_voter_report_coverage",
    summary="述职覆盖 · Reports to voters per deputy this term",
    description="依据 · rule: §2.5. The office and leaders: each serving deputy of the current "
    "term with the reports held, against `deputy.voter_reports_per_term`.",
)
def deputies_voter_report_coverage(request, filters: Query[ReportCoverageQuery]):
    require(request, VIEW)
    required = selectors.reports_required()
    term = current_term()
    qs = selectors.report_coverage(term) if term else Deputy.objects.none()
    if filters.short:
        qs = qs.filter(reported__lt=required)
    out = page(qs, filters, lambda d: {"deputy_id": d.pk, "name": d.person.name, "reported": d.reported})  # fmt: skip
    return {"required": required, **out}


class ReportPlanIn(InputSchema):
    deputy_id: Id
    unit: text(120)
    held_on: dt.date
    place: text(120)


expose(
    router,
    services.report_plan,
    "/voter-reports",
    schema=ReportPlanIn,
    status=201,
    summary="安排代表述职 · Arrange a report to voters · deputies.report.plan",
    description="依据 · rule: §2.5, S26. A serving deputy, a day within the term; public at "
    "once. A report already held is entered on its day, then recorded.",
)


#: The report's text (the field is called ``text``, so its type is named apart).
ReportText = text(20000)


class ReportRecordIn(InputSchema):
    text: ReportText = Field(description="述职报告 · the report")
    attendance: int = Field(ge=0, le=MAX_INT, description="参加人数 · how many came")
    satisfied: int | None = Field(None, ge=0, le=MAX_INT)
    basically: int | None = Field(None, ge=0, le=MAX_INT)
    unsatisfied: int | None = Field(None, ge=0, le=MAX_INT)


expose(
    router,
    services.report_record,
    "/voter-reports/{voter_report_id}/record",
    schema=ReportRecordIn,
    summary="记录述职情况 · Record a report to voters · deputies.report.record",
    description="依据 · rule: §2.5. From its day on: the report, how many came and the voters' "
    "evaluation (no more votes than people present). It counts in the deputy's duty record; "
    "a record may be corrected.",
)


class ReportCancelIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.report_cancel,
    "/voter-reports/{voter_report_id}/cancel",
    schema=ReportCancelIn,
    summary="取消述职 · Cancel a report to voters · deputies.report.cancel",
    description="依据 · rule: §2.5. An arranged report is called off; the public list says so, "
    "with the reason.",
)
