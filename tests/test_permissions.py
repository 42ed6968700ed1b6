"""Walk every route as every role and as an anonymous visitor.

Each named route must appear in ROUTES with the roles allowed to use it; a new
route that is not listed here fails the build, so nobody adds a page without
deciding who may open it.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from renda.accounts.models import ApiToken
from renda.filings.tests.conftest import docx_upload
from renda.people import services
from renda.people.models import Organization
from tests import walkers
from tests.routes import named_routes

ANON = "anon"
ROLES = ("admin", "staff", "leader", "member", "deputy", "unit_officer")
EVERYONE = frozenset((ANON, *ROLES))
SIGNED_IN = frozenset(ROLES)
OFFICE_STAFF = frozenset({"admin", "staff"})
ADMIN_ONLY = frozenset({"admin"})
STAFF_SIDE = frozenset({"admin", "staff", "leader"})
DIRECTORY = frozenset({"admin", "staff", "leader", "member"})
MEETING_VIEWERS = frozenset({"admin", "staff", "leader", "member", "deputy"})
CASE_PARTIES = frozenset({"admin", "staff", "leader", "deputy", "unit_officer"})

# route: (method, allowed roles, kwargs key)
ROUTES: dict[str, tuple[str, frozenset, str | None]] = {
    # Public website.
    "portal:home": ("GET", EVERYONE, None),
    "portal:search": ("GET", EVERYONE, None),
    "portal:about": ("GET", EVERYONE, None),
    "portal:body_detail": ("GET", EVERYONE, "body"),
    "portal:deputies": ("GET", EVERYONE, None),
    "portal:deputy_detail": ("GET", EVERYONE, "deputy"),
    "portal:open_data": ("GET", EVERYONE, None),
    "set_language": ("POST", EVERYONE, None),
    # Accounts.
    "accounts:login": ("GET", EVERYONE, None),
    "accounts:login_challenge": ("GET", EVERYONE, None),
    "accounts:logout": ("POST", EVERYONE, None),
    "accounts:password_change": ("GET", SIGNED_IN, None),
    "accounts:password_change_done": ("GET", SIGNED_IN, None),
    "accounts:tokens": ("GET", SIGNED_IN, None),
    "accounts:token_revoke": ("POST", frozenset({"staff"}), "token"),
    # Back office: core.
    "core:home": ("GET", SIGNED_IN, None),
    "core:audit_list": ("GET", STAFF_SIDE, None),
    "core:audit_verify": ("POST", STAFF_SIDE, None),
    "core:effects_retry": ("POST", STAFF_SIDE, None),
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
    "meetings:sign_in_bulk": ("POST", OFFICE_STAFF, "meeting"),
    "meetings:door": ("GET", OFFICE_STAFF, "meeting"),
    "meetings:door_scan": ("POST", OFFICE_STAFF, "meeting"),
    "meetings:door_cards": ("GET", OFFICE_STAFF, "meeting"),
    "users:list": ("GET", ADMIN_ONLY, None),
    "users:create": ("GET", ADMIN_ONLY, None),
    "users:detail": ("GET", ADMIN_ONLY, "user"),
    "users:status": ("POST", ADMIN_ONLY, "user"),
    "users:password": ("POST", ADMIN_ONLY, "user"),
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
    # Public website: suggestions. The walker's suggestion is only submitted, so its page does not exist.
    "portal:suggestions": ("GET", EVERYONE, None),
    "portal:suggestion_detail": ("GET", frozenset(), "suggestion"),
    # Chamber screens (voting).
    "voting_screens:big_screen": ("GET", SIGNED_IN, "chamber_meeting"),
    "voting_screens:terminal": (
        "GET",
        frozenset({"member", "leader", "deputy"}),
        "chamber_meeting",
    ),
    "voting_screens:console": ("GET", STAFF_SIDE, "poll"),
    "voting_screens:action": ("POST", STAFF_SIDE, "poll"),
    # Back office: voting.
    "voting:meeting_polls": ("GET", STAFF_SIDE, "chamber_meeting"),
    "voting:poll_create": ("GET", OFFICE_STAFF, "item_id"),
    "voting:poll_detail": ("GET", STAFF_SIDE, "poll"),
    "voting:manual_count": ("POST", OFFICE_STAFF, "poll"),
    # Back office: the casework engine. The case is assigned to the unit officer's unit,
    # asked by the deputy and key-supervised by the leader; the member has no part in it.
    "casework:list": ("GET", SIGNED_IN, None),
    "casework:queue": ("GET", frozenset({"admin", "unit_officer"}), None),
    "casework:overdue": ("GET", OFFICE_STAFF, None),
    "casework:key": ("GET", STAFF_SIDE, None),
    "casework:notifications": ("GET", SIGNED_IN, None),
    "casework:notifications_read": ("POST", SIGNED_IN, None),
    "casework:unread": ("GET", SIGNED_IN, None),
    "casework:detail": ("GET", CASE_PARTIES, "case"),
    "casework:action": ("POST", CASE_PARTIES, "case_action"),
    "casework:request_decide": ("POST", OFFICE_STAFF, "case_request"),
    # Back office: suggestions.
    "suggestions:list": (
        "GET",
        frozenset({"admin", "staff", "leader", "deputy", "unit_officer"}),
        None,
    ),
    "suggestions:create": ("GET", frozenset({"admin", "deputy"}), None),
    "suggestions:detail": ("GET", frozenset({"admin", "staff", "leader", "deputy"}), "suggestion"),
    "suggestions:submit": ("POST", frozenset({"admin", "deputy"}), "suggestion"),
    "suggestions:cosigner_invite": ("POST", frozenset({"admin", "deputy"}), "suggestion"),
    "suggestions:cosigner_remove": ("POST", frozenset({"admin", "deputy"}), "suggestion"),
    "suggestions:cosigner_confirm": ("POST", frozenset({"admin", "deputy"}), "suggestion"),
    "suggestions:withdraw": ("POST", frozenset({"admin", "deputy"}), "suggestion"),
    "suggestions:screen": ("POST", OFFICE_STAFF, "suggestion"),
    "suggestions:assign": ("POST", OFFICE_STAFF, "suggestion"),
    "suggestions:statistics": ("GET", STAFF_SIDE, None),
    "suggestions:handling_report": ("GET", STAFF_SIDE, None),
    "suggestions:export": ("GET", OFFICE_STAFF, None),
    "suggestions:import": ("GET", OFFICE_STAFF, None),
    # Replied by the unit officer's unit to the deputy: the parties and the staff side.
    "suggestions:reply_letter": ("GET", CASE_PARTIES, "suggestion_reply"),
    "suggestions:reply_letters": ("GET", CASE_PARTIES, "suggestion_reply"),
    # A stored file follows its owner (renda.core.files): the reply letter, the case's parties.
    "files_download": ("GET", CASE_PARTIES, "reply_file"),
    # Later domains list theirs in tests/walkers/<domain>.py.
    **walkers.routes(),
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
    deputy = services.deputy_create(
        actor=staff,
        person=person,
        term=term,
        delegation=delegation,
        elected_on=dt.date(2022, 1, 10),
    )
    from renda.accounts.services import api_token_issue

    token, _ = api_token_issue(actor=staff, label="walker")
    from renda.meetings import services as meeting_services

    meeting = meeting_services.meeting_schedule(
        actor=staff,
        kind="congress_session",
        term=term,
        starts_on=dt.date(2026, 1, 12),
        ends_on=dt.date(2026, 1, 16),
    )
    item = meeting_services.agenda_item_add(
        actor=staff, meeting=meeting, kind="other", title="其他事项"
    )
    leave = meeting_services.leave_request_create(
        actor=staff, meeting=meeting, person=person, reason="公务"
    )
    from renda.voting.services import poll_create

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
    case_request = cw.return_request(actor=users["unit_officer"], case=case, reason="walker")
    from renda.people.models import Deputy
    from renda.suggestions import services as suggestion_services

    Deputy.objects.create(person=users["deputy"].person, term=term)
    suggestion = suggestion_services.suggestion_create(
        actor=users["deputy"], title="关于优化公交线路的建议", content="建议增加公交班次。"
    )
    suggestion_services.suggestion_submit(actor=users["deputy"], suggestion=suggestion)
    replied = suggestion_services.suggestion_create(
        actor=users["deputy"], title="关于增设学校的建议", content="建议增设学校。"
    )
    suggestion_services.suggestion_submit(actor=users["deputy"], suggestion=replied)
    suggestion_services.suggestion_accept(actor=staff, suggestion=replied)
    from renda.suggestions.assignment import UnitProposal, suggestion_assign

    replied = suggestion_assign(
        actor=staff,
        suggestion=replied,
        lead=users["unit_officer"].scope,
        proposal=UnitProposal([], []),
    )
    officer = users["unit_officer"]
    cw.assignment_receive(actor=officer, case=replied.case)
    cw.contact_log(
        actor=officer, case=replied.case, contacted_on=dt.date.today(), method="phone", note="电话"
    )
    reply = cw.reply_submit(
        actor=officer,
        case=replied.case,
        text="已经解决。",
        result_class="A",
        signed_by_name="张局长",
        attachment=docx_upload("答复函：已经解决。", name="答复函.docx"),
    )
    return {
        **walkers.objects(users, term),
        "suggestion_reply": {"pk": replied.pk, "reply_id": reply.pk},
        "reply_file": {"label": "casework.reply", "pk": reply.pk, "field": "attachment"},
        "case": {"pk": case.pk},
        "case_action": {"pk": case.pk, "action": "receive"},
        "case_request": {"pk": case_request.pk, "which": "return"},
        "suggestion": {"pk": suggestion.pk},
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
        "user": {"pk": _spare_account().pk},
    }


def _spare_account():
    """An account the walker may deactivate (none of the role users)."""
    from renda.accounts.models import User

    return User.objects.create_user("t-spare", password="x", display_name="备用账户")


#: The administrator's account pages show login names on purpose (to hand them over).
SHOWS_LOGINS = ("users:",)


def _allowed(route, response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return False
    if response.status_code == 302:
        return "/accounts/login/" not in response["Location"]
    return response.status_code < 500


#: A dotted code (an action, audit or permission name such as voting.poll.sealed).
DOTTED = re.compile(r"(?<![\w./@-])[a-z_]+\.[a-z_]+\.[a-z_]+(?![\w./@-])")
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S)
TAG = re.compile(r"<[^>]+>")


def visible_text(page: str) -> str:
    """What a reader sees: the page without scripts, styles, comments, tags or attributes."""
    return html.unescape(TAG.sub(" ", HIDDEN.sub(" ", page)))


def internal_codes(page: str, logins: set[str]) -> list[str]:
    """Dotted codes and login names in the visible text (people's names belong there)."""
    if not page:
        return []
    text = visible_text(page)
    found = DOTTED.findall(text)
    words = set(re.findall(r"[A-Za-z_][\w.-]*", text))
    return found + sorted(words & logins)


def test_the_visible_text_check_finds_codes_and_logins_but_not_markup():
    page = (
        '<p data-x="voting.poll.sealed">voting.poll.created · staff</p>'
        '<script>const a = "casework.case.replied";</script><a href="/x.y.z/">张三</a>'
    )
    assert internal_codes(page, {"staff", "unit"}) == ["voting.poll.created", "staff"]
    assert internal_codes("<p>张三 · 已封存 · v1.2</p>", {"staff"}) == []


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_walk_every_route_as_role(client, users, objects, role):
    if role != ANON:
        client.force_login(users[role])
    logins = {u.username for u in users.values()}
    problems = []
    for route, (method, allowed, kwargs_key) in sorted(ROUTES.items()):
        if route == "accounts:logout":
            continue  # would end the session for the routes after it; covered in accounts tests
        url = reverse(route, kwargs=objects[kwargs_key] if kwargs_key else None)
        response = client.get(url) if method == "GET" else client.post(url, {})
        assert response.status_code < 500, f"{route} as {role}: {response.status_code}"
        page = (
            response.content.decode()
            if method == "GET"
            and response.status_code == 200
            and "html" in response.get("Content-Type", "")
            else ""
        )
        if "---------" in page:  # empty choices read as words (请选择), never Django's dashes
            problems.append(f"{route} as {role}: '---------' on the page")
        for code in internal_codes(page, set() if route.startswith(SHOWS_LOGINS) else logins):
            problems.append(f"{route} as {role}: internal code {code!r} shown on the page")
        expected = role in allowed
        if _allowed(route, response) != expected:
            problems.append(
                f"{route} as {role}: got {response.status_code}, expected "
                f"{'allowed' if expected else 'denied'}"
            )
        if (
            not expected
            and role == ANON
            and route.startswith(
                (
                    "core:",
                    "people:",
                    "meetings:",
                    "voting:",
                    "supervision:",
                    "filings:",
                    "decisions:",
                    "deputies:",
                )
            )
        ):
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
