"""Shared fixtures: a small jurisdiction and one user per role."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run inside one unless told that this is a test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROLES = ("admin", "staff", "leader", "member", "deputy", "unit_officer")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache and the default language: cached figures and counts
    are keyed by the data, and two tests may write the same data (ids reused after a rollback,
    a frozen clock)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A request in English (the language cookie) leaves English active in the thread; labels
    # computed outside a request in the next test must be in the default language again.
    translation.activate(settings.LANGUAGE_CODE)
    yield


@pytest.fixture(autouse=True)
def _own_audit_anchors(settings, tmp_path_factory, request):
    """Each test anchors the audit chain into its own files: the database is rolled back after
    every test, so anchors left by an earlier test would name events that no longer exist."""
    name = hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:16]
    folder = tmp_path_factory.getbasetemp() / "anchors" / name
    settings.AUDIT_ANCHOR_KEY_FILE = str(folder / "anchor-key.pem")
    settings.AUDIT_ANCHOR_FILE = str(folder / "anchors.jsonl")


PASSWORD = "Renda-test-2026!"


@pytest.fixture
def jurisdiction(db):
    from renda.accounts.models import Role, User
    from renda.people.services import jurisdiction_setup

    root = User.objects.create_superuser("setup-root", password=PASSWORD, role=Role.ADMIN)
    j = jurisdiction_setup(actor=root, name="清河市", level="city", population=3_200_000)
    return j


@pytest.fixture
def term(jurisdiction):
    from renda.people.models import Organization, Term

    congress = Organization.objects.get(code="congress")
    return Term.objects.create(
        congress=congress, number=17, start_date=dt.date(2022, 1, 10), end_date=dt.date(2027, 1, 9)
    )


@pytest.fixture
def unit(jurisdiction):
    from renda.people.models import Organization

    gov = Organization.objects.get(code="government")
    return Organization.objects.create(
        code="edu-bureau",
        name="清河市教育局",
        kind=Organization.Kind.GOVERNMENT_DEPARTMENT,
        parent=gov,
    )


@pytest.fixture
def users(jurisdiction, unit):
    """One user per role, each with the password ``PASSWORD``."""
    from renda.accounts.models import Role, User
    from renda.people.models import Organization, Person

    office = Organization.objects.get(code="office")
    result = {}
    for role in ROLES:
        person = None
        if role in ("member", "deputy", "leader", "unit_officer"):
            person = Person.objects.create(name=f"测试{role}", gender="female")
        scope = office if role == "staff" else unit if role == "unit_officer" else None
        result[role] = User.objects.create_user(
            f"t-{role}",
            password=PASSWORD,
            role=getattr(Role, role.upper()),
            person=person,
            scope=scope,
            is_staff=(role == "admin"),
            is_superuser=(role == "admin"),
        )
    return result


@pytest.fixture
def staff(users):
    return users["staff"]


@pytest.fixture
def client_for(client, users):
    """Return a function that logs the test client in as a role."""

    def login(role: str | None):
        client.logout()
        if role is not None:
            client.force_login(users[role])
        return client

    return login
