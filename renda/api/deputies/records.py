"""Duty records (履职档案, §2.4) and the activities deputies add and the office reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.deputies import services
from renda.deputies.duty_record import FIGURE_KEYS, duty_record
from renda.deputies.models import DutyActivity
from renda.people.models import Deputy

from ..actions import expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, WRITE_ERRORS
from ._common import router

READ = "deputies.read_records"


class LineOut(Schema):
    kind: str
    title: str
    on: dt.date | None
    role: str
    outcome: str = Field(description="会议：出席情况；建议：本人评价 · attendance, or the rating")
    result: str = Field(description="建议的办理结果分类 · a suggestion's result class")
    ref: int | None


class DutyRecordOut(Schema):
    deputy_id: int
    name: str
    term: int
    year: int | None
    start: dt.date
    end: dt.date
    figures: dict[str, int] = Field(description="、".join(FIGURE_KEYS))
    meetings: list[LineOut]
    suggestions: list[LineOut]
    supervision: list[LineOut]
    activities: list[LineOut]
    trainings: list[LineOut]
    receptions: list[LineOut]
    contacts: list[LineOut]
    reports: list[LineOut]
    letters: list[LineOut] = Field(
        description="答复的群众来信（未公开的只写类别）· letters answered; private ones untitled"
    )


class RecordQuery(Schema):
    year: int | None = Field(
        None, ge=1900, le=2100, description="省略为本届任期 · omit for the term"
    )


def _lines(lines) -> list[dict[str, Any]]:
    return [
        {"kind": x.kind, "title": x.title, "on": x.on, "role": x.role, "outcome": x.outcome,
         "result": x.result, "ref": x.ref}
        for x in lines
    ]  # fmt: skip


@router.get(
    "/duty-records/{deputy_id}",
    response={200: DutyRecordOut, **DETAIL_ERRORS},
    auth=write_auth(READ),
    operation_id="deputies_duty_record",
    summary="代表履职档案 · Get a deputy's duty record",
    description="依据 · rule: §2.4. Compiled from the records (meetings, suggestions, "
    "supervision, accepted activities, trainings, reception days, contacts with voters, reports to voters); "
    "never a vote. The office and leaders, the deputy, "
    "the head of the deputy's delegation; 404 to anyone else.",
)
def deputies_duty_record(request, deputy_id: PathId, filters: Query[RecordQuery]):
    user = require(request, READ)
    deputy = get_object_or_404(Deputy.objects.select_related("person", "term"), pk=deputy_id)
    if not user.has_perm("deputies.view_record", deputy):
        raise Http404
    record = duty_record(deputy, filters.year)
    return {
        "deputy_id": deputy.pk,
        "name": deputy.person.name,
        "term": deputy.term.number,
        "year": record.period.year,
        "start": record.period.start,
        "end": record.period.end,
        "figures": record.figures(),
        "meetings": _lines(record.meetings),
        "suggestions": _lines(record.suggestions),
        "supervision": _lines(record.supervision),
        "activities": _lines(record.activities),
        "trainings": _lines(record.trainings),
        "receptions": _lines(record.receptions),
        "contacts": _lines(record.contacts),
        "reports": _lines(record.reports),
        "letters": _lines(record.letters),
    }


class ActivityOut(Schema):
    id: int
    deputy_id: int
    deputy_name: str
    kind: str
    held_on: dt.date
    title: str
    description: str
    status: str
    review_note: str
    has_evidence: bool


class ActivityListOut(Schema):
    count: int
    items: list[ActivityOut]


class ActivityQuery(PageQuery):
    status: choice(DutyActivity.Status) | None = None
    deputy_id: Id | None = None


def _activity_row(a: DutyActivity) -> dict[str, Any]:
    return {
        "id": a.pk,
        "deputy_id": a.deputy_id,
        "deputy_name": a.deputy.person.name,
        "kind": a.kind,
        "held_on": a.held_on,
        "title": a.title,
        "description": a.description,
        "status": a.status,
        "review_note": a.review_note,
        "has_evidence": bool(a.evidence),
    }


def activities_visible_to(user):
    qs = DutyActivity.objects.select_related("deputy__person")
    if user.has_perm("deputies.review_activity"):
        return qs
    return qs.filter(deputy__person_id=user.person_id) if user.person_id else qs.none()


@router.get(
    "/duty-activities",
    response={200: ActivityListOut, **WRITE_ERRORS},
    auth=write_auth("deputies.record_activity"),
    operation_id="deputies_activities_list",
    summary="列出履职活动 · List duty activities",
    description="依据 · rule: §2.4. The office sees every deputy's; a deputy their own.",
)
def deputies_activities_list(request, filters: Query[ActivityQuery]):
    user = require(request, "deputies.record_activity")
    qs = activities_visible_to(user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.deputy_id:
        qs = qs.filter(deputy_id=filters.deputy_id)
    return page(qs.order_by("-held_on", "-id"), filters, _activity_row)


class ActivityIn(InputSchema):
    """Evidence files are attached on the record's page."""

    deputy_id: Id
    kind: choice(DutyActivity.Kind)
    held_on: dt.date
    title: text(120)
    description: text(2000) = ""


expose(
    router,
    services.activity_add,
    "/duty-activities",
    schema=ActivityIn,
    status=201,
    description="依据 · rule: §2.4. A deputy's own entry waits for the office's review; the "
    "office's counts at once.",
)


class ReviewIn(InputSchema):
    note: text(200) = ""


expose(
    router,
    services.activity_accept,
    "/duty-activities/{duty_activity_id}/accept",
    visible=activities_visible_to,
    schema=ReviewIn,
)
expose(
    router,
    services.activity_reject,
    "/duty-activities/{duty_activity_id}/reject",
    visible=activities_visible_to,
    schema=ReviewIn,
    description="依据 · rule: §2.4. `note` is required: the deputy reads why.",
)
