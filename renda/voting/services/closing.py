"""Ending a poll: close (shuffle the box, tally, seal), annul, and announce the sealed result.

At close the poll log records the digest of the *sorted* ballot hashes, then the tally;
the box and the roll are rewritten so insertion order reveals nothing, and idempotency
records are dropped (voting.md level 1).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

import renda_crypto as rc
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import DomainError
from renda.meetings.models import AgendaItem

from .. import hashing
from .. import rules as counting
from ..hooks import POLL_SEALED
from ..models import Ballot, IdempotencyKey, Poll, RollEntry, Seal
from ..workflow import PollStatus
from ._common import _RANDOM, CHAIR, _json, _log, _publish

S = PollStatus


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


def voters(poll: Poll) -> list[int]:
    """The members who cast a ballot, by person id (who voted, never what)."""
    return list(
        RollEntry.objects.filter(poll=poll, has_voted=True)
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )


def roll_figures(poll: Poll, *, by_hand: bool = False) -> dict[str, Any]:
    """实到 and who of them voted, from the roll, for :func:`rules.attendance`.

    A hand count of paper ballots knows how many were present at open, not who voted.
    """
    figures = RollEntry.objects.filter(poll=poll).aggregate(
        present=Count("pk", filter=Q(signed_in_at_open=True)),
        voted_present=Count("pk", filter=Q(signed_in_at_open=True, has_voted=True)),
        late=Count("pk", filter=Q(signed_in_at_open=False, has_voted=True)),
    )
    if by_hand:
        return {"present": figures["present"], "voted_present": None}
    return figures


def tally_ballots(poll: Poll, choices: Iterable[Any]) -> dict[str, Any]:
    base = poll.base_count or 0
    roll = roll_figures(poll)
    if poll.kind == Poll.Kind.ELECTION:
        return counting.tally_election(
            base=base,
            seats=poll.seats,
            ballots=list(choices),
            candidates=poll.candidates.values_list("person_id", flat=True),
            roll=roll,
        )
    return counting.tally_simple(
        kind=poll.kind,
        base=base,
        counts=Counter(choices),
        counts_basic=poll.satisfaction_counts_basic,
        roll=roll,
    )


def tally_counts(
    poll: Poll, counts: list[int], write_ins: dict[int, int] | None = None
) -> dict[str, Any]:
    """The tally of an encrypted box from its decrypted totals (one per option or candidate)
    and, in an election, the votes of the written-in persons once opened."""
    base = poll.base_count or 0
    roll = roll_figures(poll)
    if poll.kind == Poll.Kind.ELECTION:
        candidates = list(poll.candidates.values_list("person_id", flat=True))
        votes = Counter(dict(zip(candidates, counts, strict=True)))
        votes.update(write_ins or {})
        return counting.tally_election(
            base=base,
            seats=poll.seats,
            candidates=candidates,
            votes=dict(votes),
            cast=poll.received,
            roll=roll,
        )
    options = counting.options_for(poll.kind)
    return counting.tally_simple(
        kind=poll.kind,
        base=base,
        counts=Counter(dict(zip(options, counts, strict=True))),
        counts_basic=poll.satisfaction_counts_basic,
        roll=roll,
    )


def encrypted_totals(poll: Poll, ballots: list[Any]) -> list[dict[str, str]]:
    """Per option, the sum of every ballot's ciphertext: what the scrutineers decrypt."""
    options = int(poll.crypto["key"]["options"])
    parsed = [[rc.ballot.decode_ciphertext({"alpha": c["alpha"], "beta": c["beta"]})
               for c in b["choices"]] for b in ballots]  # fmt: skip
    return [rc.ballot.encode_ciphertext(c) for c in rc.homomorphic_totals(options, parsed)]


# --------------------------------------------------------------------------- seal


@action(
    "voting.poll.seal",
    model=Poll,
    subject="poll",
    sources={S.CLOSED},
    target=S.SEALED,
    permission=SYSTEM,
    # Performed only inside close or the second hand count, which hold the poll's lock.
    lock=False,
    rule="§8.8",
    label=_("封存结果"),
    audit="voting.poll.sealed",
)
def poll_seal(ctx: ActionContext, *, poll: Poll, tally: dict[str, Any]) -> Seal:
    """Log the tally, seal it with the chain head, and let other domains carry the result."""
    tally = _json(tally)
    _log(poll, "tally", {"tally": tally})
    seal = Seal.objects.create(
        poll=poll,
        tally=tally,
        chain_head=poll.log_head,
        fingerprint=hashing.seal_fingerprint(tally, poll.log_head),
        sealed_at=ctx.now,
    )
    poll.status = S.SEALED
    poll.save(update_fields=["status", "updated_at"])
    ctx.audit_object = poll
    ctx.changes.update(
        fingerprint=seal.fingerprint, chain_head=seal.chain_head, result=tally.get("result")
    )
    # Other domains carry the result onto their records after the seal commits (core.effects).
    ctx.emit(POLL_SEALED, poll_id=poll.pk, actor_id=getattr(ctx.user, "pk", None))
    return seal


