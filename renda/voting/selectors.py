"""Reads of the voting module. Before an anonymous poll is sealed nothing here gives counts.

:func:`poll_progress` is the only live figure: received n of N. Results, the
published ballot list, named votes and the export exist only once the poll is
sealed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from renda.core.errors import Conflict
from renda.meetings.models import AgendaItem

from .models import Ballot, NamedVote, Poll, PollLogEntry, RollEntry
from .workflow import PollStatus

EXPORT_FORMAT = "renda-poll-export/1"
EXPORT_FORMAT_ENCRYPTED = "renda-poll-export-encrypted/1"


def polls_visible_to(user) -> QuerySet[Poll]:
    """Every poll of a public meeting; signed-in users also see those of closed-door meetings."""
    qs = Poll.objects.select_related("agenda_item__meeting", "seal")
    if user is None or not user.is_authenticated:
        qs = qs.filter(agenda_item__meeting__is_public=True)
    return qs.order_by("-id")


def _roll_count(**filters) -> Coalesce:
    rows = RollEntry.objects.filter(poll=OuterRef("pk"), **filters).values("poll")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()), 0)  # fmt: skip


def polls_held(*, meeting_kinds: Iterable[str], year: int, until: dt.date) -> QuerySet[Poll]:
    """The polls put at the meetings of ``meeting_kinds`` begun in ``year`` by ``until``
    (drafts aside), with their meeting and seal, and from each roll ``on_roll`` (the members
    entitled at open) and ``present_at_open`` (those of them signed in): one query."""
    return (
        Poll.objects.filter(
            agenda_item__meeting__kind__in=list(meeting_kinds),
            agenda_item__meeting__starts_on__year=year,
            agenda_item__meeting__starts_on__lte=until,
        )
        .exclude(status=PollStatus.DRAFT)
        .select_related("agenda_item__meeting", "seal")
        .defer("crypto")
        .annotate(on_roll=_roll_count(), present_at_open=_roll_count(signed_in_at_open=True))
        .order_by("agenda_item__meeting__starts_on", "agenda_item__meeting_id", "id")
    )


def items_voted_without_poll(*, meeting_kinds: Iterable[str], year: int, until: dt.date) -> QuerySet[AgendaItem]:  # fmt: skip
    """Agenda items of those meetings recorded as voted with no poll on the platform carrying the
    vote (none but drafts or annulled ones): votes taken outside the voting module."""
    carried = Poll.objects.filter(agenda_item=OuterRef("pk")).exclude(status__in=(PollStatus.DRAFT, PollStatus.ANNULLED))  # fmt: skip
    return (
        AgendaItem.objects.filter(
            meeting__kind__in=list(meeting_kinds),
            meeting__starts_on__year=year,
            meeting__starts_on__lte=until,
            disposition=AgendaItem.Disposition.VOTED,
        )
        .filter(~Exists(carried))
        .select_related("meeting")
        .order_by("meeting__starts_on", "meeting_id", "order")
    )


def poll_progress(poll: Poll) -> dict[str, Any]:
    """Received n of N, and nothing else: safe to show while an anonymous poll is open."""
    return {
        "poll": poll.pk,
        "status": poll.status,
        "received": poll.received,
        "of": poll.base_count,
    }


def poll_result(poll: Poll) -> dict[str, Any] | None:
    """The sealed tally, or None before the seal."""
    if poll.status != PollStatus.SEALED:
        return None
    seal = poll.seal
    return {
        "tally": seal.tally,
        "fingerprint": seal.fingerprint,
        "chain_head": seal.chain_head,
        "sealed_at": seal.sealed_at.isoformat(),
    }


def require_sealed(poll: Poll) -> None:
    """Refuse with ``poll_not_sealed`` unless the poll's result is sealed."""
    if poll.status != PollStatus.SEALED:
        raise Conflict("poll_not_sealed", _("表决结果尚未封存。"))


