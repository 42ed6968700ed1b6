"""Every declared action, walked as every role through its pages and its API operations.

The map of what performs what is read from the code (:mod:`tests.actionmap`). The
walker proves that each page which takes POST and each API write performs declared
actions, that each action a person takes can be reached both ways, and that a role
which may take none of a page's or operation's actions is refused (403, or the login
page for an anonymous visitor; 401 from the API) with nothing written. That allowed
roles reach the target state with its audit event is proved per action in each
domain's ``tests/test_actions*.py``.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from renda.core.actions import REGISTRY, SYSTEM
from renda.core.models import AuditEvent
from tests.actionmap import accepts_post, actions_in, api_operations, page_views, reachable
from tests.test_api_permissions import ids  # noqa: F401  (fixture)
from tests.test_permissions import ROUTES, objects  # noqa: F401  (fixture)
from tests.walkers import ANON, ROLES

pytestmark = pytest.mark.django_db

#: Page namespaces and API modules whose writes are still hand-written services (issue 10
#: moves one domain at a time); each entry comes off when its domain declares its actions.
PAGES_NOT_YET: set[str] = set()
API_NOT_YET: set[str] = set()
#: API writes that are deliberately no audited action: casting a ballot is recorded only in
#: the poll's own hash-chained log, never in the audit chain (docs/architecture.md, voting.md).
#: Looking up a voter's letter by its tracking code is a POST only to keep the code out of
#: addresses and logs; it changes nothing.
NOT_ACTIONS = {"polls_cast", "deputies_message_track", "legislation_comment_track"}


#: Pages that take POST but change no domain state: the language cookie, verifying the audit
#: chain, and running stored effects again (each effect's handler performs its own actions).
#: Marking one's own notifications read is the reader's inbox, not a business action.
NOT_STATE_CHANGES = {
    "set_language",
    "core:audit_verify",
    "core:effects_retry",
    "casework:notifications_read",
    "portal:message_track",  # a tracking-code lookup, POSTed to keep the code out of logs
    "portal:legislation_track",  # the same for a comment on a draft
}
#: Declared actions that have their API operation but no page yet, each with the issue that
#: brings the page (the daily surfaces: editing a saved draft, attachments, merging and
#: splitting suggestions on the screening page).
NO_PAGE_YET: set[str] = set()
#: Declared actions a page performs whose input is a file, which the JSON API does not take yet.
NO_API_YET: set[str] = set()


def _api_domain(fn) -> str:
    parts = fn.__module__.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["renda", "api"] else "core"


def _post_pages():
    for name, view in page_views().items():
        if accepts_post(view) and name not in NOT_STATE_CHANGES:
            yield name, view


def _writes(with_method: bool = False):
    for op_id, (method, path, fn) in api_operations().items():
        if method != "GET":
            yield (op_id, method, path, fn) if with_method else (op_id, path, fn)


def test_every_page_that_takes_post_performs_declared_actions():
    missing = [
        name
        for name, view in _post_pages()
        if name.split(":")[0] not in PAGES_NOT_YET and not actions_in(view)
    ]
    assert missing == [], f"POST pages that perform no declared action: {missing}"


def test_every_api_write_performs_declared_actions():
    missing = [
        op_id
        for op_id, _path, fn in _writes()
        if _api_domain(fn) not in API_NOT_YET and op_id not in NOT_ACTIONS and not actions_in(fn)
    ]
    assert missing == [], f"API writes that perform no declared action: {missing}"


def test_every_declared_action_can_be_taken_from_a_page_and_through_the_api():
    by_page = reachable(set().union(*(actions_in(v) for _n, v in _post_pages())))
    by_api = reachable(set().union(*(actions_in(fn) for _o, _p, fn in _writes())))
    people_actions = [a for a in REGISTRY.values() if a.permission != SYSTEM]
    assert people_actions, "nothing is declared"
    no_page = sorted(
        a.name for a in people_actions if a not in by_page and a.name not in NO_PAGE_YET
    )
    no_api = sorted(a.name for a in people_actions if a not in by_api and a.name not in NO_API_YET)
    assert not (NO_PAGE_YET & {a.name for a in by_page}), "take these off NO_PAGE_YET"
    assert not (NO_API_YET & {a.name for a in by_api}), "take these off NO_API_YET"
    assert no_page == [], f"declared actions no page performs: {no_page}"
    assert no_api == [], f"declared actions no API operation performs: {no_api}"


def test_system_actions_are_reachable_from_no_page_and_no_operation():
    system = {a for a in REGISTRY.values() if a.permission == SYSTEM}
    faces = set().union(*(actions_in(v) for _n, v in _post_pages())) | set().union(
        *(actions_in(fn) for _o, _p, fn in _writes())
    )
    assert not (system & faces), sorted(a.name for a in system & faces)


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_the_api_refuses_each_action_to_a_role_that_may_not_take_it(client, users, ids, role):  # noqa: F811
    user = users.get(role)
    if role != ANON:
        client.force_login(user)
    client.handler.enforce_csrf_checks = False
    checked, problems = 0, []
    for op_id, method, path, fn in _writes(with_method=True):
        acts = actions_in(fn)
        if not acts or any(a.permits(user or AnonymousUser()) for a in acts):
            continue
        before = AuditEvent.objects.count()
        response = client.generic(
            method, "/api/v1" + path.format(**ids), data="{}", content_type="application/json"
        )
        checked += 1
        expected = 401 if role == ANON else 403
        if response.status_code != expected:
            problems.append(f"{op_id} as {role}: {response.status_code}, expected {expected}")
        if AuditEvent.objects.count() != before:
            problems.append(f"{op_id} as {role}: wrote an audit event while refusing")
    assert checked or role == "admin", "no operation was walked"  # admin may take them all
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_pages_refuse_each_action_to_a_role_that_may_not_take_it(client, users, objects, role):  # noqa: F811
    user = users.get(role)
    if role != ANON:
        client.force_login(user)
    checked, problems = 0, []
    for name, view in _post_pages():
        acts = actions_in(view)
        if not acts or any(a.permits(user or AnonymousUser()) for a in acts):
            continue
        key = ROUTES[name][2]
        url = reverse(name, kwargs=objects[key] if key else None)
        before = AuditEvent.objects.count()
        response = client.post(url, {})
        checked += 1
        if role == ANON:
            ok = response.status_code == 302 and "/login" in response["Location"]
        else:
            ok = response.status_code in (403, 404)
        if not ok:
            problems.append(f"{name} as {role}: {response.status_code}")
        if AuditEvent.objects.count() != before:
            problems.append(f"{name} as {role}: wrote an audit event while refusing")
    assert checked or role == "admin", "no page was walked"
    assert problems == [], "\n".join(problems)
