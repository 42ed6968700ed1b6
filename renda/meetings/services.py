"""Writes for meetings: scheduling, agenda, documents, attendance, leave, pool and gallery.

Every service checks the actor's permission, re-checks its rules (raising a
:class:`~renda.core.errors.DomainError` with a stable code), writes inside one
transaction and appends the audit event in that same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from renda.people.models import Jurisdiction, Membership, Organization, Person, Post, Term
from renda.people.selectors import current_term

from . import workflow
from .models import (
    AgendaItem,
    Attendance,
    AttendeePoolEntry,
    GalleryRegistration,
    LeaveRequest,
    Meeting,
    MeetingDocument,
)
from .selectors import entitled_persons, quorum

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
ITEM_FIELDS = ("kind", "title", "description", "reporter", "reporter_post", "reporting_body")
PHONE_RE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# -- helpers ------------------------------------------------------------------------------


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied()


def _text(value: Any, *, field: str, label, required: bool, max_length: int) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)
    if len(text) > max_length:
        raise DomainError(
            "field_too_long",
            _("{label}不能超过{max}个字符。"),
            field=field,
            label=label,
            max=max_length,
        )
    return text


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


def _check_open(meeting: Meeting) -> None:
    if meeting.status not in workflow.OPEN_STATUSES:
        raise Conflict("meeting_closed", _("会议已闭会，不能再修改。"))


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


def _snapshot(obj, fields) -> dict[str, Any]:
    data = {}
    for f in fields:
        value = getattr(obj, f"{f}_id") if hasattr(obj, f"{f}_id") else getattr(obj, f)
        data[f] = value if isinstance(value, int | str | bool | type(None)) else str(value)
    return data


def _diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


# -- meetings -----------------------------------------------------------------------------


def meeting_schedule(
    *,
    actor,
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
    _require(actor, "meetings.manage")
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
    title = _text(title, field="title", label=_("会议名称"), required=False, max_length=120)
    location = _text(location, field="location", label=_("地点"), required=False, max_length=120)
    notes = _text(notes, field="notes", label=_("会议记录"), required=False, max_length=20000)
    gallery_seats = _check_seats(gallery_seats)
    with transaction.atomic():
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
            [
                Attendance(meeting=meeting, person_id=pk, role=Attendance.Role.VOTING)
                for pk in persons
            ]
        )
        audit_record(
            actor=actor,
            action="meetings.meeting.scheduled",
            obj=meeting,
            changes={
                "kind": kind,
                "term": term.number,
                "number": number,
                "starts_on": str(starts_on),
                "ends_on": str(ends_on),
                "roll": len(persons),
            },
        )
    return meeting


def meeting_update(*, actor, meeting: Meeting, **fields: Any) -> Meeting:
    """Change a meeting's title, dates, place or openness while it is not closed."""
    _require(actor, "meetings.manage")
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    if "title" in fields:
        fields["title"] = _text(
            fields["title"], field="title", label=_("会议名称"), required=True, max_length=120
        )
    if "location" in fields:
        fields["location"] = _text(
            fields["location"], field="location", label=_("地点"), required=False, max_length=120
        )
    if "notes" in fields:
        fields["notes"] = _text(
            fields["notes"], field="notes", label=_("会议记录"), required=False, max_length=20000
        )
    if "gallery_seats" in fields:
        fields["gallery_seats"] = _check_seats(fields["gallery_seats"])
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked)
        before = _snapshot(locked, MEETING_FIELDS)
        for key, value in fields.items():
            setattr(locked, key, value)
        _check_dates(locked.starts_on, locked.ends_on)
        locked.save()
        audit_record(
            actor=actor,
            action="meetings.meeting.updated",
            obj=locked,
            changes=_diff(before, _snapshot(locked, MEETING_FIELDS)),
        )
    return locked


def _move(actor, meeting: Meeting, to_status: str) -> Meeting:
    _require(actor, workflow.MEETING_TRANSITION_PERMISSION[to_status])
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not workflow.can_move_meeting(locked.status, to_status):
        raise Conflict(
            "meeting_status_transition",
            _("会议状态不能从“{old}”变为“{new}”。"),
            old=locked.get_status_display(),
            new=str(Meeting.Status(to_status).label),
        )
    return locked


