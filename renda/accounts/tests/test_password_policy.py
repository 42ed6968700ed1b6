"""Password policy (at least 12 characters, not a common password) on every path that sets one:
the password page, the API, createsuperuser, and the published demo passwords."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from conftest import PASSWORD
from renda.accounts.models import User
from renda.accounts.services import api_token_issue

pytestmark = pytest.mark.django_db

NINE = "Qh-2026!x"  # 9 characters
ELEVEN = "Qinghe-2026"  # 11 characters
COMMON = "qwerty123456"  # 12 characters, on Django's common-password list
GOOD = "Qinghe-New-2026!"


@pytest.mark.parametrize("password", [NINE, ELEVEN, COMMON])
def test_validators_refuse_short_and_common_passwords(password):
    with pytest.raises(ValidationError):
        password_validation.validate_password(password)


def test_validators_accept_a_long_uncommon_password():
    password_validation.validate_password(GOOD)
    assert any("12" in text for text in password_validation.password_validators_help_texts())


@pytest.mark.parametrize("password", [NINE, COMMON])
def test_password_page_refuses_weak_passwords(client, users, password):
    client.force_login(users["deputy"])
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert User.objects.get(username="t-deputy").check_password(PASSWORD)


@pytest.mark.parametrize("password", [NINE, COMMON])
def test_api_password_change_refuses_weak_passwords(client, users, password):
    _token, secret = api_token_issue(actor=users["deputy"], label="test")
    response = client.post(
        f"/api/v1/account/{users['deputy'].pk}/password",
        json.dumps({"old_password": PASSWORD, "new_password": password}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "password_invalid" and body["field"] == "new_password"
    assert "新密码不符合要求" in body["message"]
    assert User.objects.get(username="t-deputy").check_password(PASSWORD)


def test_api_password_change_accepts_a_good_password(client, users):
    _token, secret = api_token_issue(actor=users["deputy"], label="test")
    response = client.post(
        f"/api/v1/account/{users['deputy'].pk}/password",
        json.dumps({"old_password": PASSWORD, "new_password": GOOD}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200, response.content
    assert User.objects.get(username="t-deputy").check_password(GOOD)


class _Terminal(StringIO):
    def isatty(self):
        return True


def test_createsuperuser_asks_again_for_a_weak_password(monkeypatch):
    """Django's interactive createsuperuser runs the same validators; the prompts are fed in."""
    from django.contrib.auth.management.commands import createsuperuser

    secrets = iter([NINE, NINE, GOOD, GOOD])
    monkeypatch.setattr(createsuperuser.getpass, "getpass", lambda prompt="": next(secrets))
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")  # do not bypass validation
    errors = StringIO()
    call_command(
        "createsuperuser",
        username="chief-admin",
        email="chief@example.org",
        interactive=True,
        stdin=_Terminal(),
        stdout=StringIO(),
        stderr=errors,
    )
    assert "12" in errors.getvalue()
    assert User.objects.get(username="chief-admin").check_password(GOOD)


def test_published_demo_passwords_meet_the_policy():
    """Length and the common-password list; seeding hashes them directly, so check here."""
    from renda.devtools.demo_data import DEMO_ACCOUNTS
    from renda.devtools.supervision_demo import BODY_ACCOUNTS

    policy = password_validation.get_password_validators(
        [
            {
                "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
                "OPTIONS": {"min_length": 12},
            },
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
        ]
    )
    passwords = [row[4] for row in DEMO_ACCOUNTS] + [row[2] for row in BODY_ACCOUNTS]
    assert len(passwords) >= 9
    for password in passwords:
        password_validation.validate_password(password, password_validators=policy)


def test_the_too_short_message_reads_in_the_pages_language():
    """Django 5.2's zh-Hans catalogue lacks its new wording; ours carries it (accounts.validators)."""
    from django.utils import translation

    for language, expected in (
        ("zh-hans", "密码太短，至少需要 12 个字符。"),
        ("en", "at least 12"),
    ):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            password_validation.validate_password(ELEVEN)
        assert any(expected in m for m in refused.value.messages), refused.value.messages
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        password_validation.validate_password(ELEVEN)
    assert not any("This password" in m for m in refused.value.messages)
