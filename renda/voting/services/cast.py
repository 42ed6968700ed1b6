"""Casting a ballot: the fast path, never an audited action.

Casting is split in two so a batching (group-commit) caller can reuse it:
:func:`ballot_prepare` checks one cast against an in-memory :class:`PollState` and
returns a :class:`CastPlan` (the rows to write); :func:`ballot_commit` writes a list
of plans in one transaction under the poll's row lock. :func:`ballot_cast` is the
ordinary service: prepare and commit one.

Anonymity (voting.md level 1): the box (:class:`Ballot`) never names the voter; no
audit event or log entry is written per ballot (that would tie a voter to a time), so
casting does not go through the action kernel (which audits every action it performs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

import renda_crypto as rc
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.meetings.models import Attendance

from .. import hashing
from .. import rules as counting
from ..models import Ballot, Candidate, IdempotencyKey, NamedVote, Poll, RollEntry
from ..workflow import PollStatus
from ._common import _RANDOM, _now


@dataclass
class VoterState:
    entry_id: int
    signed_in: bool
    has_voted: bool


@dataclass
class PollState:
    """What a cast is checked against, held in memory (by one request or a batcher)."""

    poll_id: int
    kind: str
    secrecy: str
    method: str
    status: str
    closes_at: dt.datetime | None
    seats: int
    candidates: frozenset[int]
    roll: dict[int, VoterState] = field(default_factory=dict)
    #: The ballot key of an encrypted poll, and the ciphertexts already in its box (a
    #: copied ballot or entry is refused: it would count a member's choice twice).
    key: Any = None
    seen: dict[str, str] = field(default_factory=dict)  # ciphertext α → its ballot's receipt


def poll_state(poll: Poll, persons: Iterable[int] | None = None) -> PollState:
    """Load a poll's state; ``persons`` narrows the roll to those voters."""
    entries = RollEntry.objects.filter(poll_id=poll.pk)
    if persons is not None:
        entries = entries.filter(person_id__in=list(persons))
    state = PollState(
        poll_id=poll.pk,
        kind=poll.kind,
        secrecy=poll.secrecy,
        method=poll.method,
        status=poll.status,
        closes_at=poll.closes_at,
        seats=poll.seats,
        candidates=frozenset(
            Candidate.objects.filter(poll_id=poll.pk).values_list("person_id", flat=True)
        ),
    )
    if poll.crypto:
        state.key = rc.PollKey.from_json(poll.crypto["key"])
        for ballot, digest in Ballot.objects.filter(poll_id=poll.pk).values_list("choice", "hash"):
            state.seen.update((a, digest) for a in rc.ballot.ballot_alphas(ballot))
    for entry_id, pid, signed, voted in entries.values_list(
        "pk", "person_id", "signed_in_at_open", "has_voted"
    ):
        state.roll[pid] = VoterState(entry_id, signed, voted)
    return state


@dataclass(frozen=True)
class CastPlan:
    """The rows one accepted cast will write."""

    poll_id: int
    person_id: int
    entry_id: int
    ballot_id: uuid.UUID
    choice: Any
    nonce: str
    hash: str
    key_digest: str | None
    named: bool


@dataclass(frozen=True)
class Receipt:
    """What the voter gets back: the ballot hash, to look up in the published list."""

    poll_id: int
    receipt: str
    replayed: bool = False


def _poll_not_open() -> Conflict:
    return Conflict("poll_not_open", _("表决未在进行中，不能投票。"))


def _invalid_ballot() -> DomainError:
    return DomainError("invalid_ballot", _("选票内容无效。"), field="choice")


def normalize_choice(state: PollState, choice: Any, resend: bool = False) -> Any:
    """Return the canonical form of a choice, or refuse it as ``invalid_ballot``.

    Simple polls take one option string. Elections take ``{"candidates": [...],
    "write_ins": [...]}`` (person ids); ticking more than ``seats`` is accepted and
    counted as a void ballot (废票), as on paper. An encrypted poll takes only an
    encrypted ballot whose proofs hold (:func:`renda_crypto.verify_ballot`).
    """
    if state.key is not None:
        return _encrypted(state, choice, resend)
    if state.kind != Poll.Kind.ELECTION:
        if not isinstance(choice, str) or choice not in counting.options_for(state.kind):
            raise _invalid_ballot()
        return choice
    if not isinstance(choice, dict) or set(choice) - {"candidates", "write_ins"}:
        raise _invalid_ballot()
    ticked, written = choice.get("candidates", []), choice.get("write_ins", [])
    if not isinstance(ticked, list) or not isinstance(written, list):
        raise _invalid_ballot()
    if not all(isinstance(p, int) and not isinstance(p, bool) for p in [*ticked, *written]):
        raise _invalid_ballot()
    if len(set(ticked) | set(written)) != len(ticked) + len(written):
        raise _invalid_ballot()
    if any(p not in state.candidates for p in ticked) or any(
        p in state.candidates for p in written
    ):
        raise _invalid_ballot()
    return {"candidates": sorted(ticked), "write_ins": sorted(written)}


