"""Walk every API operation as every role and as an anonymous caller.

Each operation id must be listed in OPERATIONS with the roles allowed to call it.
Writes are sent with an empty body: an allowed caller gets a validation error
(400/422), a refused one 401 (anonymous) or 403 — never a 5xx.
"""

from __future__ import annotations

import datetime as dt

import pytest

from renda.api.urls import api
from renda.meetings.models import AgendaItem, LeaveRequest, Meeting
from renda.people import services
from renda.people.models import Organization
from renda.voting.services import poll_create
from tests import walkers

ANON = "anon"
ROLES = ("admin", "staff", "leader", "member", "deputy", "unit_officer")
EVERYONE = frozenset((ANON, *ROLES))
OFFICE_STAFF = frozenset({"admin", "staff"})

OPERATIONS: dict[str, frozenset] = {
    **{
        f"{kind}_{op}": EVERYONE
        for kind in ("persons", "organizations", "posts", "terms", "memberships", "deputies")
        for op in ("list", "detail")
    },
    **{f"popolo_{kind}": EVERYONE for kind in ("persons", "organizations", "posts", "memberships")},
    **{
        f"{kind}_create": OFFICE_STAFF
        for kind in ("persons", "organizations", "posts", "terms", "memberships", "deputies")
    },
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
    # Anyone registers for the public gallery (S18); the empty body is refused with 422.
    "meetings_gallery_register": EVERYONE,
    # Casework: cases are never public; the walker's case is visible to all, so the
    # refusals below are the role permissions (the services refuse foreign units with 403 too).
    "cases_list": frozenset(ROLES),
    "cases_detail": frozenset(ROLES),
    # The superuser passes the role check but holds no assignment: the service answers 403.
    "cases_receive": frozenset({"unit_officer"}),
    "cases_contact_create": frozenset({"admin", "unit_officer"}),
    "cases_reply": frozenset({"admin", "unit_officer"}),
    "cases_rate": frozenset({"admin", "staff", "leader", "member", "deputy"}),
    "suggestions_list": EVERYONE,
    "suggestions_detail": EVERYONE,
    "suggestions_statistics": EVERYONE,
    # Deputies (suggestions.submit); the administrator holds every permission and gets 422 for
    # the empty body, but is no deputy: a real draft would be refused by the service.
    "suggestions_create": frozenset({"admin", "deputy"}),
    # The deputy's own suggestion is already submitted: the deputy and the administrator (who
    # holds every permission) get the state refusal (409) before the lead-deputy check.
    "suggestions_submit": frozenset({"admin", "deputy"}),
    "casework_case_create": OFFICE_STAFF,
    "casework_case_assign": OFFICE_STAFF,
    "casework_return_request_decide": OFFICE_STAFF,
    "casework_extension_request_decide": OFFICE_STAFF,
    "casework_case_verify": OFFICE_STAFF,
    "casework_case_override": OFFICE_STAFF,
    "casework_case_close": OFFICE_STAFF,
    "casework_case_merge": OFFICE_STAFF,
    "casework_case_withdraw": frozenset(ROLES),
    "casework_case_publish_reply": OFFICE_STAFF,
    "casework_case_withhold_reply": OFFICE_STAFF,
    "casework_case_note": frozenset(ROLES),
    "casework_case_return": frozenset({"admin", "unit_officer"}),
    "casework_case_extend": frozenset({"admin", "unit_officer"}),
    "casework_case_co_opinion": frozenset({"admin", "unit_officer"}),
    "casework_case_follow_up": frozenset({"admin", "unit_officer"}),
    "casework_case_key": frozenset({"admin", "staff", "leader"}),
    "casework_case_unkey": frozenset({"admin", "staff", "leader"}),
    "suggestions_suggestion_update": frozenset({"admin", "deputy"}),
    "suggestions_cosigner_invite": frozenset({"admin", "deputy"}),
    "suggestions_cosigner_remove": frozenset({"admin", "deputy"}),
    "suggestions_cosigner_confirm": frozenset({"admin", "deputy"}),
    "suggestions_suggestion_withdraw": frozenset({"admin", "deputy"}),
    "suggestions_suggestion_accept": OFFICE_STAFF,
    "suggestions_suggestion_not_accept": OFFICE_STAFF,
    "suggestions_suggestion_merge": OFFICE_STAFF,
    "suggestions_suggestion_split": OFFICE_STAFF,
    "suggestions_suggestion_assign": OFFICE_STAFF,
    "suggestions_assignment_help": OFFICE_STAFF,
    **{
        f"meetings_{op}": OFFICE_STAFF
        for op in (
            "meeting_schedule",
            "meeting_edit",
            "meeting_open",
            "meeting_close",
            "meeting_add_item",
            "meeting_reorder",
            "agenda_item_edit",
            "agenda_item_decide",
            "agenda_item_defer",
            "meeting_add_document",
            "meeting_mark_absent",
            "meeting_invite",
            "pool_entry_add",
        )
    },
    "meetings_leave_request_approve": frozenset({"admin", "staff", "leader"}),
    "meetings_leave_request_reject": frozenset({"admin", "staff", "leader"}),
    "people_composition": frozenset({"admin", "staff", "leader", "member"}),
    # Later domains list theirs in tests/walkers/<domain>.py.
    **walkers.operations(),
}


