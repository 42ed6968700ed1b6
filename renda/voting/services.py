"""Writes of the voting module: create, open, cast, pause, close, seal, annul, announce.

Casting is split in two so a batching (group-commit) caller can reuse it:
:func:`ballot_prepare` checks one cast against an in-memory :class:`PollState` and
returns a :class:`CastPlan` (the rows to write); :func:`ballot_commit` writes a list
of plans in one transaction under the poll's row lock. :func:`ballot_cast` is the
ordinary service: prepare and commit one.

Anonymity (voting.md level 1): the box (:class:`Ballot`) never names the voter; no
audit event or log entry is written per ballot (that would tie a voter to a time);
the poll log records the roll hash at open and, at close, the digest of the
*sorted* ballot hashes, then the tally; the box and the roll are rewritten at close
so insertion order reveals nothing, and idempotency records are dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import effects
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.statute import params
from renda.meetings.models import AgendaItem, Attendance, Meeting
from renda.meetings.selectors import quorum, roll
from renda.people.models import Person

from . import hashing
from . import rules as counting
from .hooks import POLL_SEALED
from .models import (
    Ballot,
    Candidate,
    IdempotencyKey,
    ManualCount,
    NamedVote,
    Poll,
    PollLogEntry,
    RollEntry,
    Seal,
)
from .statute import PARAMS
from .workflow import PollStatus, can_move

_RANDOM = secrets.SystemRandom()


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied()


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _json(value: Any) -> Any:
    """The value as JSON would give it back (string keys, lists), so hashes are stable."""
    return json.loads(hashing.canonical(value))


def _lock(poll: Poll) -> Poll:
    return (
        Poll.objects.select_for_update(of=("self",))
        .select_related("agenda_item__meeting")
        .get(pk=poll.pk)
    )


def _log(poll: Poll, kind: str, payload: dict[str, Any]) -> PollLogEntry:
    """Append one entry to the poll's chain; the caller holds the poll's row lock."""
    payload = _json(payload)
    seq = poll.log_seq + 1
    digest = hashing.log_hash(poll.pk, seq, kind, payload, poll.log_head)
    entry = PollLogEntry.objects.create(
        poll=poll, seq=seq, kind=kind, payload=payload, prev_hash=poll.log_head, hash=digest
    )
    poll.log_seq, poll.log_head = seq, digest
    Poll.objects.filter(pk=poll.pk).update(log_seq=seq, log_head=digest)
    return entry


def _audit(actor, action: str, poll: Poll, **changes: Any) -> None:
    """Record a chair or staff action, and tell the chamber screens once it has committed."""
    from .streams import publish_on_commit

    audit_record(actor=actor, action=action, obj=poll, changes=changes)
    publish_on_commit(poll)


# --------------------------------------------------------------------------- create


def _slate_values() -> dict[str, Any]:
    return params(*(p.key for p in PARAMS if p.key.startswith("voting.slate.")))


def poll_create(
    *,
    actor,
    agenda_item: AgendaItem,
    kind: str,
    title: str = "",
    secrecy: str | None = None,
    method: str = Poll.Method.KEYPAD,
    nominee: Person | None = None,
    nominees: Sequence[Person] = (),
    candidates: Sequence[Person] = (),
    seats: int = 1,
    office_kind: str = Poll.OfficeKind.OTHER,
    satisfaction_counts_basic: bool | None = None,
    en_bloc: bool = False,
    no_objection: bool = False,
) -> Poll:
    """Create a draft poll on an agenda item, refusing slates outside §7.1 / §7.2."""
    _require(actor, "voting.manage")
    if kind not in Poll.Kind.values:
        raise DomainError("invalid_kind", _("表决类别无效。"), field="kind")
    if secrecy is None:
        secrecy = Poll.Secrecy.SECRET if kind == Poll.Kind.ELECTION else Poll.Secrecy.ANONYMOUS
    if secrecy not in Poll.Secrecy.values:
        raise DomainError("invalid_secrecy", _("记名方式无效。"), field="secrecy")
    if method not in Poll.Method.values:
        raise DomainError("invalid_method", _("表决方式无效。"), field="method")
    if office_kind not in Poll.OfficeKind.values:
        raise DomainError("invalid_office_kind", _("选举职务类别无效。"), field="office_kind")
    if agenda_item.meeting.status == Meeting.Status.CLOSED:
        raise Conflict("meeting_closed", _("会议已闭会，不能再安排表决。"))
    slate: list[Person] = []
    if kind == Poll.Kind.APPOINTMENT:
        if en_bloc:
            if not no_objection or not actor.has_perm("voting.chair"):
                raise Conflict(
                    "en_bloc_needs_no_objection",
                    _("任免事项应逐人表决；合并表决须由主持人确认无异议（§7.6）。"),
                )
            if len(nominees) < 2:
                raise DomainError(
                    "nominees_required", _("合并表决须列出至少两名被任免人。"), field="nominees"
                )
            slate = list(nominees)
        elif nominee is None:
            raise DomainError(
                "nominee_required",
                _("任免表决须逐人进行，请指定被任免人（§7.6）。"),
                field="nominee",
            )
    if kind == Poll.Kind.ELECTION:
        slate = list(candidates)
        if seats < 1:
            raise DomainError("invalid_seats", _("应选人数至少为一人。"), field="seats")
        if len({p.pk for p in slate}) != len(slate):
            raise DomainError(
                "duplicate_candidate", _("候选人名单中有重复人员。"), field="candidates"
            )
        if len(slate) < seats:
            raise DomainError(
                "too_few_candidates", _("候选人人数不得少于应选人数。"), field="candidates"
            )
        bounds = counting.slate_bounds(office_kind=office_kind, seats=seats, values=_slate_values())
        if bounds is not None and not bounds[0] <= len(slate) <= bounds[1]:
            raise DomainError(
                "slate_out_of_range",
                _(
                    "差额选举候选人人数应为 {low} 至 {high} 人（应选 {seats} 人，{rule}），现为 {count} 人。"
                ),
                field="candidates",
                low=bounds[0],
                high=bounds[1],
                seats=seats,
                rule=counting.SLATE_RULES[office_kind],
                count=len(slate),
            )
    if satisfaction_counts_basic is None:
        satisfaction_counts_basic = bool(
            params("voting.satisfaction_counts_basic")["voting.satisfaction_counts_basic"]
        )
    title = (title or agenda_item.title).strip()[:200]
    with transaction.atomic():
        poll = Poll.objects.create(
            agenda_item=agenda_item,
            title=title,
            kind=kind,
            secrecy=secrecy,
            method=method,
            nominee=nominee if kind == Poll.Kind.APPOINTMENT and not en_bloc else None,
            seats=seats if kind == Poll.Kind.ELECTION else 1,
            office_kind=office_kind,
            satisfaction_counts_basic=satisfaction_counts_basic,
            en_bloc=en_bloc,
            no_objection_by=actor if en_bloc else None,
            no_objection_at=timezone.now() if en_bloc else None,
        )
        Candidate.objects.bulk_create(
            [Candidate(poll=poll, person=p, order=i) for i, p in enumerate(slate, start=1)]
        )
        _audit(
            actor,
            "voting.poll.created",
            poll,
            kind=kind,
            secrecy=secrecy,
            method=method,
            candidates=[p.pk for p in slate],
            en_bloc=en_bloc,
        )
    return poll


# --------------------------------------------------------------------------- open


def poll_open(
    *, actor, poll: Poll, closes_at: dt.datetime | None = None, now: dt.datetime | None = None
) -> Poll:
    """Snapshot the roll, record its hash and open the poll; refuse below quorum (§8.2, §8.8)."""
    _require(actor, "voting.chair")
    now = _now(now)
    with transaction.atomic():
        poll = _lock(poll)
        if not can_move(poll.status, PollStatus.OPEN) or poll.status != PollStatus.DRAFT:
            raise Conflict("poll_not_draft", _("该表决已开始或已结束，不能再次开始。"))
        meeting = poll.agenda_item.meeting
        if meeting.status == Meeting.Status.CLOSED:
            raise Conflict("meeting_closed", _("会议已闭会，不能开始表决。"))
        if closes_at is not None and closes_at <= now:
            raise DomainError("invalid_closes_at", _("截止时间须晚于现在。"), field="closes_at")
        q = quorum(meeting)
        if not q.met:
            raise Conflict(
                "quorum_not_met",
                _(
                    "出席 {present} 人，未达到法定人数：应到 {entitled} 人，须{text}即至少 {required} 人出席"
                    "（{rule}）。不能开始表决。"
                ),
                present=q.present,
                entitled=q.entitled,
                required=q.required,
                text=q.text,
                rule=q.rule,
            )
        rows = sorted(roll(meeting))
        digest = hashing.roll_hash(poll.pk, rows)
        RollEntry.objects.bulk_create(
            [RollEntry(poll=poll, person_id=pid, signed_in_at_open=signed) for pid, signed in rows],
            batch_size=1000,
        )
        poll.base_count = len(rows)
        poll.threshold = counting.majority_of_all(len(rows))
        poll.status = PollStatus.OPEN
        poll.opened_at = now
        poll.closes_at = closes_at
        poll.save(
            update_fields=[
                "base_count",
                "threshold",
                "status",
                "opened_at",
                "closes_at",
                "updated_at",
            ]
        )
        _log(
            poll,
            "open",
            {
                "at": now.isoformat(),
                "roll_hash": digest,
                "base_count": poll.base_count,
                "signed_in": sum(1 for _p, s in rows if s),
                "threshold": poll.threshold,
                "kind": poll.kind,
                "secrecy": poll.secrecy,
                "method": poll.method,
                "seats": poll.seats,
                "candidates": list(poll.candidates.values_list("person_id", flat=True)),
                "counts_basic": poll.satisfaction_counts_basic,
                "quorum": {"present": q.present, "required": q.required, "rule": q.rule},
            },
        )
        _audit(
            actor,
            "voting.poll.opened",
            poll,
            base_count=poll.base_count,
            threshold=poll.threshold,
            present=q.present,
            roll_hash=digest,
        )
    return poll


# --------------------------------------------------------------------------- cast


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


def normalize_choice(state: PollState, choice: Any) -> Any:
    """Return the canonical form of a choice, or refuse it as ``invalid_ballot``.

    Simple polls take one option string. Elections take ``{"candidates": [...],
    "write_ins": [...]}`` (person ids); ticking more than ``seats`` is accepted and
    counted as a void ballot (废票), as on paper.
    """
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
    choice = normalize_choice(state, choice)
    ballot_id = uuid.uuid4()
    nonce = secrets.token_hex(16)
    voter.has_voted = True
    return CastPlan(
        poll_id=state.poll_id,
        person_id=person_id,
        entry_id=voter.entry_id,
        ballot_id=ballot_id,
        choice=choice,
        nonce=nonce,
        hash=hashing.ballot_hash(state.poll_id, str(ballot_id), choice, nonce),
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
        accepted: list[CastPlan] = []
        for plan in plans:
            if plan.key_digest and plan.key_digest in known:
                results.append(Receipt(poll_id, known[plan.key_digest], replayed=True))
                continue
            if plan.entry_id in voted:
                results.append(Conflict("already_voted", _("您已投票，每人只能投一次。")))
                continue
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
        from .streams import publish_poll_state

        publish_poll_state(poll)
    return result


# --------------------------------------------------------------------------- pause, resume, extend


def _step(
    actor,
    poll: Poll,
    *,
    allowed: Iterable[str],
    target: str | None,
    kind: str,
    payload: dict[str, Any],
    code: str,
    message,
    check=None,
) -> Poll:
    _require(actor, "voting.chair")
    with transaction.atomic():
        poll = _lock(poll)
        if poll.status not in allowed:
            raise Conflict(code, message)
        if check is not None:
            check(poll)
        if target is not None:
            poll.status = target
        if "closes_at" in payload:
            poll.closes_at = payload["closes_at"]
            payload = {**payload, "closes_at": payload["closes_at"].isoformat()}
        poll.save(update_fields=["status", "closes_at", "updated_at"])
        _log(poll, kind, payload)
        _audit(actor, f"voting.poll.{kind}", poll, **payload)
    return poll


def poll_pause(*, actor, poll: Poll, reason: str = "", now: dt.datetime | None = None) -> Poll:
    return _step(
        actor,
        poll,
        allowed=[PollStatus.OPEN],
        target=PollStatus.PAUSED,
        kind="pause",
        payload={"at": _now(now).isoformat(), "reason": reason.strip()},
        code="poll_not_open",
        message=_("表决未在进行中，不能暂停。"),
    )


def poll_resume(*, actor, poll: Poll, now: dt.datetime | None = None) -> Poll:
    return _step(
        actor,
        poll,
        allowed=[PollStatus.PAUSED],
        target=PollStatus.OPEN,
        kind="resume",
        payload={"at": _now(now).isoformat()},
        code="poll_not_paused",
        message=_("表决未暂停，不能继续。"),
    )


def poll_extend(
    *, actor, poll: Poll, closes_at: dt.datetime, now: dt.datetime | None = None
) -> Poll:
    now = _now(now)

    def later_than_now_and_before(locked: Poll) -> None:
        if closes_at <= now or (locked.closes_at is not None and closes_at <= locked.closes_at):
            raise DomainError(
                "invalid_closes_at",
                _("延长后的截止时间须晚于原截止时间和现在。"),
                field="closes_at",
            )

    return _step(
        actor,
        poll,
        allowed=[PollStatus.OPEN, PollStatus.PAUSED],
        target=None,
        kind="extend",
        payload={"at": now.isoformat(), "closes_at": closes_at},
        code="poll_not_open",
        message=_("表决未在进行中，不能延长。"),
        check=later_than_now_and_before,
    )


# --------------------------------------------------------------------------- close and seal


def _shuffle_box(poll: Poll) -> list[tuple[Any, str]]:
    """Rewrite the box in random order so rowid / ctid / default order reveal nothing."""
    rows = list(Ballot.objects.filter(poll=poll).values_list("id", "choice", "nonce", "hash"))
    Ballot.objects.filter(poll=poll).delete()
    _RANDOM.shuffle(rows)
    Ballot.objects.bulk_create(
        [Ballot(id=i, poll=poll, choice=c, nonce=n, hash=h) for i, c, n, h in rows], batch_size=500
    )
    return [(c, h) for _i, c, _n, h in rows]


def _rewrite_roll(poll: Poll) -> None:
    """Rewrite the roll by person, so the physical order of updates (who voted when) is gone."""
    rows = list(
        RollEntry.objects.filter(poll=poll)
        .order_by("person_id")
        .values("id", "person_id", "entitled", "signed_in_at_open", "has_voted")
    )
    RollEntry.objects.filter(poll=poll).delete()
    RollEntry.objects.bulk_create([RollEntry(poll=poll, **row) for row in rows], batch_size=1000)


def tally_ballots(poll: Poll, choices: Iterable[Any]) -> dict[str, Any]:
    base = poll.base_count or 0
    if poll.kind == Poll.Kind.ELECTION:
        return counting.tally_election(
            base=base,
            seats=poll.seats,
            ballots=list(choices),
            candidates=poll.candidates.values_list("person_id", flat=True),
        )
    return counting.tally_simple(
        kind=poll.kind,
        base=base,
        counts=Counter(choices),
        counts_basic=poll.satisfaction_counts_basic,
    )


def _seal(actor, poll: Poll, tally: dict[str, Any], now: dt.datetime) -> Seal:
    tally = _json(tally)
    _log(poll, "tally", {"tally": tally})
    seal = Seal.objects.create(
        poll=poll,
        tally=tally,
        chain_head=poll.log_head,
        fingerprint=hashing.seal_fingerprint(tally, poll.log_head),
        sealed_at=now,
    )
    poll.status = PollStatus.SEALED
    poll.save(update_fields=["status", "updated_at"])
    _audit(
        actor,
        "voting.poll.sealed",
        poll,
        fingerprint=seal.fingerprint,
        chain_head=seal.chain_head,
        result=tally.get("result"),
    )
    # Other domains carry the result onto their records after the seal commits (core.effects).
    effects.emit(POLL_SEALED, poll_id=poll.pk, actor_id=getattr(actor, "pk", None))
    return seal


def poll_close(*, actor, poll: Poll, now: dt.datetime | None = None) -> Poll:
    """Close the poll: no more ballots; shuffle the box, log the ballot digest, tally and seal.

    Closing a closed or sealed poll changes nothing. A manual poll stays closed
    until two staff enter agreeing counts (:func:`manual_count_enter`).
    """
    _require(actor, "voting.chair")
    now = _now(now)
    with transaction.atomic():
        poll = _lock(poll)
        if poll.status in (PollStatus.CLOSED, PollStatus.SEALED):
            return poll
        if poll.status not in (PollStatus.OPEN, PollStatus.PAUSED):
            raise Conflict("poll_not_open", _("表决未在进行中，不能截止。"))
        rows = _shuffle_box(poll)
        IdempotencyKey.objects.filter(poll=poll).delete()
        _rewrite_roll(poll)
        poll.status = PollStatus.CLOSED
        poll.closed_at = now
        poll.received = len(rows)
        poll.save(update_fields=["status", "closed_at", "received", "updated_at"])
        _log(
            poll,
            "close",
            {
                "at": now.isoformat(),
                "ballots": len(rows),
                "ballots_digest": hashing.ballots_digest([h for _c, h in rows]),
            },
        )
        _audit(actor, "voting.poll.closed", poll, ballots=len(rows))
        if not poll.is_manual:
            _seal(actor, poll, tally_ballots(poll, [c for c, _h in rows]), now)
    return poll


def poll_annul(*, actor, poll: Poll, reason: str, now: dt.datetime | None = None) -> Poll:
    """Annul a poll that has not been sealed; the reason is logged."""
    _require(actor, "voting.chair")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", _("作废表决须说明原因。"), field="reason")
    now = _now(now)
    with transaction.atomic():
        poll = _lock(poll)
        if not can_move(poll.status, PollStatus.ANNULLED):
            raise Conflict("poll_final", _("该表决已封存或已作废，不能作废。"))
        _shuffle_box(poll)
        IdempotencyKey.objects.filter(poll=poll).delete()
        if poll.log_seq:
            _rewrite_roll(poll)
            _log(poll, "annul", {"at": now.isoformat(), "reason": reason})
        poll.status = PollStatus.ANNULLED
        poll.annul_reason = reason
        poll.save(update_fields=["status", "annul_reason", "updated_at"])
        _audit(actor, "voting.poll.annulled", poll, reason=reason)
    return poll


def poll_switch_to_manual(
    *, actor, poll: Poll, method: str = Poll.Method.SHOW_OF_HANDS, now: dt.datetime | None = None
) -> Poll:
    """Fall back to a show of hands or paper when the keypads fail (§8.11)."""
    if method not in (Poll.Method.SHOW_OF_HANDS, Poll.Method.PAPER):
        raise DomainError("invalid_method", _("表决方式无效。"), field="method")
    _require(actor, "voting.chair")
    with transaction.atomic():
        poll = _lock(poll)
        if poll.status not in (PollStatus.DRAFT, PollStatus.OPEN, PollStatus.PAUSED):
            raise Conflict("poll_not_open", _("表决未在进行中，不能改变表决方式。"))
        if poll.received:
            raise Conflict(
                "ballots_received", _("已收到电子选票，请先作废本次表决再改用其他方式。")
            )
        poll.method = method
        poll.save(update_fields=["method", "updated_at"])
        if poll.log_seq:
            _log(poll, "method", {"at": _now(now).isoformat(), "method": method})
        _audit(actor, "voting.poll.method_changed", poll, method=method)
    return poll


# --------------------------------------------------------------------------- manual counts


def _normalize_counts(poll: Poll, counts: Any) -> dict[str, Any]:
    def count(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise DomainError("invalid_counts", _("计票数应为非负整数。"), field="counts")
        return value

    if not isinstance(counts, dict):
        raise DomainError("invalid_counts", _("计票数格式不正确。"), field="counts")
    if poll.kind != Poll.Kind.ELECTION:
        options = counting.options_for(poll.kind)
        if set(counts) != set(options):
            raise DomainError("invalid_counts", _("计票数须包含每个选项。"), field="counts")
        result: dict[str, Any] = {o: count(counts[o]) for o in options}
        total = sum(result.values())
    else:
        votes = counts.get("votes")
        if not isinstance(votes, dict) or set(counts) - {"votes", "void"}:
            raise DomainError("invalid_counts", _("计票数格式不正确。"), field="counts")
        try:
            votes = {int(p): count(v) for p, v in votes.items()}
        except (TypeError, ValueError) as exc:
            raise DomainError("invalid_counts", _("计票数格式不正确。"), field="counts") from exc
        known = set(Person.objects.filter(pk__in=list(votes)).values_list("pk", flat=True))
        if set(votes) - known:
            raise DomainError("invalid_counts", _("得票人不存在。"), field="counts")
        result = {
            "votes": {str(p): votes[p] for p in sorted(votes)},
            "void": count(counts.get("void", 0)),
        }
        total = 0
    if total > (poll.base_count or 0):
        raise DomainError("counts_exceed_roll", _("票数合计超过应到人数。"), field="counts")
    return result


def manual_count_enter(
    *,
    actor,
    poll: Poll,
    counts: dict[str, Any],
    issued: int | None = None,
    returned: int | None = None,
    now: dt.datetime | None = None,
) -> ManualCount:
    """Enter a hand count; the second entry, by another staff member, must agree, then seal."""
    _require(actor, "voting.manage")
    now = _now(now)
    with transaction.atomic():
        poll = _lock(poll)
        if poll.status != PollStatus.CLOSED or not poll.is_manual:
            raise Conflict("poll_not_awaiting_count", _("该表决不在等待人工计票录入的状态。"))
        normalized = _normalize_counts(poll, counts)
        if (
            poll.kind == Poll.Kind.ELECTION
            and poll.method == Poll.Method.PAPER
            and (issued is None or returned is None)
        ):
            raise DomainError(
                "issued_returned_required", _("纸质选举须录入发出票数和收回票数。"), field="issued"
            )
        earlier = list(ManualCount.objects.filter(poll=poll))
        if any(m.entered_by_id == actor.pk for m in earlier):
            raise Conflict(
                "manual_same_staff", _("同一工作人员不能重复录入，须由另一名工作人员复核录入。")
            )
        if earlier and (
            earlier[0].counts != normalized
            or earlier[0].issued != issued
            or earlier[0].returned != returned
        ):
            raise Conflict(
                "manual_counts_disagree", _("两次录入的计票结果不一致，请核对后重新录入。")
            )
        entry = ManualCount.objects.create(
            poll=poll, entered_by=actor, counts=normalized, issued=issued, returned=returned
        )
        _audit(actor, "voting.manual_count.entered", poll, second=bool(earlier))
        if earlier:
            _log(
                poll,
                "manual",
                {
                    "at": now.isoformat(),
                    "counts": normalized,
                    "issued": issued,
                    "returned": returned,
                    "entered_by": [earlier[0].entered_by_id, actor.pk],
                },
            )
            _seal(actor, poll, tally_manual(poll, normalized, issued, returned), now)
    return entry


def tally_manual(
    poll: Poll, counts: dict[str, Any], issued: int | None, returned: int | None
) -> dict:
    base = poll.base_count or 0
    if poll.kind == Poll.Kind.ELECTION:
        return counting.tally_election(
            base=base,
            seats=poll.seats,
            candidates=poll.candidates.values_list("person_id", flat=True),
            votes={int(p): v for p, v in counts["votes"].items()},
            void=counts["void"],
            issued=issued,
            returned=returned if returned is not None else None,
        )
    return counting.tally_simple(
        kind=poll.kind, base=base, counts=counts, counts_basic=poll.satisfaction_counts_basic
    )


# --------------------------------------------------------------------------- announce


def _mark_item_voted(item: AgendaItem, actor, now: dt.datetime) -> None:
    if item.disposition == AgendaItem.Disposition.VOTED:
        return
    try:
        from renda.meetings.services import agenda_item_mark_voted
    except ImportError:
        AgendaItem.objects.filter(pk=item.pk).update(
            disposition=AgendaItem.Disposition.VOTED, disposed_at=now
        )
        return
    agenda_item_mark_voted(item=item, actor=actor)


def poll_announce(*, actor, poll: Poll, now: dt.datetime | None = None) -> Poll:
    """The chair announces the sealed result; the agenda item is then voted (S16)."""
    _require(actor, "voting.chair")
    now = _now(now)
    with transaction.atomic():
        poll = _lock(poll)
        if poll.status != PollStatus.SEALED:
            raise Conflict("poll_not_sealed", _("表决结果尚未封存，不能宣布。"))
        if poll.announced_at is not None:
            return poll
        poll.announced_at = now
        poll.save(update_fields=["announced_at", "updated_at"])
        _mark_item_voted(poll.agenda_item, actor, now)
        _audit(
            actor,
            "voting.poll.announced",
            poll,
            fingerprint=poll.seal.fingerprint,
            result=poll.seal.tally.get("result"),
        )
    return poll
