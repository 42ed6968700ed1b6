"""The declared actions of meetings: refused without the permission, refused in the wrong
status, one audit event on success; and their API operations."""

from __future__ import annotations

import json

import pytest

from renda.core.actions import SYSTEM, declared
from renda.core.errors import DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.meetings import services as S
from renda.meetings.models import AgendaItem, Attendance, AttendeePoolEntry, LeaveRequest, Meeting
from renda.people.models import Person

from .conftest import DAY

pytestmark = pytest.mark.django_db


def _events(code=None):
    qs = AuditEvent.objects.all()
    return qs.filter(action=code) if code else qs


def _open(meeting, staff, people):
    for p in people:
        S.attendance_sign_in(actor=staff, meeting=meeting, person=p)
    return S.meeting_open(actor=staff, meeting=meeting)


def test_every_action_is_named_labelled_and_ruled():
    actions = declared("meetings.")
    assert {a.name for a in actions} >= {
        "meetings.meeting.schedule",
        "meetings.meeting.open",
        "meetings.meeting.close",
        "meetings.agenda_item.decide",
        "meetings.agenda_item.defer",
        "meetings.agenda_item.mark_voted",
        "meetings.leave_request.approve",
        "meetings.leave_request.reject",
    }
    assert all(a.label and a.rule for a in actions)
    assert S.agenda_item_vote.permission == SYSTEM


# -- (a) refused without the permission: nothing changed -------------------------------------


@pytest.mark.parametrize("role", ["member", "deputy", "unit_officer", "leader"])
def test_managing_a_meeting_is_refused_to_other_roles(meeting, users, role):
    before = _events().count()
    for act, kwargs in (
        (S.meeting_open, {}),
        (S.meeting_update, {"location": "别处"}),
        (S.agenda_item_add, {"kind": "other", "title": "事项"}),
    ):
        with pytest.raises(PermissionDenied):
            act(actor=users[role], meeting=meeting, **kwargs)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED and meeting.location == "常委会会议室"
    assert _events().count() == before and not AgendaItem.objects.exists()


def test_deciding_leave_is_refused_to_a_member(meeting, users):
    leave = S.leave_request_create(
        actor=users["member"], meeting=meeting, person=users["member"].person, reason="出差"
    )
    before = _events().count()
    with pytest.raises(PermissionDenied):
        S.leave_request_approve(actor=users["member"], leave=leave)
    assert LeaveRequest.objects.get(pk=leave.pk).status == "pending"
    assert _events().count() == before


def test_the_vote_disposition_is_the_platforms_alone(meeting, staff):
    item = S.agenda_item_add(actor=staff, meeting=meeting, kind="motion", title="议案")
    with pytest.raises(PermissionDenied):
        S.agenda_item_vote(actor=staff, item=item)
    assert AgendaItem.objects.get(pk=item.pk).disposition == "pending"


# -- (b) the wrong status: status_not_allowed, nothing changed -------------------------------


def test_wrong_status_is_refused(meeting, staff, users, sc_members):
    before = _events().count()
    with pytest.raises(DomainError) as refused:
        S.meeting_close(actor=staff, meeting=meeting)
    assert refused.value.code == "status_not_allowed"
    assert Meeting.objects.get(pk=meeting.pk).status == "scheduled"
    assert _events().count() == before

    item = S.agenda_item_add(actor=staff, meeting=meeting, kind="other", title="事项")
    S.agenda_item_decide(actor=staff, item=item, note="同意")
    before = _events().count()
    with pytest.raises(DomainError) as refused:
        S.agenda_item_defer(actor=staff, item=item, note="再议")
    assert refused.value.code == "status_not_allowed"
    assert AgendaItem.objects.get(pk=item.pk).disposition == "decided"

    leave = S.leave_request_create(
        actor=staff, meeting=meeting, person=sc_members[1], reason="公务"
    )
    S.leave_request_reject(actor=staff, leave=leave)
    with pytest.raises(DomainError) as refused:
        S.leave_request_approve(actor=users["leader"], leave=leave)
    assert refused.value.code == "status_not_allowed"
    assert LeaveRequest.objects.get(pk=leave.pk).status == "rejected"
    assert _events("meetings.leave.decided").count() == 1
    assert _events().count() == before + 2  # the request and its rejection


