"""Login, the short hold after repeated failures, logout, password change and API tokens."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import PASSWORD
from renda.accounts.models import ApiToken, User
from renda.accounts.services import api_token_user
from renda.core.audit import verify_chain
from renda.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_and_logout(client, users):
    response = login(client, "t-staff", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302


def test_wrong_password_gives_a_chinese_message(client, users):
    response = login(client, "t-staff", "wrong")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_account_is_held_briefly_after_repeated_failures(client, users, settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_ACCOUNT_DELAY_SECONDS = 60
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            login(client, "t-staff", "wrong")
        user = User.objects.get(username="t-staff")
        assert user.locked_until == start + dt.timedelta(seconds=60)
        # Even the right password is refused while held, with the one refusal message
        # (the answer does not tell that the account exists or is held).
        response = login(client, "t-staff", PASSWORD)
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()
        assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="accounts.user.locked").count() == 1
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert login(client, "t-staff", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.failed_logins == 0 and user.locked_until is None
    assert verify_chain().ok


def test_success_resets_the_failure_count(client, users):
    login(client, "t-staff", "wrong")
    assert User.objects.get(username="t-staff").failed_logins == 1
    login(client, "t-staff", PASSWORD)
    assert User.objects.get(username="t-staff").failed_logins == 0


def test_unknown_user_is_just_refused(client, users):
    response = login(client, "nobody", "x")
    assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()


def test_password_change(client, users):
    client.force_login(users["deputy"])
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Qinghe-New-2026!",
            "new_password2": "Qinghe-New-2026!",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="t-deputy").check_password("Qinghe-New-2026!")


def test_session_cookie_is_http_only(client, users):
    login(client, "t-staff", PASSWORD)
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_token_issue_and_revoke(client, users):
    client.force_login(users["staff"])
    response = client.post(reverse("accounts:tokens"), {"label": "对接OA系统"})
    assert response.status_code == 200
    secret = response.context["new_secret"]
    assert secret.startswith("rd_")
    token = ApiToken.objects.get(user=users["staff"])
    assert token.digest != secret and secret not in token.digest
    assert api_token_user(secret) == users["staff"]
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api_token_user(secret) is None


def test_token_form_refuses_empty_label(client, users):
    client.force_login(users["staff"])
    response = client.post(reverse("accounts:tokens"), {"label": ""})
    assert response.status_code == 200 and not ApiToken.objects.exists()


def test_cannot_revoke_another_users_token(client, users):
    from renda.accounts.services import api_token_issue

    token, _secret = api_token_issue(actor=users["staff"], label="x")
    client.force_login(users["deputy"])
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
