"""Tokens and password changes as declared actions: refused without the permission or for
another's token or account with nothing changed; a success writes one audit event."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PASSWORD
from renda.accounts import services
from renda.accounts.models import ApiToken, User
from renda.core.actions import REGISTRY, SystemActor
from renda.core.errors import DomainError, PermissionDenied
from renda.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _codes() -> list[str]:
    """The audit codes of accounts (the fixtures audit their own set-up)."""
    return list(
        AuditEvent.objects.filter(action__startswith="accounts.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_account_actions_are_declared():
    for name in ("accounts.token.issue", "accounts.token.revoke", "accounts.user.password_change"):
        assert REGISTRY[name].label, name


def test_issue_and_revoke_write_one_event_each(users):
    staff = users["staff"]
    token, secret = services.api_token_issue(actor=staff, label="对接OA系统")
    assert secret.startswith("rd_") and token.user == staff
    assert _codes() == ["accounts.token.issued"]
    event = AuditEvent.objects.get(action="accounts.token.issued")
    assert event.object_id == str(token.pk) and secret not in str(event.changes)
    services.api_token_revoke(actor=staff, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _codes() == ["accounts.token.issued", "accounts.token.revoked"]


def test_refusals_change_nothing(users):
    token, _secret = services.api_token_issue(actor=users["staff"], label="x")
    before = _codes()
    with pytest.raises(DomainError) as exc:
        services.api_token_revoke(actor=users["deputy"], token=token)
    assert exc.value.code == "token_not_yours"
    assert not services.api_token_revoke.allows(users["deputy"], token)
    assert services.api_token_revoke.allows(users["staff"], token)
    with pytest.raises(PermissionDenied):
        services.api_token_issue(actor=SystemActor(None, "x"), label="x")
    with pytest.raises(DomainError) as exc:
        services.api_token_issue(actor=users["staff"], label="  ")
    assert exc.value.code == "token_label_required"
    token.refresh_from_db()
    assert token.revoked_at is None and _codes() == before
    assert ApiToken.objects.count() == 1


def test_password_change_is_one_event_and_only_ones_own(client, users):
    deputy = users["deputy"]
    with pytest.raises(PermissionDenied):
        services.password_change(
            actor=users["staff"],
            user=deputy,
            old_password=PASSWORD,
            new_password="Other-2026-pass!",
        )
    assert _codes() == []
    client.force_login(deputy)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Qinghe-New-2026!",
            "new_password2": "Qinghe-New-2026!",
        },
    )
    assert response.status_code == 302 and response.url == reverse("accounts:password_change_done")
    assert User.objects.get(pk=deputy.pk).check_password("Qinghe-New-2026!")
    assert _codes() == ["accounts.user.password_change"]
    event = AuditEvent.objects.get(action="accounts.user.password_change")
    assert "Qinghe" not in str(event.changes) and event.object_id == str(deputy.pk)
    # The session stays signed in with the new password.
    assert client.get(reverse("accounts:password_change")).status_code == 200


def test_wrong_old_password_changes_nothing(client, users):
    client.force_login(users["deputy"])
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "Qinghe-2026!x",
            "new_password2": "Qinghe-2026!x",
        },
    )
    assert response.status_code == 200
    assert User.objects.get(pk=users["deputy"].pk).check_password(PASSWORD)
    assert _codes() == []


def test_password_change_checks_the_old_password_and_the_validators(users):
    deputy = users["deputy"]
    with pytest.raises(DomainError) as exc:
        services.password_change(
            actor=deputy, user=deputy, old_password="wrong", new_password="Qinghe-2026!x"
        )
    assert exc.value.code == "password_incorrect"
    with pytest.raises(DomainError) as exc:
        services.password_change(actor=deputy, user=deputy, old_password=PASSWORD, new_password="1")
    assert exc.value.code == "password_invalid"
    assert User.objects.get(pk=deputy.pk).check_password(PASSWORD) and _codes() == []
