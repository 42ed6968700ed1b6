"""Meeting services with a database: scheduling, S16 close, S17 reporter, leave, gallery (S18), S22."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.errors import DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.meetings import services as S
from renda.meetings.models import (
    AgendaItem,
    Attendance,
    AttendeePoolEntry,
    GalleryRegistration,
    LeaveRequest,
    Meeting,
    MeetingDocument,
)
from renda.meetings.selectors import quorum, roll, unapproved_absences
from renda.people.models import Membership, Person
from tests.consent import consent_to

from .conftest import DAY

pytestmark = pytest.mark.django_db


def _code(exc) -> str:
    return exc.value.code


# -- scheduling ---------------------------------------------------------------------------


def test_schedule_puts_every_member_on_the_roll_and_numbers_per_term(
    meeting, staff, term, sc_members
):
    assert meeting.number == 1
    assert meeting.title == "清河市第十七届人民代表大会常务委员会第一次会议"
    rows = Attendance.objects.filter(meeting=meeting)
    assert rows.count() == 5
    assert set(rows.values_list("role", flat=True)) == {Attendance.Role.VOTING}
    second = S.meeting_schedule(
        actor=staff, kind="sc_meeting", term=term, starts_on=DAY + dt.timedelta(days=60)
    )
    assert second.number == 2 and second.ends_on == second.starts_on
    council = S.meeting_schedule(actor=staff, kind="chairpersons_council", term=term, starts_on=DAY)
    assert council.number == 1 and council.body.kind == "chairpersons_council"
    event = AuditEvent.objects.filter(
        action="meetings.meeting.scheduled", object_id=str(meeting.pk)
    ).get()
    assert event.changes["roll"] == 5


def test_schedule_refusals_leave_nothing_behind(staff, term, sc_members, users):
    before = Meeting.objects.count()
    with pytest.raises(DomainError) as exc:
        S.meeting_schedule(
            actor=staff,
            kind="sc_meeting",
            term=term,
            starts_on=DAY,
            ends_on=DAY - dt.timedelta(days=1),
        )
    assert _code(exc) == "dates_reversed" and exc.value.field == "ends_on"
    with pytest.raises(DomainError) as exc:
        S.meeting_schedule(actor=staff, kind="congress_session", starts_on=DAY)
    assert _code(exc) == "term_required"
    with pytest.raises(DomainError) as exc:
        S.meeting_schedule(
            actor=staff, kind="sc_meeting", term=term, starts_on=DAY, title="长" * 121
        )
    assert _code(exc) == "field_too_long"
    with pytest.raises(PermissionDenied):
        S.meeting_schedule(actor=users["member"], kind="sc_meeting", term=term, starts_on=DAY)
    S.meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=DAY, number=3)
    with pytest.raises(DomainError) as exc:
        S.meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=DAY, number=3)
    assert _code(exc) == "meeting_number_taken"
    assert Meeting.objects.count() == before + 1
    assert Attendance.objects.count() == 5


def test_update_changes_fields_and_refuses_reversed_dates(meeting, staff):
    S.meeting_update(actor=staff, meeting=meeting, location="第一会议室", gallery_seats=5)
    meeting.refresh_from_db()
    assert meeting.location == "第一会议室" and meeting.gallery_seats == 5
    with pytest.raises(DomainError) as exc:
        S.meeting_update(actor=staff, meeting=meeting, ends_on=DAY - dt.timedelta(days=3))
    assert _code(exc) == "dates_reversed"
    meeting.refresh_from_db()
    assert meeting.ends_on == DAY + dt.timedelta(days=1)


# -- quorum, opening and closing (S16) ------------------------------------------------------


def test_open_needs_more_than_half_of_all_members(meeting, staff, sc_members):
    """§8.8: an SC meeting opens with more than half of all members present."""
    for p in sc_members[:2]:
        S.attendance_sign_in(actor=staff, meeting=meeting, person=p)
    q = quorum(meeting)
    assert (q.entitled, q.present, q.required, q.met, q.rule) == (5, 2, 3, False, "§8.8")
    with pytest.raises(DomainError) as exc:
        S.meeting_open(actor=staff, meeting=meeting)
    assert _code(exc) == "quorum_not_met"
    S.attendance_sign_in(actor=staff, meeting=meeting, person=sc_members[2])
    opened = S.meeting_open(actor=staff, meeting=meeting)
    assert opened.status == Meeting.Status.IN_PROGRESS and opened.opened_at
    assert [present for _pk, present in roll(meeting)].count(True) == 3


def _open(meeting, staff, people):
    for p in people:
        S.attendance_sign_in(actor=staff, meeting=meeting, person=p)
    return S.meeting_open(actor=staff, meeting=meeting)


def test_close_refused_while_an_item_has_no_disposition_s16(meeting, staff, sc_members, users):
    a = S.agenda_item_add(actor=staff, meeting=meeting, kind="motion", title="关于某条例的议案")
    b = S.agenda_item_add(actor=staff, meeting=meeting, kind="other", title="其他事项")
    _open(meeting, staff, sc_members[:3])
    with pytest.raises(DomainError) as exc:
        S.meeting_close(actor=staff, meeting=meeting)
    assert _code(exc) == "agenda_item_undisposed"
    text = exc.value.message_in("zh-hans")
    assert "1. 关于某条例的议案" in text and "2. 其他事项" in text and "S16" in text
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.IN_PROGRESS
    S.agenda_item_mark_voted(a, users["leader"])
    S.agenda_item_dispose(
        actor=staff, item=b, disposition="deferred", note="交主任会议研究后再提请审议"
    )
    closed = S.meeting_close(actor=staff, meeting=meeting)
    assert closed.status == Meeting.Status.CLOSED
    statuses = sorted(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses == ["absent", "absent", "present", "present", "present"]
    with pytest.raises(DomainError) as exc:
        S.agenda_item_add(actor=staff, meeting=meeting, kind="other", title="迟到的事项")
    assert _code(exc) == "meeting_closed"


def test_cannot_close_a_scheduled_meeting(meeting, staff):
    with pytest.raises(DomainError) as exc:
        S.meeting_close(actor=staff, meeting=meeting)
    assert _code(exc) == "status_not_allowed"


# -- dispositions ---------------------------------------------------------------------------


def test_dispose_rules(meeting, staff, users):
    item = S.agenda_item_add(actor=staff, meeting=meeting, kind="motion", title="议案")
    with pytest.raises(DomainError) as exc:
        S.agenda_item_dispose(actor=staff, item=item, disposition="voted")
    assert _code(exc) == "disposition_needs_poll"
    with pytest.raises(DomainError) as exc:
        S.agenda_item_dispose(actor=staff, item=item, disposition="deferred", note="  ")
    assert _code(exc) == "field_required" and exc.value.field == "note"
    with pytest.raises(PermissionDenied):
        S.agenda_item_mark_voted(item, users["member"])
    deferred = S.agenda_item_dispose(
        actor=staff, item=item, disposition="deferred", note="下次会议再审议"
    )
    assert deferred.disposition == "deferred" and deferred.disposition_note == "下次会议再审议"
    voted = S.agenda_item_mark_voted(item=deferred, actor=staff)
    assert voted.disposition == "voted"
    assert S.agenda_item_mark_voted(voted, staff).disposition == "voted"  # idempotent
    assert AuditEvent.objects.filter(action="meetings.item.voted").count() == 1
    with pytest.raises(DomainError) as exc:
        S.agenda_item_dispose(actor=staff, item=voted, disposition="decided")
    assert _code(exc) == "disposition_transition"


def test_reorder(meeting, staff):
    items = [
        S.agenda_item_add(actor=staff, meeting=meeting, kind="other", title=f"事项{i}")
        for i in range(3)
    ]
    S.agenda_item_reorder(
        actor=staff, meeting=meeting, item_ids=[items[2].pk, items[0].pk, items[1].pk]
    )
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("title", flat=True)) == [
        "事项2",
        "事项0",
        "事项1",
    ]
    with pytest.raises(DomainError) as exc:
        S.agenda_item_reorder(actor=staff, meeting=meeting, item_ids=[items[0].pk, items[1].pk])
    assert _code(exc) == "agenda_order_mismatch"


# -- S17: statutory reporter ---------------------------------------------------------------


def test_work_report_reporter_must_hold_an_elected_or_appointed_post_s17(
    meeting, staff, court_president
):
    nobody = Person.objects.create(name="张科长", gender="male")
    with pytest.raises(DomainError) as exc:
        S.agenda_item_add(
            actor=staff, meeting=meeting, kind="work_report", title="法院工作报告", reporter=nobody
        )
    assert _code(exc) == "reporter_not_statutory" and exc.value.field == "reporter"
    message = exc.value.message_in("zh-hans")
    assert "S17" in message and "张科长" in message
    assert "S17" in exc.value.message_in("en")
    with pytest.raises(DomainError) as exc:
        S.agenda_item_add(actor=staff, meeting=meeting, kind="work_report", title="法院工作报告")
    assert _code(exc) == "reporter_required"
    assert not AgendaItem.objects.filter(meeting=meeting).exists()

    item = S.agenda_item_add(
        actor=staff,
        meeting=meeting,
        kind="work_report",
        title="法院工作报告",
        reporter=court_president,
    )
    assert item.reporter_post.label == "院长" and item.reporting_body.code == "court"
    row = Attendance.objects.get(meeting=meeting, person=court_president)
    assert row.role == Attendance.Role.REPORTER
    # Non-statutory kinds take any reporter.
    S.agenda_item_add(actor=staff, meeting=meeting, kind="other", title="情况通报", reporter=nobody)


def test_reporter_whose_post_ended_before_the_meeting_is_refused(meeting, staff, court_president):
    Membership.objects.filter(person=court_president).update(end_date=DAY - dt.timedelta(days=1))
    with pytest.raises(DomainError) as exc:
        S.agenda_item_add(
            actor=staff, meeting=meeting, kind="work_report", title="报告", reporter=court_president
        )
    assert _code(exc) == "reporter_not_statutory"


def test_update_rechecks_s17(meeting, staff, court_president):
    item = S.agenda_item_add(
        actor=staff,
        meeting=meeting,
        kind="other",
        title="通报",
        reporter=Person.objects.create(name="王某", gender="male"),
    )
    with pytest.raises(DomainError) as exc:
        S.agenda_item_update(actor=staff, item=item, kind="work_report")
    assert _code(exc) == "reporter_not_statutory"
    updated = S.agenda_item_update(
        actor=staff, item=item, kind="work_report", reporter=court_president
    )
    assert updated.reporter_post is not None


# -- documents ------------------------------------------------------------------------------


def test_document_upload_checks_type_and_size(meeting, staff):
    with pytest.raises(DomainError) as exc:
        S.document_add(
            actor=staff,
            meeting=meeting,
            kind="notice",
            title="通知",
            file=SimpleUploadedFile("a.exe", b"MZ..."),
        )
    assert _code(exc) == "upload_type"
    with pytest.raises(DomainError) as exc:
        S.document_add(
            actor=staff,
            meeting=meeting,
            kind="notice",
            title="通知",
            file=SimpleUploadedFile("a.pdf", b"not a pdf"),
        )
    assert _code(exc) == "upload_type"
    big = SimpleUploadedFile("a.txt", b"x" * (20 * 1024 * 1024 + 1))
    with pytest.raises(DomainError) as exc:
        S.document_add(actor=staff, meeting=meeting, kind="notice", title="通知", file=big)
    assert _code(exc) == "upload_too_large"
    assert not MeetingDocument.objects.exists()
    doc = S.document_add(
        actor=staff,
        meeting=meeting,
        kind="notice",
        title="会议通知",
        file=SimpleUploadedFile("n.pdf", b"%PDF-1.4 test"),
        received_on=dt.date(2026, 6, 10),
    )
    assert doc.file.name.endswith(".pdf") and doc.received_on == dt.date(2026, 6, 10)
    doc.file.delete(save=False)


# -- attendance and leave -------------------------------------------------------------------


def test_sign_in_self_and_by_staff_is_idempotent(meeting, users, sc_members, deputies):
    member = users["member"]
    row = S.attendance_sign_in(actor=member, meeting=meeting, person=member.person)
    assert row.status == "present" and row.signed_in_by == member
    S.attendance_sign_in(actor=member, meeting=meeting, person=member.person)
    assert AuditEvent.objects.filter(action="meetings.attendance.signed_in").count() == 1
    with pytest.raises(PermissionDenied):
        S.attendance_sign_in(actor=member, meeting=meeting, person=sc_members[1])
    with pytest.raises(DomainError) as exc:
        S.attendance_sign_in(actor=users["deputy"], meeting=meeting, person=users["deputy"].person)
    assert _code(exc) == "not_on_roll"
    with pytest.raises(PermissionDenied):
        S.attendance_sign_in(actor=users["unit_officer"], meeting=meeting, person=sc_members[1])
    S.attendance_sign_in(actor=users["staff"], meeting=meeting, person=sc_members[1])
    assert quorum(meeting).present == 2
    S.attendance_mark_absent(actor=users["staff"], meeting=meeting, person=sc_members[2])
    assert Attendance.objects.get(meeting=meeting, person=sc_members[2]).status == "absent"


def test_leave_flow(meeting, users, sc_members):
    member = users["member"]
    leave = S.leave_request_create(
        actor=member, meeting=meeting, person=member.person, reason="出差"
    )
    with pytest.raises(DomainError) as exc:
        S.leave_request_create(actor=member, meeting=meeting, person=member.person, reason="再次")
    assert _code(exc) == "leave_request_exists"
    with pytest.raises(PermissionDenied):
        S.leave_request_decide(actor=member, leave=leave, approve=True)
    decided = S.leave_request_decide(actor=users["leader"], leave=leave, approve=True, note="同意")
    assert decided.status == "approved" and decided.decided_by == users["leader"]
    assert Attendance.objects.get(meeting=meeting, person=member.person).status == "on_leave"
    with pytest.raises(DomainError) as exc:
        S.leave_request_decide(actor=users["staff"], leave=leave, approve=False)
    assert _code(exc) == "leave_already_decided"
    other = S.leave_request_create(
        actor=users["staff"], meeting=meeting, person=sc_members[1], reason="病假"
    )
    S.leave_request_decide(actor=users["staff"], leave=other, approve=False)
    assert Attendance.objects.get(meeting=meeting, person=sc_members[1]).status == "expected"
    # A rejected request does not block a new one.
    S.leave_request_create(
        actor=users["staff"], meeting=meeting, person=sc_members[1], reason="病假，补充材料"
    )
    assert LeaveRequest.objects.filter(person=sc_members[1]).count() == 2


# -- S18: pool and gallery ------------------------------------------------------------------


def test_pool_invite_counts_invitations(meeting, staff, term):
    resident = Person.objects.create(name="居民甲", gender="male")
    entry = S.pool_entry_add(actor=staff, person=resident, kind="resident", community="东城社区")
    with pytest.raises(DomainError) as exc:
        S.pool_entry_add(actor=staff, person=resident, kind="resident")
    assert _code(exc) == "pool_entry_exists"
    row = S.non_voting_invite(actor=staff, meeting=meeting, entry=entry)
    assert row.role == "non_voting"
    assert AttendeePoolEntry.objects.get(pk=entry.pk).times_invited == 1
    with pytest.raises(DomainError) as exc:
        S.non_voting_invite(actor=staff, meeting=meeting, entry=entry)
    assert _code(exc) == "already_attending"
    assert quorum(meeting).entitled == 5  # a non-voting attendee does not count


def test_gallery_cap_and_one_seat_per_phone(meeting, staff):
    S.meeting_update(actor=staff, meeting=meeting, gallery_seats=2)
    a = S.gallery_register(meeting=meeting, name="市民甲", phone="13800000001")
    assert len(a.code) == 8
    with pytest.raises(DomainError) as exc:
        S.gallery_register(meeting=meeting, name="市民乙", phone="13800000001")
    assert _code(exc) == "gallery_phone_taken"
    with pytest.raises(DomainError) as exc:
        S.gallery_register(meeting=meeting, name="市民乙", phone="12345")
    assert _code(exc) == "phone_invalid"
    S.gallery_register(meeting=meeting, name="市民乙", phone="13800000002")
    with pytest.raises(DomainError) as exc:
        S.gallery_register(meeting=meeting, name="市民丙", phone="13800000003")
    assert _code(exc) == "gallery_full"
    with pytest.raises(DomainError):
        S.gallery_cancel(code=a.code, phone="13900000000")
    S.gallery_cancel(code=a.code, phone="13800000001")
    S.gallery_register(meeting=meeting, name="市民丙", phone="13800000003")
    assert GalleryRegistration.objects.filter(status="registered").count() == 2
    event = AuditEvent.objects.filter(action="meetings.gallery.registered").order_by("seq").first()
    assert event.changes["phone"] == "138****0001"


def test_gallery_refuses_private_meetings(meeting, staff):
    S.meeting_update(actor=staff, meeting=meeting, is_public=False)
    with pytest.raises(DomainError) as exc:
        S.gallery_register(meeting=meeting, name="市民甲", phone="13800000001")
    assert exc.value.status == 404


# -- S22: unapproved absences from congress sessions ----------------------------------------


def _session(staff, term, day, deputies, present, leave_for=()):
    m = S.meeting_schedule(
        actor=staff,
        kind="congress_session",
        term=term,
        starts_on=day,
        ends_on=day + dt.timedelta(days=3),
    )
    for p in leave_for:
        leave = S.leave_request_create(actor=staff, meeting=m, person=p, reason="公务")
        S.leave_request_decide(actor=staff, leave=leave, approve=True)
    for p in present:
        S.attendance_sign_in(actor=staff, meeting=m, person=p)
    consent_to(m, actor=staff)
    S.meeting_open(actor=staff, meeting=m)
    return S.meeting_close(actor=staff, meeting=m)


def test_unapproved_absences_count_congress_sessions_s22(staff, term, deputies):
    """S22 (代表法 Art. 62): absences without approved leave are counted per term."""
    from renda.core.statute import param

    absentee = deputies[5]
    _session(staff, term, dt.date(2024, 1, 8), deputies, deputies[:5])
    assert unapproved_absences(absentee, term) == 1
    _session(staff, term, dt.date(2025, 1, 8), deputies, deputies[:5], leave_for=[absentee])
    assert unapproved_absences(absentee, term) == 1
    assert unapproved_absences(deputies[0], term) == 0
    _session(staff, term, dt.date(2026, 1, 8), deputies, deputies[:4])
    assert unapproved_absences(absentee, term) == 2
    assert unapproved_absences(deputies[4].pk, term.pk) == 1
    assert unapproved_absences(absentee, term) >= param("deputy.unapproved_absence_limit")
