"""Histories show what happened in words and who did it by name, never codes or login names."""

from __future__ import annotations

import pytest
from django.db import transaction

from renda.core.audit import audit_record
from renda.core.history import action_label, present, register_labels
from renda.core.models import AuditEvent, RuleSetting

pytestmark = pytest.mark.django_db


def test_declared_registered_and_unknown_codes_read_as_words(users):
    import renda.voting.services  # noqa: F401  (declares the voting actions)

    assert str(action_label("voting.poll.opened")) == "开始表决"
    register_labels({"test.thing.done": "办好了"})
    assert action_label("test.thing.done") == "办好了"
    assert str(action_label("no.such.code")) == "记录"


def test_present_names_the_person_not_the_login(users):
    staff = users["unit_officer"]  # an account with a person and no display name
    obj, _created = RuleSetting.objects.get_or_create(key="x", defaults={"value": "1"})
    with transaction.atomic():
        audit_record(actor=staff, action="voting.poll.opened", obj=obj)
        audit_record(actor=None, action="no.such.code", obj=obj)
    events = present(AuditEvent.objects.order_by("-seq")[:2])
    system, by_staff = events
    assert str(system.actor_name) == "系统" and str(system.label) == "记录"
    assert by_staff.actor_name == staff.person.name != staff.username
    assert str(by_staff.label) == "开始表决"


def test_admin_changes_read_as_words():
    assert str(action_label("admin.accounts.user.change")) == "管理后台修改：用户"
    assert str(action_label("admin.nosuch.model.change")) == "记录"
