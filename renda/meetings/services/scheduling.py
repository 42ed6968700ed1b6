"""Scheduling meetings, changing them, opening and closing them (§8.4, §8.8, S16)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from renda.core import approvals, validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.models import Approval
from renda.people.models import Jurisdiction, Organization, Term
from renda.people.selectors import current_term

from .. import workflow
from ..models import AgendaItem, Attendance, Meeting
from ..selectors import entitled_persons, quorum
from ._common import MANAGE, diff, meeting_open_now, snapshot
from .attendance import attendance_changed

M = Meeting.Status

#: The body that holds each kind of meeting when none is named.
DEFAULT_BODY_KIND = {
    Meeting.Kind.CONGRESS_SESSION: Organization.Kind.CONGRESS,
    Meeting.Kind.SC_MEETING: Organization.Kind.STANDING_COMMITTEE,
    Meeting.Kind.CHAIRPERSONS_COUNCIL: Organization.Kind.CHAIRPERSONS_COUNCIL,
    Meeting.Kind.PRESIDIUM: Organization.Kind.PRESIDIUM,
    Meeting.Kind.JOINT_CONFERENCE: Organization.Kind.STANDING_COMMITTEE,
}

MEETING_FIELDS = (
    "title",
    "starts_on",
    "ends_on",
    "start_time",
    "location",
    "has_election",
    "is_public",
    "gallery_seats",
    "notes",
)


def _zh_number(n: int) -> str:
    """Write 1–999 in Chinese numerals, as in 第十七届 and 第二十三次."""
    digits = "零一二三四五六七八九"
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += digits[hundreds] + "百"
        if tens == 0 and ones:
            return out + "零" + digits[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    if ones:
        out += digits[ones]
    return out


def _default_title(kind: str, term: Term, number: int) -> str:
    j = Jurisdiction.objects.order_by("id").first()
    place = j.name if j else ""
    t, n = _zh_number(term.number), _zh_number(number)
    return {
        Meeting.Kind.CONGRESS_SESSION: f"{place}第{t}届人民代表大会第{n}次会议",
        Meeting.Kind.SC_MEETING: f"{place}第{t}届人民代表大会常务委员会第{n}次会议",
        Meeting.Kind.CHAIRPERSONS_COUNCIL: f"{place}第{t}届人大常委会第{n}次主任会议",
        Meeting.Kind.PRESIDIUM: f"{place}第{t}届人民代表大会主席团第{n}次会议",
        Meeting.Kind.JOINT_CONFERENCE: f"{place}第{t}届人大常委会第{n}次联席会议",
    }[kind]


def _check_dates(starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    if starts_on is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="starts_on", label=_("开始日期")
        )
    if ends_on is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="ends_on", label=_("结束日期")
        )
    if ends_on < starts_on:
        raise DomainError("dates_reversed", _("结束日期不能早于开始日期。"), field="ends_on")


def _check_seats(seats: Any) -> int:
    if not isinstance(seats, int) or isinstance(seats, bool) or seats < 0 or seats > 10000:
        raise DomainError(
            "invalid_field", _("旁听席位应为0至10000之间的整数。"), field="gallery_seats"
        )
    return seats


@action(
    "meetings.meeting.schedule",
    model=Meeting,
    permission=MANAGE,
    rule="§8.4",
    label=_("安排会议"),
    audit="meetings.meeting.scheduled",
)
def meeting_schedule(
    ctx: ActionContext,
    *,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    term: Term | None = None,
    body: Organization | None = None,
    number: int | None = None,
    title: str = "",
    start_time: dt.time | None = None,
    location: str = "",
    has_election: bool = False,
    is_public: bool = True,
    gallery_seats: int = 20,
    session: Meeting | None = None,
    notes: str = "",
) -> Meeting:
    """Schedule a meeting and put every entitled person on its roll as a voting attendee."""
    if kind not in Meeting.Kind.values:
        raise DomainError("invalid_choice", _("会议类别“{value}”无效。"), field="kind", value=kind)
    ends_on = ends_on or starts_on
    _check_dates(starts_on, ends_on)
    if term is None:
        if kind == Meeting.Kind.CONGRESS_SESSION:
            raise DomainError("term_required", _("人民代表大会会议必须指明届次。"), field="term")
        term = current_term(starts_on)
        if term is None:
            raise DomainError(
                "term_required", _("找不到会议日期所在的届次，请先指明届次。"), field="term"
            )
    if body is None:
        body = Organization.objects.filter(kind=DEFAULT_BODY_KIND[kind]).order_by("id").first()
        if body is None:
            raise DomainError("body_required", _("请指明召开会议的机构。"), field="body")
    if session is not None and session.kind != Meeting.Kind.CONGRESS_SESSION:
        raise DomainError(
            "session_not_congress", _("所属会议必须是人民代表大会会议。"), field="session"
        )
    if number is not None and (not isinstance(number, int) or number < 1 or number > 32767):
        raise DomainError("invalid_field", _("会议次数应为正整数。"), field="number")
    title = validation.text(
        title, field="title", label=_("会议名称"), required=False, max_length=120
    )
    location = validation.text(
        location, field="location", label=_("地点"), required=False, max_length=120
    )
    notes = validation.text(
        notes, field="notes", label=_("会议记录"), required=False, max_length=20000
    )
    gallery_seats = _check_seats(gallery_seats)
    if number is None:
        last = (
            Meeting.objects.select_for_update()
            .filter(kind=kind, term=term)
            .aggregate(n=Max("number"))["n"]
        )
        number = (last or 0) + 1
    elif Meeting.objects.filter(kind=kind, term=term, number=number).exists():
        raise Conflict(
            "meeting_number_taken", _("本届已有第{n}次同类会议。"), field="number", n=number
        )
    if not title:
        title = _default_title(kind, term, number)[:120]
    meeting = Meeting(
        kind=kind,
        body=body,
        term=term,
        number=number,
        session=session,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        start_time=start_time,
        location=location,
        has_election=bool(has_election),
        is_public=bool(is_public),
        gallery_seats=gallery_seats,
        notes=notes,
    )
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as exc:
        raise Conflict(
            "meeting_number_taken", _("本届已有第{n}次同类会议。"), field="number", n=number
        ) from exc
    persons = list(entitled_persons(meeting).values_list("pk", flat=True))
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, person_id=pk, role=Attendance.Role.VOTING) for pk in persons]
    )
    ctx.changes.update(
        kind=kind,
        term=term.number,
        number=number,
        starts_on=str(starts_on),
        ends_on=str(ends_on),
        roll=len(persons),
    )
    return meeting


@action(
    "meetings.meeting.edit",
    model=Meeting,
    subject="meeting",
    permission=MANAGE,
    precondition=meeting_open_now,
    precondition_hides=True,
    rule="§8.4",
    label=_("修改会议信息"),
    audit="meetings.meeting.updated",
)
def meeting_update(ctx: ActionContext, *, meeting: Meeting, **fields: Any) -> Meeting:
    """Change a meeting's title, dates, place or openness while it is not closed."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    if "title" in fields:
        fields["title"] = validation.text(
            fields["title"], field="title", label=_("会议名称"), required=True, max_length=120
        )
    if "location" in fields:
        fields["location"] = validation.text(
            fields["location"], field="location", label=_("地点"), required=False, max_length=120
        )
    if "notes" in fields:
        fields["notes"] = validation.text(
            fields["notes"], field="notes", label=_("会议记录"), required=False, max_length=20000
        )
    if "gallery_seats" in fields:
        fields["gallery_seats"] = _check_seats(fields["gallery_seats"])
    before = snapshot(meeting, MEETING_FIELDS)
    for key, value in fields.items():
        setattr(meeting, key, value)
    _check_dates(meeting.starts_on, meeting.ends_on)
    meeting.save()
    ctx.changes.update(diff(before, snapshot(meeting, MEETING_FIELDS)))
    return meeting