def meeting_open(*, actor, meeting: Meeting) -> Meeting:
    """Open a scheduled meeting once the quorum is present (§8.2, §8.8)."""
    _require(actor, "meetings.manage")
    with transaction.atomic():
        locked = _move(actor, meeting, Meeting.Status.IN_PROGRESS)
        q = quorum(locked)
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
        locked.status = Meeting.Status.IN_PROGRESS
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at", "updated_at"])
        audit_record(
            actor=actor,
            action="meetings.meeting.opened",
            obj=locked,
            changes={
                "entitled": q.entitled,
                "present": q.present,
                "required": q.required,
                "rule": q.rule,
            },
        )
    return locked


def meeting_close(*, actor, meeting: Meeting) -> Meeting:
    """Close a meeting; refused while any agenda item has no disposition (S16).

    Voting attendees who never signed in and were not excused are recorded absent.
    """
    _require(actor, "meetings.manage")
    with transaction.atomic():
        locked = _move(actor, meeting, Meeting.Status.CLOSED)
        pending = list(
            AgendaItem.objects.filter(meeting=locked, disposition=AgendaItem.Disposition.PENDING)
            .order_by("order")
            .values_list("order", "title")
        )
        if pending:
            raise Conflict(
                "agenda_item_undisposed",
                _("以下议程事项尚未表决、决定或提出下一步处理意见，不能闭会（S16）：{items}"),
                items="；".join(f"{order}. {title}" for order, title in pending),
            )
        absent = Attendance.objects.filter(
            meeting=locked, role=Attendance.Role.VOTING, status=Attendance.Status.EXPECTED
        ).update(status=Attendance.Status.ABSENT, updated_at=timezone.now())
        locked.status = Meeting.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        audit_record(
            actor=actor, action="meetings.meeting.closed", obj=locked, changes={"absent": absent}
        )
    return locked


# -- agenda -------------------------------------------------------------------------------


def statutory_post(person: Person, day: dt.date, post: Post | None = None) -> Membership | None:
    """Return the person's active membership in a post elected or appointed by the congress or SC."""
    qs = (
        Membership.objects.filter(
            person=person, post__elected_or_appointed=True, start_date__lte=day
        )
        .exclude(end_date__lt=day)
        .select_related("post", "organization")
    )
    if post is not None:
        qs = qs.filter(post=post)
    return qs.order_by("post__sort_order", "id").first()


def _check_item(meeting: Meeting, data: dict[str, Any]) -> dict[str, Any]:
    """Validate an item's fields and fill the reporter's post and body (S17)."""
    if data["kind"] not in AgendaItem.Kind.values:
        raise DomainError(
            "invalid_choice", _("议题类别“{value}”无效。"), field="kind", value=data["kind"]
        )
    data["title"] = _text(
        data["title"], field="title", label=_("议题"), required=True, max_length=200
    )
    data["description"] = _text(
        data.get("description"),
        field="description",
        label=_("说明"),
        required=False,
        max_length=20000,
    )
    reporter: Person | None = data.get("reporter")
    post: Post | None = data.get("reporter_post")
    if data["kind"] in workflow.STATUTORY_REPORTER_KINDS:
        if reporter is None:
            raise DomainError(
                "reporter_required", _("工作报告必须指定报告人（S17）。"), field="reporter"
            )
        membership = statutory_post(reporter, meeting.starts_on, post)
        if membership is None:
            raise DomainError(
                "reporter_not_statutory",
                _(
                    "{name}在{date}未担任由人民代表大会或其常务委员会选举、任命的职务，不能作为工作报告的报告人"
                    "（S17：报告人应为人大及其常委会选举或任命的人员，如政府组成人员、法院院长或副院长、"
                    "检察长或副检察长）。"
                ),
                field="reporter",
                name=reporter.name,
                date=meeting.starts_on.isoformat(),
            )
        data["reporter_post"] = membership.post
        if data.get("reporting_body") is None:
            data["reporting_body"] = membership.organization
    elif (
        post is not None
        and reporter is not None
        and not Membership.objects.filter(person=reporter, post=post).exists()
    ):
        raise DomainError(
            "reporter_post_mismatch", _("报告人不担任所选职务。"), field="reporter_post"
        )
    return data


