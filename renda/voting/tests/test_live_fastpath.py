"""The lean cast route: voter tokens, group commit on the voting services, live figures."""

from __future__ import annotations

import asyncio
import json

import pytest

from renda.core import live
from renda.voting import fastpath
from renda.voting.fastpath import read_voter_token, voter_token
from renda.voting.tests.asgi_client import StreamReader, call, run_in_thread
from renda.voting.tests.terminals import terminal_token

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app():
    from config.asgi import application

    return application


@pytest.fixture
def broker():
    b = live.InProcessBroker()
    previous = live.set_broker(b)
    yield b
    live.set_broker(previous)


def run(coro_fn):
    """Run an async test body in a fresh loop and stop the committer before the loop ends."""

    async def main():
        try:
            return await asyncio.wait_for(coro_fn(), 60)
        finally:
            await fastpath.shutdown()

    return run_in_thread(main)


def open_poll(body, staff, **kwargs):
    from renda.voting.services import poll_create, poll_open

    poll = poll_create(
        actor=staff, agenda_item=body.item, kind=kwargs.pop("kind", "decision"), **kwargs
    )
    return poll_open(actor=staff, poll=poll)


def token_for(body, user):
    return terminal_token(user, body.meeting)


async def cast(app, token, poll_id, choice, key=None, **extra):
    payload = {"poll": poll_id, "choice": choice, **extra}
    if key is not None:
        payload["key"] = key
    status, _h, raw = await call(
        app, "POST", "/chamber/cast", body=payload, headers={"X-Voter-Token": token}
    )
    return status, json.loads(raw)


# --------------------------------------------------------------------------- tokens


def test_voter_token_round_trip_and_refusals(settings):
    token = voter_token(person_id=7, meeting_id=3, grant="g-1")
    voter = read_voter_token(token)
    assert (voter.person_id, voter.meeting_id, voter.grant) == (7, 3, "g-1")
    from renda.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied) as err:
        read_voter_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert err.value.code == "invalid_voter_token"
    with pytest.raises(PermissionDenied) as err:
        read_voter_token(voter_token(person_id=7, meeting_id=3, grant="g", ttl=10), now=10**11)
    assert err.value.code == "voter_token_expired"
    # A token signed for another purpose (the screens' salt) is not a voter token.
    from renda.voting.streams import screen_token

    with pytest.raises(PermissionDenied):
        read_voter_token(screen_token(meeting_id=3))


# --------------------------------------------------------------------------- casting


def test_a_burst_of_casts_is_committed_in_batches_and_every_ack_is_in_the_box(
    app, body, staff, broker
):
    from renda.voting.models import Ballot, Poll
    from renda.voting.services import poll_close

    poll = open_poll(body, staff)
    choices = ["yes"] * 16 + ["no"] * 9 + ["abstain"] * 3  # two members do not press

    async def main():
        async with broker.subscription(f"meeting:{body.meeting.pk}") as sub:
            results = await asyncio.gather(
                *[
                    cast(app, token_for(body, user), poll.pk, choice, key=f"k{i}")
                    for i, (user, choice) in enumerate(zip(body.voters, choices, strict=False))
                ]
            )
            events = []
            while (e := await sub.get(0.5)) is not None:
                events.append(e)
        return results, events, fastpath.get_committer().batches

    results, events, batches = run(main)
    assert [s for s, _b in results] == [200] * 28, results
    receipts = [b["receipt"] for _s, b in results]
    assert len(set(receipts)) == 28
    assert batches < 28, "casts arriving together are committed together"
    assert set(Ballot.objects.filter(poll=poll).values_list("hash", flat=True)) == set(receipts)
    # Live figures: received only, never an option count, the last one complete.
    assert events and events[-1].data["received"] == 28
    for e in events:
        assert set(e.data) == {"kind", "poll", "meeting", "received", "version"}, e.data
    sealed = poll_close(actor=staff, poll=Poll.objects.get(pk=poll.pk))
    tally = sealed.seal.tally
    assert (tally["yes"], tally["no"], tally["abstain"], tally["not_voted"]) == (16, 9, 3, 2)
    assert tally["result"] == "passed"  # 16 of 30 ≥ 16


