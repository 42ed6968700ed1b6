"""Accounts made or changed from the command line are in the audit chain too."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from renda.accounts.models import User
from renda.core.audit import verify_chain
from renda.core.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD = "Qinghe-renda-chief-2026"


def test_createsuperuser_is_audited(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", GOOD)
    call_command(
        "createsuperuser",
        username="chief-admin",
        email="chief@example.org",
        interactive=False,
        stdout=StringIO(),
    )
    user = User.objects.get(username="chief-admin")
    event = AuditEvent.objects.get(action="accounts.user.superuser_created")
    assert event.object_id == str(user.pk) and event.actor_id is None
    assert event.changes == {"via": "manage.py createsuperuser", "is_superuser": True}
    assert verify_chain().ok


def test_changepassword_is_audited_without_the_secret(users, monkeypatch):
    from django.contrib.auth.management.commands import changepassword

    member = users["member"]
    monkeypatch.setattr(changepassword.getpass, "getpass", lambda prompt="": GOOD)
    call_command("changepassword", member.username, stdout=StringIO())
    member.refresh_from_db()
    assert member.check_password(GOOD)
    event = AuditEvent.objects.get(action="accounts.user.password_changed")
    assert event.object_id == str(member.pk)
    assert GOOD not in str(event.changes) and event.changes == {"via": "manage.py changepassword"}
