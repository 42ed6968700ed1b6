"""Supervision API: reports."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Schema

from renda.meetings.models import Meeting
from renda.people.models import Organization, Person
from renda.supervision import services
from renda.supervision.models import (
    PlanItem,
    Report,
)

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS
from ._common import MANAGE, _get, _reports_for, router

# --------------------------------------------------------------------------- reports


class ReportListItemOut(Schema):
    id: int
    title: str
    body_id: int
    body_name: str
    meeting_id: int | None
    status: str
    deliberated_at: dt.datetime | None


class ReportListOut(Schema):
    count: int
    items: list[ReportListItemOut]


def _report_row(r: Report) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "body_id": r.body_id,
        "body_name": r.body.name,
        "meeting_id": r.meeting_id,
        "status": r.status,
        "deliberated_at": r.deliberated_at,
    }


@router.get(
    "/supervision/reports",
    response={200: ReportListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_reports_list",
    summary="专项工作报告列表 · List reports",
    description="Anonymous callers see reports heard and published.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_reports_list(request, filters: Query[PageQuery]):
    return page(_reports_for(request.auth).order_by("-id"), filters, _report_row)


class MilestoneOut(Schema):
    step: str
    due_on: dt.date | None
    done_on: dt.date | None
    late: bool


class ReportDetailOut(Schema):
    id: int
    title: str
    body_id: int
    body_name: str
    meeting_id: int | None
    status: str
    deliberated_at: dt.datetime | None
    plan_item_id: int | None
    agenda_item_id: int | None
    milestones: list[MilestoneOut]


@router.get(
    "/supervision/reports/{report_id}",
    response={200: ReportDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_reports_detail",
    summary="专项工作报告详情 · Get a report",
    description="With the §3.2 milestones back-scheduled from the meeting.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_reports_detail(request, report_id: PathId):
    from django.utils import timezone

    from renda.supervision.selectors import milestones

    r = get_object_or_404(_reports_for(request.auth), pk=report_id)
    stones = milestones(r, timezone.localdate()) if r.meeting_id else []
    return {
        **_report_row(r),
        "plan_item_id": r.plan_item_id,
        "agenda_item_id": r.agenda_item_id,
        "milestones": [
            {"step": m.step, "due_on": m.due_on, "done_on": m.done_on, "late": m.late}
            for m in stones
        ],
    }


class ReportScheduleIn(InputSchema):
    meeting_id: Id
    reporter_id: Id | None = None


class ReportScheduledOut(Schema):
    id: int
    status: str
    meeting_id: int | None
    agenda_item_id: int | None


@router.post(
    "/supervision/reports/{report_id}/schedule",
    response={200: ReportScheduledOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_reports_schedule",
    summary="报告列入会议议程 · Put a report on a meeting",
    description="A work report needs a statutory reporter (S17).",
)
def supervision_reports_schedule(request, report_id: PathId, payload: ReportScheduleIn):
    user = require(request, MANAGE)
    report = get_object_or_404(Report, pk=report_id)
    report = services.report_schedule(
        actor=user,
        report=report,
        meeting=_get(Meeting, "meeting_id", payload.meeting_id),
        reporter=_get(Person, "reporter_id", payload.reporter_id),
    )
    return {
        "id": report.pk,
        "status": report.status,
        "meeting_id": report.meeting_id,
        "agenda_item_id": report.agenda_item_id,
    }


#: A field named ``text`` with a default hides the ``text`` type inside its class.
ReportTitle = text(200)
ReportText = text(20_000)


class ReportCreateIn(InputSchema):
    """A report to be heard; the title defaults to the plan topic's."""

    title: ReportTitle = ""
    body_id: Id
    plan_item_id: Id | None = None
    text: ReportText = ""


class ReportMilestoneIn(InputSchema):
    step: Literal["draft_to_committee", "revised_to_sc", "to_members"]
    on: dt.date


class ReportDeliberateIn(InputSchema):
    summary: text(20_000) = ""
    publish: bool = True


expose(
    router,
    services.report_create,
    "/supervision/reports",
    schema=ReportCreateIn,
    refs={"body": Organization, "plan_item": PlanItem},
    status=201,
)
expose(
    router,
    services.report_milestone,
    "/supervision/reports/{report_id}/milestone",
    schema=ReportMilestoneIn,
    visible=_reports_for,
)
expose(
    router,
    services.report_deliberate,
    "/supervision/reports/{report_id}/deliberate",
    schema=ReportDeliberateIn,
    visible=_reports_for,
)
