"""Meetings API: meetings, their agenda, attendance, sign-in and leave requests.

Anonymous callers see public meetings only; signed-in readers see what
:func:`renda.meetings.selectors.meetings_visible_to` gives them. Attendance is
for the staff side. Sign-in and leave requests go through
:mod:`renda.meetings.services`: the office acts for anyone on the roll, members
and deputies for themselves. The office's other writes (scheduling, the agenda and
its dispositions, documents, opening and closing, absences, invitations, leave
decisions, the pool) are the declared actions of meetings, exposed at the end.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from renda.meetings import services
from renda.meetings.models import (
    AgendaItem,
    Attendance,
    AttendeePoolEntry,
    LeaveRequest,
    Meeting,
    MeetingDocument,
)
from renda.meetings.selectors import meetings_public, meetings_visible_to, quorum
from renda.meetings.services import attendance_sign_in, leave_request_create
from renda.people.models import Organization, Person, Post, Term

from .actions import expose
from .auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from .common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference

router = Router(tags=["meetings"])

SIGN_IN = "meetings.sign_in"
MeetingKind = choice(Meeting.Kind)
MeetingStatus = choice(Meeting.Status)


def meetings_for(user) -> QuerySet[Meeting]:
    if user is not None and user.is_authenticated and user.has_perm("meetings.view"):
        return meetings_visible_to(user)
    return meetings_public()


# --------------------------------------------------------------------------- meetings


class _MeetingOut(Schema):
    id: int
    kind: str
    title: str
    term_number: int
    number: int
    starts_on: dt.date
    ends_on: dt.date
    location: str
    status: str
    is_public: bool


class MeetingListItemOut(_MeetingOut):
    pass


class MeetingListOut(Schema):
    count: int
    items: list[MeetingListItemOut]


class MeetingQuorumOut(Schema):
    entitled: int
    present: int
    required: int
    met: bool
    rule: str


class MeetingDetailOut(_MeetingOut):
    body_id: int
    has_election: bool
    gallery_seats: int
    duration_days: int
    quorum: MeetingQuorumOut | None


class MeetingListQuery(PageQuery):
    kind: MeetingKind | None = None
    status: MeetingStatus | None = None
    year: Year | None = None


def _meeting(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "title": m.title,
        "term_number": m.term.number,
        "number": m.number,
        "starts_on": m.starts_on,
        "ends_on": m.ends_on,
        "location": m.location,
        "status": m.status,
        "is_public": m.is_public,
    }


@router.get(
    "/meetings",
    response={200: MeetingListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="meetings_list",
    summary="列出会议 · List meetings",
    description="Newest first. Anonymous callers see public meetings only.",
    openapi_extra=OPTIONAL_AUTH,
)
def meetings_list(request, filters: Query[MeetingListQuery]):
    qs = meetings_for(request.auth)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(starts_on__year=filters.year)
    return page(qs.order_by("-starts_on", "-id"), filters, _meeting)


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="meetings_detail",
    summary="会议详情 · Get a meeting",
    description="The quorum is shown to readers who may see the attendance.",
    openapi_extra=OPTIONAL_AUTH,
)
def meetings_detail(request, meeting_id: PathId):
    user = request.auth
    m = get_object_or_404(meetings_for(user), pk=meeting_id)
    q = quorum(m) if user.is_authenticated and user.has_perm("meetings.view_attendance") else None
    return {
        **_meeting(m),
        "body_id": m.body_id,
        "has_election": m.has_election,
        "gallery_seats": m.gallery_seats,
        "duration_days": m.duration_days,
        "quorum": None
        if q is None
        else {
            "entitled": q.entitled,
            "present": q.present,
            "required": q.required,
            "met": q.met,
            "rule": q.rule,
        },
    }


# --------------------------------------------------------------------------- agenda


class AgendaItemOut(Schema):
    id: int
    order: int
    kind: str
    title: str
    reporter_name: str | None
    reporting_body_id: int | None
    disposition: str
    disposition_note: str


class AgendaItemListOut(Schema):
    count: int
    items: list[AgendaItemOut]


def _item(i: AgendaItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "order": i.order,
        "kind": i.kind,
        "title": i.title,
        "reporter_name": i.reporter.name if i.reporter_id else None,
        "reporting_body_id": i.reporting_body_id,
        "disposition": i.disposition,
        "disposition_note": i.disposition_note,
    }


@router.get(
    "/meetings/{meeting_id}/items",
    response={200: AgendaItemListOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="meetings_items_list",
    summary="会议议程 · List a meeting's agenda items",
    openapi_extra=OPTIONAL_AUTH,
)
def meetings_items_list(request, meeting_id: PathId, filters: Query[PageQuery]):
    m = get_object_or_404(meetings_for(request.auth), pk=meeting_id)
    qs = AgendaItem.objects.filter(meeting=m).select_related("reporter").order_by("order", "id")
    return page(qs, filters, _item)


# --------------------------------------------------------------------------- attendance


class AttendanceRowOut(Schema):
    id: int
    person_id: int
    person_name: str
    role: str
    status: str
    signed_in_at: dt.datetime | None


class AttendanceListOut(Schema):
    count: int
    items: list[AttendanceRowOut]


class AttendanceSignedInOut(Schema):
    id: int
    meeting_id: int
    person_id: int
    status: str
    signed_in_at: dt.datetime | None
    present: int
    required: int
    quorum_met: bool


class AttendanceQuery(PageQuery):
    status: choice(Attendance.Status) | None = None


def _attendance(a: Attendance) -> dict[str, Any]:
    return {
        "id": a.pk,
        "person_id": a.person_id,
        "person_name": a.person.name,
        "role": a.role,
        "status": a.status,
        "signed_in_at": a.signed_in_at,
    }


@router.get(
    "/meetings/{meeting_id}/attendance",
    response={200: AttendanceListOut, **DETAIL_ERRORS, 403: DETAIL_ERRORS[401]},
    auth=READ_AUTH,
    operation_id="meetings_attendance_list",
    summary="出席情况 · List a meeting's attendance (staff)",
    description="Needs `meetings.view_attendance` (office staff and leaders).",
    openapi_extra=OPTIONAL_AUTH,
)
def meetings_attendance_list(request, meeting_id: PathId, filters: Query[AttendanceQuery]):
    user = require(request, "meetings.view_attendance")
    m = get_object_or_404(meetings_visible_to(user), pk=meeting_id)
    qs = (
        Attendance.objects.filter(meeting=m)
        .select_related("person")
        .only("id", "person_id", "person__name", "role", "status", "signed_in_at", "meeting_id")
        .order_by("role", "person__name", "person_id")
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page(qs, filters, _attendance)


class SignInIn(InputSchema):
    """``person_id`` is for the office signing someone in; members and deputies omit it."""

    person_id: Id | None = None


def _acting_person(user, person_id: int | None, field: str = "person_id") -> Person:
    if person_id is None:
        if user.person_id is None:
            raise unknown_reference(field)
        return user.person
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise unknown_reference(field)
    return person


@router.post(
    "/meetings/{meeting_id}/sign-in",
    response={200: AttendanceSignedInOut, **WRITE_ERRORS},
    auth=write_auth(SIGN_IN),
    operation_id="meetings_sign_in",
    summary="签到 · Sign in to a meeting",
    description="Idempotent: signing in twice answers the same row.",
)
def meetings_sign_in(request, meeting_id: PathId, payload: SignInIn):
    user = require(request, SIGN_IN)
    m = get_object_or_404(meetings_visible_to(user), pk=meeting_id)
    row = attendance_sign_in(actor=user, meeting=m, person=_acting_person(user, payload.person_id))
    q = quorum(m)
    return {
        "id": row.pk,
        "meeting_id": m.pk,
        "person_id": row.person_id,
        "status": row.status,
        "signed_in_at": row.signed_in_at,
        "present": q.present,
        "required": q.required,
        "quorum_met": q.met,
    }


# --------------------------------------------------------------------------- leave requests


class LeaveRequestIn(InputSchema):
    person_id: Id | None = None
    reason: text(200)


class LeaveRequestCreatedOut(Schema):
    id: int
    meeting_id: int
    person_id: int
    reason: str
    status: str
    created_at: dt.datetime


@router.post(
    "/meetings/{meeting_id}/leave-requests",
    response={201: LeaveRequestCreatedOut, **WRITE_ERRORS},
    auth=write_auth(SIGN_IN),
    operation_id="meetings_leave_create",
    summary="请假 · Ask for leave from a meeting",
)
def meetings_leave_create(request, meeting_id: PathId, payload: LeaveRequestIn):
    user = require(request, SIGN_IN)
    m = get_object_or_404(meetings_visible_to(user), pk=meeting_id)
    leave: LeaveRequest = leave_request_create(
        actor=user, meeting=m, person=_acting_person(user, payload.person_id), reason=payload.reason
    )
    return Status(
        201,
        {
            "id": leave.pk,
            "meeting_id": m.pk,
            "person_id": leave.person_id,
            "reason": leave.reason,
            "status": leave.status,
            "created_at": leave.created_at,
        },
    )


# --------------------------------------------------------------------------- declared actions


class MeetingScheduleIn(InputSchema):
    """``term_id`` defaults to the term of the start date, ``body_id`` to the usual body."""

    kind: MeetingKind
    starts_on: dt.date
    ends_on: dt.date | None = None
    term_id: Id | None = None
    body_id: Id | None = None
    session_id: Id | None = None
    number: int | None = None
    title: text(120) = ""
    start_time: dt.time | None = None
    location: text(120) = ""
    has_election: bool = False
    is_public: bool = True
    gallery_seats: int = 20
    notes: text(20000) = ""


class MeetingEditIn(InputSchema):
    """Only the fields sent change."""

    title: text(120) | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    start_time: dt.time | None = None
    location: text(120) | None = None
    has_election: bool | None = None
    is_public: bool | None = None
    gallery_seats: int | None = None
    notes: text(20000) | None = None


class AgendaItemAddIn(InputSchema):
    kind: choice(AgendaItem.Kind)
    title: text(200)
    description: text(20000) = ""
    reporter_id: Id | None = None
    reporter_post_id: Id | None = None
    reporting_body_id: Id | None = None


class AgendaItemEditIn(InputSchema):
    """Only the fields sent change; a work report's reporter is checked again (S17)."""

    kind: choice(AgendaItem.Kind) | None = None
    title: text(200) | None = None
    description: text(20000) | None = None
    reporter_id: Id | None = None
    reporter_post_id: Id | None = None
    reporting_body_id: Id | None = None


