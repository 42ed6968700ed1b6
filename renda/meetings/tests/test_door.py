"""扫码签到: codes per person and meeting, the door page's scan, the printed cards, the member's own code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.core.errors import DomainError
from renda.core.models import AuditEvent
from renda.meetings import services as S
from renda.meetings.door import door_code, person_for_code
from renda.meetings.models import Attendance
from renda.people.models import Person

from .conftest import DAY

pytestmark = pytest.mark.django_db


def _scan(client, meeting, code, htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        reverse("meetings:door_scan", args=[meeting.pk]), {"code": code}, headers=headers
    )


def test_a_code_names_its_meeting_and_person_and_cannot_be_made_up(
    meeting, sc_members, staff, term
):
    code = door_code(meeting, sc_members[1])
    assert code.startswith(f"RD-{meeting.pk}-{sc_members[1].pk}-")
    assert person_for_code(meeting, code) == sc_members[1]
    # What a scanner or a hand types is forgiven: case, spaces, full-width dashes.
    assert person_for_code(meeting, "  " + code.lower().replace("-", "－") + " ") == sc_members[1]
    # Someone else's number with this check, or a changed check, is refused.
    forged = code.replace(f"-{sc_members[1].pk}-", f"-{sc_members[2].pk}-")
    for bad in (forged, code[:-1] + ("A" if code[-1] != "A" else "B"), "", "hello", "RD-1-2-3"):
        with pytest.raises(DomainError) as refused:
            person_for_code(meeting, bad)
        assert refused.value.code == "door_code_invalid"
    other = S.meeting_schedule(
        actor=staff,
        kind="sc_meeting",
        term=term,
        starts_on=DAY + dt.timedelta(days=30),
        ends_on=DAY + dt.timedelta(days=30),
    )
    with pytest.raises(DomainError) as refused:
        person_for_code(meeting, door_code(other, sc_members[1]))
    assert refused.value.code == "door_code_other_meeting"


def test_the_clerk_scans_and_the_member_is_signed_in_with_the_quorum(
    client_for, meeting, sc_members, users
):
    client = client_for("staff")
    page = client.get(reverse("meetings:door", args=[meeting.pk])).content.decode()
    assert 'id="door-code"' in page and 'id="quorum"' in page and "用摄像头扫码" in page
    before = AuditEvent.objects.filter(action="meetings.attendance.signed_in").count()

    response = _scan(client, meeting, door_code(meeting, sc_members[2]))
    fragment = response.content.decode()
    assert response.status_code == 200
    assert 'data-outcome="signed"' in fragment and sc_members[2].name in fragment
    assert 'hx-swap-oob="true"' in fragment and "data-present>1<" in fragment
    row = Attendance.objects.get(meeting=meeting, person=sc_members[2])
    assert row.status == "present" and row.signed_in_by == users["staff"]
    assert AuditEvent.objects.filter(action="meetings.attendance.signed_in").count() == before + 1

    # The same card again: said so, nothing recorded twice.
    again = _scan(client, meeting, door_code(meeting, sc_members[2])).content.decode()
    assert 'data-outcome="again"' in again and "此前已签到" in again
    assert AuditEvent.objects.filter(action="meetings.attendance.signed_in").count() == before + 1

    response = _scan(client, meeting, "RD-1-1-AAAAAAAA")
    refused = response.content.decode()
    assert response.status_code == 400  # the page shows it all the same (door.js)
    assert 'data-code="door_code_invalid"' in refused and "无法识别的签到码" in refused


def test_without_script_the_scan_comes_back_as_a_message(client_for, meeting, sc_members):
    client = client_for("staff")
    response = _scan(client, meeting, door_code(meeting, sc_members[3]), htmx=False)
    assert response.status_code == 302 and response["Location"].endswith("/door/")
    page = client.get(response["Location"]).content.decode()
    assert f"{sc_members[3].name}已签到" in page


def test_a_person_not_on_the_roll_is_refused(client_for, meeting):
    stranger = Person.objects.create(name="路人甲", gender="male")
    fragment = _scan(client_for("staff"), meeting, door_code(meeting, stranger)).content.decode()
    assert 'data-code="not_on_roll"' in fragment and "路人甲不在本次会议的出席名单中" in fragment
    assert not Attendance.objects.filter(person=stranger).exists()


def test_cards_list_everyone_on_the_roll_with_a_qr_code(client_for, meeting, sc_members):
    page = (
        client_for("staff").get(reverse("meetings:door_cards", args=[meeting.pk])).content.decode()
    )
    assert page.count('class="door-card"') == len(sc_members)
    assert page.count("<svg") >= len(sc_members)
    for person in sc_members:
        assert person.name in page and door_code(meeting, person) in page


def test_the_member_sees_their_own_code_until_signed_in(client_for, meeting, users):
    member = client_for("member")
    person = users["member"].person
    page = member.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert 'id="own-code"' in page and door_code(meeting, person) in page and "<svg" in page
    S.attendance_sign_in(actor=users["member"], meeting=meeting, person=person)
    page = member.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert 'id="own-code"' not in page


def test_only_office_staff_open_the_door_page(client_for, meeting, sc_members):
    for role in ("member", "deputy", "unit_officer"):
        client = client_for(role)
        assert client.get(reverse("meetings:door", args=[meeting.pk])).status_code in (403, 404)
        assert _scan(client, meeting, door_code(meeting, sc_members[1])).status_code in (403, 404)
    assert not Attendance.objects.filter(meeting=meeting, status="present").exists()