def _add_reporter_row(meeting: Meeting, reporter: Person | None) -> bool:
    if reporter is None:
        return False
    _row, created = Attendance.objects.get_or_create(
        meeting=meeting, person=reporter, defaults={"role": Attendance.Role.REPORTER}
    )
    return created


def agenda_item_add(
    *,
    actor,
    meeting: Meeting,
    kind: str,
    title: str,
    description: str = "",
    reporter: Person | None = None,
    reporter_post: Post | None = None,
    reporting_body: Organization | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda; a work report's reporter must be statutory (S17)."""
    _require(actor, "meetings.manage")
    data = _check_item(
        meeting,
        {
            "kind": kind,
            "title": title,
            "description": description,
            "reporter": reporter,
            "reporter_post": reporter_post,
            "reporting_body": reporting_body,
        },
    )
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked)
        order = (locked.items.aggregate(n=Max("order"))["n"] or 0) + 1
        item = AgendaItem.objects.create(meeting=locked, order=order, **data)
        reporter_added = _add_reporter_row(locked, item.reporter)
        audit_record(
            actor=actor,
            action="meetings.item.added",
            obj=item,
            changes={
                "meeting": locked.pk,
                "order": order,
                "kind": kind,
                "reporter": item.reporter_id,
                "reporter_post": item.reporter_post_id,
                "reporter_on_roll": reporter_added,
            },
        )
    return item


def agenda_item_update(*, actor, item: AgendaItem, **fields: Any) -> AgendaItem:
    """Change an item's kind, title, description or reporter; S17 is checked again."""
    _require(actor, "meetings.manage")
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    with transaction.atomic():
        locked = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .get(pk=item.pk)
        )
        _check_open(locked.meeting)
        before = _snapshot(locked, ITEM_FIELDS)
        data = {f: getattr(locked, f) for f in ITEM_FIELDS}
        if "reporter" in fields and "reporter_post" not in fields:
            data["reporter_post"] = None
        data.update(fields)
        data = _check_item(locked.meeting, data)
        for key, value in data.items():
            setattr(locked, key, value)
        locked.save()
        _add_reporter_row(locked.meeting, locked.reporter)
        audit_record(
            actor=actor,
            action="meetings.item.updated",
            obj=locked,
            changes=_diff(before, _snapshot(locked, ITEM_FIELDS)),
        )
    return locked


def agenda_item_reorder(*, actor, meeting: Meeting, item_ids: Sequence[int]) -> list[AgendaItem]:
    """Put the agenda in the given order; the ids must be exactly the meeting's items."""
    _require(actor, "meetings.manage")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked)
        items = {i.pk: i for i in AgendaItem.objects.filter(meeting=locked)}
        ids = [int(i) for i in item_ids]
        if sorted(ids) != sorted(items) or len(set(ids)) != len(ids):
            raise DomainError(
                "agenda_order_mismatch",
                _("新的顺序必须恰好包含本次会议的全部议程事项。"),
                field="items",
            )
        before = {pk: items[pk].order for pk in ids}
        # Two passes: the orders are unique per meeting, so move them out of the way first.
        AgendaItem.objects.filter(meeting=locked).update(order=F("order") + 10000)
        for position, pk in enumerate(ids, start=1):
            AgendaItem.objects.filter(pk=pk).update(order=position)
            items[pk].order = position
        audit_record(
            actor=actor,
            action="meetings.agenda.reordered",
            obj=locked,
            changes={
                "order": [[pk, before[pk], items[pk].order] for pk in ids],
            },
        )
    return [items[pk] for pk in ids]


def agenda_item_dispose(*, actor, item: AgendaItem, disposition: str, note: str = "") -> AgendaItem:
    """Record that an item was decided without a vote, or deferred with a next-step opinion (S16)."""
    _require(actor, "meetings.manage")
    if disposition == AgendaItem.Disposition.VOTED:
        raise DomainError(
            "disposition_needs_poll",
            _("“已表决”只能由表决结果记录，请通过表决模块进行表决。"),
            field="disposition",
        )
    if disposition not in workflow.MANUAL_DISPOSITIONS:
        raise DomainError(
            "invalid_choice", _("处理结果“{value}”无效。"), field="disposition", value=disposition
        )
    note = _text(
        note,
        field="note",
        label=_("决定内容或下一步处理意见"),
        required=disposition in workflow.DISPOSITION_NEEDS_NOTE,
        max_length=2000,
    )
    if (
        disposition in workflow.DISPOSITION_NEEDS_NOTE and not note
    ):  # pragma: no cover - _text refuses
        raise DomainError("next_step_required", _("暂缓处理必须填写下一步处理意见。"), field="note")
    return _set_disposition(actor, item, disposition, note, "meetings.item.disposed")


