"""Supervision API: inspections."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Schema, Status

from renda.people.models import Organization
from renda.supervision import services
from renda.supervision.models import (
    Inspection,
    InspectionMember,
    PlanItem,
)

from ..auth import require, write_auth
from ..common import Id, InputSchema, PathId, choice, text
from ..errors import WRITE_ERRORS
from ._common import MANAGE, _get, _team, router

# --------------------------------------------------------------------------- inspections (§3.6)


class InspectionTeamMemberIn(InputSchema):
    person_id: Id
    role: choice(InspectionMember.Role)


class InspectionCreateIn(InputSchema):
    title: text(200)
    law: text(200)
    starts_on: dt.date
    ends_on: dt.date
    places: text(20_000) = ""
    team: list[InspectionTeamMemberIn] = []
    plan_item_id: Id | None = None


class InspectionCreatedOut(Schema):
    id: int
    status: str
    plan_due_on: dt.date
    team: int


@router.post(
    "/supervision/inspections",
    response={201: InspectionCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_create",
    summary="建立执法检查 · Open a law-enforcement inspection",
    description="With its team of members and deputies; the plan is due 10 days before the start.",
)
def supervision_inspections_create(request, payload: InspectionCreateIn):
    user = require(request, MANAGE)
    inspection = services.inspection_create(
        actor=user,
        title=payload.title,
        law=payload.law,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        places=payload.places,
        team=_team(payload.team),
        plan_item=_get(PlanItem, "plan_item_id", payload.plan_item_id),
    )
    return Status(
        201,
        {
            "id": inspection.pk,
            "status": inspection.status,
            "plan_due_on": services.plan_due_on(inspection),
            "team": len(payload.team),
        },
    )


class InspectionPlanSentIn(InputSchema):
    on: dt.date


class InspectionPlanSentOut(Schema):
    id: int
    plan_sent_on: dt.date
    plan_due_on: dt.date
    plan_late: bool


@router.post(
    "/supervision/inspections/{inspection_id}/plan-sent",
    response={200: InspectionPlanSentOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_plan_sent",
    summary="登记检查方案印发 · Record the day the inspection plan was sent",
    description="Later than 10 days before the start is flagged late (§3.6).",
)
def supervision_inspections_plan_sent(
    request, inspection_id: PathId, payload: InspectionPlanSentIn
):
    user = require(request, MANAGE)
    inspection = services.inspection_plan_sent(
        actor=user, inspection=get_object_or_404(Inspection, pk=inspection_id), on=payload.on
    )
    due = services.plan_due_on(inspection)
    return {
        "id": inspection.pk,
        "plan_sent_on": inspection.plan_sent_on,
        "plan_due_on": due,
        "plan_late": inspection.plan_sent_on > due,
    }


class InspectionStartedOut(Schema):
    id: int
    status: str
    started_at: dt.datetime | None


@router.post(
    "/supervision/inspections/{inspection_id}/start",
    response={200: InspectionStartedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_start",
    summary="开始检查 · Start the inspection",
    description="The inspection plan must have been sent.",
)
def supervision_inspections_start(request, inspection_id: PathId):
    user = require(request, MANAGE)
    inspection = services.inspection_start(
        actor=user, inspection=get_object_or_404(Inspection, pk=inspection_id)
    )
    return {"id": inspection.pk, "status": inspection.status, "started_at": inspection.started_at}


class InspectionFindingsIn(InputSchema):
    findings: text(20_000)


class InspectionFindingsOut(Schema):
    id: int
    status: str
    findings: str


@router.post(
    "/supervision/inspections/{inspection_id}/findings",
    response={200: InspectionFindingsOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_findings",
    summary="登记发现的问题 · Record the problems found",
    description="After the inspection.",
)
def supervision_inspections_findings(request, inspection_id: PathId, payload: InspectionFindingsIn):
    user = require(request, MANAGE)
    inspection = services.inspection_findings(
        actor=user,
        inspection=get_object_or_404(Inspection, pk=inspection_id),
        findings=payload.findings,
    )
    return {"id": inspection.pk, "status": inspection.status, "findings": inspection.findings}


class InspectionReportIn(InputSchema):
    body_id: Id
    findings: text(20_000) = ""
    report_text: text(20_000) = ""


class InspectionReportedOut(Schema):
    id: int
    status: str
    report_id: int


@router.post(
    "/supervision/inspections/{inspection_id}/report",
    response={201: InspectionReportedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_report",
    summary="形成执法检查报告 · Open the inspection report to the standing committee",
    description="Findings already recorded may be left out.",
)
def supervision_inspections_report(request, inspection_id: PathId, payload: InspectionReportIn):
    user = require(request, MANAGE)
    inspection = get_object_or_404(Inspection, pk=inspection_id)
    report = services.inspection_report(
        actor=user,
        inspection=inspection,
        findings=payload.findings,
        text=payload.report_text,
        body=_get(Organization, "body_id", payload.body_id),
    )
    return Status(
        201, {"id": inspection.pk, "status": Inspection.Status.REPORTED, "report_id": report.pk}
    )