def test_a_closed_meeting_keeps_its_own_refusal(meeting, staff, sc_members):
    _open(meeting, staff, sc_members[:3])
    S.meeting_close(actor=staff, meeting=meeting)
    with pytest.raises(DomainError) as refused:
        S.attendance_mark_absent(actor=staff, meeting=meeting, person=sc_members[4])
    assert refused.value.code == "meeting_closed"
    assert not S.attendance_mark_absent.allows(staff, Meeting.objects.get(pk=meeting.pk))


# -- (c) success: one audit event with the kept code -----------------------------------------


def test_open_and_close_each_write_one_event(meeting, staff, sc_members):
    before = _events().count()
    for p in sc_members[:3]:
        S.attendance_sign_in(actor=staff, meeting=meeting, person=p)
    assert _events("meetings.attendance.signed_in").count() == 3
    opened = S.meeting_open(actor=staff, meeting=meeting)
    assert opened.status == "in_progress" and opened.opened_at
    event = _events("meetings.meeting.opened").get()
    assert event.changes["present"] == 3 and event.changes["status"] == ["scheduled", "in_progress"]
    closed = S.meeting_close(actor=staff, meeting=meeting)
    assert closed.status == "closed"
    assert _events("meetings.meeting.closed").get().changes["absent"] == 2
    assert _events().count() == before + 5


def test_dispositions_and_leave_decisions(meeting, staff, users):
    item = S.agenda_item_add(actor=staff, meeting=meeting, kind="other", title="事项")
    deferred = S.agenda_item_defer(actor=staff, item=item, note="下次再议")
    assert deferred.disposition == "deferred"
    event = _events("meetings.item.disposed").get()
    assert event.changes == {"note": "下次再议", "disposition": ["pending", "deferred"]}
    S.agenda_item_mark_voted(deferred, users["leader"])
    event = _events("meetings.item.voted").get()
    assert event.actor_id == users["leader"].pk
    member = users["member"]
    leave = S.leave_request_create(actor=member, meeting=meeting, person=member.person, reason="病")
    S.leave_request_approve(actor=users["leader"], leave=leave, note="同意")
    assert _events("meetings.leave.decided").get().changes["status"] == "approved"
    assert Attendance.objects.get(meeting=meeting, person=member.person).status == "on_leave"


# -- the API operations ----------------------------------------------------------------------


@pytest.fixture
def api(client_for):
    def call(role, path, data=None):
        client = client_for(role)
        client.handler.enforce_csrf_checks = False
        response = client.post(
            f"/api/v1{path}", json.dumps(data or {}), content_type="application/json"
        )
        return response.status_code, response.json()

    return call


def test_api_schedules_edits_opens_and_closes(api, meeting, term, staff, sc_members):
    status, body = api("member", "/meetings", {"kind": "sc_meeting", "starts_on": str(DAY)})
    assert status == 403
    status, body = api(
        "staff",
        "/meetings",
        {"kind": "sc_meeting", "starts_on": str(DAY), "term_id": term.pk},
    )
    assert status == 201 and body["status"] == "scheduled"
    assert api("member", f"/meetings/{meeting.pk}/edit", {"location": "x"})[0] == 403
    status, body = api("staff", f"/meetings/{meeting.pk}/edit", {"location": "第二会议室"})
    assert status == 200 and Meeting.objects.get(pk=meeting.pk).location == "第二会议室"
    assert api("staff", f"/meetings/{meeting.pk}/open")[1]["code"] == "quorum_not_met"
    for p in sc_members[:3]:
        S.attendance_sign_in(actor=staff, meeting=meeting, person=p)
    assert api("member", f"/meetings/{meeting.pk}/open")[0] == 403
    assert api("staff", f"/meetings/{meeting.pk}/open") == (
        200,
        {"id": meeting.pk, "status": "in_progress"},
    )
    assert api("member", f"/meetings/{meeting.pk}/close")[0] == 403
    assert api("staff", f"/meetings/{meeting.pk}/close")[1]["status"] == "closed"