def operations():
    schema = api.get_openapi_schema()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield method.upper(), path, op["operationId"]


def test_every_operation_is_listed():
    found = {op_id for _m, _p, op_id in operations()}
    assert not found - set(OPERATIONS), (
        f"API operations without expectations: {sorted(found - set(OPERATIONS))}"
    )
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
        kind="sc_meeting",
        body=Organization.objects.get(code="standing-committee"),
        term=term,
        number=1,
        title="测试会议",
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2024, 3, 1),
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="motion", title="测试议题")
    leave = LeaveRequest.objects.create(meeting=meeting, person=person, reason="公务")
    poll = poll_create(actor=staff, agenda_item=item, kind="decision")
    from renda.casework import services as cw
    from renda.casework.kinds import ensure_kind

    case = cw.case_create(
        actor=staff,
        kind=ensure_kind(code="walker", name="测试事项"),
        title="测试交办事项",
        requesters=[users["deputy"].person],
    )
    cw.case_assign(actor=staff, case=case, lead=users["unit_officer"].scope)
    cw.case_mark_key(actor=staff, case=case, leader=users["leader"])
    from renda.people.models import Deputy
    from renda.suggestions import services as suggestion_services
    from renda.suggestions.assignment import UnitProposal, suggestion_assign

    Deputy.objects.create(person=users["deputy"].person, term=term)
    suggestion = suggestion_services.suggestion_create(
        actor=users["deputy"], title="关于优化公交线路的建议", content="建议增加公交班次。"
    )
    suggestion_services.suggestion_submit(actor=users["deputy"], suggestion=suggestion)
    suggestion_services.suggestion_accept(actor=staff, suggestion=suggestion)
    suggestion = suggestion_assign(
        actor=staff,
        suggestion=suggestion,
        lead=users["unit_officer"].scope,
        proposal=UnitProposal([], []),
    )
    officer = users["unit_officer"]
    cw.assignment_receive(actor=officer, case=suggestion.case)
    cw.contact_log(
        actor=officer,
        case=suggestion.case,
        contacted_on=dt.date.today(),
        method="phone",
        note="电话",
    )
    cw.reply_submit(
        actor=officer,
        case=suggestion.case,
        text="已经解决。",
        result_class="A",
        signed_by_name="张局长",
    )
    return {
        **walkers.ids(users, term),
        "suggestion_id": suggestion.pk,
        "case_id": case.pk,
        "meeting_id": meeting.pk,
        "item_id": item.pk,
        "leave_id": leave.pk,
        "poll_id": poll.pk,
        "person_id": person.pk,
        "organization_id": delegation.pk,
        "post_id": post.pk,
        "term_id": term.pk,
        "membership_id": membership.pk,
        "deputy_id": deputy.pk,
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
