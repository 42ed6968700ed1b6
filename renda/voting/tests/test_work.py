"""A member finds a live vote on their home and their meeting page, one click from the terminal."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from renda.voting import services

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_live_vote_waits_on_the_members_home_until_they_vote(make_poll, body, staff):
    member = body.voters[0]
    home = _client(member).get("/office/")
    assert "data-urgent" not in home.content.decode()
    poll = make_poll(title="关于某事项的决定")
    page = _client(member).get("/office/").content.decode()
    terminal = f"/chamber/meetings/{body.meeting.pk}/terminal/"
    card = re.search(r'<section class="card urgent".*?</section>', page, re.S)
    assert card, "a live vote is shown first, as a card"
    assert poll.title in card.group(0) and f'href="{terminal}"' in card.group(0)
    assert "进入表决" in card.group(0)
    # One click: the link opens the member's terminal.
    assert _client(member).get(terminal).status_code == 200
    # Staff without a seat are not asked to vote.
    assert "data-urgent" not in _client(staff).get("/office/").content.decode()
    services.ballot_cast(actor=member, poll=poll, choice="yes")
    assert "data-urgent" not in _client(member).get("/office/").content.decode()


def test_the_meeting_page_offers_the_terminal_to_members_while_it_sits(body, staff):
    from renda.meetings.models import Meeting

    url = f"/office/meetings/{body.meeting.pk}/"
    member_page = _client(body.voters[0]).get(url)
    assert member_page.status_code == 200
    assert 'id="enter-terminal"' in member_page.content.decode()
    assert 'id="enter-terminal"' not in _client(staff).get(url).content.decode()
    Meeting.objects.filter(pk=body.meeting.pk).update(status=Meeting.Status.CLOSED)
    assert 'id="enter-terminal"' not in _client(body.voters[0]).get(url).content.decode()
