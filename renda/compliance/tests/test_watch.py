"""The daily watch records each rule's status and, when it changes, audits the change and
tells the office staff and the leaders once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.budget import services as budget
from renda.casework.models import Notification
from renda.compliance.models import RuleState
from renda.compliance.watch import watch
from renda.core.models import AuditEvent

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 6, 1, 6, 30))


def test_a_change_is_recorded_audited_and_notified_once(users, term):
    assert watch(NOW) == 0  # the first run only records
    assert RuleState.objects.get(code="§4.7", year=2026).status == "at_risk"
    assert not Notification.objects.filter(kind="compliance").exists()
    budget.publication_record(actor=users["staff"], year=2026, kind="budget", approved_on=dt.date(2026, 1, 20))  # fmt: skip
    assert watch(NOW) == 2  # not published by its day: §4.7 broken, and with it S7
    assert RuleState.objects.get(code="§4.7", year=2026).status == "broken"
    event = AuditEvent.objects.get(action="compliance.rule_state.change", changes__code="§4.7")
    assert (event.changes["before"], event.changes["after"]) == ("at_risk", "broken")
    told = Notification.objects.filter(kind="compliance", link__contains="%C2%A74.7")
    told_ids = {n.user_id for n in told}
    assert {users["staff"].pk, users["admin"].pk, users["leader"].pk} <= told_ids
    assert not told_ids & {users["member"].pk, users["deputy"].pk, users["unit_officer"].pk}
    note = told.first()
    assert "预决算公开" in note.title and "由“有风险”变为“未落实”" in note.text
    count = Notification.objects.filter(kind="compliance").count()
    assert count == 2 * len(told_ids)  # §4.7 and S7
    assert (
        watch(NOW) == 0 and Notification.objects.filter(kind="compliance").count() == count
    )  # nothing twice
