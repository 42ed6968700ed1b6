"""Every write made in the admin is audited; rule settings are validated there too."""

import pytest
from django.urls import reverse

from renda.accounts.models import Role, User
from renda.core.audit import verify_chain
from renda.core.models import AuditEvent, RuleSetting
from renda.core.statute import REGISTRY, format_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = User.objects.create_superuser(
        "admin-root", password="x-Very-long-pass-1", role=Role.ADMIN
    )
    client.force_login(user)
    return user


def _user_form(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "display_name": user.display_name,
        "failed_logins": user.failed_logins,
        "scope": "",
        "person": "",
        "locked_until_0": "",
        "locked_until_1": "",
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_admin_making_a_user_staff_is_audited(client, root):
    clerk = User.objects.create_user("clerk-1", password="x-Very-long-pass-1", display_name="王文")
    before = AuditEvent.objects.count()
    url = reverse("admin:accounts_user_change", args=[clerk.pk])
    response = client.post(url, _user_form(clerk, is_staff="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    clerk.refresh_from_db()
    assert clerk.is_staff
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.action == "admin.accounts.user.change"
    assert event.object_id == str(clerk.pk)
    assert event.actor_id == root.pk
    assert event.changes["is_staff"] == {"from": False, "to": True}
    assert verify_chain().ok


def test_admin_delete_is_audited(client, root):
    setting = RuleSetting.objects.create(key=next(iter(REGISTRY)), value="1")
    url = reverse("admin:core_rulesetting_delete", args=[setting.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not RuleSetting.objects.filter(pk=setting.pk).exists()
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "admin.core.rulesetting.delete"
    assert event.object_id == str(setting.pk)


def test_unknown_rule_setting_key_is_refused_in_admin(client, root):
    before = AuditEvent.objects.count()
    url = reverse("admin:core_rulesetting_add")
    response = client.post(url, {"key": "no.such.parameter", "value": "3", "note": ""})
    assert response.status_code == 200
    assert "no.such.parameter" in response.content.decode()
    assert response.context["adminform"].form.errors["key"]
    assert not RuleSetting.objects.filter(key="no.such.parameter").exists()
    assert AuditEvent.objects.count() == before


def test_valid_rule_setting_in_admin_is_audited(client, root):
    key, definition = next((k, p) for k, p in REGISTRY.items() if p.configurable)
    raw = format_value(definition.default)
    url = reverse("admin:core_rulesetting_add")
    response = client.post(url, {"key": key, "value": raw, "note": "本地"})
    assert response.status_code == 302, response.content.decode()[:2000]
    setting = RuleSetting.objects.get(key=key)
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "admin.core.rulesetting.add"
    assert event.object_id == str(setting.pk)
    assert event.changes["key"]["to"] == key
