"""Encrypted polls end to end through the services: the scrutineers' ceremony, ballots
encrypted on the terminal, the close, the scrutineers' decryption, the seal and the export
the stand-alone verifier accepts."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

import renda_crypto as rc
from renda.core.errors import Conflict, DomainError
from renda.voting import selectors, services
from renda.voting.models import Ballot, Poll, ScrutinyKey
from renda.voting.services import scrutiny as sv
from renda_crypto import mix
from renda_verify import VerificationError, verify
from tests.scrutineer_devices import appoint

pytestmark = pytest.mark.django_db

VOTE = {"yes": [1, 0, 0], "no": [0, 1, 0], "abstain": [0, 0, 1]}


@pytest.fixture
def keyed(body, staff):
    """The meeting's three scrutineers (two of whom decrypt) have made its key."""
    key, devices = appoint(body.meeting, staff, body.voters[:3], threshold=2)
    return key, devices


def encrypt(poll, vector, written=()):
    """What the terminal sends: ticks, then a flag per write-in slot, and the names."""
    key = rc.PollKey.from_json(poll.crypto["key"])
    if not key.write_ins:
        return rc.encrypt(key, vector)
    places = [key.roster.index(p) + 1 for p in written]
    places += [0] * (key.write_ins - len(places))
    return rc.encrypt(key, list(vector) + [int(k > 0) for k in places], places)


def test_ceremony_makes_a_ready_key_from_public_values_only(keyed):
    key, devices = keyed
    assert key.status == ScrutinyKey.Status.READY
    assert key.public_key and len(key.verification_keys) == 3
    # The server holds the devices' public keys, public dealings and sealed shares only:
    # no stored value is any device's secret or any scrutineer's key share.
    stored = repr(list(key.scrutineers.values())) + repr(key.__dict__)
    for index, secret in devices.secrets.items():
        assert rc.group.encode_scalar(secret) not in stored
        assert rc.group.encode_scalar(devices.share(key, index)) not in stored


def test_an_encrypted_decision_is_decrypted_by_the_scrutineers_and_verifies(
    body, keyed, make_poll, chair
):
    _key, devices = keyed
    poll = make_poll()
    assert poll.is_encrypted and poll.crypto["trustees"]["t"] == 2
    rng = random.Random(3)
    choices = [rng.choice(list(VOTE)) for _v in body.voters[:20]]
    receipts = []
    for user, choice in zip(body.voters[:20], choices, strict=True):
        ballot = encrypt(poll, VOTE[choice])
        receipt = services.ballot_cast(actor=user, poll=poll, choice=ballot)
        assert receipt.receipt == rc.receipt(ballot)
        receipts.append(receipt.receipt)
    # Nothing readable in the box: every stored ballot is ciphertexts and proofs.
    for stored in Ballot.objects.filter(poll=poll).values_list("choice", flat=True):
        assert set(stored) == {"choices", "sum_proof"}
    poll = services.poll_close(actor=chair, poll=poll)
    assert poll.status == Poll.Status.CLOSED and poll.awaiting_decryption
    poll = devices.decrypt(poll, [1])
    assert poll.status == Poll.Status.CLOSED  # one of the two needed
    poll = devices.decrypt(poll, [3])
    assert poll.status == Poll.Status.SEALED
    tally = poll.seal.tally
    assert [tally["yes"], tally["no"], tally["abstain"]] == [choices.count(c) for c in VOTE]
    assert tally["not_voted"] == 10 and tally["absent"] == 0
    export = selectors.poll_export(poll)
    assert export["format"] == "renda-poll-export-encrypted/1" and export["trust"] == "scrutineers"
    verify(export)
    assert {b["hash"] for b in export["ballots"]} == set(receipts)
    # A late decryption changes nothing.
    assert devices.decrypt(poll, [2]).seal.fingerprint == poll.seal.fingerprint
    export["crypto"]["counts"][0] += 1
    with pytest.raises(VerificationError):
        verify(export)


