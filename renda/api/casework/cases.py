"""Casework API: the cases a caller may see, receipt, contacts, the reply and the rating.

Cases are not public: every operation needs a token or a session. Reads go through
:func:`renda.casework.selectors.cases_visible_to`, so a unit never sees another
unit's cases; writes call :mod:`renda.casework.services`, which re-check every rule
and answer with the same error codes as the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from renda.casework import selectors
from renda.casework import services as cw
from renda.casework.deadlines import DUE_SOON_DAYS, DUE_VERY_SOON_DAYS, deadline_state
from renda.casework.models import Case, Contact, Rating

from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS

router = Router(tags=["casework"])

VIEW, HANDLE, RATE = "casework.view", "casework.handle", "casework.rate"
CaseStatus = choice(Case.Status)


class CaseListItemOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    due_on: dt.date | None
    overdue_days: int
    is_key: bool
    source_type: str
    source_id: str


class CaseListOut(Schema):
    count: int
    items: list[CaseListItemOut]


class CaseListQuery(PageQuery):
    status: CaseStatus | None = None
    kind: text(40) | None = None
    due: Literal["soon7", "soon30", "overdue"] | None = None


def _row(c: Case, today: dt.date) -> dict[str, Any]:
    state = deadline_state(c.due_on, today)
    return {
        "id": c.pk,
        "kind": c.kind.code,
        "title": c.title,
        "status": c.status,
        "due_on": c.due_on,
        "overdue_days": state.days_over,
        "is_key": c.is_key,
        "source_type": c.source_type,
        "source_id": c.source_id,
    }


@router.get(
    "/cases",
    response={200: CaseListOut, **READ_ERRORS},
    auth=write_auth(VIEW),
    operation_id="cases_list",
    summary="列出办理事项 · List cases",
    description="Cases the caller may see, by deadline. `due`: soon7 / soon30 / overdue.",
)
def cases_list(request, filters: Query[CaseListQuery]):
    user = require(request, VIEW)
    today = timezone.localdate()
    qs = selectors.cases_visible_to(user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind__code=filters.kind)
    if filters.due == "soon7":
        qs = selectors.due_within(qs, today, DUE_VERY_SOON_DAYS)
    elif filters.due == "soon30":
        qs = selectors.due_within(qs, today, DUE_SOON_DAYS)
    elif filters.due == "overdue":
        qs = selectors.overdue(qs, today)
    return page(qs.order_by("due_on", "-id"), filters, lambda c: _row(c, today))


class AssignmentOut(Schema):
    unit_id: int
    unit_name: str
    role: str
    status: str
    due_on: dt.date
    opinion: str


class ReplyOut(Schema):
    id: int
    round: int
    unit_id: int
    text: str
    result_class: str
    signed_by_name: str
    publishable: bool
    is_follow_up: bool
    replied_at: dt.datetime


class RatingOut(Schema):
    round: int
    requester_id: int | None
    value: str
    late: bool
    rated_at: dt.datetime


class CaseDetailOut(CaseListItemOut):
    summary: str
    round: int
    assigned_at: dt.datetime | None
    extended: bool
    rating_due_on: dt.date | None
    requester_ids: list[int]
    requester_body_id: int | None
    assignments: list[AssignmentOut]
    replies: list[ReplyOut]
    ratings: list[RatingOut]


def _visible(request, perm: str, case_id: int):
    user = require(request, perm)
    return user, get_object_or_404(selectors.cases_visible_to(user), pk=case_id)


def _detail(c: Case) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        **_row(c, today),
        "summary": c.summary,
        "round": c.round,
        "assigned_at": c.assigned_at,
        "extended": c.extended,
        "rating_due_on": c.rating_due_on,
        "requester_body_id": c.requester_body_id,
        "requester_ids": [r.person_id for r in c.requester_rows.all()],
        "assignments": [
            {
                "unit_id": a.unit_id,
                "unit_name": a.unit.name,
                "role": a.role,
                "status": a.status,
                "due_on": a.due_on,
                "opinion": a.opinion,
            }
            for a in c.assignments.select_related("unit").order_by("role", "id")
        ],
        "replies": [
            {
                "id": r.pk,
                "round": r.round,
                "unit_id": r.unit_id,
                "text": r.text,
                "result_class": r.result_class,
                "signed_by_name": r.signed_by_name,
                "publishable": r.publishable,
                "is_follow_up": r.is_follow_up,
                "replied_at": r.replied_at,
            }
            for r in c.replies.all()
        ],
        "ratings": [
            {
                "round": r.round,
                "requester_id": r.requester_id,
                "value": r.value,
                "late": r.late,
                "rated_at": r.rated_at,
            }
            for r in c.ratings.all()
        ],
    }


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, **DETAIL_ERRORS},
    auth=write_auth(VIEW),
    operation_id="cases_detail",
    summary="办理事项详情 · Get a case",
)
def cases_detail(request, case_id: PathId):
    _user, c = _visible(request, VIEW, case_id)
    return _detail(c)


class CaseReceivedOut(Schema):
    id: int
    status: str
    unit_id: int
    role: str
    received_at: dt.datetime | None


@router.post(
    "/cases/{case_id}/receive",
    response={200: CaseReceivedOut, **WRITE_ERRORS},
    auth=write_auth(HANDLE),
    operation_id="cases_receive",
    summary="签收 · Receive an assigned case",
    description="For the unit officer of an assigned unit.",
)
def cases_receive(request, case_id: PathId):
    user, c = _visible(request, HANDLE, case_id)
    a = cw.assignment_receive(actor=user, case=c)
    c.refresh_from_db()
    return {
        "id": c.pk,
        "status": c.status,
        "unit_id": a.unit_id,
        "role": a.role,
        "received_at": a.received_at,
    }


class ContactIn(InputSchema):
    contacted_on: dt.date
    method: choice(Contact.Method)
    note: text(5000)


class ContactOut(Schema):
    id: int
    case_id: int
    round: int
    contacted_on: dt.date
    method: str


@router.post(
    "/cases/{case_id}/contacts",
    response={201: ContactOut, **WRITE_ERRORS},
    auth=write_auth(HANDLE),
    operation_id="cases_contact_create",
    summary="记录沟通联系 · Log a contact with the requester",
    description="Rules §1.10: the lead unit must log one before replying.",
)
def cases_contact_create(request, case_id: PathId, payload: ContactIn):
    user, c = _visible(request, HANDLE, case_id)
    row = cw.contact_log(
        actor=user,
        case=c,
        contacted_on=payload.contacted_on,
        method=payload.method,
        note=payload.note,
    )
    return Status(
        201,
        {
            "id": row.pk,
            "case_id": c.pk,
            "round": row.round,
            "contacted_on": row.contacted_on,
            "method": row.method,
        },
    )


class ReplyIn(InputSchema):
    text: text(20000)
    result_class: text(8)
    signed_by_name: text(60)
    publishable: bool | None = None
    withhold_reason: text(2000) = ""


class ReplyCreatedOut(Schema):
    id: int
    case_id: int
    round: int
    result_class: str
    publishable: bool


@router.post(
    "/cases/{case_id}/reply",
    response={201: ReplyCreatedOut, **WRITE_ERRORS},
    auth=write_auth(HANDLE),
    operation_id="cases_reply",
    summary="答复 · Reply to the requester",
    description=(
        "The lead unit's reply (rules §1.11, §1.12). Refused with `contact_required`, "
        "`co_handlers_pending`, `withhold_reason_required` or `result_class_invalid`."
    ),
)
def cases_reply(request, case_id: PathId, payload: ReplyIn):
    user, c = _visible(request, HANDLE, case_id)
    r = cw.reply_submit(
        actor=user,
        case=c,
        text=payload.text,
        result_class=payload.result_class,
        signed_by_name=payload.signed_by_name,
        publishable=payload.publishable,
        withhold_reason=payload.withhold_reason,
    )
    return Status(
        201,
        {
            "id": r.pk,
            "case_id": c.pk,
            "round": r.round,
            "result_class": r.result_class,
            "publishable": r.publishable,
        },
    )


class RatingIn(InputSchema):
    value: choice(Rating.Value)
    comment: text(5000) = ""
    requester_id: Id | None = None


class RatingCreatedOut(Schema):
    id: int
    case_id: int
    round: int
    value: str
    late: bool
    case_status: str


@router.post(
    "/cases/{case_id}/rating",
    response={201: RatingCreatedOut, **WRITE_ERRORS},
    auth=write_auth(RATE),
    operation_id="cases_rate",
    summary="评价答复 · Rate the reply",
    description=(
        "The requester's 满意 / 基本满意 / 不满意 (rules §1.7); once per round (`already_rated`). "
        "Office staff recording a paper form give `requester_id`."
    ),
)
def cases_rate(request, case_id: PathId, payload: RatingIn):
    user, c = _visible(request, RATE, case_id)
    requester = (
        c.requesters.filter(pk=payload.requester_id).first() if payload.requester_id else None
    )
    r = cw.rating_submit(
        actor=user, case=c, value=payload.value, comment=payload.comment, requester=requester
    )
    c.refresh_from_db()
    return Status(
        201,
        {
            "id": r.pk,
            "case_id": c.pk,
            "round": r.round,
            "value": r.value,
            "late": r.late,
            "case_status": c.status,
        },
    )
