"""Route and API walker expectations for core: external approvals (S2), the calendar, rule settings."""

from __future__ import annotations

import datetime as dt

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

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
    "calendar_days_list": EVERYONE,
    "core_calendar_day_set": OFFICE_STAFF,
    "core_calendar_day_remove": OFFICE_STAFF,
    "rule_settings_list": EVERYONE,
    "core_rule_setting_set": frozenset({"admin"}),
    "core_rule_setting_clear": frozenset({"admin"}),
}
#: approval request, answer; calendar day set, remove; rule setting set, clear
REQUEST_BODIES = 6
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