def test_an_encrypted_election_counts_the_slate(body, keyed, make_poll, chair):
    _key, devices = keyed
    slate = [v.person for v in body.voters[20:24]]
    candidates = [p.pk for p in slate]
    poll = make_poll(kind="election", seats=2, candidates=slate, secrecy="secret")
    key = poll.crypto["key"]
    # Four candidates and a write-in slot per seat, counted within the seats.
    assert (key["options"], key["max"], key["write_ins"]) == (6, 2, 2)
    assert not set(candidates) & set(key["roster"])
    ticks = [[1, 1, 0, 0]] * 9 + [[1, 0, 1, 0]] * 7 + [[0, 0, 0, 0]] * 2
    for user, vector in zip(body.voters, ticks, strict=False):
        services.ballot_cast(actor=user, poll=poll, choice=encrypt(poll, vector))
    services.poll_close(actor=chair, poll=poll)
    poll = devices.decrypt(poll, [2, 3])
    # Nobody wrote anyone in: sealed at the t-th decryption of the totals, no shuffle.
    assert poll.status == Poll.Status.SEALED and "write_ins" not in poll.crypto
    votes = poll.seal.tally["votes"]
    assert [votes[str(c)] for c in candidates] == [16, 9, 7, 0]
    assert poll.seal.tally["ballots"] == 18 and poll.seal.tally["void"] == 0
    verify(selectors.poll_export(poll))


def test_forged_copied_and_plain_ballots_are_refused(body, keyed, make_poll):
    poll = make_poll()
    a, b, c = body.voters[:3]
    with pytest.raises(DomainError) as plain:
        services.ballot_cast(actor=a, poll=poll, choice="yes")
    assert plain.value.code == "invalid_ballot"
    key = rc.PollKey.from_json(poll.crypto["key"])
    two_yes = rc.encrypt(rc.PollKey(key.context, key.public_key, 3, 0, 3), [1, 1, 0])
    with pytest.raises(DomainError) as forged:
        services.ballot_cast(actor=a, poll=poll, choice=two_yes)
    assert forged.value.code == "invalid_ballot"
    ballot = encrypt(poll, [1, 0, 0])
    first = services.ballot_cast(actor=a, poll=poll, choice=ballot, idempotency_key="k1")
    again = services.ballot_cast(actor=a, poll=poll, choice=ballot, idempotency_key="k1")
    assert again.replayed and again.receipt == first.receipt
    for copier, key_ in ((b, None), (c, "k1")):
        with pytest.raises(DomainError) as copied:
            services.ballot_cast(actor=copier, poll=poll, choice=ballot, idempotency_key=key_)
        assert copied.value.code == "copied_ballot"
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_a_wrong_partial_decryption_is_refused_and_only_scrutineers_decrypt(
    body, keyed, make_poll, chair
):
    key, devices = keyed
    poll = make_poll()
    services.ballot_cast(actor=body.voters[5], poll=poll, choice=encrypt(poll, [0, 1, 0]))
    poll = services.poll_close(actor=chair, poll=poll)
    wrong = rc.device.decrypt(poll.crypto["key"]["context"], 1, 12345, poll.crypto["totals"])
    with pytest.raises(DomainError) as refused:
        sv.scrutiny_decrypt(actor=devices.users[1], poll=poll, partial=wrong)
    assert refused.value.code == "invalid_partial"
    outsider = rc.device.decrypt(
        poll.crypto["key"]["context"], 1, devices.share(key, 1), poll.crypto["totals"]
    )
    with pytest.raises(DomainError) as not_theirs:
        sv.scrutiny_decrypt(actor=body.voters[9], poll=poll, partial=outsider)
    assert not_theirs.value.code == "not_scrutineer"
    assert Poll.objects.get(pk=poll.pk).log.filter(kind="partial").count() == 0


def test_a_meeting_without_scrutineers_opens_plain_polls_labelled_as_trusting_the_operator(
    make_poll, chair, body
):
    poll = make_poll()
    assert not poll.is_encrypted
    services.ballot_cast(actor=body.voters[0], poll=poll, choice="yes")
    poll = services.poll_close(actor=chair, poll=poll)
    export = selectors.poll_export(poll)
    assert export["trust"] == "operator" and export["format"] == "renda-poll-export/1"


def test_a_share_that_does_not_match_fails_the_ceremony(body, staff):
    from renda_crypto import device as dv

    key = sv.scrutiny_appoint(
        actor=staff, meeting=body.meeting, persons=[u.person_id for u in body.voters[:2]]
    )
    assert key.threshold == 2
    secrets = {}
    for index, user in enumerate(body.voters[:2], start=1):
        secrets[index], public = dv.new_device()
        sv.scrutiny_enrol(
            actor=user, scrutineer=key.scrutineers.get(index=index), device_key=public
        )
    keys = sv.device_keys(key)
    for index, user in enumerate(body.voters[:2], start=1):
        made = dv.deal(key.context, index, 2, keys)
        if index == 2:  # dealer 2 seals a share for 1 that is not on its polynomial
            made["shares"]["1"] = dv.seal_share(key.context, 2, 1, keys[1], 42)
        sv.scrutiny_deal(actor=user, scrutineer=key.scrutineers.get(index=index), **made)
    first = key.scrutineers.get(index=1)
    dealt = [{"dealing": s.dealing, "share": s.shares["1"]} for s in key.scrutineers.all()]
    with pytest.raises(rc.ThresholdError, match="dealer 2"):
        dv.key_share(key.context, 1, secrets[1], dealt)
    sv.scrutiny_confirm(actor=body.voters[0], scrutineer=first, complaint=2)
    key.refresh_from_db()
    assert key.status == ScrutinyKey.Status.FAILED and body.voters[1].person.name in key.failure


