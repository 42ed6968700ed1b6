"""Supervision API: plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Schema, Status

from renda.meetings.models import Meeting
from renda.people.models import Organization
from renda.supervision import services
from renda.supervision.models import (
    Plan,
    TopicKind,
    TopicSource,
)

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS
from ._common import DECIDE, MANAGE, _get, _plans_for, router

# --------------------------------------------------------------------------- plans


class PlanListItemOut(Schema):
    id: int
    year: int
    title: str
    status: str
    version: int
    published_at: dt.datetime | None


class PlanListOut(Schema):
    count: int
    items: list[PlanListItemOut]


class PlanListQuery(PageQuery):
    year: Year | None = None


def _plan_row(p: Plan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "year": p.year,
        "title": p.title,
        "status": p.status,
        "version": p.version,
        "published_at": p.published_at,
    }


@router.get(
    "/supervision/plans",
    response={200: PlanListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_plans_list",
    summary="年度监督计划列表 · List supervision plans",
    description="Anonymous callers see published plans only.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_plans_list(request, filters: Query[PlanListQuery]):
    qs = _plans_for(request.auth)
    if filters.year:
        qs = qs.filter(year=filters.year)
    return page(qs.order_by("-year"), filters, _plan_row)


class PlanItemOut(Schema):
    id: int
    kind: str
    title: str
    supervised_body_id: int | None
    responsible_body_id: int | None
    planned_meeting_id: int | None
    planned_month: int | None
    source: str
    source_type: str
    source_id: str
    obligation: str
    with_evaluation: bool
    cancelled: bool


class PlanDetailOut(Schema):
    id: int
    year: int
    title: str
    status: str
    version: int
    published_at: dt.datetime | None
    adopted_at: dt.datetime | None
    party_consent: bool
    items: list[PlanItemOut]


def _item_row(i) -> dict[str, Any]:
    return {
        "id": i.pk,
        "kind": i.kind,
        "title": i.title,
        "supervised_body_id": i.supervised_body_id,
        "responsible_body_id": i.responsible_body_id,
        "planned_meeting_id": i.planned_meeting_id,
        "planned_month": i.planned_month,
        "source": i.source,
        "source_type": i.source_type,
        "source_id": i.source_id,
        "obligation": i.obligation,
        "with_evaluation": i.with_evaluation,
        "cancelled": i.cancelled,
    }


@router.get(
    "/supervision/plans/{plan_id}",
    response={200: PlanDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_plans_detail",
    summary="年度监督计划详情 · Get a supervision plan",
    description="With its topics; recurring obligations carry their code.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_plans_detail(request, plan_id: PathId):
    plan = get_object_or_404(_plans_for(request.auth), pk=plan_id)
    return {
        **_plan_row(plan),
        "adopted_at": plan.adopted_at,
        "party_consent": plan.party_consent,
        "items": [_item_row(i) for i in plan.items.order_by("planned_month", "order", "id")],
    }


class PlanCreateIn(InputSchema):
    year: Year
    title: text(200) = ""


class PlanCreatedOut(Schema):
    id: int
    year: int
    status: str
    items: int


@router.post(
    "/supervision/plans",
    response={201: PlanCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_plans_create",
    summary="制定年度监督计划 · Draft the year's plan",
    description="The recurring obligations (S8, S9, §4.3–§4.6) are added as topics.",
)
def supervision_plans_create(request, payload: PlanCreateIn):
    user = require(request, MANAGE)
    plan = services.plan_create(actor=user, year=payload.year, title=payload.title)
    return Status(
        201, {"id": plan.pk, "year": plan.year, "status": plan.status, "items": plan.items.count()}
    )


class PlanItemIn(InputSchema):
    kind: choice(TopicKind)
    title: text(200)
    supervised_body_id: Id | None = None
    responsible_body_id: Id | None = None
    planned_meeting_id: Id | None = None
    planned_month: int | None = None
    source: choice(TopicSource) = TopicSource.MEMBERS
    source_type: text(60) = ""
    source_id: text(64) = ""
    source_note: text(300) = ""
    with_evaluation: bool = False


class PlanItemCreatedOut(Schema):
    id: int
    plan_id: int
    kind: str
    title: str


@router.post(
    "/supervision/plans/{plan_id}/items",
    response={201: PlanItemCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_plans_items_create",
    summary="增加计划议题 · Add a topic to a draft plan",
)
def supervision_plans_items_create(request, plan_id: PathId, payload: PlanItemIn):
    user = require(request, MANAGE)
    plan = get_object_or_404(Plan, pk=plan_id)
    item = services.plan_item_add(
        actor=user,
        plan=plan,
        kind=payload.kind,
        title=payload.title,
        supervised_body=_get(Organization, "supervised_body_id", payload.supervised_body_id),
        responsible_body=_get(Organization, "responsible_body_id", payload.responsible_body_id),
        planned_meeting=_get(Meeting, "planned_meeting_id", payload.planned_meeting_id),
        planned_month=payload.planned_month,
        source=payload.source,
        source_type=payload.source_type,
        source_id=payload.source_id,
        source_note=payload.source_note,
        with_evaluation=payload.with_evaluation,
    )
    return Status(201, {"id": item.pk, "plan_id": plan.pk, "kind": item.kind, "title": item.title})


class PlanAdoptIn(InputSchema):
    party_consent: bool
    party_consent_note: text(300) = ""
    council_meeting_id: Id | None = None


class PlanAdoptedOut(Schema):
    id: int
    status: str
    version: int
    adopted_at: dt.datetime | None


@router.post(
    "/supervision/plans/{plan_id}/adopt",
    response={200: PlanAdoptedOut, **WRITE_ERRORS},
    auth=write_auth(DECIDE),
    operation_id="supervision_plans_adopt",
    summary="主任会议通过计划 · Record the council's adoption of the plan",
    description="May record the party committee's consent (S2).",
)
def supervision_plans_adopt(request, plan_id: PathId, payload: PlanAdoptIn):
    user = require(request, DECIDE)
    plan = get_object_or_404(Plan, pk=plan_id)
    plan = services.plan_adopt(
        actor=user,
        plan=plan,
        party_consent=payload.party_consent,
        party_consent_note=payload.party_consent_note,
        council_meeting=_get(Meeting, "council_meeting_id", payload.council_meeting_id),
    )
    return {
        "id": plan.pk,
        "status": plan.status,
        "version": plan.version,
        "adopted_at": plan.adopted_at,
    }


class ReasonIn(InputSchema):
    reason: text(2000)


class PlanItemUpdateIn(InputSchema):
    """Only the fields sent change; a statutory yearly item keeps its kind and body."""

    kind: choice(TopicKind) | None = None
    title: text(200) | None = None
    supervised_body_id: Id | None = None
    responsible_body_id: Id | None = None
    planned_meeting_id: Id | None = None
    planned_month: int | None = None
    source: choice(TopicSource) | None = None
    source_type: text(60) | None = None
    source_id: text(64) | None = None
    source_note: text(300) | None = None
    with_evaluation: bool | None = None


ITEM_REFS = {
    "supervised_body": Organization,
    "responsible_body": Organization,
    "planned_meeting": Meeting,
}

expose(router, services.plan_publish, "/supervision/plans/{plan_id}/publish")
expose(router, services.plan_reopen, "/supervision/plans/{plan_id}/reopen", schema=ReasonIn)
expose(
    router,
    services.plan_item_update,
    "/supervision/plan-items/{plan_item_id}/update",
    schema=PlanItemUpdateIn,
    refs=ITEM_REFS,
    out=lambda item: {"id": item.pk, "status": item.plan.status},
)
expose(
    router,
    services.plan_item_cancel,
    "/supervision/plan-items/{plan_item_id}/cancel",
    schema=ReasonIn,
    out=lambda item: {"id": item.pk, "status": "cancelled" if item.cancelled else "active"},
)
