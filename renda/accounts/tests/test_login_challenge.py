"""A held account still signs in from outside the office with the login page's challenge;
the challenge follows every failure alike, so it tells nothing about accounts."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from renda.accounts import challenge
from renda.accounts.models import User

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def login(client, username, password, address, answer=None):
    data = {"username": username, "password": password}
    if answer is not None:
        data["challenge"] = answer
    return client.post(reverse("accounts:login"), data, REMOTE_ADDR=address)


def code_of(client) -> str:
    return client.session[challenge.SESSION_KEY]["code"]


def _hold_the_chair(settings):
    settings.LOGIN_ADDRESS_MAX_FAILURES = 5
    settings.LOGIN_MAX_FAILURES = 4
    settings.LOGIN_ACCOUNT_DELAY_SECONDS = 60
    for n in range(4):  # attackers from four addresses, each in its own browser
        login(Client(), "t-leader", "guess-2026", f"198.51.100.{40 + n}")
    assert User.objects.get(username="t-leader").locked_until is not None


def test_the_held_owner_signs_in_with_the_challenge_answered(users, settings):
    with time_machine.travel(START, tick=False):
        _hold_the_chair(settings)
        owner = Client()
        first = login(owner, "t-leader", PASSWORD, "192.0.2.10")
        assert first.status_code == 200  # held, no challenge yet: the same refusal as always
        assert 'name="challenge"' in first.content.decode()
        wrong = login(owner, "t-leader", PASSWORD, "192.0.2.10", answer="XXXXX")
        assert wrong.status_code == 200
        answered = login(owner, "t-leader", PASSWORD, "192.0.2.10", answer=code_of(owner).lower())
        assert answered.status_code == 302
    chair = User.objects.get(username="t-leader")
    assert chair.locked_until is None and chair.failed_logins == 0


def test_a_challenge_answers_once_and_not_for_a_wrong_password(users, settings):
    with time_machine.travel(START, tick=False):
        _hold_the_chair(settings)
        owner = Client()
        login(owner, "t-leader", "still-wrong", "192.0.2.10")
        code = code_of(owner)
        assert login(owner, "t-leader", "still-wrong", "192.0.2.10", answer=code).status_code == 200
        # The answer was used up; the old code does not open the held account.
        assert login(owner, "t-leader", PASSWORD, "192.0.2.10", answer=code).status_code == 200
        assert code_of(owner) != code


def test_unknown_and_known_names_get_the_same_page_after_a_failure(users):
    pages = []
    for name in ("t-leader", "no-such-user"):
        browser = Client()
        login(browser, name, "guess-2026", "192.0.2.20")
        page = browser.get(reverse("accounts:login")).content.decode()
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
    assert pages[0] == pages[1] and 'name="challenge"' in pages[0]
    fresh = Client().get(reverse("accounts:login")).content.decode()
    assert 'name="challenge"' not in fresh  # nobody is asked before a failure


def test_the_picture_is_a_png_of_the_pending_challenge_and_can_be_renewed(users):
    from PIL import Image

    browser = Client()
    login(browser, "t-member", "guess-2026", "192.0.2.30")
    code = code_of(browser)
    response = browser.get(reverse("accounts:login_challenge"))
    assert response["Content-Type"] == "image/png" and "no-store" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.content)) as picture:
        assert picture.size == (200, 64)
    assert code_of(browser) == code  # drawing it does not change it
    browser.get(reverse("accounts:login") + "?challenge=new")
    assert code_of(browser) != code