#: What a domain keeps of a sealed decision poll's tally beside its own row.
TALLY_KEYS = ("result", "yes", "no", "abstain", "threshold")


def sealed_tally(poll_id: int) -> dict[str, Any]:
    """The result, the votes for, against and abstaining and the threshold of a sealed poll,
    for the domain row it decides; ``poll_not_sealed`` before the seal."""
    poll = Poll.objects.select_related("seal").get(pk=poll_id)
    if poll.status != PollStatus.SEALED:
        raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
    return {k: poll.seal.tally.get(k) for k in TALLY_KEYS}


def published_ballots(poll: Poll) -> list[dict[str, Any]]:
    """The box after the seal, sorted by hash: id, choice, nonce, hash.

    An encrypted box is published as receipt and encrypted ballot only.
    """
    require_sealed(poll)
    if poll.is_encrypted:
        return [
            {"hash": h, "ballot": c}
            for c, h in Ballot.objects.filter(poll=poll)
            .order_by("hash")
            .values_list("choice", "hash")
        ]
    return [
        {"id": str(i), "choice": c, "nonce": n, "hash": h}
        for i, c, n, h in Ballot.objects.filter(poll=poll)
        .order_by("hash")
        .values_list("id", "choice", "nonce", "hash")
    ]


def receipt_found(poll: Poll, receipt: str) -> bool:
    """Is this receipt in the published list (V1)?"""
    require_sealed(poll)
    return Ballot.objects.filter(poll=poll, hash=receipt).exists()


def named_votes(poll: Poll) -> list[dict[str, Any]]:
    """Who chose what in a named poll; only after the seal."""
    require_sealed(poll)
    if poll.secrecy != Poll.Secrecy.NAMED:
        return []
    return [
        {"person": pid, "name": name, "choice": choice}
        for pid, name, choice in NamedVote.objects.filter(poll=poll)
        .order_by("person_id")
        .values_list("person_id", "person__name", "choice")
    ]


def poll_export(poll: Poll) -> dict[str, Any]:
    """Everything the stand-alone verifier needs to recompute the chain, the box and the tally."""
    require_sealed(poll)
    roll = [
        [pid, signed]
        for pid, signed in RollEntry.objects.filter(poll=poll)
        .order_by("person_id")
        .values_list("person_id", "signed_in_at_open")
    ]
    log = [
        {
            "seq": e.seq,
            "kind": e.kind,
            "payload": e.payload,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }
        for e in PollLogEntry.objects.filter(poll=poll).order_by("seq")
    ]
    seal = poll.seal
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT_ENCRYPTED if poll.is_encrypted else EXPORT_FORMAT,
        # Who could read the box: nobody but the scrutineers together, or the server's operator.
        "trust": "scrutineers" if poll.is_encrypted else "operator",
        "poll": {
            "id": poll.pk,
            "title": poll.title,
            "kind": poll.kind,
            "secrecy": poll.secrecy,
            "method": poll.method,
            "seats": poll.seats,
            "base_count": poll.base_count,
            "threshold": poll.threshold,
            "counts_basic": poll.satisfaction_counts_basic,
            "candidates": list(poll.candidates.values_list("person_id", flat=True)),
            "nominee": poll.nominee_id,
            "meeting": poll.agenda_item.meeting_id,
            "agenda_item": poll.agenda_item_id,
            "opened_at": poll.opened_at.isoformat() if poll.opened_at else None,
            "closed_at": poll.closed_at.isoformat() if poll.closed_at else None,
        },
        "roll": roll,
        "roll_hash": log[0]["payload"].get("roll_hash") if log else None,
        # Who cast a ballot (never what): 实到 / 未按 / 缺席 are recomputed from it.
        "voters": list(
            RollEntry.objects.filter(poll=poll, has_voted=True)
            .order_by("person_id")
            .values_list("person_id", flat=True)
        ),
        "log": log,
        "ballots": published_ballots(poll),
        "tally": seal.tally,
        "seal": {
            "tally": seal.tally,
            "chain_head": seal.chain_head,
            "fingerprint": seal.fingerprint,
            "sealed_at": seal.sealed_at.isoformat(),
        },
    }
    if poll.is_encrypted:
        data["crypto"] = {
            "key": poll.crypto["key"],
            "trustees": poll.crypto["trustees"],
            "totals": poll.crypto["totals"],
            "partials": [e["payload"] for e in log if e["kind"] == "partial"],
            "counts": poll.crypto["counts"],
        }
        if "write_ins" in poll.crypto:
            opened = poll.crypto["write_ins"]
            data["crypto"]["write_ins"] = {
                # What the write-in counts rest on, said where they are published.
                "trust": "shuffle",
                "mixes": [e["payload"] for e in log if e["kind"] == "mix"],
                "partials": [e["payload"] for e in log if e["kind"] == "partial_names"],
                "votes": opened["votes"],
                "void": opened["void"],
            }
    if poll.secrecy == Poll.Secrecy.NAMED:
        data["named_votes"] = [
            {"person": v["person"], "choice": v["choice"]} for v in named_votes(poll)
        ]
    return data


