"""The chamber screen pages: the terminal's token, the console's actions and what they publish."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from renda.core import live
from renda.voting.fastpath import read_voter_token
from renda.voting.screens import valid_actions


class Recorder(live.Broker):
    def __init__(self):
        super().__init__()
        self.events = []

    def publish(self, channel, event):
        self.events.append((channel, event))


@pytest.fixture
def recorder():
    r = Recorder()
    previous = live.set_broker(r)
    yield r
    live.set_broker(previous)


def test_the_terminal_embeds_a_token_for_the_signed_in_member_only(client, body):
    user = body.voters[3]
    client.force_login(user)
    html = client.get(
        reverse("voting_screens:terminal", kwargs={"meeting_id": body.meeting.pk})
    ).content.decode()
    token = re.search(r'data-token="([^"]+)"', html).group(1)
    voter = read_voter_token(token)
    assert (voter.person_id, voter.meeting_id) == (user.person_id, body.meeting.pk)
    assert "<script>" not in html.replace(
        '<script type="application/json"', ""
    )  # no inline script (CSP)


def test_a_member_not_on_the_roll_gets_no_token(client, body):
    from renda.accounts.models import Role, User
    from renda.people.models import Person

    person = Person.objects.create(name="非组成人员", gender="male")
    stranger = User.objects.create(username="stranger", role=Role.MEMBER, person=person)
    client.force_login(stranger)
    response = client.get(
        reverse("voting_screens:terminal", kwargs={"meeting_id": body.meeting.pk})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-token" not in html and "不在本次会议的表决名册中" in html


def test_console_actions_run_the_services_and_publish_after_commit(
    client, body, staff, recorder, django_capture_on_commit_callbacks
):
    from renda.voting.models import Poll
    from renda.voting.services import poll_create

    poll = poll_create(actor=staff, agenda_item=body.item, kind="decision")
    client.force_login(staff)
    url = reverse("voting_screens:action", kwargs={"poll_id": poll.pk})

    def post(data, **kwargs):
        # The services publish on commit: run the callbacks as a real commit would.
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **kwargs)

    assert post({"action": "open"}).status_code == 302
    assert Poll.objects.get(pk=poll.pk).status == "open"
    channel, event = recorder.events[-1]
    assert channel == f"meeting:{body.meeting.pk}"
    assert event["status"] == "open" and event["entitled"] == 30 and event["present"] == 30
    assert event["result"] is None

    # Annul needs a reason: refused with a message, nothing published, nothing changed.
    n = len(recorder.events)
    page = post({"action": "annul", "reason": "  "}, follow=True).content.decode()
    assert "作废表决须说明原因" in page
    assert Poll.objects.get(pk=poll.pk).status == "open" and len(recorder.events) == n

    # Announce is refused before the seal.
    post({"action": "announce"})
    assert Poll.objects.get(pk=poll.pk).announced_at is None

    post({"action": "close"})
    sealed = recorder.events[-1][1]
    assert sealed["status"] == "sealed"
    assert sealed["result"]["tally"]["not_voted"] == 30 and sealed["result"]["fingerprint"]
    post({"action": "announce"})
    assert recorder.events[-1][1]["announced"] is True
    assert recorder.events[-1][1]["version"] > sealed["version"]


def test_named_poll_shows_names_only_after_the_seal(client, body, staff, recorder):
    from renda.voting.models import Poll
    from renda.voting.services import ballot_cast, poll_close, poll_create, poll_open
    from renda.voting.streams import poll_public_state

    poll = poll_open(
        actor=staff,
        poll=poll_create(actor=staff, agenda_item=body.item, kind="decision", secrecy="named"),
    )
    ballot_cast(actor=body.voters[0], poll=poll, choice="no")
    during = poll_public_state(Poll.objects.get(pk=poll.pk))
    assert during["names"] is None and during["result"] is None and during["received"] == 1
    poll_close(actor=staff, poll=poll)
    after = poll_public_state(Poll.objects.get(pk=poll.pk))
    assert after["names"] == [{"name": body.voters[0].person.name, "choice": "no"}]


def test_only_the_actions_valid_now_are_offered():
    assert valid_actions({"status": "draft"}) == {"open", "annul", "manual"}
    assert valid_actions({"status": "open", "received": 3}) == {"pause", "close", "extend", "annul"}
    assert "manual" in valid_actions({"status": "open", "received": 0})
    assert valid_actions({"status": "paused", "received": 1}) == {
        "resume",
        "close",
        "extend",
        "annul",
    }
    assert valid_actions({"status": "sealed", "announced": False}) == {"announce"}
    assert valid_actions({"status": "sealed", "announced": True}) == set()
    assert valid_actions({"status": "annulled"}) == set()


def test_big_screen_and_console_pages_render(client, body, staff):
    from renda.voting.services import poll_create

    poll = poll_create(actor=staff, agenda_item=body.item, kind="decision")
    client.force_login(staff)
    big = client.get(reverse("voting_screens:big_screen", kwargs={"meeting_id": body.meeting.pk}))
    assert big.status_code == 200 and 'data-stream="/live/meetings/' in big.content.decode()
    console = client.get(
        reverse("voting_screens:console", kwargs={"poll_id": poll.pk})
    ).content.decode()
    assert re.search(r'data-action="open"\s*>', console)  # enabled
    assert re.search(r'data-action="announce" disabled', console)


def test_a_cast_through_the_api_reaches_the_screens_without_counts(client, body, staff, recorder):
    import json

    from renda.voting.services import poll_create, poll_open

    poll = poll_open(
        actor=staff, poll=poll_create(actor=staff, agenda_item=body.item, kind="decision")
    )
    client.force_login(body.voters[0])
    client.handler.enforce_csrf_checks = False
    response = client.post(
        f"/api/v1/polls/{poll.pk}/cast",
        data=json.dumps({"choice": "yes"}),
        content_type="application/json",
    )
    assert response.status_code in (200, 201), response.content
    channel, event = recorder.events[-1]
    assert channel == f"meeting:{body.meeting.pk}"
    assert event["received"] == 1 and event["result"] is None
    assert "yes" not in json.dumps(event)
