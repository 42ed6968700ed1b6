"""Decrypting a closed encrypted poll: the scrutineers' partial decryptions of its totals
and, when an election's ballots wrote anyone in, their shuffle of the write-ins and the
decryption of the shuffled pairs.

Each scrutineer's device answers on its own (confirming authorised it for the meeting)
what :func:`awaiting` lists for it. The ``t``-th partial decryption of the totals combines
the counts, tallies and seals in the same transaction, unless some write-in flag was set:
then ``t`` devices mix the (flag, name) pairs in turn (:func:`scrutiny_mix`;
:mod:`renda_crypto.mix` says what a mix proves) and the ``t``-th partial decryption of the
last mix opens the names, counts them and seals. The private key is never formed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import renda_crypto as rc
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda_crypto import group as rg
from renda_crypto import mix

from ..models import Poll
from ..workflow import PollStatus
from ._common import _log, _publish
from .scrutiny import SCRUTINISE, _notify_devices


def _scrutineer_of(ctx: ActionContext, poll: Poll) -> None:
    if not poll.is_encrypted:
        raise Conflict("poll_not_encrypted", _("本次表决未加密，无须监票人解密。"))
    person = getattr(ctx.user, "person_id", None)
    if person not in poll.crypto["trustees"].get("scrutineers", []):
        raise PermissionDenied("not_scrutineer", _("您不是本次会议的监票人。"))


def _index_of(ctx: ActionContext, poll: Poll) -> int:
    return poll.crypto["trustees"]["scrutineers"].index(ctx.user.person_id) + 1


def _factors_of(entries: list[dict[str, Any]]) -> dict[int, list]:
    return {
        int(e["trustee"]): [None if f == "0" else rg.decode_point(f) for f in e["factors"]]
        for e in entries
    }


def write_in_stage(poll: Poll) -> str | None:
    """``"mix"`` or ``"decrypt"`` while the write-ins of an encrypted election are opened."""
    stage = poll.crypto.get("write_ins") if poll.crypto else None
    return stage["stage"] if stage and poll.status == PollStatus.CLOSED else None


def mixes(poll: Poll) -> list[dict[str, Any]]:
    return [e.payload for e in poll.log.filter(kind="mix").order_by("seq")]


def mix_input(poll: Poll) -> list:
    """The pairs the next mix takes: the box's (in published order), or the last mix's."""
    done = mixes(poll)
    if done:
        return mix.decode_pairs(done[-1]["pairs"])
    key = rc.PollKey.from_json(poll.crypto["key"])
    box = poll.ballots.order_by("hash").values_list("choice", flat=True)
    return mix.write_in_pairs(key, list(box))


def _verify_partial(poll: Poll, index: int, cts: list, partial: Any) -> list:
    if not isinstance(partial, dict) or partial.get("trustee") != index:
        raise DomainError("invalid_partial", _("解密结果的监票人序号不符。"), field="partial")
    trustees = poll.crypto["trustees"]
    try:
        return rc.verify_partial(
            poll.crypto["key"]["context"], trustees["verification_keys"][index - 1], cts, partial
        )
    except (rc.ThresholdError, rc.BallotError):
        raise DomainError(
            "invalid_partial", _("解密证明不成立，未被接受。"), field="partial"
        ) from None


@action(
    "voting.scrutiny.decrypt",
    model=Poll,
    subject="poll",
    sources={PollStatus.CLOSED, PollStatus.SEALED},
    outcomes={PollStatus.CLOSED, PollStatus.SEALED},
    permission=SCRUTINISE,
    precondition=_scrutineer_of,
    rule="§8.8",
    label=_("解密计票"),
    audit="voting.scrutiny.decrypted",
)
def scrutiny_decrypt(
    ctx: ActionContext, *, poll: Poll, partial: dict, stage: str | None = None
) -> Poll:
    """A scrutineer's partial decryption, with its proofs, of what the poll now needs opened.

    First the closed box's totals; the ``t``-th one combines the counts, tallies and seals,
    unless write-ins were made in an election: then the scrutineers shuffle the write-ins
    (:func:`scrutiny_mix`) and this step decrypts the shuffled pairs, the ``t``-th of
    these sealing. ``stage`` (``"totals"`` or ``"write_ins"``, as the device's state
    named it) makes a decryption that arrives after its stage has passed a no-op. Checked
    against the scrutineer's verification key and logged in the poll's chain. A repeat,
    or one that comes when nothing waits for it, changes nothing.
    """
    index = _index_of(ctx, poll)
    current = write_in_stage(poll)
    wanted = {None: "totals", "mix": "mix", "decrypt": "write_ins"}[current]
    if stage not in (None, "", "totals", "write_ins"):
        raise DomainError("invalid_stage", _("解密阶段无效。"), field="stage")
    if stage and stage != wanted or poll.status == PollStatus.SEALED:
        # Late: the stage it was made for is over (or another is not yet reached).
        ctx.audited = False
        return poll
    if current == "mix":
        raise Conflict("write_ins_mixing", _("另选他人的选票正在由监票人混洗，混洗完成后再解密。"))
    stage = current
    kind = _log_kind(stage)
    done = [e.payload for e in poll.log.filter(kind=kind).order_by("seq")]
    if index in {int(p["trustee"]) for p in done}:
        ctx.audited = False
        return poll
    if stage == "decrypt":
        cts = mix.flatten(mix_input(poll))
    else:
        cts = [rc.ballot.decode_ciphertext(c) for c in poll.crypto["totals"]]
    mine = _verify_partial(poll, index, cts, partial)
    entry = {"trustee": index, "factors": partial["factors"], "proofs": partial["proofs"]}
    _log(poll, kind, entry)
    ctx.changes.update(trustee=index, stage=stage or "totals")
    factors = {**_factors_of(done), index: mine}
    t = int(poll.crypto["trustees"]["t"])
    if len(factors) >= t:
        if stage == "decrypt":
            _open_write_ins(ctx, poll, cts, factors, t)
        else:
            _open_totals(ctx, poll, cts, factors, t)
    _publish(ctx, poll)
    return poll


def _open_totals(ctx: ActionContext, poll: Poll, cts: list, factors: dict, t: int) -> None:
    from .closing import poll_seal, tally_counts

    counts = rc.combine(cts, factors, t, poll.received)
    key = rc.PollKey.from_json(poll.crypto["key"])
    crypto = {**poll.crypto, "counts": counts}
    if key.write_ins and sum(counts[key.candidates :]):
        # Some write-in flag was set: the names are opened after the scrutineers' shuffle.
        crypto["write_ins"] = {"stage": "mix", "rounds": 0, "since": ctx.now.isoformat()}
        poll.crypto = crypto
        poll.save(update_fields=["crypto", "updated_at"])
        _notify_devices(ctx, poll.agenda_item.meeting_id)
        return
    poll.crypto = crypto
    poll.save(update_fields=["crypto", "updated_at"])
    ctx.perform(poll_seal, poll=poll, tally=tally_counts(poll, counts[: key.candidates]))


def _open_write_ins(ctx: ActionContext, poll: Poll, cts: list, factors: dict, t: int) -> None:
    from .closing import poll_seal, tally_counts

    key = rc.PollKey.from_json(poll.crypto["key"])
    values = mix.open_values(cts, factors, t, len(key.roster))
    votes, void = mix.count_write_ins(values, list(key.roster))
    poll.crypto = {
        **poll.crypto,
        "write_ins": {
            **poll.crypto["write_ins"],
            "stage": "opened",
            "values": values,
            "votes": {str(p): v for p, v in sorted(votes.items())},
            "void": void,
        },
    }
    poll.save(update_fields=["crypto", "updated_at"])
    counts = poll.crypto["counts"][: key.candidates]
    ctx.perform(poll_seal, poll=poll, tally=tally_counts(poll, counts, write_ins=votes))


def _mixing(ctx: ActionContext, poll: Poll) -> None:
    _scrutineer_of(ctx, poll)
    if "write_ins" not in poll.crypto:
        raise Conflict("not_mixing", _("本次表决没有待混洗的另选他人选票。"))


@action(
    "voting.scrutiny.mix",
    model=Poll,
    subject="poll",
    sources={PollStatus.CLOSED, PollStatus.SEALED},
    outcomes={PollStatus.CLOSED, PollStatus.SEALED},
    permission=SCRUTINISE,
    precondition=_mixing,
    rule="§8.8",
    label=_("混洗另选他人"),
    audit="voting.scrutiny.mixed",
)
def scrutiny_mix(ctx: ActionContext, *, poll: Poll, mixed: dict) -> Poll:
    """A scrutineer's device shuffles the write-ins: it re-encrypts and permutes every
    (flag, name) pair of the previous round, with proofs that both sums are kept.

    ``t`` different scrutineers mix in turn (the devices that decrypted the totals, in
    that order, see :func:`awaiting`); a mix of a round another device took first changes
    nothing (the device takes the new round and mixes again). After the ``t``-th, the scrutineers
    decrypt the shuffled pairs (:func:`scrutiny_decrypt`).
    """
    index = _index_of(ctx, poll)
    if write_in_stage(poll) != "mix":
        ctx.audited = False  # the shuffle is over: a late mix changes nothing
        return poll
    done = mixes(poll)
    if index in {int(m["trustee"]) for m in done}:
        raise Conflict("already_mixed", _("本设备已混洗过本次表决的另选他人选票。"))
    round_ = len(done)
    if not isinstance(mixed, dict) or not isinstance(mixed.get("round"), int):
        raise DomainError("invalid_mix", _("混洗结果的数目或证明不成立，未被接受。"), field="mixed")
    if mixed["round"] < round_:
        # Another device took this round first: nothing changes, the device mixes the next.
        ctx.audited = False
        return poll
    if mixed["round"] != round_:
        raise DomainError("invalid_mix", _("混洗结果的数目或证明不成立，未被接受。"), field="mixed")
    try:
        mix.verify_mix(
            poll.crypto["key"]["context"], poll.crypto["key"]["public_key"], mix_input(poll),
            mixed, round_,
        )  # fmt: skip
    except mix.MixError:
        raise DomainError(
            "invalid_mix", _("混洗结果的数目或证明不成立，未被接受。"), field="mixed"
        ) from None
    _log(poll, "mix", {"trustee": index, **mixed})
    rounds = round_ + 1
    stage = "decrypt" if rounds >= int(poll.crypto["trustees"]["t"]) else "mix"
    poll.crypto = {
        **poll.crypto,
        "write_ins": {"stage": stage, "rounds": rounds, "since": ctx.now.isoformat()},
    }
    poll.save(update_fields=["crypto", "updated_at"])
    ctx.changes.update(trustee=index, round=round_)
    _notify_devices(ctx, poll.agenda_item.meeting_id)
    _publish(ctx, poll)
    return poll


#: How long the device whose turn it is to mix may keep the others waiting; after that any
#: scrutineer who has not mixed may take the round (the first valid mix wins it).
MIX_TURN_WAIT = dt.timedelta(seconds=60)


def _log_kind(stage: str | None) -> str:
    """The chain's entry kind of a partial decryption: of the totals, or of the write-ins."""
    return "partial_names" if stage == "decrypt" else "partial"


