"""Route and API walker expectations for the external-approval step in core (S2)."""

from __future__ import annotations

import datetime as dt

from tests.walkers import OFFICE_STAFF, STAFF_SIDE

ROUTES: dict = {
    "core:approvals": ("GET", STAFF_SIDE, None),
    # The empty form is refused with a message; only the office records requests and answers.
    "core:approval_request": ("POST", OFFICE_STAFF, None),
    "core:approval_answer": ("POST", OFFICE_STAFF, "approval"),
}

OPERATIONS: dict = {
    "approvals_list": STAFF_SIDE,
    "core_approval_request": OFFICE_STAFF,
    "core_approval_answer": OFFICE_STAFF,
}
#: request, answer
REQUEST_BODIES = 2
PRIVATE_READS: tuple[str, ...] = ("/api/v1/approvals",)


def _approval(users):
    from renda.core.models import Approval

    return Approval.objects.create(
        subject_type="people.person",
        subject_id=str(users["deputy"].person_id),
        kind="party_consent",
        purpose="测试事项",
        sent_on=dt.date(2026, 1, 5),
    )


def objects(users, term) -> dict:
    return {"approval": {"pk": _approval(users).pk}}


def ids(users, term) -> dict:
    return {"approval_id": _approval(users).pk}