def agenda_item_mark_voted(item: AgendaItem, actor, *, note: str = "") -> AgendaItem:
    """Record that an item was put to a vote; called by the voting module when a poll ends."""
    _require(actor, "meetings.record_vote")
    if item.disposition == AgendaItem.Disposition.VOTED:
        return item
    note = _text(
        note, field="note", label=_("决定内容或下一步处理意见"), required=False, max_length=2000
    )
    return _set_disposition(actor, item, AgendaItem.Disposition.VOTED, note, "meetings.item.voted")


def _set_disposition(
    actor, item: AgendaItem, disposition: str, note: str, action: str
) -> AgendaItem:
    with transaction.atomic():
        locked = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .get(pk=item.pk)
        )
        _check_open(locked.meeting)
        if not workflow.can_dispose(locked.disposition, disposition):
            raise Conflict(
                "disposition_transition",
                _("议程事项已是“{old}”，不能改为“{new}”。"),
                field="disposition",
                old=locked.get_disposition_display(),
                new=str(AgendaItem.Disposition(disposition).label),
            )
        old = locked.disposition
        locked.disposition, locked.disposition_note = disposition, note
        locked.disposed_at = timezone.now()
        locked.save(update_fields=["disposition", "disposition_note", "disposed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=action,
            obj=locked,
            changes={"disposition": [old, disposition], "note": note},
        )
    return locked


# -- documents ----------------------------------------------------------------------------


def check_upload(upload) -> str:
    """Refuse a file of the wrong type or too large; return its extension."""
    name = getattr(upload, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in workflow.UPLOAD_SIGNATURES:
        raise DomainError(
            "upload_type",
            _("只能上传 PDF、Word（docx）、Excel（xlsx）或文本（txt）文件。"),
            field="file",
        )
    size = getattr(upload, "size", 0) or 0
    if size > workflow.MAX_UPLOAD_BYTES:
        raise DomainError(
            "upload_too_large",
            _("文件不能超过 {mb} MB。"),
            field="file",
            mb=workflow.MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = workflow.UPLOAD_SIGNATURES[ext]
    if signatures and not head.startswith(signatures):
        raise DomainError("upload_type", _("文件内容与扩展名“{ext}”不符。"), field="file", ext=ext)
    if ext == "txt" and b"\x00" in head:
        raise DomainError("upload_type", _("文件内容与扩展名“{ext}”不符。"), field="file", ext=ext)
    return ext


def document_add(
    *,
    actor,
    meeting: Meeting,
    kind: str,
    title: str,
    item: AgendaItem | None = None,
    file=None,
    received_on: dt.date | None = None,
    is_public: bool = False,
) -> MeetingDocument:
    """Record a document of the meeting or of one item, with the day it arrived."""
    _require(actor, "meetings.manage")
    if kind not in MeetingDocument.Kind.values:
        raise DomainError("invalid_choice", _("文件类别“{value}”无效。"), field="kind", value=kind)
    title = _text(title, field="title", label=_("标题"), required=True, max_length=200)
    if item is not None and item.meeting_id != meeting.pk:
        raise DomainError("item_wrong_meeting", _("所选议程事项不属于本次会议。"), field="item")
    if file is not None:
        check_upload(file)
    received_on = received_on or timezone.localdate()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked)
        doc = MeetingDocument(
            meeting=locked,
            item=item,
            kind=kind,
            title=title,
            received_on=received_on,
            is_public=bool(is_public),
        )
        if file is not None:
            doc.file.save(file.name, file, save=False)
        doc.save()
        audit_record(
            actor=actor,
            action="meetings.document.added",
            obj=doc,
            changes={
                "meeting": locked.pk,
                "item": item.pk if item else None,
                "kind": kind,
                "received_on": str(received_on),
                "file": doc.file.name or "",
            },
        )
    return doc


# -- attendance and leave -----------------------------------------------------------------


def _may_act_for(actor, person: Person, staff_perm: str) -> None:
    """Staff may act for anyone; members and deputies only for themselves."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied()
    if actor.has_perm(staff_perm):
        return
    if actor.has_perm("meetings.sign_in_self") and actor.person_id and actor.person_id == person.pk:
        return
    raise PermissionDenied()


def _roll_row(meeting: Meeting, person: Person) -> Attendance:
    row = Attendance.objects.select_for_update().filter(meeting=meeting, person=person).first()
    if row is None:
        raise DomainError(
            "not_on_roll", _("{name}不在本次会议的出席名单中。"), field="person", name=person.name
        )
    return row


def attendance_sign_in(*, actor, meeting: Meeting, person: Person) -> Attendance:
    """Sign a person in (签到): staff for anyone, a member or deputy for themselves. Idempotent."""
    _may_act_for(actor, person, "meetings.manage")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked)
        row = _roll_row(locked, person)
        if row.status == Attendance.Status.PRESENT:
            return row
        old = row.status
        row.status = Attendance.Status.PRESENT
        row.signed_in_at = timezone.now()
        row.signed_in_by = actor
        row.save(update_fields=["status", "signed_in_at", "signed_in_by", "updated_at"])
        audit_record(
            actor=actor,
            action="meetings.attendance.signed_in",
            obj=row,
            changes={
                "meeting": locked.pk,
                "person": person.pk,
                "status": [old, row.status],
                "by_self": actor.person_id == person.pk,
            },
        )
    return row


def attendance_mark_absent(*, actor, meeting: Meeting, person: Person) -> Attendance:
    """Record a person as absent (缺席)."""
    _require(actor, "meetings.manage")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked)
        row = _roll_row(locked, person)
        if row.status == Attendance.Status.ABSENT:
            return row
        old = row.status
        row.status, row.signed_in_at, row.signed_in_by = Attendance.Status.ABSENT, None, None
        row.save(update_fields=["status", "signed_in_at", "signed_in_by", "updated_at"])
        audit_record(
            actor=actor,
            action="meetings.attendance.marked_absent",
            obj=row,
            changes={"meeting": locked.pk, "person": person.pk, "status": [old, row.status]},
        )
    return row


def leave_request_create(*, actor, meeting: Meeting, person: Person, reason: str) -> LeaveRequest:
    """Ask for leave from a meeting (请假): for oneself, or by staff for anyone on the roll."""
    _may_act_for(actor, person, "meetings.manage")
    reason = _text(reason, field="reason", label=_("请假事由"), required=True, max_length=200)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked)
        _roll_row(locked, person)
        if (
            LeaveRequest.objects.filter(meeting=locked, person=person)
            .exclude(status=LeaveRequest.Status.REJECTED)
            .exists()
        ):
            raise Conflict("leave_request_exists", _("{name}已就本次会议请假。"), name=person.name)
        leave = LeaveRequest.objects.create(meeting=locked, person=person, reason=reason)
        audit_record(
            actor=actor,
            action="meetings.leave.requested",
            obj=leave,
            changes={"meeting": locked.pk, "person": person.pk, "reason": reason},
        )
    return leave


def leave_request_decide(
    *, actor, leave: LeaveRequest, approve: bool, note: str = ""
) -> LeaveRequest:
    """Approve or reject a leave request; an approved one excuses the person (ON_LEAVE)."""
    _require(actor, "meetings.approve_leave")
    note = _text(note, field="note", label=_("审批意见"), required=False, max_length=200)
    to_status = LeaveRequest.Status.APPROVED if approve else LeaveRequest.Status.REJECTED
    with transaction.atomic():
        locked = LeaveRequest.objects.select_for_update().get(pk=leave.pk)
        if not workflow.can_decide_leave(locked.status, to_status):
            raise Conflict(
                "leave_already_decided",
                _("该请假申请已审批（{status}）。"),
                status=locked.get_status_display(),
            )
        locked.status, locked.decided_by, locked.decided_at = to_status, actor, timezone.now()
        locked.decision_note = note
        locked.save(
            update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
        )
        attendance = None
        if approve:
            attendance = Attendance.objects.filter(
                meeting_id=locked.meeting_id,
                person_id=locked.person_id,
                status__in=[Attendance.Status.EXPECTED, Attendance.Status.ABSENT],
            ).update(status=Attendance.Status.ON_LEAVE, updated_at=timezone.now())
        audit_record(
            actor=actor,
            action="meetings.leave.decided",
            obj=locked,
            changes={
                "status": to_status,
                "note": note,
                "attendance_updated": attendance,
            },
        )
    return locked


# -- non-voting attendees (列席) and the public gallery (旁听), S18 ----------------------


def pool_entry_add(*, actor, person: Person, kind: str, community: str = "") -> AttendeePoolEntry:
    """Put a deputy or resident in the pool of non-voting attendees (S18)."""
    _require(actor, "meetings.manage")
    if kind not in AttendeePoolEntry.Kind.values:
        raise DomainError("invalid_choice", _("类别“{value}”无效。"), field="kind", value=kind)
    community = _text(
        community, field="community", label=_("所在社区或单位"), required=False, max_length=100
    )
    with transaction.atomic():
        if AttendeePoolEntry.objects.select_for_update().filter(person=person).exists():
            raise Conflict(
                "pool_entry_exists", _("{name}已在列席人员库中。"), field="person", name=person.name
            )
        entry = AttendeePoolEntry.objects.create(person=person, kind=kind, community=community)
        audit_record(
            actor=actor,
            action="meetings.pool.added",
            obj=entry,
            changes={"person": person.pk, "kind": kind},
        )
    return entry


def non_voting_invite(*, actor, meeting: Meeting, entry: AttendeePoolEntry) -> Attendance:
    """Invite a person from the pool to attend without a vote (列席)."""
    _require(actor, "meetings.manage")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked)
        entry = (
            AttendeePoolEntry.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=entry.pk)
        )
        if not entry.is_active:
            raise Conflict(
                "pool_entry_inactive", _("{name}已不在列席人员库中。"), name=entry.person.name
            )
        if Attendance.objects.filter(meeting=locked, person_id=entry.person_id).exists():
            raise Conflict(
                "already_attending", _("{name}已在本次会议的出席名单中。"), name=entry.person.name
            )
        row = Attendance.objects.create(
            meeting=locked, person_id=entry.person_id, role=Attendance.Role.NON_VOTING
        )
        AttendeePoolEntry.objects.filter(pk=entry.pk).update(times_invited=F("times_invited") + 1)
        audit_record(
            actor=actor,
            action="meetings.attendance.invited",
            obj=row,
            changes={"meeting": locked.pk, "person": entry.person_id, "pool_entry": entry.pk},
        )
    return row


def _mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "***"


def gallery_register(
    *, meeting: Meeting, name: str, phone: str, organization: str = "", actor=None
) -> GalleryRegistration:
    """Register a citizen for the public gallery (旁听): one seat per phone, up to the cap (S18)."""
    name = _text(name, field="name", label=_("姓名"), required=True, max_length=40)
    phone = _text(phone, field="phone", label=_("联系电话"), required=True, max_length=20).replace(
        " ", ""
    )
    if not PHONE_RE.match(phone):
        raise DomainError(
            "phone_invalid",
            _("联系电话格式不正确，请填写手机号码或带区号的固定电话。"),
            field="phone",
        )
    organization = _text(
        organization, field="organization", label=_("工作单位"), required=False, max_length=100
    )
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if locked is None or not locked.is_public:
            raise NotFound()
        if locked.status == Meeting.Status.CLOSED:
            raise Conflict("meeting_closed", _("会议已闭会，不能再登记旁听。"))
        registered = GalleryRegistration.objects.filter(
            meeting=locked, status=GalleryRegistration.Status.REGISTERED
        )
        if registered.filter(phone=phone).exists():
            raise Conflict(
                "gallery_phone_taken", _("该电话号码已登记旁听本次会议。"), field="phone"
            )
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
        audit_record(
            actor=actor,
            action="meetings.gallery.registered",
            obj=reg,
            object_repr=f"{name} · {locked.title}",
            changes={"meeting": locked.pk, "phone": _mask_phone(phone)},
        )
    return reg


def gallery_cancel(*, code: str, phone: str = "", actor=None) -> GalleryRegistration:
    """Cancel a gallery registration: by its holder (code and phone) or by office staff."""
    code = (code or "").strip().upper()
    staff = actor is not None and actor.has_perm("meetings.manage")
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