def mix_turn(poll: Poll, done: list[dict[str, Any]]) -> int | None:
    """Whose turn it is to mix: the devices that decrypted the totals (they are online), in
    the order their decryptions came, each once."""
    mixed = {int(m["trustee"]) for m in done}
    for entry in poll.log.filter(kind="partial").order_by("seq"):
        if int(entry.payload["trustee"]) not in mixed:
            return int(entry.payload["trustee"])
    return None


def _turn_lapsed(poll: Poll) -> bool:
    since = poll.crypto["write_ins"].get("since")
    return since is None or timezone.now() - dt.datetime.fromisoformat(since) > MIX_TURN_WAIT


def awaiting(person_id: int, meeting_id: int) -> list[dict[str, Any]]:
    """What this scrutineer's device must do for the meeting's closed encrypted polls:
    decrypt the totals, take its turn in the write-ins' shuffle, or decrypt the shuffled
    write-ins. Each item carries the public values the device needs."""
    polls = Poll.objects.filter(
        agenda_item__meeting_id=meeting_id, status=PollStatus.CLOSED
    ).exclude(crypto={})
    out = []
    for poll in polls:
        trustees = poll.crypto["trustees"]
        if person_id not in trustees.get("scrutineers", []):
            continue
        index = trustees["scrutineers"].index(person_id) + 1
        item = {"poll": poll.pk, "title": poll.title, "context": poll.crypto["key"]["context"]}
        stage = write_in_stage(poll)
        if stage == "mix":
            done = mixes(poll)
            if index == mix_turn(poll, done) or (
                index not in {int(m["trustee"]) for m in done} and _turn_lapsed(poll)
            ):
                pairs = mix.encode_pairs(mix_input(poll))
                out.append({**item, "stage": "mix", "round": len(done), "pairs": pairs,
                            "public_key": poll.crypto["key"]["public_key"]})  # fmt: skip
            continue
        if index in {int(e.payload["trustee"]) for e in poll.log.filter(kind=_log_kind(stage))}:
            continue
        if stage == "decrypt":
            # The last mix's pairs, flattened as they are stored (flag, name, flag, name…).
            totals = [c for pair in mixes(poll)[-1]["pairs"] for c in pair]
            out.append({**item, "stage": "write_ins", "totals": totals})
        else:
            out.append({**item, "stage": "totals", "totals": poll.crypto["totals"]})
    return out