# --------------------------------------------------------------------------- Popolo

_POPOLO_OPTION = {"yes": "yes", "no": "no", "abstain": "abstain"}


def poll_popolo(poll: Poll) -> dict[str, Any]:
    """A Popolo vote event with its counts, and each member's vote for a named poll."""
    require_sealed(poll)
    tally = poll.seal.tally
    meeting = poll.agenda_item.meeting
    event: dict[str, Any] = {
        "id": f"poll-{poll.pk}",
        "organization_id": f"org-{meeting.body_id}",
        "identifier": str(poll.pk),
        "motion_id": f"agenda-item-{poll.agenda_item_id}",
        "classification": poll.kind,
        "result": str(tally.get("result", "")),
        "counts": [],
    }
    if poll.opened_at:
        event["start_date"] = poll.opened_at.isoformat()
    if poll.closed_at:
        event["end_date"] = poll.closed_at.isoformat()
    if poll.kind == Poll.Kind.ELECTION:
        event["counts"] = [{"option": f"person-{p}", "value": v} for p, v in tally["votes"].items()]
    else:
        options = [
            k
            for k in ("yes", "no", "abstain", "satisfied", "basically_satisfied", "dissatisfied")
            if k in tally
        ]
        event["counts"] = [{"option": o, "value": tally[o]} for o in options]
    if "absent" in tally:
        # Popolo: 未按 (present at open, no ballot) is "not voting", 缺席 is "absent".
        event["counts"] += [
            {"option": "not voting", "value": tally["not_voted"]},
            {"option": "absent", "value": tally["absent"]},
        ]
    elif poll.kind != Poll.Kind.ELECTION:
        event["counts"].append({"option": "absent", "value": tally["not_voted"]})
    if poll.secrecy == Poll.Secrecy.NAMED:
        voted = {v["person"]: v["choice"] for v in named_votes(poll)}
        votes = []
        for pid, signed in (
            RollEntry.objects.filter(poll=poll)
            .order_by("person_id")
            .values_list("person_id", "signed_in_at_open")
        ):
            choice = voted.get(pid)
            if choice is None:
                option = "not voting" if signed else "absent"
            else:
                option = _POPOLO_OPTION.get(choice, choice) if isinstance(choice, str) else "yes"
            votes.append(
                {"vote_event_id": event["id"], "voter_id": f"person-{pid}", "option": option}
            )
        event["votes"] = votes
    return event


def polls_open_for(person_id: int) -> QuerySet[Poll]:
    """Open polls on whose roll the person stands (for a voter's terminal)."""
    return Poll.objects.filter(
        Q(status=PollStatus.OPEN) | Q(status=PollStatus.PAUSED), roll__person_id=person_id
    )