def test_one_member_one_vote_and_idempotent_retries(app, body, staff, broker):
    from renda.voting.models import Ballot

    poll = open_poll(body, staff)
    token = token_for(body, body.voters[0])

    async def main():
        burst = await asyncio.gather(*[cast(app, token, poll.pk, "yes") for _ in range(100)])
        first_key = await cast(app, token_for(body, body.voters[1]), poll.pk, "no", key="abc")
        retry = await cast(app, token_for(body, body.voters[1]), poll.pk, "yes", key="abc")
        other_key = await cast(app, token_for(body, body.voters[1]), poll.pk, "yes", key="xyz")
        return burst, first_key, retry, other_key

    burst, first_key, retry, other_key = run(main)
    statuses = [s for s, _b in burst]
    assert statuses.count(200) == 1
    assert {b["code"] for s, b in burst if s != 200} == {"already_voted"}
    assert all(s == 409 for s in statuses if s != 200)
    assert first_key[0] == 200 and retry[0] == 200
    assert retry[1]["receipt"] == first_key[1]["receipt"] and retry[1]["replayed"] is True
    assert other_key[0] == 409 and other_key[1]["code"] == "already_voted"
    assert Ballot.objects.filter(poll=poll).count() == 2


def test_nothing_can_be_cast_for_another_member_or_meeting(app, body, body_factory, staff, broker):
    from renda.voting.models import Ballot

    poll = open_poll(body, staff)
    other = body_factory(3, prefix="o")
    outsider = terminal_token(other.voters[0], body.meeting)
    wrong_meeting = terminal_token(body.voters[0], other.meeting)
    mine = token_for(body, body.voters[0])

    async def main():
        return [
            await cast(app, outsider, poll.pk, "yes"),
            await cast(app, wrong_meeting, poll.pk, "yes"),
            await cast(app, mine, poll.pk, "yes", person=body.voters[1].person_id),
            await cast(app, "forged", poll.pk, "yes"),
            await cast(app, mine, poll.pk, "maybe"),
            await cast(app, mine, 999999, "yes"),
        ]

    results = run(main)
    assert [(s, b["code"]) for s, b in results] == [
        (403, "not_entitled"),
        (403, "not_entitled"),
        (400, "invalid_request"),
        (403, "invalid_voter_token"),
        (400, "invalid_ballot"),
        (403, "not_entitled"),
    ]
    assert results[0][1]["message"] and results[0][1]["message_en"]
    assert Ballot.objects.filter(poll=poll).count() == 0


def test_a_closed_poll_refuses_and_the_terminal_can_ask_whether_it_voted(app, body, staff, broker):
    from renda.voting.models import Ballot, Poll
    from renda.voting.services import poll_close

    poll = open_poll(body, staff)
    a, b = token_for(body, body.voters[0]), token_for(body, body.voters[1])

    async def main():
        ok = await cast(app, a, poll.pk, "yes")
        status_a = await call(
            app, "GET", f"/chamber/cast?poll={poll.pk}", headers={"X-Voter-Token": a}
        )
        status_b = await call(
            app, "GET", f"/chamber/cast?poll={poll.pk}", headers={"X-Voter-Token": b}
        )
        await asyncio.to_thread(poll_close, actor=staff, poll=Poll.objects.get(pk=poll.pk))
        late = await cast(app, b, poll.pk, "no")
        return ok, status_a, status_b, late

    ok, status_a, status_b, late = run(main)
    assert ok[0] == 200
    assert json.loads(status_a[2]) == {"poll": poll.pk, "on_roll": True, "voted": True}
    assert json.loads(status_b[2]) == {"poll": poll.pk, "on_roll": True, "voted": False}
    assert late[0] == 409 and late[1]["code"] == "poll_not_open"
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_acknowledged_means_committed(app, body, staff, broker, monkeypatch):
    from renda.voting import services
    from renda.voting.models import Ballot

    poll = open_poll(body, staff)
    real = services.ballot_commit
    calls = {"n": 0}

    def failing(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services, "ballot_commit", failing)
    token = token_for(body, body.voters[0])

    async def main():
        first = await cast(app, token, poll.pk, "yes", key="once")
        second = await cast(app, token, poll.pk, "yes", key="once")
        return first, second

    first, second = run(main)
    assert first[0] == 503 and first[1]["code"] == "commit_failed"
    # The failed batch reserved nothing: the retry is accepted and then stored once.
    assert second[0] == 200 and second[1]["replayed"] is False
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_received_figures_are_throttled_but_the_last_one_always_goes_out(body, staff, broker):
    published = []

    async def main():
        committer = fastpath.GroupCommitter(publish=published.append)
        info = fastpath._PollInfo(
            meeting_id=1, received=0, log_seq=2, status="open", announced=False
        )
        for n in range(1, 51):
            info.received = n
            committer._announce_received(5, info)
            await asyncio.sleep(0.004)
        await asyncio.sleep(fastpath.PUBLISH_INTERVAL * 2)
        await committer.aclose()

    run(main)
    assert published[-1]["received"] == 50
    # ~0.2 s of updates at most one per PUBLISH_INTERVAL per poll: a handful, not fifty.
    assert 2 <= len(published) <= 5, [e["received"] for e in published]