def _copied() -> DomainError:
    return DomainError(
        "copied_ballot", _("这张加密选票复制了票箱中已有的选票，未被接受。"), field="choice"
    )


def _encrypted(state: PollState, ballot: Any, resend: bool) -> Any:
    try:
        rc.verify_ballot(state.key, ballot)
    except (rc.BallotError, TypeError, KeyError, ValueError):
        raise DomainError(
            "invalid_ballot",
            _("加密选票无效（格式或有效性证明不成立），请在表决终端重新投票。"),
            field="choice",
        ) from None
    ballot = {k: ballot[k] for k in ("choices", "sum_proof", "names") if k in ballot}
    alphas = rc.ballot.ballot_alphas(ballot)
    if len(set(alphas)) != len(alphas):
        raise _copied()
    digest = rc.receipt(ballot)
    earlier = {state.seen[a] for a in alphas if a in state.seen}
    # The very same ballot again is a retry only with its idempotency key (answered from
    # the key in ballot_commit); any other reuse of a ciphertext is a copy.
    if earlier and (earlier != {digest} or not resend):
        raise _copied()
    return ballot


def ballot_prepare(
    state: PollState,
    *,
    person_id: int,
    choice: Any,
    key_digest: str | None = None,
    now: dt.datetime | None = None,
) -> CastPlan:
    """Check one cast against ``state`` and plan its rows; reserves the voter in ``state``."""
    now = _now(now)
    if state.status != PollStatus.OPEN or (state.closes_at is not None and now >= state.closes_at):
        raise _poll_not_open()
    if state.method != Poll.Method.KEYPAD:
        raise Conflict("poll_manual", _("本次表决以举手或纸质选票进行，由工作人员录入计票结果。"))
    voter = state.roll.get(person_id)
    if voter is None:
        raise PermissionDenied("not_entitled", _("您不在本次表决的名册中，不能投票。"))
    if not voter.signed_in:
        raise Conflict("not_signed_in", _("您尚未签到，请先签到再投票。"))
    if voter.has_voted and key_digest is None:
        raise Conflict("already_voted", _("您已投票，每人只能投一次。"))
    choice = normalize_choice(state, choice, resend=key_digest is not None)
    ballot_id = uuid.uuid4()
    if state.key is not None:
        # The receipt is the hash of the encrypted ballot: it finds the ballot, not the choice.
        nonce, digest = "", rc.receipt(choice)
        state.seen.update((c["alpha"], digest) for c in choice["choices"])
    else:
        nonce = secrets.token_hex(16)
        digest = hashing.ballot_hash(state.poll_id, str(ballot_id), choice, nonce)
    voter.has_voted = True
    return CastPlan(
        poll_id=state.poll_id,
        person_id=person_id,
        entry_id=voter.entry_id,
        ballot_id=ballot_id,
        choice=choice,
        nonce=nonce,
        hash=digest,
        key_digest=key_digest,
        named=state.secrecy == Poll.Secrecy.NAMED,
    )


