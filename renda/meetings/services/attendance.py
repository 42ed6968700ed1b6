"""Attendance and leave (S22), non-voting attendees and the public gallery (S18)."""

from __future__ import annotations

import re
import secrets

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import PUBLIC, ActionContext, action
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from renda.people.models import Person

from .. import workflow
from ..hooks import ATTENDANCE_CHANGED
from ..models import Attendance, AttendeePoolEntry, GalleryRegistration, LeaveRequest, Meeting
from ._common import APPROVE_LEAVE, MANAGE, SIGN_IN, may_act_for, meeting_open_now

L = LeaveRequest.Status
PHONE_RE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def attendance_changed(ctx: ActionContext, meeting_id: int, person_ids: list[int]) -> None:
    """Emit ``meetings.attendance_changed`` for a congress session (see :mod:`..hooks`)."""
    kind = Meeting.objects.filter(pk=meeting_id).values_list("kind", flat=True).first()
    if kind == Meeting.Kind.CONGRESS_SESSION and person_ids:
        ctx.emit(ATTENDANCE_CHANGED, meeting_id=meeting_id, person_ids=sorted(set(person_ids)))


def _roll_row(meeting: Meeting, person: Person) -> Attendance:
    row = Attendance.objects.select_for_update().filter(meeting=meeting, person=person).first()
    if row is None:
        raise DomainError(
            "not_on_roll", _("{name}不在本次会议的出席名单中。"), field="person", name=person.name
        )
    return row


# -- attendance -----------------------------------------------------------------------------


@action(
    "meetings.meeting.sign_in",
    model=Meeting,
    subject="meeting",
    permission=SIGN_IN,
    precondition=meeting_open_now,
    precondition_hides=True,
    rule="§8.8",
    label=_("签到"),
    audit="meetings.attendance.signed_in",
)
def attendance_sign_in(ctx: ActionContext, *, meeting: Meeting, person: Person) -> Attendance:
    """Sign a person in (签到): staff for anyone, a member or deputy for themselves. Idempotent."""
    may_act_for(ctx.actor, person)
    row = _roll_row(meeting, person)
    ctx.audit_object = row
    if row.status == Attendance.Status.PRESENT:
        ctx.audited = False
        return row
    old = row.status
    row.status = Attendance.Status.PRESENT
    row.signed_in_at = ctx.now
    row.signed_in_by = ctx.user
    row.save(update_fields=["status", "signed_in_at", "signed_in_by", "updated_at"])
    ctx.changes.update(
        meeting=meeting.pk,
        person=person.pk,
        status=[old, row.status],
        by_self=ctx.user.person_id == person.pk,
    )
    if old == Attendance.Status.ABSENT:
        attendance_changed(ctx, meeting.pk, [person.pk])
    return row


@action(
    "meetings.meeting.mark_absent",
    model=Meeting,
    subject="meeting",
    permission=MANAGE,
    precondition=meeting_open_now,
    precondition_hides=True,
    rule="S22",
    label=_("记缺席"),
    audit="meetings.attendance.marked_absent",
)
def attendance_mark_absent(ctx: ActionContext, *, meeting: Meeting, person: Person) -> Attendance:
    """Record a person as absent (缺席)."""
    row = _roll_row(meeting, person)
    ctx.audit_object = row
    if row.status == Attendance.Status.ABSENT:
        ctx.audited = False
        return row
    old = row.status
    row.status, row.signed_in_at, row.signed_in_by = Attendance.Status.ABSENT, None, None
    row.save(update_fields=["status", "signed_in_at", "signed_in_by", "updated_at"])
    ctx.changes.update(meeting=meeting.pk, person=person.pk, status=[old, row.status])
    attendance_changed(ctx, meeting.pk, [person.pk])
    return row


# -- leave (S22) ----------------------------------------------------------------------------


@action(
    "meetings.meeting.request_leave",
    model=Meeting,
    subject="meeting",
    permission=SIGN_IN,
    precondition=meeting_open_now,
    precondition_hides=True,
    rule="S22",
    label=_("提出请假"),
    audit="meetings.leave.requested",
)
def leave_request_create(
    ctx: ActionContext, *, meeting: Meeting, person: Person, reason: str
) -> LeaveRequest:
    """Ask for leave from a meeting (请假): for oneself, or by staff for anyone on the roll."""
    may_act_for(ctx.actor, person)
    reason = validation.text(
        reason, field="reason", label=_("请假事由"), required=True, max_length=200
    )
    _roll_row(meeting, person)
    if (
        LeaveRequest.objects.filter(meeting=meeting, person=person)
        .exclude(status=L.REJECTED)
        .exists()
    ):
        raise Conflict("leave_request_exists", _("{name}已就本次会议请假。"), name=person.name)
    leave = LeaveRequest.objects.create(meeting=meeting, person=person, reason=reason)
    ctx.changes.update(meeting=meeting.pk, person=person.pk, reason=reason)
    return leave


