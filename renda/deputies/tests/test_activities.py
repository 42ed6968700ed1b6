"""Duty activities: a deputy adds their own, the office reviews; only accepted ones count."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.errors import DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.deputies import services
from renda.deputies.duty_record import duty_record
from renda.deputies.models import DutyActivity
from renda.filings.tests.conftest import docx_upload

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 5)


def test_a_deputys_entry_counts_once_the_office_accepts_it(users, staff, deputies):
    me = deputies[0]  # the deputy user's own mandate
    activity = services.activity_add(
        actor=users["deputy"], deputy=me, kind="visit", held_on=DAY, title="走访湖滨社区",
        evidence=docx_upload("走访记录", name="走访记录.docx"),
    )  # fmt: skip
    assert activity.status == "submitted" and activity.evidence_name == "走访记录.docx"
    assert duty_record(me, 2026).figures()["activities"] == 0
    with pytest.raises(PermissionDenied):
        services.activity_accept(actor=users["deputy"], activity=activity)
    services.activity_accept(actor=staff, activity=activity, note="材料齐全")
    assert duty_record(me, 2026).figures()["activities"] == 1
    assert duty_record(me, 2025).figures()["activities"] == 0
    assert AuditEvent.objects.filter(action="deputies.activity.accept").count() == 1


def test_the_office_entry_counts_at_once_and_a_refusal_needs_a_reason(users, staff, deputies):
    d = deputies[2]
    done = services.activity_add(actor=staff, deputy=d, kind="group", held_on=DAY, title="小组活动")
    assert done.status == "accepted" and done.reviewed_by == staff
    mine = services.activity_add(
        actor=users["deputy"], deputy=deputies[0], kind="other", held_on=DAY, title="参加座谈"
    )
    with pytest.raises(DomainError) as exc:
        services.activity_reject(actor=staff, activity=mine, note="")
    assert exc.value.code == "field_required"
    services.activity_reject(actor=staff, activity=mine, note="不属于履职活动")
    assert DutyActivity.objects.get(pk=mine.pk).status == "rejected"


def test_refusals(users, deputies):
    deputy = users["deputy"]
    with pytest.raises(PermissionDenied):  # another deputy's record
        services.activity_add(
            actor=deputy, deputy=deputies[1], kind="visit", held_on=DAY, title="x"
        )
    for held_on, code in (
        (dt.date(2099, 1, 1), "future_date"),
        (dt.date(2020, 1, 1), "outside_term"),
    ):
        with pytest.raises(DomainError) as exc:
            services.activity_add(
                actor=deputy, deputy=deputies[0], kind="visit", held_on=held_on, title="x"
            )
        assert exc.value.code == code
    with pytest.raises(DomainError) as exc:
        services.activity_add(
            actor=deputy, deputy=deputies[0], kind="visit", held_on=DAY, title="x",
            evidence=docx_upload("x", name="evil.exe"),
        )  # fmt: skip
    assert exc.value.code == "upload_type"
    assert not DutyActivity.objects.exists()
    for role in ("leader", "member", "unit_officer"):
        with pytest.raises(PermissionDenied):
            services.activity_add(
                actor=users[role], deputy=deputies[0], kind="visit", held_on=DAY, title="x"
            )
