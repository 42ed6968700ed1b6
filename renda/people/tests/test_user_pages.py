"""The administrator manages accounts in the office: create with the password policy, give a
role, person and body, deactivate and reactivate, reset a password; each audited without a
secret, and deactivating or resetting ends the account's sessions (and API tokens) at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from renda.accounts import management_services as ms
from renda.accounts.models import ApiToken, User
from renda.accounts.services import api_token_issue
from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.people.models import Organization, Person

pytestmark = pytest.mark.django_db
GOOD = "Qinghe-new-passphrase-2026"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("core:home")).status_code == 200
    return client


def test_an_account_is_created_on_the_page_with_the_policy_stated_and_input_kept(client_for):
    client = client_for("admin")
    page = client.get(reverse("users:create")).content.decode()
    assert "至少 12 个字符" in page  # the policy is stated before submitting
    person = Person.objects.create(name="周新", gender="male")
    unit = Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS).first()
    form = {
        "username": "zhouxin",
        "display_name": "",
        "role": "unit_officer",
        "person": person.pk,
        "scope": "",
        "password": "123",
    }
    before = (User.objects.count(), AuditEvent.objects.count())
    refused = client.post(reverse("users:create"), form)
    assert (
        refused.status_code == 200 and "承办单位工作人员须指定所在单位" in refused.content.decode()
    )
    assert 'value="zhouxin"' in refused.content.decode()  # what was typed stays
    form["scope"] = unit.pk
    refused = client.post(reverse("users:create"), form)
    assert "密码不符合要求" in refused.content.decode()
    assert (User.objects.count(), AuditEvent.objects.count()) == before  # nothing half-written
    form["password"] = GOOD
    done = client.post(reverse("users:create"), form)
    user = User.objects.get(username="zhouxin")
    assert done.status_code == 302 and user.scope == unit and user.person == person
    assert user.check_password(GOOD)
    event = AuditEvent.objects.filter(action="accounts.user.create").latest("seq")
    assert GOOD not in repr(event.changes) and "password" not in repr(event.changes)
    detail = client.get(reverse("users:detail", args=[user.pk])).content.decode()
    assert "周新" in detail and "zhouxin" in detail
    listing = client.get(reverse("users:list"), {"q": "周新"}).content.decode()
    assert "周新" in listing and "测试member" not in listing
    # One person, one account.
    with pytest.raises(Conflict) as twice:
        ms.user_create(
            actor=User.objects.get(username="t-admin"), username="zx2", password=GOOD,
            role="deputy", person=person,
        )  # fmt: skip
    assert twice.value.code == "person_has_account"


def test_deactivating_ends_the_session_and_reactivating_lets_them_back(users, client_for):
    member = users["member"]
    session = signed_in(member)
    admin = client_for("admin")
    admin.post(reverse("users:status", args=[member.pk]), {"active": "0"})
    member.refresh_from_db()
    assert not member.is_active
    assert session.get(reverse("core:home")).status_code == 302  # sent to log in
    assert AuditEvent.objects.filter(action="accounts.user.deactivate").exists()
    admin.post(reverse("users:status", args=[member.pk]), {"active": "1"})
    member.refresh_from_db()
    assert member.is_active
    # Nobody deactivates themselves.
    with pytest.raises(Conflict):
        ms.user_deactivate(actor=users["admin"], user=users["admin"])


def test_a_reset_ends_sessions_and_api_tokens_and_follows_the_policy(users, client_for):
    unit_officer = users["unit_officer"]
    session = signed_in(unit_officer)
    api_token_issue(actor=unit_officer, label="报表")
    admin = client_for("admin")
    weak = admin.post(reverse("users:password", args=[unit_officer.pk]), {"password": "password"})
    assert weak.status_code == 400 and "密码不符合要求" in weak.content.decode()
    assert session.get(reverse("core:home")).status_code == 200  # nothing changed yet
    admin.post(reverse("users:password", args=[unit_officer.pk]), {"password": GOOD})
    unit_officer.refresh_from_db()
    assert unit_officer.check_password(GOOD)
    assert session.get(reverse("core:home")).status_code == 302
    assert not ApiToken.objects.filter(user=unit_officer, revoked_at__isnull=True).exists()
    event = AuditEvent.objects.filter(action="accounts.user.password_reset").latest("seq")
    assert event.changes.get("tokens_revoked") == 1 and GOOD not in repr(event.changes)


def test_only_the_administrator_manages_accounts(users, client_for):
    for role in ("staff", "leader", "member", "deputy", "unit_officer"):
        assert client_for(role).get(reverse("users:list")).status_code in (302, 403), role
    with pytest.raises(DomainError):
        ms.user_deactivate(actor=users["staff"], user=users["member"])


def test_accounts_through_the_api(users, client):
    from renda.accounts.services import api_token_issue as issue

    _token, secret = issue(actor=users["admin"], label="接口")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    person = Person.objects.create(name="吴敏", gender="female")
    made = client.post(
        "/api/v1/users",
        {"username": "wumin", "password": GOOD, "role": "deputy", "person_id": person.pk},
        content_type="application/json",
        **auth,
    )
    assert made.status_code == 201, made.content
    user = User.objects.get(username="wumin")
    assert user.person == person and user.role == "deputy"
    off = client.post(
        f"/api/v1/users/{user.pk}/deactivate", {}, content_type="application/json", **auth
    )
    assert off.status_code == 200 and off.json()["status"] == "inactive"
    bad = client.post(
        f"/api/v1/users/{user.pk}/password-reset", {"password": "short"},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == "password_invalid"