def _decide(ctx: ActionContext, leave: LeaveRequest, status: str, note: str) -> LeaveRequest:
    note = validation.text(note, field="note", label=_("审批意见"), required=False, max_length=200)
    leave.decided_by, leave.decided_at, leave.decision_note = ctx.user, ctx.now, note
    leave.save(update_fields=["decided_by", "decided_at", "decision_note", "updated_at"])
    attendance = None
    if status == L.APPROVED:
        attendance = Attendance.objects.filter(
            meeting_id=leave.meeting_id,
            person_id=leave.person_id,
            status__in=[Attendance.Status.EXPECTED, Attendance.Status.ABSENT],
        ).update(status=Attendance.Status.ON_LEAVE, updated_at=ctx.now)
    ctx.changes.update(status=status, note=note, attendance_updated=attendance)
    attendance_changed(ctx, leave.meeting_id, [leave.person_id])
    return leave


@action(
    "meetings.leave_request.approve",
    model=LeaveRequest,
    subject="leave",
    sources=workflow.LEAVE_DECIDE_SOURCES,
    target=L.APPROVED,
    permission=APPROVE_LEAVE,
    rule="S22",
    label=_("批准"),
    audit="meetings.leave.decided",
)
def leave_request_approve(
    ctx: ActionContext, *, leave: LeaveRequest, note: str = ""
) -> LeaveRequest:
    """Approve a leave request: the person is excused (ON_LEAVE)."""
    return _decide(ctx, leave, L.APPROVED, note)


@action(
    "meetings.leave_request.reject",
    model=LeaveRequest,
    subject="leave",
    sources=workflow.LEAVE_DECIDE_SOURCES,
    target=L.REJECTED,
    permission=APPROVE_LEAVE,
    rule="S22",
    label=_("不批准"),
    audit="meetings.leave.decided",
)
def leave_request_reject(
    ctx: ActionContext, *, leave: LeaveRequest, note: str = ""
) -> LeaveRequest:
    """Reject a leave request; the person may ask again."""
    return _decide(ctx, leave, L.REJECTED, note)


#: The page's and the old service's decision → the action taking it.
LEAVE_DECISIONS = {"approve": leave_request_approve, "reject": leave_request_reject}


def leave_decided_check(leave: LeaveRequest) -> None:
    """Refuse a decision on a request already decided, with its own code."""
    current = LeaveRequest.objects.filter(pk=leave.pk).values_list("status", flat=True).first()
    if current not in workflow.LEAVE_DECIDE_SOURCES:
        raise Conflict(
            "leave_already_decided",
            _("该请假申请已审批（{status}）。"),
            status=str(L(current).label) if current in L.values else current,
        )


def leave_request_decide(
    *, actor, leave: LeaveRequest, approve: bool, note: str = ""
) -> LeaveRequest:
    """Approve or reject a leave request; an approved one excuses the person (ON_LEAVE)."""
    act = LEAVE_DECISIONS["approve" if approve else "reject"]
    if not act.permits(actor, leave):
        raise PermissionDenied()
    leave_decided_check(leave)
    return act(actor=actor, leave=leave, note=note)


# -- non-voting attendees (列席) and the public gallery (旁听), S18 ----------------------


@action(
    "meetings.pool_entry.add",
    model=AttendeePoolEntry,
    permission=MANAGE,
    rule="S18",
    label=_("加入列席人员库"),
    audit="meetings.pool.added",
)
def pool_entry_add(
    ctx: ActionContext, *, person: Person, kind: str, community: str = ""
) -> AttendeePoolEntry:
    """Put a deputy or resident in the pool of non-voting attendees (S18)."""
    if kind not in AttendeePoolEntry.Kind.values:
        raise DomainError("invalid_choice", _("类别“{value}”无效。"), field="kind", value=kind)
    community = validation.text(
        community, field="community", label=_("所在社区或单位"), required=False, max_length=100
    )
    if AttendeePoolEntry.objects.select_for_update().filter(person=person).exists():
        raise Conflict(
            "pool_entry_exists", _("{name}已在列席人员库中。"), field="person", name=person.name
        )
    entry = AttendeePoolEntry.objects.create(person=person, kind=kind, community=community)
    ctx.changes.update(person=person.pk, kind=kind)
    return entry