def test_the_ceremony_and_the_decryption_through_the_api(body, staff, make_poll, chair, client):
    """A scrutineer's device that speaks only HTTP: reads its next step, answers it."""
    from renda.accounts.services import api_token_issue
    from renda_crypto import device as dv

    users = body.voters[:2]
    client.force_login(staff)
    appointed = client.post(
        f"/api/v1/meetings/{body.meeting.pk}/scrutiny",
        {"persons": [u.person_id for u in users]},
        content_type="application/json",
    )
    assert appointed.status_code == 200, appointed.content
    client.logout()
    tokens = [api_token_issue(actor=u, label="device")[1] for u in users]
    secrets = {}

    def step(i, method, path, data=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[i - 1]}"}
        if method == "GET":
            return client.get(path, **headers)
        return client.post(path, data, content_type="application/json", **headers)

    state_path = f"/api/v1/meetings/{body.meeting.pk}/scrutiny"
    for i in (1, 2):
        secrets[i], public = dv.new_device()
        me = step(i, "GET", state_path).json()["me"]
        assert me["index"] == i
        r = step(i, "POST", f"/api/v1/scrutineers/{me['scrutineer']}/enrol", {"device_key": public})
        assert r.status_code == 200, r.content
    for i in (1, 2):
        state = step(i, "GET", state_path).json()
        made = dv.deal(
            state["context"], i, state["t"], {int(k): v for k, v in state["device_keys"].items()}
        )
        r = step(i, "POST", f"/api/v1/scrutineers/{state['me']['scrutineer']}/deal", made)
        assert r.status_code == 200, r.content
    shares = {}
    for i in (1, 2):
        state = step(i, "GET", state_path).json()
        shares[i] = dv.key_share(state["context"], i, secrets[i], state["my_shares"])
        vk = dv.verification_key(shares[i])
        assert vk == state["verification_key"]
        r = step(
            i,
            "POST",
            f"/api/v1/scrutineers/{state['me']['scrutineer']}/confirm",
            {"verification_key": vk},
        )
        assert r.status_code == 200, r.content
    assert ScrutinyKey.objects.get(meeting=body.meeting).status == ScrutinyKey.Status.READY
    poll = make_poll()
    client.force_login(body.voters[4])
    cast = client.post(
        f"/api/v1/polls/{poll.pk}/cast",
        {"ballot": encrypt(poll, [0, 0, 1])},
        content_type="application/json",
    )
    assert cast.status_code == 201, cast.content
    client.logout()
    services.poll_close(actor=chair, poll=poll)
    for i in (1, 2):
        awaiting = step(i, "GET", state_path).json()["awaiting"]
        assert [a["poll"] for a in awaiting] == [poll.pk]
        partial = dv.decrypt(awaiting[0]["context"], i, shares[i], awaiting[0]["totals"])
        r = step(i, "POST", f"/api/v1/polls/{poll.pk}/decrypt", {"partial": partial})
        assert r.status_code == 200, r.content
    poll.refresh_from_db()
    assert poll.status == Poll.Status.SEALED and poll.seal.tally["abstain"] == 1