def test_trivial_route_only_in_bench_mode(app, monkeypatch):
    import config.asgi

    async def main():
        monkeypatch.setattr(config.asgi, "BENCH", False)
        off = await call(app, "GET", "/__bench/trivial")
        monkeypatch.setattr(config.asgi, "BENCH", True)
        on = await call(app, "GET", "/__bench/trivial")
        return off, on

    off, on = run(main)
    assert off[0] == 404
    assert on[0] == 200 and on[2] == b"ok"


def test_stream_sends_a_snapshot_then_received_then_the_sealed_result(app, body, staff, broker):
    from renda.voting.models import Poll
    from renda.voting.services import poll_close
    from renda.voting.streams import publish_poll_state, screen_token

    poll = open_poll(body, staff)
    url = f"/live/meetings/{body.meeting.pk}/?t={screen_token(meeting_id=body.meeting.pk)}"

    async def main():
        async with StreamReader(app, url) as stream:
            snap = await stream.wait_for(lambda k, d: k == "state")
            assert (snap["status"], snap["entitled"], snap["present"], snap["received"]) == (
                "open",
                30,
                30,
                0,
            )
            for user, choice in zip(
                body.voters[:5], ["yes", "no", "yes", "abstain", "yes"], strict=True
            ):
                assert (await cast(app, token_for(body, user), poll.pk, choice))[0] == 200
            await stream.wait_for(lambda k, d: k == "received" and d["received"] == 5)

            def close():
                closed = poll_close(actor=staff, poll=Poll.objects.get(pk=poll.pk))
                publish_poll_state(closed)

            await asyncio.to_thread(close)
            sealed = await stream.wait_for(lambda k, d: k == "state" and d["status"] == "sealed")
            return stream.events, stream.raw, sealed

    events, raw, sealed = run(main)
    result = sealed["result"]
    assert (result["tally"]["yes"], result["tally"]["no"], result["tally"]["abstain"]) == (3, 1, 1)
    assert result["tally"]["not_voted"] == 25 and result["fingerprint"]
    # A3: before the seal nothing in the stream carries an option count.
    before = raw.split(b'"status":"sealed"')[0]
    for word in (b'"yes"', b'"no"', b'"abstain"', b'"tally"', b'"counts"'):
        assert word not in before, word


def test_stream_refuses_a_missing_or_foreign_token(app, body, body_factory, broker):
    from renda.voting.streams import screen_token

    other = body_factory(2, prefix="x")

    async def main():
        none = await call(app, "GET", f"/live/meetings/{body.meeting.pk}/")
        foreign = await call(
            app,
            "GET",
            f"/live/meetings/{body.meeting.pk}/?t={screen_token(meeting_id=other.meeting.pk)}",
        )
        return none, foreign

    none, foreign = run(main)
    assert none[0] == 403 and foreign[0] == 403