_needs_consent = approvals.requires(Approval.Kind.PARTY_CONSENT)


def _session_consent(ctx: ActionContext, meeting: Meeting) -> None:
    """A congress session and its agenda go to the party committee for consent before the
    legal procedure (S2): the session opens only with the consent on record."""
    if meeting.kind == Meeting.Kind.CONGRESS_SESSION:
        _needs_consent(ctx, meeting)


@action(
    "meetings.meeting.open",
    model=Meeting,
    subject="meeting",
    sources=workflow.OPEN_SOURCES,
    target=M.IN_PROGRESS,
    permission=MANAGE,
    rule="§8.8",
    label=_("宣布开会"),
    audit="meetings.meeting.opened",
    precondition=lambda ctx, meeting: _session_consent(ctx, meeting),
)
def meeting_open(ctx: ActionContext, *, meeting: Meeting) -> Meeting:
    """Open a scheduled meeting once the quorum is present (§8.2, §8.8)."""
    q = quorum(meeting)
    if not q.met:
        raise Conflict(
            "quorum_not_met",
            _(
                "出席人数未达到法定人数（{rule}：应到{entitled}人，需{required}人，实到{present}人），不能开会。"
            ),
            rule=q.rule,
            entitled=q.entitled,
            required=q.required,
            present=q.present,
        )
    meeting.opened_at = ctx.now
    meeting.save(update_fields=["opened_at", "updated_at"])
    ctx.changes.update(entitled=q.entitled, present=q.present, required=q.required, rule=q.rule)
    return meeting


@action(
    "meetings.meeting.close",
    model=Meeting,
    subject="meeting",
    sources=workflow.CLOSE_SOURCES,
    target=M.CLOSED,
    permission=MANAGE,
    rule="S16",
    label=_("闭会"),
    audit="meetings.meeting.closed",
)
def meeting_close(ctx: ActionContext, *, meeting: Meeting) -> Meeting:
    """Close a meeting; refused while any agenda item has no disposition (S16).

    Voting attendees who never signed in and were not excused are recorded absent.
    """
    pending = list(
        AgendaItem.objects.filter(meeting=meeting, disposition=AgendaItem.Disposition.PENDING)
        .order_by("order")
        .values_list("order", "title")
    )
    if pending:
        raise Conflict(
            "agenda_item_undisposed",
            _("以下议程事项尚未表决、决定或提出下一步处理意见，不能闭会（S16）：{items}"),
            items="；".join(f"{order}. {title}" for order, title in pending),
        )
    missing = Attendance.objects.filter(
        meeting=meeting, role=Attendance.Role.VOTING, status=Attendance.Status.EXPECTED
    )
    person_ids = list(missing.values_list("person_id", flat=True))
    absent = missing.update(status=Attendance.Status.ABSENT, updated_at=ctx.now)
    attendance_changed(ctx, meeting.pk, person_ids)
    meeting.closed_at = ctx.now
    meeting.save(update_fields=["closed_at", "updated_at"])
    ctx.changes["absent"] = absent
    return meeting
