"""Walk every API operation as every role and as an anonymous caller.

Each operation id must be listed in OPERATIONS with the roles allowed to call it.
Writes are sent with an empty body: an allowed caller gets a validation error
(400/422), a refused one 401 (anonymous) or 403 — never a 5xx.
"""

from __future__ import annotations

import datetime as dt

import pytest

from renda.api.urls import api
from renda.meetings.models import AgendaItem, Meeting
from renda.people import services
from renda.people.models import Organization
from renda.voting.services import poll_create

ANON = "anon"
ROLES = ("admin", "staff", "leader", "member", "deputy", "unit_officer")
EVERYONE = frozenset((ANON, *ROLES))
OFFICE_STAFF = frozenset({"admin", "staff"})

OPERATIONS: dict[str, frozenset] = {
    **{f"{kind}_{op}": EVERYONE
       for kind in ("persons", "organizations", "posts", "terms", "memberships", "deputies")
       for op in ("list", "detail")},
    **{f"popolo_{kind}": EVERYONE for kind in ("persons", "organizations", "posts", "memberships")},
    **{f"{kind}_create": OFFICE_STAFF
       for kind in ("persons", "organizations", "posts", "terms", "memberships", "deputies")},
    "persons_update": OFFICE_STAFF,
    "organizations_update": OFFICE_STAFF,
    "memberships_end": OFFICE_STAFF,
    "deputies_status_change": OFFICE_STAFF,
    **{f"polls_{op}": EVERYONE for op in ("list", "detail", "results", "export", "popolo")},
    # Members and deputies with a person (voting.cast); whether they are on the poll's roll
    # is the service's domain refusal (4xx), never a 5xx.
    "polls_cast": frozenset({"leader", "member", "deputy"}),
    "meetings_list": EVERYONE,
    "meetings_detail": EVERYONE,
    "meetings_items_list": EVERYONE,
    "meetings_attendance_list": frozenset({"admin", "staff", "leader"}),
    "meetings_sign_in": frozenset({"admin", "staff", "leader", "member", "deputy"}),
    "meetings_leave_create": frozenset({"admin", "staff", "leader", "member", "deputy"}),
}


def operations():
    schema = api.get_openapi_schema()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield method.upper(), path, op["operationId"]


def test_every_operation_is_listed():
    found = {op_id for _m, _p, op_id in operations()}
    assert not found - set(OPERATIONS), f"API operations without expectations: {sorted(found - set(OPERATIONS))}"
    assert not set(OPERATIONS) - found, f"stale expectations: {sorted(set(OPERATIONS) - found)}"


@pytest.fixture
def ids(users, term):
    staff = users["staff"]
    person = services.person_create(actor=staff, name="王测试", gender="male")
    delegation = Organization.objects.create(code="del-y", name="测试代表团", kind="delegation")
    deputy = services.deputy_create(actor=staff, person=person, term=term, delegation=delegation)
    membership = person.memberships.get()
    post = services.post_create(actor=staff, organization=delegation, label="团长", role="head")
    meeting = Meeting.objects.create(
        kind="sc_meeting", body=Organization.objects.get(code="standing-committee"), term=term, number=1,
        title="测试会议", starts_on=dt.date(2024, 3, 1), ends_on=dt.date(2024, 3, 1),
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="motion", title="测试议题")
    poll = poll_create(actor=staff, agenda_item=item, kind="decision")
    return {
        "meeting_id": meeting.pk,
        "poll_id": poll.pk,
        "person_id": person.pk, "organization_id": delegation.pk, "post_id": post.pk,
        "term_id": term.pk, "membership_id": membership.pk, "deputy_id": deputy.pk,
    }


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_walk_every_operation_as_role(client, users, ids, role):
    if role != ANON:
        client.force_login(users[role])
    client.handler.enforce_csrf_checks = False
    problems = []
    for method, path, op_id in operations():
        url = path.format(**ids)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.generic(method, url, data="{}", content_type="application/json")
        status = response.status_code
        assert status < 500, f"{op_id} as {role}: {status}"
        allowed = role in OPERATIONS[op_id]
        if allowed and status in (401, 403):
            problems.append(f"{op_id} as {role}: refused with {status}")
        if not allowed:
            expected = 401 if role == ANON else 403
            if status != expected:
                problems.append(f"{op_id} as {role}: got {status}, expected {expected}")
            else:
                body = response.json()
                assert body["code"] and body["message"] and body["message_en"], op_id
    assert not problems, "\n".join(problems)