# --------------------------------------------------------------------------- close


@action(
    "voting.poll.close",
    model=Poll,
    subject="poll",
    # Closing a closed or sealed poll is accepted and changes nothing (no event).
    sources={S.OPEN, S.PAUSED, S.CLOSED, S.SEALED},
    outcomes={S.CLOSED, S.SEALED},
    permission=CHAIR,
    rule="§8.8",
    label=_("截止表决"),
    audit="voting.poll.closed",
)
def poll_close(ctx: ActionContext, *, poll: Poll) -> Poll:
    """Close the poll: no more ballots; shuffle the box, log the ballot digest, tally and seal.

    A manual poll stays closed until two staff enter agreeing counts
    (:func:`~renda.voting.services.counts.manual_count_enter`).
    """
    if poll.status in (S.CLOSED, S.SEALED):
        ctx.audited = False
        return poll
    before = poll.status
    rows = _shuffle_box(poll)
    IdempotencyKey.objects.filter(poll=poll).delete()
    _rewrite_roll(poll)
    poll.status = S.CLOSED
    poll.closed_at = ctx.now
    poll.received = len(rows)
    closing = {
        "at": ctx.now.isoformat(),
        "ballots": len(rows),
        "ballots_digest": hashing.ballots_digest([h for _c, h in rows]),
        # 实到 / 未按 / 缺席 are recomputed by the verifier from the roll and who voted.
        "attendance": "paper" if poll.is_manual else "roll",
        "voters_digest": hashing.voters_digest(poll.pk, voters(poll)),
    }
    if poll.is_encrypted:
        # The scrutineers' devices decrypt these; the seal follows the t-th decryption.
        closing["totals"] = encrypted_totals(poll, [c for c, _h in rows])
        poll.crypto = {**poll.crypto, "totals": closing["totals"]}
    poll.save(update_fields=["status", "closed_at", "received", "crypto", "updated_at"])
    _log(poll, "close", closing)
    ctx.changes.update(ballots=len(rows), status=[before, S.CLOSED])
    if poll.is_encrypted:
        from ..streams import publish_scrutiny

        meeting_id = poll.agenda_item.meeting_id
        ctx.after_commit(lambda: publish_scrutiny(meeting_id))
    elif not poll.is_manual:
        ctx.perform(poll_seal, poll=poll, tally=tally_ballots(poll, [c for c, _h in rows]))
    _publish(ctx, poll)
    return poll


# --------------------------------------------------------------------------- annul


@action(
    "voting.poll.annul",
    model=Poll,
    subject="poll",
    sources={S.DRAFT, S.OPEN, S.PAUSED, S.CLOSED},
    target=S.ANNULLED,
    permission=CHAIR,
    rule="§8.11",
    label=_("作废"),
    audit="voting.poll.annulled",
)
def poll_annul(ctx: ActionContext, *, poll: Poll, reason: str = "") -> Poll:
    """Annul a poll that has not been sealed; the reason is logged."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", _("作废表决须说明原因。"), field="reason")
    _shuffle_box(poll)
    IdempotencyKey.objects.filter(poll=poll).delete()
    if poll.log_seq:
        _rewrite_roll(poll)
        _log(poll, "annul", {"at": ctx.now.isoformat(), "reason": reason})
    poll.status = S.ANNULLED
    poll.annul_reason = reason
    poll.save(update_fields=["status", "annul_reason", "updated_at"])
    ctx.changes["reason"] = reason
    _publish(ctx, poll)
    return poll


# --------------------------------------------------------------------------- announce


def _mark_item_voted(item: AgendaItem, actor, now) -> None:
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


@action(
    "voting.poll.announce",
    model=Poll,
    subject="poll",
    sources={S.SEALED},
    permission=CHAIR,
    rule="S16",
    label=_("宣布结果"),
    audit="voting.poll.announced",
)
def poll_announce(ctx: ActionContext, *, poll: Poll) -> Poll:
    """The chair announces the sealed result; the agenda item is then voted (S16).

    Announcing again changes nothing (no event).
    """
    if poll.announced_at is not None:
        ctx.audited = False
        return poll
    poll.announced_at = ctx.now
    poll.save(update_fields=["announced_at", "updated_at"])
    _mark_item_voted(poll.agenda_item, ctx.user, ctx.now)
    ctx.changes.update(fingerprint=poll.seal.fingerprint, result=poll.seal.tally.get("result"))
    _publish(ctx, poll)
    return poll