def ballot_commit(
    *, poll_id: int, plans: Sequence[CastPlan], now: dt.datetime | None = None
) -> list[Receipt | DomainError]:
    """Write planned casts in one transaction; one result per plan, in order.

    Holds the poll's row lock, so a close cannot slip between the status check and
    the insert; the conditional roll update keeps one ballot per member even so.
    """
    now = _now(now)
    results: list[Receipt | DomainError] = []
    with transaction.atomic():
        row = (
            Poll.objects.select_for_update()
            .filter(pk=poll_id)
            .values_list("status", "closes_at")
            .first()
        )
        if row is None or row[0] != PollStatus.OPEN or (row[1] is not None and now >= row[1]):
            return [_poll_not_open() for _plan in plans]
        digests = [p.key_digest for p in plans if p.key_digest]
        known = (
            dict(
                IdempotencyKey.objects.filter(poll_id=poll_id, digest__in=digests).values_list(
                    "digest", "receipt"
                )
            )
            if digests
            else {}
        )
        entry_ids = [p.entry_id for p in plans]
        voted = set(
            RollEntry.objects.filter(pk__in=entry_ids, has_voted=True).values_list("pk", flat=True)
        )
        # A receipt already in the box (an encrypted ballot sent again by another member).
        encrypted = [p.hash for p in plans if not p.nonce]
        boxed = (
            set(
                Ballot.objects.filter(poll_id=poll_id, hash__in=encrypted).values_list(
                    "hash", flat=True
                )
            )
            if encrypted
            else set()
        )
        accepted: list[CastPlan] = []
        for plan in plans:
            if plan.key_digest and plan.key_digest in known:
                results.append(Receipt(poll_id, known[plan.key_digest], replayed=True))
                continue
            if plan.entry_id in voted:
                results.append(Conflict("already_voted", _("您已投票，每人只能投一次。")))
                continue
            if plan.hash in boxed:
                results.append(_copied())
                continue
            boxed.add(plan.hash)
            voted.add(plan.entry_id)
            if plan.key_digest:
                known[plan.key_digest] = plan.hash
            accepted.append(plan)
            results.append(Receipt(poll_id, plan.hash))
        if accepted:
            marked = RollEntry.objects.filter(
                pk__in=[p.entry_id for p in accepted], has_voted=False
            ).update(has_voted=True)
            if marked != len(accepted):  # pragma: no cover - guarded by the poll lock
                raise Conflict("already_voted", _("您已投票，每人只能投一次。"))
            ballots = [
                Ballot(id=p.ballot_id, poll_id=poll_id, choice=p.choice, nonce=p.nonce, hash=p.hash)
                for p in accepted
            ]
            _RANDOM.shuffle(ballots)
            Ballot.objects.bulk_create(ballots)
            IdempotencyKey.objects.bulk_create(
                [
                    IdempotencyKey(poll_id=poll_id, digest=p.key_digest, receipt=p.hash)
                    for p in accepted
                    if p.key_digest
                ]
            )
            NamedVote.objects.bulk_create(
                [
                    NamedVote(poll_id=poll_id, person_id=p.person_id, choice=p.choice)
                    for p in accepted
                    if p.named
                ]
            )
            Poll.objects.filter(pk=poll_id).update(received=F("received") + len(accepted))
    return results


def idempotency_digest(poll_id: int, person_id: int, key: str) -> str:
    """HMAC of (poll, voter, key) under the server secret: no person column needed."""
    message = f"{poll_id}:{person_id}:{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def ballot_cast(
    *,
    actor,
    poll: Poll,
    choice: Any,
    idempotency_key: str | None = None,
    now: dt.datetime | None = None,
) -> Receipt:
    """Cast one ballot and return the receipt once it is committed.

    A retry with the same ``idempotency_key`` gets the same receipt and writes nothing.
    """
    if actor is None or not actor.has_perm("voting.cast") or not getattr(actor, "person_id", None):
        raise PermissionDenied("not_entitled", _("您不在本次表决的名册中，不能投票。"))
    person_id = actor.person_id
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= 200:
        raise DomainError(
            "invalid_idempotency_key",
            _("幂等键长度应为 1 至 200 个字符。"),
            field="idempotency_key",
        )
    digest = idempotency_digest(poll.pk, person_id, idempotency_key) if idempotency_key else None
    poll = Poll.objects.get(pk=poll.pk)
    state = poll_state(poll, persons=[person_id])
    voter = state.roll.get(person_id)
    if voter is not None and not voter.signed_in:
        # Signed in after the poll opened: still entitled to vote (base N is unchanged).
        voter.signed_in = Attendance.objects.filter(
            meeting_id=poll.agenda_item.meeting_id,
            person_id=person_id,
            role=Attendance.Role.VOTING,
            status=Attendance.Status.PRESENT,
        ).exists()
    plan = ballot_prepare(state, person_id=person_id, choice=choice, key_digest=digest, now=now)
    result = ballot_commit(poll_id=poll.pk, plans=[plan], now=now)[0]
    if isinstance(result, DomainError):
        raise result
    if not result.replayed:
        # Committed: the screens may now show "received n of N" (never a count by option).
        from ..streams import publish_poll_state

        publish_poll_state(poll)
    return result
