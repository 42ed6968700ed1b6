"""A setting changed on the rules page applies to the next case of every kind that follows
it; a case already assigned keeps the deadline it was given."""

from __future__ import annotations

import pytest

from renda.budget.services.inquiries import inquiry_kind
from renda.casework import services as cw
from renda.casework.kinds import ensure_kind
from renda.core.services import rule_setting_set

from .conftest import at

pytestmark = pytest.mark.django_db


def lead_contact_due(case):
    return case.assignments.get(role="lead").contact_due_on


def test_a_changed_setting_applies_to_the_next_case_not_the_running_one(users, unit, assigned):
    staff, admin = users["staff"], users["admin"]
    kept = lead_contact_due(assigned)  # the first contact within the default working days
    assert assigned.kind.follows["contact_workdays"] == "casework.contact_workdays"
    rule_setting_set(actor=admin, key="casework.contact_workdays", value="10", note="本地条例")
    kind = ensure_kind(code="test-kind", name="测试事项")  # what a new case of the kind calls
    assert kind.contact_workdays == 10
    new = cw.case_create(actor=staff, kind=kind, title="新建议", summary="s", requesters=[users["deputy"].person], source_type="tests.thing", source_id=8)  # fmt: skip
    new = cw.case_assign(actor=staff, case=new, lead=unit, now=at(2026, 3, 2))
    assert lead_contact_due(new) < kept  # assigned the same day, ten working days to contact
    assigned.refresh_from_db()
    assert lead_contact_due(assigned) == kept  # the running case keeps its deadline
    fixed = ensure_kind(code="fixed-kind", name="固定期限", contact_workdays=5)
    assert "contact_workdays" not in fixed.follows  # a kind's own value is not a setting's
    rule_setting_set(actor=admin, key="casework.contact_workdays", value="12")
    assert ensure_kind(code="fixed-kind", name="固定期限", contact_workdays=5).contact_workdays == 5
    assert ensure_kind(code="test-kind", name="测试事项").contact_workdays == 12


def test_a_domain_setting_reaches_its_kind(users):
    assert inquiry_kind().reply_amount == 15
    rule_setting_set(actor=users["admin"], key="budget.inquiry_reply_days", value="10")
    assert inquiry_kind().reply_amount == 10