def test_write_ins_are_shuffled_by_the_scrutineers_then_opened_and_verified(
    body, keyed, make_poll, chair
):
    _key, devices = keyed
    slate = [v.person for v in body.voters[20:23]]
    c1, c2, _c3 = (p.pk for p in slate)
    w1, w2 = body.voters[25].person_id, body.voters[26].person_id
    poll = make_poll(kind="election", seats=2, candidates=slate, secrecy="secret")
    plan = [((1, 0, 0), (w1,))] * 5 + [((0, 0, 0), (w1, w2))] * 3 + [((1, 1, 0), ())] * 4
    for user, (ticks, written) in zip(body.voters, plan, strict=False):
        services.ballot_cast(actor=user, poll=poll, choice=encrypt(poll, ticks, written))
    services.poll_close(actor=chair, poll=poll)
    poll = devices.decrypt(poll, [1, 3])
    # The totals say eleven write-ins were made: the names wait for the shuffle.
    assert poll.status == Poll.Status.CLOSED and poll.crypto["write_ins"]["stage"] == "mix"
    assert poll.crypto["counts"][3:] == [8, 3]
    with pytest.raises(Conflict) as early:
        devices.decrypt(poll, [2])
    assert early.value.code == "write_ins_mixing"
    # A decryption of the totals that arrives late (its stage is over) changes nothing.
    late = sv.scrutiny_decrypt(actor=devices.users[2], poll=poll, partial={}, stage="totals")
    assert late.log.filter(kind="partial").count() == 2
    meeting_id = poll.agenda_item.meeting_id

    def waiting(index):
        return list(sv.awaiting(devices.users[index].person_id, meeting_id))

    # The devices that decrypted mix in that order; the others wait unless the turn lapses.
    item = waiting(1)[0]
    assert item["stage"] == "mix" and item["round"] == 0 and len(item["pairs"]) == 12 * 2
    assert waiting(2) == [] and waiting(3) == []
    since = poll.crypto["write_ins"]["since"]
    lapsed = dt.datetime.fromisoformat(since) - dt.timedelta(minutes=5)
    Poll.objects.filter(pk=poll.pk).update(
        crypto={
            **poll.crypto,
            "write_ins": {**poll.crypto["write_ins"], "since": lapsed.isoformat()},
        }
    )
    assert [i["stage"] for i in waiting(2)] == ["mix"]
    Poll.objects.filter(pk=poll.pk).update(crypto=poll.crypto)
    bad = mix.mix(item["context"], item["public_key"], mix.decode_pairs(item["pairs"]), 0)
    bad["pairs"] = bad["pairs"][1:]
    with pytest.raises(DomainError) as refused:
        sv.scrutiny_mix(actor=devices.users[1], poll=poll, mixed=bad)
    assert refused.value.code == "invalid_mix"
    raced = mix.mix(item["context"], item["public_key"], mix.decode_pairs(item["pairs"]), 0)
    poll = devices.work(poll, [1])  # device 1 takes round 0 …
    assert [i["round"] for i in waiting(3)] == [1]
    # … so a mix of round 0 made at the same time by another device changes nothing.
    poll = sv.scrutiny_mix(actor=devices.users[2], poll=poll, mixed=raced)
    assert poll.log.filter(kind="mix").count() == 1
    poll = devices.work(poll, [2, 3])
    assert poll.status == Poll.Status.SEALED
    tally = poll.seal.tally
    assert {int(p): v for p, v in tally["votes"].items() if v} == {c1: 9, c2: 4, w1: 8, w2: 3}
    assert tally["ballots"] == 12 and tally["void"] == 0
    export = selectors.poll_export(poll)
    opened = export["crypto"]["write_ins"]
    assert opened["trust"] == "shuffle" and len(opened["mixes"]) == 2 and opened["void"] == 0
    assert opened["votes"] == {str(w1): 8, str(w2): 3}
    verify(export)
    # The verifier checks every mix, the decryption of the shuffled pairs and the count.
    forged = json.loads(json.dumps(export))
    forged["crypto"]["write_ins"]["mixes"][1]["pairs"].reverse()
    forged["crypto"]["write_ins"]["mixes"][1]["pairs"][0][1]["beta"] = forged["crypto"][
        "write_ins"
    ]["mixes"][0]["pairs"][0][1]["beta"]
    with pytest.raises(VerificationError):
        verify(forged)
    miscounted = json.loads(json.dumps(export))
    miscounted["crypto"]["write_ins"]["votes"][str(w1)] = 9
    with pytest.raises(VerificationError, match="write-in"):
        verify(miscounted)


def test_every_log_kind_fits_its_column():
    """The chain's entry kinds, written by the services, fit the column on PostgreSQL too."""
    import pathlib
    import re

    from renda.voting.models import PollLogEntry

    width = PollLogEntry._meta.get_field("kind").max_length
    services_dir = pathlib.Path(sv.__file__).resolve().parent
    kinds = set()
    for path in services_dir.glob("*.py"):
        kinds |= set(re.findall(r'_log\(\s*\w+,\s*(?:kind|"(\w+)")', path.read_text("utf-8")))
        kinds |= set(re.findall(r'(?:kind =|return) "(\w+)" if', path.read_text("utf-8")))
        kinds |= set(re.findall(r'else "(\w+)"\n', path.read_text("utf-8")))
    kinds.discard("")
    assert {"mix", "partial", "partial_names"} <= kinds
    assert all(len(k) <= width for k in kinds), sorted(k for k in kinds if len(k) > width)