def test_api_agenda_and_dispositions(api, meeting, staff):
    path = f"/meetings/{meeting.pk}/items/add"
    assert api("member", path, {"kind": "other", "title": "事项"})[0] == 403
    status, body = api("staff", path, {"kind": "other", "title": "事项甲"})
    assert status == 201 and body["status"] == "pending"
    first = body["id"]
    second = api("staff", path, {"kind": "other", "title": "事项乙"})[1]["id"]
    order = {"item_ids": [second, first]}
    assert api("member", f"/meetings/{meeting.pk}/items/reorder", order)[0] == 403
    assert api("staff", f"/meetings/{meeting.pk}/items/reorder", order)[0] == 200
    assert AgendaItem.objects.get(pk=second).order == 1
    assert api("member", f"/meetings/items/{first}/edit", {"title": "改"})[0] == 403
    assert api("staff", f"/meetings/items/{first}/edit", {"title": "事项丙"})[0] == 200
    assert AgendaItem.objects.get(pk=first).title == "事项丙"
    assert api("member", f"/meetings/items/{first}/decide", {"note": "同意"})[0] == 403
    assert (
        api("staff", f"/meetings/items/{first}/decide", {"note": "同意"})[1]["status"] == "decided"
    )
    assert api("member", f"/meetings/items/{second}/defer", {"note": "再议"})[0] == 403
    assert (
        api("staff", f"/meetings/items/{second}/defer", {"note": "再议"})[1]["status"] == "deferred"
    )
    status, body = api("staff", f"/meetings/items/{first}/defer", {"note": "再议"})
    assert status == 409 and body["code"] == "status_not_allowed"


def test_api_documents_absence_invitation_and_pool(api, meeting, staff, sc_members):
    path = f"/meetings/{meeting.pk}/documents/add"
    assert api("member", path, {"kind": "notice", "title": "通知"})[0] == 403
    assert api("staff", path, {"kind": "notice", "title": "通知"})[0] == 201
    person = {"person_id": sc_members[2].pk}
    assert api("member", f"/meetings/{meeting.pk}/absent", person)[0] == 403
    assert api("staff", f"/meetings/{meeting.pk}/absent", person)[0] == 200
    assert Attendance.objects.get(meeting=meeting, person=sc_members[2]).status == "absent"
    resident = Person.objects.create(name="居民甲", gender="male")
    entry = {"person_id": resident.pk, "kind": "resident"}
    assert api("member", "/attendee-pool", entry)[0] == 403
    status, body = api("staff", "/attendee-pool", entry)
    assert status == 201 and AttendeePoolEntry.objects.filter(person=resident).exists()
    invite = {"entry_id": body["id"]}
    assert api("member", f"/meetings/{meeting.pk}/invite", invite)[0] == 403
    assert api("staff", f"/meetings/{meeting.pk}/invite", invite)[0] == 201
    assert Attendance.objects.get(meeting=meeting, person=resident).role == "non_voting"


def test_api_leave_decisions(api, meeting, users, sc_members):
    member = users["member"]
    one = S.leave_request_create(actor=member, meeting=meeting, person=member.person, reason="病")
    two = S.leave_request_create(
        actor=users["staff"], meeting=meeting, person=sc_members[1], reason="差"
    )
    assert api("member", f"/meetings/leave-requests/{one.pk}/approve")[0] == 403
    assert api("leader", f"/meetings/leave-requests/{one.pk}/approve")[1]["status"] == "approved"
    assert api("member", f"/meetings/leave-requests/{two.pk}/reject")[0] == 403
    assert (
        api("staff", f"/meetings/leave-requests/{two.pk}/reject", {"note": "不同意"})[1]["status"]
        == "rejected"
    )
