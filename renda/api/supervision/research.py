"""Supervision API: special research (专题调研, rules §3.1).

Anonymous callers and others off the staff side see the published research reports, as the
public site does (S11, ``renda.supervision.public``); staff and leaders see every project.
Writes are the declared research actions of :mod:`renda.supervision.services.research`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Schema, Status

from renda.people.models import Organization
from renda.supervision import services
from renda.supervision.models import PlanItem, Research, ResearchMember
from renda.supervision.selectors import published_research, research_list

from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS
from ._common import MANAGE, _get, _staff_side, _team, router


def _research_for(user):
    return research_list() if _staff_side(user) else published_research()


# --------------------------------------------------------------------------- reads


class ResearchListItemOut(Schema):
    id: int
    title: str
    status: str
    body_id: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    published: bool
    published_at: dt.datetime | None


class ResearchListOut(Schema):
    count: int
    items: list[ResearchListItemOut]


def _research_row(r: Research) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "status": r.status,
        "body_id": r.body_id,
        "starts_on": r.starts_on,
        "ends_on": r.ends_on,
        "published": r.published,
        "published_at": r.published_at,
    }


@router.get(
    "/supervision/research",
    response={200: ResearchListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_research_list",
    summary="专题调研列表 · List special research projects",
    description="Anonymous callers see the published research reports (S11).",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_research_list(request, filters: Query[PageQuery]):
    return page(_research_for(request.auth).order_by("-id"), filters, _research_row)


class ResearchTeamMemberOut(Schema):
    person_id: int
    name: str
    role: str


class ResearchDetailOut(Schema):
    id: int
    title: str
    status: str
    body_id: int | None
    body_name: str
    places: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    published: bool
    published_at: dt.datetime | None
    plan_item_id: int | None
    findings: str
    report_text: str
    has_attachment: bool
    report_id: int | None
    team: list[ResearchTeamMemberOut]


@router.get(
    "/supervision/research/{research_id}",
    response={200: ResearchDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_research_detail",
    summary="专题调研详情 · Get a special research project",
    description="With its team, findings and report; anonymous callers see published ones only.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_research_detail(request, research_id: PathId):
    r = get_object_or_404(_research_for(request.auth), pk=research_id)
    return {
        **_research_row(r),
        "body_name": r.body.name if r.body_id else "",
        "places": r.places,
        "plan_item_id": r.plan_item_id,
        "findings": r.findings,
        "report_text": r.report_text,
        "has_attachment": bool(r.attachment),
        "report_id": r.report_id,
        "team": [
            {"person_id": m.person_id, "name": m.person.name, "role": m.role}
            for m in r.team.select_related("person").order_by("id")
        ],
    }


# --------------------------------------------------------------------------- writes


class ResearchTeamMemberIn(InputSchema):
    person_id: Id
    role: choice(ResearchMember.Role)


class ResearchCreateIn(InputSchema):
    title: text(200) = ""
    body_id: Id | None = None
    places: text(20_000) = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    team: list[ResearchTeamMemberIn] = []
    plan_item_id: Id | None = None


class ResearchCreatedOut(Schema):
    id: int
    status: str
    title: str
    team: int


@router.post(
    "/supervision/research",
    response={201: ResearchCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_research_create",
    summary="建立专题调研 · Open a special research project",
    description="Usually from a 专题调研 topic of the plan (its title and body are the defaults).",
)
def supervision_research_create(request, payload: ResearchCreateIn):
    user = require(request, MANAGE)
    research = services.research_create(
        actor=user,
        title=payload.title,
        body=_get(Organization, "body_id", payload.body_id),
        places=payload.places,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        team=_team(payload.team),
        plan_item=_get(PlanItem, "plan_item_id", payload.plan_item_id),
    )
    return Status(
        201,
        {
            "id": research.pk,
            "status": research.status,
            "title": research.title,
            "team": len(payload.team),
        },
    )


class ResearchStartedOut(Schema):
    id: int
    status: str
    started_at: dt.datetime | None
    starts_on: dt.date | None


@router.post(
    "/supervision/research/{research_id}/start",
    response={200: ResearchStartedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_research_start",
    summary="开始调研 · Start the research",
    description="The team must have members (筹备中 → 调研中).",
)
def supervision_research_start(request, research_id: PathId):
    user = require(request, MANAGE)
    research = services.research_start(
        actor=user, research=get_object_or_404(Research, pk=research_id)
    )
    return {
        "id": research.pk,
        "status": research.status,
        "started_at": research.started_at,
        "starts_on": research.starts_on,
    }


class ResearchReportIn(InputSchema):
    findings: text(20_000)
    report_text: text(20_000)


class ResearchReportedOut(Schema):
    id: int
    status: str
    reported_at: dt.datetime | None
    ends_on: dt.date | None


@router.post(
    "/supervision/research/{research_id}/report",
    response={200: ResearchReportedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_research_report",
    summary="登记调研报告 · Record the findings and the research report",
    description="The report as text (a file is attached on the page) (调研中 → 已形成调研报告).",
)
def supervision_research_report(request, research_id: PathId, payload: ResearchReportIn):
    user = require(request, MANAGE)
    research = services.research_report(
        actor=user,
        research=get_object_or_404(Research, pk=research_id),
        findings=payload.findings,
        report_text=payload.report_text,
    )
    return {
        "id": research.pk,
        "status": research.status,
        "reported_at": research.reported_at,
        "ends_on": research.ends_on,
    }


class ResearchPublishedOut(Schema):
    id: int
    published: bool
    published_at: dt.datetime | None


@router.post(
    "/supervision/research/{research_id}/publish",
    response={200: ResearchPublishedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_research_publish",
    summary="公开调研报告 · Publish the research report",
    description="On the public site (S11); publishing again changes nothing.",
)
def supervision_research_publish(request, research_id: PathId):
    user = require(request, MANAGE)
    research = services.research_publish(
        actor=user, research=get_object_or_404(Research, pk=research_id)
    )
    return {
        "id": research.pk,
        "published": research.published,
        "published_at": research.published_at,
    }


class ResearchSubmitIn(InputSchema):
    body_id: Id | None = None


class ResearchSubmittedOut(Schema):
    id: int
    report_id: int
    body_id: int


@router.post(
    "/supervision/research/{research_id}/submit",
    response={201: ResearchSubmittedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_research_submit",
    summary="提请常委会审议 · Submit the research report to the standing committee",
    description="A report heard like any other; its opinions go to the body (default: the research's).",
)
def supervision_research_submit(request, research_id: PathId, payload: ResearchSubmitIn):
    user = require(request, MANAGE)
    research = get_object_or_404(Research, pk=research_id)
    report = services.research_submit(
        actor=user, research=research, body=_get(Organization, "body_id", payload.body_id)
    )
    return Status(201, {"id": research.pk, "report_id": report.pk, "body_id": report.body_id})
