"""Login hardening: one answer and one password hash for every refusal, failures throttled
per address and per account, trusted office networks."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import override_settings
from django.urls import reverse

from conftest import PASSWORD
from renda.accounts.models import User
from renda.core.audit import verify_chain
from renda.core.models import AuditEvent

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher that counts how often it hashes (verify hashes through encode)."""

    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


COUNTING = override_settings(
    PASSWORD_HASHERS=["renda.accounts.tests.test_login_hardening.CountingHasher"]
)


def login(client, username, password, address="127.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def refusal(response) -> tuple[int, list[str]]:
    return response.status_code, list(response.context["form"].non_field_errors())


def test_unknown_wrong_held_and_inactive_look_the_same(client, users):
    User.objects.filter(username="t-staff").update(locked_until=START + dt.timedelta(minutes=1))
    User.objects.filter(username="t-deputy").update(is_active=False)
    attempts = {
        "unknown": ("nobody-here", "whatever-2026"),
        "wrong": ("t-member", "wrong-password"),
        "held, right password": ("t-staff", PASSWORD),
        "held, wrong password": ("t-staff", "wrong-password"),
        "inactive": ("t-deputy", PASSWORD),
    }
    answers, hashes = {}, {}
    with COUNTING, time_machine.travel(START, tick=False):
        for n, (label, (username, password)) in enumerate(attempts.items()):
            CountingHasher.calls = 0
            # A fresh address each time, so the address limit plays no part here.
            answers[label] = refusal(login(client, username, password, f"203.0.113.{n + 1}"))
            hashes[label] = CountingHasher.calls
        CountingHasher.calls = 0
        assert login(client, "t-leader", PASSWORD, "203.0.113.99").status_code == 302
        success_hashes = CountingHasher.calls
    assert len(set(map(repr, answers.values()))) == 1, answers
    status, messages = answers["unknown"]
    assert status == 200 and "用户名或密码不正确" in messages[0]
    assert "锁定" not in messages[0]
    assert hashes == dict.fromkeys(attempts, 1)
    assert success_hashes == 1


def test_address_is_throttled_after_failures_with_any_names(client, users, settings):
    settings.LOGIN_ADDRESS_MAX_FAILURES = 3
    settings.LOGIN_ADDRESS_WINDOW_MINUTES = 15
    attacker = "198.51.100.20"
    with time_machine.travel(START, tick=False):
        for name in ("t-staff", "nobody", "t-leader"):
            assert login(client, name, "wrong-password", attacker).status_code == 200
        response = login(client, "t-member", PASSWORD, attacker)
        assert response.status_code == 429
        page = response.content.decode()
        assert "本网络地址登录失败次数过多" in page and "15 分钟后再试" in page
        assert "_auth_user_id" not in client.session
        # Unknown names are throttled just the same: the limit tells nothing about accounts.
        assert login(client, "nobody", "x", attacker).status_code == 429
        # The members themselves, elsewhere, are not affected.
        assert login(client, "t-member", PASSWORD, "192.0.2.5").status_code == 302
    assert (
        AuditEvent.objects.filter(
            action="accounts.login.address_throttled", object_id=attacker
        ).count()
        == 1
    )
    assert verify_chain().ok
    with time_machine.travel(START + dt.timedelta(minutes=16), tick=False):
        client.logout()
        assert login(client, "t-member", PASSWORD, attacker).status_code == 302


def test_attacker_from_one_address_cannot_keep_the_chair_out(client, users, settings):
    settings.LOGIN_ADDRESS_MAX_FAILURES = 5
    settings.LOGIN_MAX_FAILURES = 10
    with time_machine.travel(START, tick=False):
        for _ in range(20):
            login(client, "t-leader", "guess-2026", "198.51.100.30")
        chair = User.objects.get(username="t-leader")
        assert chair.locked_until is None and chair.failed_logins == 5
        assert login(client, "t-leader", PASSWORD, "192.0.2.10").status_code == 302


def test_attack_from_many_addresses_only_delays_the_owner(client, users, settings):
    settings.LOGIN_ADDRESS_MAX_FAILURES = 5
    settings.LOGIN_MAX_FAILURES = 4
    settings.LOGIN_ACCOUNT_DELAY_SECONDS = 60
    with time_machine.travel(START, tick=False):
        for n in range(4):
            login(client, "t-leader", "guess-2026", f"198.51.100.{40 + n}")
        assert User.objects.get(username="t-leader").locked_until == START + dt.timedelta(
            seconds=60
        )
        assert login(client, "t-leader", PASSWORD, "192.0.2.10").status_code == 200
        # Further guesses while held do not extend the hold.
        login(client, "t-leader", "guess-2026", "198.51.100.50")
        assert User.objects.get(username="t-leader").locked_until == START + dt.timedelta(
            seconds=60
        )
    assert AuditEvent.objects.filter(action="accounts.user.locked").count() == 1
    with time_machine.travel(START + dt.timedelta(seconds=61), tick=False):
        assert login(client, "t-leader", PASSWORD, "192.0.2.10").status_code == 302


def test_trusted_office_address_signs_in_while_held_and_is_never_throttled(client, users, settings):
    settings.LOGIN_TRUSTED_NETWORKS = ["10.20.0.0/16", "not-a-network"]
    settings.LOGIN_ADDRESS_MAX_FAILURES = 2
    settings.LOGIN_MAX_FAILURES = 3
    with time_machine.travel(START, tick=False):
        for n in range(3):
            login(client, "t-leader", "guess-2026", f"198.51.100.{60 + n}")
        assert User.objects.get(username="t-leader").locked_until is not None
        assert login(client, "t-leader", PASSWORD, "198.51.100.70").status_code == 200
        for _ in range(4):
            assert login(client, "nobody", "typo", "10.20.3.4").status_code == 200
        assert login(client, "t-leader", PASSWORD, "10.20.3.4").status_code == 302
    chair = User.objects.get(username="t-leader")
    assert chair.locked_until is None and chair.failed_logins == 0


def test_login_page_keeps_the_name_on_error(client, users):
    response = login(client, "t-staff", "wrong-password")
    assert 'value="t-staff"' in response.content.decode()


def test_ipv6_addresses_of_one_network_share_the_limit(client, users, settings):
    settings.LOGIN_ADDRESS_MAX_FAILURES = 2
    with time_machine.travel(START, tick=False):
        login(client, "nobody", "x", "2001:db8:1:2::10")
        login(client, "nobody", "x", "2001:db8:1:2::11")
        assert login(client, "t-staff", PASSWORD, "2001:db8:1:2::99").status_code == 429
        assert login(client, "t-staff", PASSWORD, "2001:db8:1:3::1").status_code == 302


def test_throttle_helpers():
    from renda.core.throttle import address_in_networks, address_key

    assert address_key("192.0.2.7") == "192.0.2.7"
    assert address_key("::ffff:192.0.2.7") == "192.0.2.7"
    assert address_key("2001:db8:1:2::10") == "2001:db8:1:2::/64"
    assert address_key("unknown") == "unknown"
    assert address_in_networks("10.20.3.4", ["bad", "10.20.0.0/16"])
    assert not address_in_networks("10.21.3.4", ["10.20.0.0/16"])
    assert not address_in_networks("unknown", ["0.0.0.0/0"])