@action(
    "meetings.meeting.invite",
    model=Meeting,
    subject="meeting",
    permission=MANAGE,
    precondition=meeting_open_now,
    precondition_hides=True,
    rule="S18",
    label=_("邀请列席"),
    audit="meetings.attendance.invited",
)
def non_voting_invite(
    ctx: ActionContext, *, meeting: Meeting, entry: AttendeePoolEntry
) -> Attendance:
    """Invite a person from the pool to attend without a vote (列席)."""
    entry = (
        AttendeePoolEntry.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=entry.pk)
    )
    if not entry.is_active:
        raise Conflict(
            "pool_entry_inactive", _("{name}已不在列席人员库中。"), name=entry.person.name
        )
    if Attendance.objects.filter(meeting=meeting, person_id=entry.person_id).exists():
        raise Conflict(
            "already_attending", _("{name}已在本次会议的出席名单中。"), name=entry.person.name
        )
    row = Attendance.objects.create(
        meeting=meeting, person_id=entry.person_id, role=Attendance.Role.NON_VOTING
    )
    AttendeePoolEntry.objects.filter(pk=entry.pk).update(times_invited=F("times_invited") + 1)
    ctx.audit_object = row
    ctx.changes.update(meeting=meeting.pk, person=entry.person_id, pool_entry=entry.pk)
    return row


def _mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "***"


@action(
    "meetings.gallery.register",
    model=GalleryRegistration,
    permission=PUBLIC,
    rule="S18",
    label=_("登记旁听"),
    audit="meetings.gallery.registered",
)
def gallery_register(
    ctx: ActionContext, *, meeting: Meeting, name: str, phone: str, organization: str = ""
) -> GalleryRegistration:
    """Register a citizen for the public gallery (旁听): one seat per phone, up to the cap (S18).

    The public's own request (no account needed); the meeting row is locked inside.
    """
    name = validation.text(name, field="name", label=_("姓名"), required=True, max_length=40)
    phone = validation.text(
        phone, field="phone", label=_("联系电话"), required=True, max_length=20
    ).replace(" ", "")
    if not PHONE_RE.match(phone):
        raise DomainError(
            "phone_invalid",
            _("联系电话格式不正确，请填写手机号码或带区号的固定电话。"),
            field="phone",
        )
    organization = validation.text(
        organization, field="organization", label=_("工作单位"), required=False, max_length=100
    )
    locked = Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if locked is None or not locked.is_public:
        raise NotFound()
    if locked.status == Meeting.Status.CLOSED:
        raise Conflict("meeting_closed", _("会议已闭会，不能再登记旁听。"))
    registered = GalleryRegistration.objects.filter(
        meeting=locked, status=GalleryRegistration.Status.REGISTERED
    )
    if registered.filter(phone=phone).exists():
        raise Conflict("gallery_phone_taken", _("该电话号码已登记旁听本次会议。"), field="phone")
    if registered.count() >= locked.gallery_seats:
        raise Conflict(
            "gallery_full",
            _("本次会议的旁听席位（{seats}席）已满。"),
            seats=locked.gallery_seats,
        )
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
    reg = GalleryRegistration.objects.create(
        meeting=locked, name=name, phone=phone, organization=organization, code=code
    )
    ctx.audit_object = reg
    ctx.changes.update(meeting=locked.pk, phone=_mask_phone(phone))
    return reg


def gallery_cancel(*, code: str, phone: str = "", actor=None) -> GalleryRegistration:
    """Cancel a gallery registration: by its holder (code and phone) or by office staff."""
    code = (code or "").strip().upper()
    staff = actor is not None and actor.has_perm(MANAGE)
    with transaction.atomic():
        reg = GalleryRegistration.objects.select_for_update().filter(code=code).first()
        if reg is None or (not staff and reg.phone != (phone or "").replace(" ", "")):
            raise NotFound("gallery_not_found", _("找不到该旁听登记，请核对登记码和电话。"))
        if reg.status == GalleryRegistration.Status.CANCELLED:
            return reg
        reg.status = GalleryRegistration.Status.CANCELLED
        reg.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="meetings.gallery.cancelled",
            obj=reg,
            object_repr=f"{reg.name} · {reg.meeting_id}",
            changes={"by_staff": staff},
        )
    return reg
