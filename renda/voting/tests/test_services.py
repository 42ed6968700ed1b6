"""Services with a database: the poll's life, refusals with their codes, audit, receipts."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import DomainError
from renda.core.models import AuditEvent
from renda.meetings.models import AgendaItem, Attendance
from renda.people.models import Person
from renda.voting import selectors, services
from renda.voting.models import Ballot, IdempotencyKey, Poll, PollLogEntry, RollEntry

pytestmark = pytest.mark.django_db


def cast(poll, user, choice="yes", **kw):
    return services.ballot_cast(actor=user, poll=poll, choice=choice, **kw)


def code_of(excinfo) -> str:
    return excinfo.value.code


def test_open_snapshots_roll_and_logs_its_hash(make_poll, body):
    poll = make_poll()
    assert poll.status == "open" and poll.base_count == 30 and poll.threshold == 16
    assert RollEntry.objects.filter(poll=poll).count() == 30
    opening = PollLogEntry.objects.get(poll=poll, seq=1)
    assert opening.kind == "open" and len(opening.payload["roll_hash"]) == 64
    assert AuditEvent.objects.filter(action="voting.poll.opened", object_id=str(poll.pk)).exists()


def test_r3_open_refused_below_quorum(body_factory, staff, chair):
    """§8.8: more than half of all members must be present; 15 of 30 is not enough."""
    b = body_factory(30, prefix="q")
    b.sign_in(b.voters[:15])
    poll = services.poll_create(actor=staff, agenda_item=b.item, kind="decision")
    with pytest.raises(DomainError) as exc:
        services.poll_open(actor=chair, poll=poll)
    assert code_of(exc) == "quorum_not_met"
    assert "§8.8" in exc.value.message_in("zh-hans") and "16" in exc.value.message_in("zh-hans")
    assert "§8.8" in exc.value.message_in("en")
    poll.refresh_from_db()
    assert poll.status == "draft" and not RollEntry.objects.filter(poll=poll).exists()
    b.sign_in(b.voters[15:16])
    assert services.poll_open(actor=chair, poll=poll).status == "open"


def test_r3_congress_needs_two_thirds(body_factory, staff, chair):
    """§8.2: a congress session needs at least 2/3 of all deputies."""
    b = body_factory(9, kind="congress_session", prefix="d")
    b.sign_in(b.voters[:5])
    poll = services.poll_create(actor=staff, agenda_item=b.item, kind="decision")
    with pytest.raises(DomainError) as exc:
        services.poll_open(actor=chair, poll=poll)
    assert code_of(exc) == "quorum_not_met" and "§8.2" in exc.value.message_in("en")
    b.sign_in(b.voters[5:6])
    assert services.poll_open(actor=chair, poll=poll).status == "open"


def test_full_life_decision(make_poll, body, chair):
    poll = make_poll()
    for user in body.voters[:20]:
        cast(poll, user, "yes")
    for user in body.voters[20:24]:
        cast(poll, user, "no")
    cast(poll, body.voters[24], "abstain")
    poll.refresh_from_db()
    assert selectors.poll_progress(poll) == {
        "poll": poll.pk,
        "status": "open",
        "received": 25,
        "of": 30,
    }
    poll = services.poll_close(actor=chair, poll=poll)
    assert poll.status == "sealed"
    tally = poll.seal.tally
    assert (tally["yes"], tally["no"], tally["abstain"], tally["not_voted"]) == (20, 4, 1, 5)
    assert tally["result"] == "passed"
    kinds = list(PollLogEntry.objects.filter(poll=poll).values_list("kind", flat=True))
    assert kinds == ["open", "close", "tally"]
    assert poll.seal.chain_head == PollLogEntry.objects.get(poll=poll, seq=3).hash
    services.poll_announce(actor=chair, poll=poll)
    assert AgendaItem.objects.get(pk=body.item.pk).disposition == "voted"
    actions = set(
        AuditEvent.objects.filter(object_id=str(poll.pk), object_type="voting.poll").values_list(
            "action", flat=True
        )
    )
    assert {
        "voting.poll.opened",
        "voting.poll.closed",
        "voting.poll.sealed",
        "voting.poll.announced",
    } <= actions


def test_no_audit_event_or_log_entry_per_ballot(make_poll, body):
    poll = make_poll()
    before_audit = AuditEvent.objects.count()
    before_log = PollLogEntry.objects.filter(poll=poll).count()
    for user in body.voters[:5]:
        cast(poll, user)
    assert AuditEvent.objects.count() == before_audit
    assert PollLogEntry.objects.filter(poll=poll).count() == before_log
    voter_ids = {u.pk for u in body.voters}
    assert not AuditEvent.objects.filter(actor_id__in=voter_ids).exists()


def test_cast_refusals(make_poll, body, body_factory, users):
    poll = make_poll()
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[0], "maybe")
    assert code_of(exc) == "invalid_ballot"
    cast(poll, body.voters[0])
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[0], "no")
    assert code_of(exc) == "already_voted"
    with pytest.raises(DomainError) as exc:
        cast(poll, users["member"])  # a member, but not on this roll
    assert code_of(exc) == "not_entitled"
    with pytest.raises(DomainError) as exc:
        cast(poll, users["staff"])
    assert code_of(exc) == "not_entitled"
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_not_signed_in_refused_until_signing_in(body_factory, staff, chair):
    b = body_factory(10, prefix="s")
    b.sign_in(b.voters[:6])
    poll = services.poll_create(actor=staff, agenda_item=b.item, kind="decision")
    poll = services.poll_open(actor=chair, poll=poll)
    late = b.voters[9]
    with pytest.raises(DomainError) as exc:
        cast(poll, late)
    assert code_of(exc) == "not_signed_in"
    Attendance.objects.create(meeting=b.meeting, person_id=late.person_id, status="present")
    assert cast(poll, late).receipt
    poll.refresh_from_db()
    assert poll.base_count == 10


def test_idempotent_retry_returns_same_receipt(make_poll, body):
    poll = make_poll()
    first = cast(poll, body.voters[0], idempotency_key="k-1")
    again = cast(poll, body.voters[0], idempotency_key="k-1")
    assert again.receipt == first.receipt and again.replayed and not first.replayed
    assert Ballot.objects.filter(poll=poll).count() == 1
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[0], idempotency_key="k-2")
    assert code_of(exc) == "already_voted"
    # Another voter using the same key gets their own ballot, not someone else's receipt.
    other = cast(poll, body.voters[1], idempotency_key="k-1")
    assert other.receipt != first.receipt
    assert not any(f.name == "person" for f in IdempotencyKey._meta.get_fields())


def test_i2_finality(make_poll, body, chair):
    poll = make_poll()
    cast(poll, body.voters[0])
    poll = services.poll_close(actor=chair, poll=poll)
    fingerprint = poll.seal.fingerprint
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[1])
    assert code_of(exc) == "poll_not_open"
    again = services.poll_close(actor=chair, poll=poll)
    assert again.status == "sealed" and again.seal.fingerprint == fingerprint
    assert PollLogEntry.objects.filter(poll=poll).count() == 3
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert not IdempotencyKey.objects.filter(poll=poll).exists()


def test_cast_after_deadline_refused(make_poll, body, chair):
    poll = make_poll()
    now = timezone.now()
    services.poll_extend(actor=chair, poll=poll, closes_at=now + dt.timedelta(minutes=1), now=now)
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[0], now=now + dt.timedelta(minutes=2))
    assert code_of(exc) == "poll_not_open"
    assert cast(poll, body.voters[0], now=now + dt.timedelta(seconds=30)).receipt


def test_pause_resume_extend_are_logged(make_poll, body, chair):
    poll = make_poll()
    services.poll_pause(actor=chair, poll=poll, reason="表决器故障")
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[0])
    assert code_of(exc) == "poll_not_open"
    with pytest.raises(DomainError) as exc:
        services.poll_pause(actor=chair, poll=poll)
    assert code_of(exc) == "status_not_allowed"
    services.poll_resume(actor=chair, poll=poll)
    later = timezone.now() + dt.timedelta(minutes=5)
    services.poll_extend(actor=chair, poll=poll, closes_at=later)
    with pytest.raises(DomainError) as exc:
        services.poll_extend(actor=chair, poll=poll, closes_at=later - dt.timedelta(minutes=1))
    assert code_of(exc) == "invalid_closes_at"
    cast(poll, body.voters[0])
    kinds = list(PollLogEntry.objects.filter(poll=poll).values_list("kind", flat=True))
    assert kinds == ["open", "pause", "resume", "extend"]


def test_annul_needs_reason_and_is_logged(make_poll, body, chair):
    poll = make_poll()
    cast(poll, body.voters[0])
    with pytest.raises(DomainError) as exc:
        services.poll_annul(actor=chair, poll=poll, reason="  ")
    assert code_of(exc) == "reason_required"
    poll = services.poll_annul(actor=chair, poll=poll, reason="表决系统故障，改用举手表决")
    assert poll.status == "annulled"
    assert (
        PollLogEntry.objects.filter(poll=poll, kind="annul")
        .get()
        .payload["reason"]
        .startswith("表决系统")
    )
    with pytest.raises(DomainError) as exc:
        services.poll_close(actor=chair, poll=poll)
    assert code_of(exc) == "status_not_allowed"
    with pytest.raises(DomainError) as exc:
        services.poll_announce(actor=chair, poll=poll)
    assert code_of(exc) == "status_not_allowed"


def test_permissions(body, users, make_poll):
    with pytest.raises(DomainError) as exc:
        services.poll_create(actor=users["member"], agenda_item=body.item, kind="decision")
    assert exc.value.status == 403
    poll = make_poll(open_=False)
    for role in ("member", "deputy", "unit_officer"):
        with pytest.raises(DomainError) as exc:
            services.poll_open(actor=users[role], poll=poll)
        assert exc.value.status == 403
    with pytest.raises(DomainError):
        services.poll_close(actor=users["deputy"], poll=poll)


def test_announce_waits_for_seal(make_poll, chair):
    poll = make_poll()
    with pytest.raises(DomainError) as exc:
        services.poll_announce(actor=chair, poll=poll)
    assert code_of(exc) == "status_not_allowed"


def test_v1_receipts_found_in_published_list_forged_not(make_poll, body, chair):
    poll = make_poll()
    receipts = [
        cast(poll, u, ["yes", "no", "abstain"][i % 3]).receipt
        for i, u in enumerate(body.voters[:12])
    ]
    poll = services.poll_close(actor=chair, poll=poll)
    published = {b["hash"] for b in selectors.published_ballots(poll)}
    assert set(receipts) == published
    assert all(selectors.receipt_found(poll, rcpt) for rcpt in receipts)
    forged = receipts[0][:-1] + ("0" if receipts[0][-1] != "0" else "1")
    assert not selectors.receipt_found(poll, forged)
    assert forged not in published


def test_appointment_is_per_person_unless_no_objection(body, staff, chair, users):
    nominee = Person.objects.create(name="被任命人", gender="male")
    with pytest.raises(DomainError) as exc:
        services.poll_create(actor=staff, agenda_item=body.item, kind="appointment")
    assert code_of(exc) == "nominee_required"
    poll = services.poll_create(
        actor=staff, agenda_item=body.item, kind="appointment", nominee=nominee
    )
    assert poll.nominee == nominee and not poll.en_bloc
    others = [Person.objects.create(name=f"被任命人{i}", gender="male") for i in range(3)]
    with pytest.raises(DomainError) as exc:
        services.poll_create(
            actor=staff, agenda_item=body.item, kind="appointment", nominees=others, en_bloc=True
        )
    assert code_of(exc) == "en_bloc_needs_no_objection"
    merged = services.poll_create(
        actor=chair if chair.has_perm("voting.manage") else staff,
        agenda_item=body.item,
        kind="appointment",
        nominees=others,
        en_bloc=True,
        no_objection=True,
    )
    assert (
        merged.en_bloc and merged.no_objection_by_id == staff.pk and merged.candidates.count() == 3
    )


def test_election_slate_refused_outside_statute(body, staff):
    people = [Person.objects.create(name=f"候选人{i}", gender="female") for i in range(8)]
    with pytest.raises(DomainError) as exc:
        services.poll_create(
            actor=staff,
            agenda_item=body.item,
            kind="election",
            seats=3,
            candidates=people[:3],
            office_kind="deputy_head",
        )
    assert code_of(exc) == "slate_out_of_range"
    assert "§7.2" in exc.value.message_in("zh-hans")
    with pytest.raises(DomainError) as exc:
        services.poll_create(
            actor=staff,
            agenda_item=body.item,
            kind="election",
            seats=3,
            candidates=people[:7],
            office_kind="deputy_head",
        )
    assert code_of(exc) == "slate_out_of_range"
    poll = services.poll_create(
        actor=staff,
        agenda_item=body.item,
        kind="election",
        seats=3,
        candidates=people[:5],
        office_kind="deputy_head",
    )
    assert poll.secrecy == "secret" and poll.candidates.count() == 5
    with pytest.raises(DomainError) as exc:
        services.poll_create(
            actor=staff, agenda_item=body.item, kind="election", seats=3, candidates=people[:2]
        )
    assert code_of(exc) == "too_few_candidates"


def test_election_cast_write_in_and_void(body, staff, chair):
    people = [Person.objects.create(name=f"候选人{i}", gender="female") for i in range(3)]
    writein = Person.objects.create(name="另选之人", gender="male")
    poll = services.poll_create(
        actor=staff, agenda_item=body.item, kind="election", seats=2, candidates=people
    )
    poll = services.poll_open(actor=chair, poll=poll)
    a, b, c = (p.pk for p in people)
    for user in body.voters[:16]:
        cast(poll, user, {"candidates": [a], "write_ins": [writein.pk]})
    cast(poll, body.voters[16], {"candidates": [a, b, c]})  # over-selection: void
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[17], {"candidates": [writein.pk]})  # not on the slate
    assert code_of(exc) == "invalid_ballot"
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[17], {"candidates": [a], "write_ins": [a]})
    assert code_of(exc) == "invalid_ballot"
    poll = services.poll_close(actor=chair, poll=poll)
    tally = poll.seal.tally
    assert tally["void"] == 1 and tally["valid"] == 16
    assert tally["elected"] == [a, writein.pk] and tally["result"] == "complete"


def test_satisfaction_poll(make_poll, body, chair):
    poll = make_poll(kind="satisfaction", satisfaction_counts_basic=True)
    for i, user in enumerate(body.voters[:20]):
        cast(poll, user, "satisfied" if i < 10 else "basically_satisfied")
    with pytest.raises(DomainError):
        cast(poll, body.voters[25], "yes")
    poll = services.poll_close(actor=chair, poll=poll)
    assert poll.seal.tally["result"] == "satisfied"


# --------------------------------------------------------------------------- manual counts


def test_manual_count_two_staff_must_agree(make_poll, body, chair, users, staff):
    poll = make_poll(method="show_of_hands")
    with pytest.raises(DomainError) as exc:
        cast(poll, body.voters[0])
    assert code_of(exc) == "poll_manual"
    poll = services.poll_close(actor=chair, poll=poll)
    assert poll.status == "closed"
    counts = {"yes": 20, "no": 3, "abstain": 2}
    services.manual_count_enter(actor=staff, poll=poll, counts=counts)
    with pytest.raises(DomainError) as exc:
        services.manual_count_enter(actor=staff, poll=poll, counts=counts)
    assert code_of(exc) == "manual_same_staff"
    admin = users["admin"]
    with pytest.raises(DomainError) as exc:
        services.manual_count_enter(actor=admin, poll=poll, counts={**counts, "yes": 19})
    assert code_of(exc) == "manual_counts_disagree"
    poll.refresh_from_db()
    assert poll.status == "closed"
    with pytest.raises(DomainError) as exc:
        services.manual_count_enter(actor=users["leader"], poll=poll, counts=counts)
    assert exc.value.status == 403
    services.manual_count_enter(actor=admin, poll=poll, counts=counts)
    poll.refresh_from_db()
    assert (
        poll.status == "sealed"
        and poll.seal.tally["yes"] == 20
        and poll.seal.tally["not_voted"] == 5
    )
    kinds = list(PollLogEntry.objects.filter(poll=poll).values_list("kind", flat=True))
    assert kinds == ["open", "close", "manual", "tally"]


def test_manual_paper_election_returned_more_than_issued_is_void(body, staff, chair, users):
    people = [Person.objects.create(name=f"候选人{i}", gender="female") for i in range(2)]
    poll = services.poll_create(
        actor=staff,
        agenda_item=body.item,
        kind="election",
        seats=1,
        candidates=people,
        method="paper",
    )
    poll = services.poll_open(actor=chair, poll=poll)
    poll = services.poll_close(actor=chair, poll=poll)
    counts = {"votes": {str(people[0].pk): 20, str(people[1].pk): 8}, "void": 1}
    with pytest.raises(DomainError) as exc:
        services.manual_count_enter(actor=staff, poll=poll, counts=counts)
    assert code_of(exc) == "issued_returned_required"
    services.manual_count_enter(actor=staff, poll=poll, counts=counts, issued=29, returned=30)
    services.manual_count_enter(
        actor=users["admin"], poll=poll, counts=counts, issued=29, returned=30
    )
    poll.refresh_from_db()
    assert poll.seal.tally["result"] == "void"


def test_switch_to_manual_only_before_ballots(make_poll, body, chair):
    poll = make_poll()
    services.poll_switch_to_manual(actor=chair, poll=poll)
    poll.refresh_from_db()
    assert poll.method == "show_of_hands"
    other = make_poll()
    cast(other, body.voters[0])
    with pytest.raises(DomainError) as exc:
        services.poll_switch_to_manual(actor=chair, poll=other)
    assert code_of(exc) == "ballots_received"


def test_poll_sealed_effects_run_after_commit_and_a_failing_one_is_kept_and_retried(
    make_poll, body, chair, django_capture_on_commit_callbacks, monkeypatch
):
    from renda.core import effects
    from renda.core.models import Effect
    from renda.voting.hooks import POLL_SEALED

    received = []
    broken = {"yes": True}

    def record(*, poll_id, actor_id):
        received.append((poll_id, Poll.objects.get(pk=poll_id).seal.tally["result"], actor_id))

    def flaky(*, poll_id, actor_id):
        if broken["yes"]:
            raise RuntimeError("a handler's own bug")
        received.append(("flaky", poll_id))

    monkeypatch.setitem(effects.HANDLERS, POLL_SEALED, [("t.flaky", flaky), ("t.record", record)])
    poll = make_poll()
    cast(poll, body.voters[0], "yes")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.poll_close(actor=chair, poll=poll)
    assert received == []  # nothing before the commit
    rows = {e.handler: e for e in Effect.objects.filter(hook=POLL_SEALED)}
    assert set(rows) == {"t.flaky", "t.record"} and rows["t.record"].payload == {
        "poll_id": poll.pk,
        "actor_id": chair.pk,
    }
    for callback in callbacks:
        callback()
    assert received == [(poll.pk, "failed", chair.pk)]
    poll.refresh_from_db()
    assert poll.status == "sealed"  # the failure never undoes the seal
    failing = Effect.objects.get(handler="t.flaky")
    assert failing.done_at is None and failing.attempts == 1
    assert "a handler's own bug" in failing.last_error
    assert list(effects.pending()) == [failing]
    assert Effect.objects.get(handler="t.record").done_at is not None
    broken["yes"] = False
    assert effects.retry_pending() == (1, 0)
    assert received[-1] == ("flaky", poll.pk) and not effects.pending().exists()
    assert effects.retry_pending() == (0, 0)  # nothing runs twice