class AgendaReorderIn(InputSchema):
    """Every item of the meeting, in the new order."""

    item_ids: list[Id]


class DispositionNoteIn(InputSchema):
    note: text(2000) = ""


class DeferIn(InputSchema):
    """The next-step opinion (下一步处理意见) a deferral must carry (S16)."""

    note: text(2000)


class DocumentAddIn(InputSchema):
    """A document without its file (files are uploaded on the page)."""

    kind: choice(MeetingDocument.Kind)
    title: text(200)
    item_id: Id | None = None
    received_on: dt.date | None = None
    is_public: bool = False


class PersonRefIn(InputSchema):
    person_id: Id


class InviteIn(InputSchema):
    entry_id: Id


class LeaveDecisionIn(InputSchema):
    note: text(200) = ""


class PoolEntryAddIn(InputSchema):
    person_id: Id
    kind: choice(AttendeePoolEntry.Kind)
    community: text(100) = ""


def _items_visible_to(user) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(meeting__in=meetings_visible_to(user))


def _leaves_visible_to(user) -> QuerySet[LeaveRequest]:
    return LeaveRequest.objects.filter(meeting__in=meetings_visible_to(user))


MEETING_REFS = {"term": Term, "body": Organization, "session": Meeting}
ITEM_REFS = {"reporter": Person, "reporter_post": Post, "reporting_body": Organization}

