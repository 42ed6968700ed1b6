"""Walk every route as every role and as an anonymous visitor.

Each named route must appear in ROUTES with the roles allowed to use it; a new
route that is not listed here fails the build, so nobody adds a page without
deciding who may open it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.accounts.models import ApiToken
from renda.people import services
from renda.people.models import Organization
from tests.routes import named_routes

ANON = "anon"
ROLES = ("admin", "staff", "leader", "member", "deputy", "unit_officer")
EVERYONE = frozenset((ANON, *ROLES))
SIGNED_IN = frozenset(ROLES)
OFFICE_STAFF = frozenset({"admin", "staff"})
STAFF_SIDE = frozenset({"admin", "staff", "leader"})
DIRECTORY = frozenset({"admin", "staff", "leader", "member"})
MEETING_VIEWERS = frozenset({"admin", "staff", "leader", "member", "deputy"})

# route: (method, allowed roles, kwargs key)
ROUTES: dict[str, tuple[str, frozenset, str | None]] = {
    # Public website.
    "portal:home": ("GET", EVERYONE, None),
    "portal:about": ("GET", EVERYONE, None),
    "portal:body_detail": ("GET", EVERYONE, "body"),
    "portal:deputies": ("GET", EVERYONE, None),
    "portal:deputy_detail": ("GET", EVERYONE, "deputy"),
    "portal:open_data": ("GET", EVERYONE, None),
    "set_language": ("POST", EVERYONE, None),
    # Accounts.
    "accounts:login": ("GET", EVERYONE, None),
    "accounts:logout": ("POST", EVERYONE, None),
    "accounts:password_change": ("GET", SIGNED_IN, None),
    "accounts:password_change_done": ("GET", SIGNED_IN, None),
    "accounts:tokens": ("GET", SIGNED_IN, None),
    "accounts:token_revoke": ("POST", frozenset({"staff"}), "token"),
    # Back office: core.
    "core:home": ("GET", SIGNED_IN, None),
    "core:audit_list": ("GET", STAFF_SIDE, None),
    "core:audit_verify": ("POST", STAFF_SIDE, None),
    "core:calendar": ("GET", OFFICE_STAFF, None),
    "core:calendar_remove": ("POST", OFFICE_STAFF, None),
    "core:rules": ("GET", STAFF_SIDE, None),
    # Back office: people and organizations.
    "people:composition": ("GET", DIRECTORY, None),
    "people:person_list": ("GET", DIRECTORY, None),
    "people:person_export": ("GET", DIRECTORY, None),
    "people:person_detail": ("GET", DIRECTORY, "person"),
    "people:person_create": ("GET", OFFICE_STAFF, None),
    "people:person_edit": ("GET", OFFICE_STAFF, "person"),
    "people:deputy_list": ("GET", DIRECTORY, None),
    "people:deputy_export": ("GET", DIRECTORY, None),
    "people:deputy_detail": ("GET", DIRECTORY, "deputy"),
    "people:deputy_create": ("GET", OFFICE_STAFF, None),
    "people:deputy_status": ("POST", OFFICE_STAFF, "deputy"),
    "people:organization_list": ("GET", DIRECTORY, None),
    "people:organization_detail": ("GET", DIRECTORY, "organization"),
    "people:organization_create": ("GET", OFFICE_STAFF, None),
    "people:organization_edit": ("GET", OFFICE_STAFF, "organization"),
    "people:membership_create": ("GET", OFFICE_STAFF, "organization"),
    # Back office: meetings.
    "meetings:list": ("GET", MEETING_VIEWERS, None),
    "meetings:calendar": ("GET", MEETING_VIEWERS, None),
    "meetings:overview": ("GET", STAFF_SIDE, None),
    "meetings:create": ("GET", OFFICE_STAFF, None),
    "meetings:pool": ("GET", OFFICE_STAFF, None),
    "meetings:detail": ("GET", MEETING_VIEWERS, "meeting"),
    "meetings:edit": ("GET", OFFICE_STAFF, "meeting"),
    "meetings:quorum": ("GET", MEETING_VIEWERS, "meeting"),
    "meetings:open": ("POST", OFFICE_STAFF, "meeting"),
    "meetings:close": ("POST", OFFICE_STAFF, "meeting"),
    "meetings:agenda_pdf": ("GET", MEETING_VIEWERS, "meeting"),
    "meetings:attendance_xlsx": ("GET", STAFF_SIDE, "meeting"),
    "meetings:item_create": ("GET", OFFICE_STAFF, "meeting"),
    "meetings:document_create": ("GET", OFFICE_STAFF, "meeting"),
    "meetings:sign_in": ("POST", MEETING_VIEWERS, "meeting"),
    "meetings:mark_absent": ("POST", OFFICE_STAFF, "meeting"),
    "meetings:invite": ("POST", OFFICE_STAFF, "meeting"),
    "meetings:leave_create": ("GET", MEETING_VIEWERS, "meeting"),
    "meetings:item_edit": ("GET", OFFICE_STAFF, "item"),
    "meetings:item_move": ("POST", OFFICE_STAFF, "item"),
    "meetings:item_dispose": ("GET", OFFICE_STAFF, "item"),
    "meetings:leave_decide": ("POST", STAFF_SIDE, "leave"),
    # Public website: meetings.
    "portal:meetings": ("GET", EVERYONE, None),
    "portal:meeting_detail": ("GET", EVERYONE, "meeting"),
    "portal:gallery_register": ("POST", EVERYONE, "meeting"),
    "portal:poll_detail": ("GET", frozenset(), "sealed_poll"),
    # Chamber screens (voting).
    "voting_screens:big_screen": ("GET", SIGNED_IN, "chamber_meeting"),
    "voting_screens:terminal": ("GET", frozenset({"member", "leader", "deputy"}), "chamber_meeting"),
    "voting_screens:console": ("GET", STAFF_SIDE, "poll"),
    "voting_screens:action": ("POST", STAFF_SIDE, "poll"),
    # Back office: voting.
    "voting:meeting_polls": ("GET", STAFF_SIDE, "chamber_meeting"),
    "voting:poll_create": ("GET", OFFICE_STAFF, "item_id"),
    "voting:poll_detail": ("GET", STAFF_SIDE, "poll"),
    "voting:manual_count": ("POST", OFFICE_STAFF, "poll"),
}


def test_every_route_is_listed():
    routes = set(named_routes())
    missing = routes - set(ROUTES)
    stale = set(ROUTES) - routes
    assert not missing, f"routes without a permission expectation: {sorted(missing)}"
    assert not stale, f"expectations for routes that no longer exist: {sorted(stale)}"


@pytest.fixture
def objects(users, term):
    staff = users["staff"]
    person = services.person_create(actor=staff, name="王测试", gender="male")
    delegation = Organization.objects.create(code="del-x", name="测试代表团", kind="delegation")
    deputy = services.deputy_create(actor=staff, person=person, term=term, delegation=delegation,
                                    elected_on=dt.date(2022, 1, 10))
    from renda.accounts.services import api_token_issue

    token, _ = api_token_issue(actor=staff, label="walker")
    from renda.meetings import services as meeting_services

    meeting = meeting_services.meeting_schedule(actor=staff, kind="congress_session", term=term,
                                                starts_on=dt.date(2026, 1, 12), ends_on=dt.date(2026, 1, 16))
    item = meeting_services.agenda_item_add(actor=staff, meeting=meeting, kind="other", title="其他事项")
    leave = meeting_services.leave_request_create(actor=staff, meeting=meeting, person=person, reason="公务")
    from renda.voting.services import poll_create

    poll = poll_create(actor=staff, agenda_item=item, kind="decision")
    return {
        "chamber_meeting": {"meeting_id": meeting.pk},
        "poll": {"poll_id": poll.pk},
        # Not sealed: the public page does not exist yet for anyone.
        "sealed_poll": {"pk": poll.pk},
        "meeting": {"pk": meeting.pk},
        "item": {"pk": item.pk},
        "item_id": {"item_id": item.pk},
        "leave": {"pk": leave.pk},
        "body": {"code": "standing-committee"},
        "deputy": {"pk": deputy.pk},
        "person": {"pk": person.pk},
        "organization": {"pk": delegation.pk},
        "token": {"pk": token.pk},
    }


def _allowed(route, response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return False
    if response.status_code == 302:
        return "/accounts/login/" not in response["Location"]
    return response.status_code < 500


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_walk_every_route_as_role(client, users, objects, role):
    if role != ANON:
        client.force_login(users[role])
    problems = []
    for route, (method, allowed, kwargs_key) in sorted(ROUTES.items()):
        if route == "accounts:logout":
            continue  # would end the session for the routes after it; covered in accounts tests
        url = reverse(route, kwargs=objects[kwargs_key] if kwargs_key else None)
        response = client.get(url) if method == "GET" else client.post(url, {})
        assert response.status_code < 500, f"{route} as {role}: {response.status_code}"
        expected = role in allowed
        if _allowed(route, response) != expected:
            problems.append(f"{route} as {role}: got {response.status_code}, expected "
                            f"{'allowed' if expected else 'denied'}")
        if not expected and role == ANON and route.startswith(("core:", "people:", "meetings:", "voting:")):
            # Anonymous visitors are sent to log in, never shown a page.
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], route
    assert not problems, "\n".join(problems)
    if role == "staff":
        assert ApiToken.objects.filter(revoked_at__isnull=False).exists()


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_admin_site_only_for_administrators(client, users, role):
    if role != ANON:
        client.force_login(users[role])
    response = client.get("/admin/")
    if role == "admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_unknown_pages_give_the_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
