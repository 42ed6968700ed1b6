"""Meetings API: public reads, staff attendance, sign-in and leave through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.meetings import services as S
from renda.meetings.models import Attendance, LeaveRequest
from renda.people.models import Membership, Organization, Person

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 24)


@pytest.fixture
def setup(users, term):
    staff = users["staff"]
    sc = Organization.objects.get(code="standing-committee")
    people = [users["member"].person] + [
        Person.objects.create(name=f"委员{i}", gender="male") for i in range(4)
    ]
    for p in people:
        Membership.objects.create(person=p, organization=sc, term=term, start_date=term.start_date)
    public = S.meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=DAY)
    private = S.meeting_schedule(
        actor=staff, kind="chairpersons_council", term=term, starts_on=DAY, is_public=False
    )
    S.agenda_item_add(actor=staff, meeting=public, kind="motion", title="议案一")
    return {"public": public, "private": private, "people": people}


def test_anonymous_sees_public_meetings_only(api_call, setup):
    status, body = api_call("get", "/meetings")
    assert status == 200 and [m["id"] for m in body["items"]] == [setup["public"].pk]
    assert api_call("get", f"/meetings/{setup['private'].pk}")[0] == 404
    status, body = api_call("get", f"/meetings/{setup['public'].pk}")
    assert body["quorum"] is None and body["duration_days"] == 1
    status, body = api_call("get", f"/meetings/{setup['public'].pk}/items")
    assert body["count"] == 1 and body["items"][0]["disposition"] == "pending"


def test_staff_sees_everything_and_the_attendance(api_call, client_for, setup):
    c = client_for("leader")
    status, body = api_call("get", "/meetings", client_=c)
    assert body["count"] == 2
    status, body = api_call("get", f"/meetings/{setup['public'].pk}/attendance", client_=c)
    assert status == 200 and body["count"] == 5
    status, body = api_call("get", f"/meetings/{setup['public'].pk}", client_=c)
    assert body["quorum"] == {
        "entitled": 5,
        "present": 0,
        "required": 3,
        "met": False,
        "rule": "§8.8",
    }
    member = client_for("member")
    assert api_call("get", f"/meetings/{setup['public'].pk}/attendance", client_=member)[0] == 403


def test_sign_in_and_leave(api_call, client_for, setup, users):
    c = client_for("member")
    c.handler.enforce_csrf_checks = False
    meeting = setup["public"]
    status, body = api_call("post", f"/meetings/{meeting.pk}/sign-in", {}, client_=c)
    assert status == 200 and body["status"] == "present" and body["present"] == 1
    assert api_call("post", f"/meetings/{meeting.pk}/sign-in", {}, client_=c)[1]["present"] == 1
    other = setup["people"][1]
    status, body = api_call(
        "post", f"/meetings/{meeting.pk}/sign-in", {"person_id": other.pk}, client_=c
    )
    assert status == 403
    staff = client_for("staff")
    staff.handler.enforce_csrf_checks = False
    status, body = api_call(
        "post",
        f"/meetings/{meeting.pk}/leave-requests",
        {"person_id": other.pk, "reason": "出差"},
        client_=staff,
    )
    assert status == 201 and LeaveRequest.objects.get().person == other
    status, body = api_call(
        "post",
        f"/meetings/{meeting.pk}/leave-requests",
        {"person_id": other.pk, "reason": "再次"},
        client_=staff,
    )
    assert status == 409 and body["code"] == "leave_request_exists"
    status, body = api_call(
        "post", f"/meetings/{meeting.pk}/leave-requests", {"reason": "x" * 201}, client_=staff
    )
    assert status == 422
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == 1


@pytest.mark.parametrize("n", [1, 8])
def test_meetings_list_query_count(api_call, users, term, django_assert_num_queries, n):
    for i in range(n):
        S.meeting_schedule(
            actor=users["staff"], kind="sc_meeting", term=term, starts_on=DAY + dt.timedelta(days=i)
        )
    with django_assert_num_queries(2):
        status, body = api_call("get", "/meetings")
    assert body["count"] == n