expose(
    router,
    services.meeting_schedule,
    "/meetings",
    schema=MeetingScheduleIn,
    refs=MEETING_REFS,
    status=201,
)
expose(
    router,
    services.meeting_update,
    "/meetings/{meeting_id}/edit",
    schema=MeetingEditIn,
    visible=meetings_visible_to,
)
expose(router, services.meeting_open, "/meetings/{meeting_id}/open", visible=meetings_visible_to)
expose(router, services.meeting_close, "/meetings/{meeting_id}/close", visible=meetings_visible_to)
expose(
    router,
    services.agenda_item_add,
    "/meetings/{meeting_id}/items/add",
    schema=AgendaItemAddIn,
    refs=ITEM_REFS,
    visible=meetings_visible_to,
    out=lambda item: {"id": item.pk, "status": item.disposition},
    status=201,
)
expose(
    router,
    services.agenda_item_reorder,
    "/meetings/{meeting_id}/items/reorder",
    schema=AgendaReorderIn,
    visible=meetings_visible_to,
)
expose(
    router,
    services.agenda_item_update,
    "/meetings/items/{item_id}/edit",
    schema=AgendaItemEditIn,
    refs=ITEM_REFS,
    visible=_items_visible_to,
)
expose(
    router,
    services.agenda_item_decide,
    "/meetings/items/{item_id}/decide",
    schema=DispositionNoteIn,
    visible=_items_visible_to,
)
expose(
    router,
    services.agenda_item_defer,
    "/meetings/items/{item_id}/defer",
    schema=DeferIn,
    visible=_items_visible_to,
)
expose(
    router,
    services.document_add,
    "/meetings/{meeting_id}/documents/add",
    schema=DocumentAddIn,
    refs={"item": AgendaItem},
    visible=meetings_visible_to,
    out=lambda doc: {"id": doc.pk, "status": None},
    status=201,
)
expose(
    router,
    services.attendance_mark_absent,
    "/meetings/{meeting_id}/absent",
    schema=PersonRefIn,
    refs={"person": Person},
    visible=meetings_visible_to,
)
expose(
    router,
    services.non_voting_invite,
    "/meetings/{meeting_id}/invite",
    schema=InviteIn,
    refs={"entry": AttendeePoolEntry},
    visible=meetings_visible_to,
    status=201,
)
expose(
    router,
    services.leave_request_approve,
    "/meetings/leave-requests/{leave_id}/approve",
    schema=LeaveDecisionIn,
    visible=_leaves_visible_to,
)
expose(
    router,
    services.leave_request_reject,
    "/meetings/leave-requests/{leave_id}/reject",
    schema=LeaveDecisionIn,
    visible=_leaves_visible_to,
)
expose(
    router,
    services.pool_entry_add,
    "/attendee-pool",
    schema=PoolEntryAddIn,
    refs={"person": Person},
    out=lambda entry: {"id": entry.pk, "status": "active" if entry.is_active else "inactive"},
    status=201,
)
