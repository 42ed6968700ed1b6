"""Route and API walker expectations for the structure pages of people (see tests/walkers/__init__.py).

Posts, terms and ending a membership are the office's (``people.manage``); their API
operations (``posts_create``, ``terms_create``, ``memberships_end``) are listed with the
other people operations in :mod:`tests.test_api_permissions`.
"""

from __future__ import annotations

import datetime as dt

from tests.walkers import OFFICE_STAFF

#: Accounts are the administrator's alone.
ADMIN = frozenset({"admin"})

ROUTES: dict = {
    "people:post_create": ("GET", OFFICE_STAFF, "organization"),
    "people:term_create": ("GET", OFFICE_STAFF, "organization"),
    "people:membership_end": ("GET", OFFICE_STAFF, "membership"),
}
OPERATIONS: dict = {
    f"accounts_user_{verb}": ADMIN
    for verb in ("create", "update", "deactivate", "reactivate", "password_reset")
}
#: the administrator's five account operations
REQUEST_BODIES = 5
PRIVATE_READS: tuple[str, ...] = ()


def objects(users, term) -> dict:
    from renda.people import services
    from renda.people.models import Organization

    staff = users["staff"]
    person = services.person_create(actor=staff, name="任测试", gender="female")
    org = Organization.objects.create(code="walker-org", name="测试机构", kind="special_committee")
    membership = services.membership_create(
        actor=staff, person=person, organization=org, start_date=dt.date(2023, 1, 1)
    )
    return {"membership": {"pk": membership.pk}}


def ids(users, term) -> dict:
    return {}
