"""Voting API: polls, casting a ballot, sealed results and the verifiable export.

Reads are open (polls of public meetings for anonymous callers). Before a poll is
sealed a read shows only "received n of N" — never option counts. Casting needs a
member or deputy on the poll's roll (``voting.cast``) and answers the receipt once
the ballot is committed; a retry with the same ``idempotency_key`` gets the same
receipt. Every refusal has a stable code: ``poll_not_open``, ``not_entitled``,
``not_signed_in``, ``already_voted``, ``invalid_ballot``…

The office and the chair run polls with the declared actions (create, open, pause,
resume, extend, close, annul, switch to a manual count, hand count, announce): one
operation each, made from the declaration (:func:`renda.api.actions.expose`) but for
create, which takes its slate as lists of person ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from renda.core import validation
from renda.meetings.models import AgendaItem
from renda.people.models import Person
from renda.voting import selectors, services
from renda.voting.models import Poll, Scrutineer, ScrutinyKey
from renda.voting.services import ballot_cast, scrutiny

from .actions import expose
from .auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from .common import Id, InputSchema, PageQuery, PathId, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, ErrorOut
from .meetings import meetings_for

router = Router(tags=["voting"])

CAST = "voting.cast"


def _visible(request, poll_id: int) -> Poll:
    return get_object_or_404(selectors.polls_visible_to(request.auth), pk=poll_id)


class _PollOut(Schema):
    id: int
    title: str
    kind: str
    secrecy: str
    method: str
    status: str
    meeting_id: int
    agenda_item_id: int
    seats: int
    base_count: int | None
    threshold: int | None
    received: int
    opened_at: dt.datetime | None
    closes_at: dt.datetime | None
    closed_at: dt.datetime | None
    announced_at: dt.datetime | None
    annul_reason: str
    #: The sealed tally; null until the poll is sealed.
    result: dict[str, Any] | None


class PollListItemOut(_PollOut):
    pass


class PollListOut(Schema):
    count: int
    items: list[PollListItemOut]


class PollDetailOut(_PollOut):
    candidates: list[int]
    nominee_id: int | None
    #: Named polls only, and only after the seal.
    named_votes: list[dict[str, Any]] | None


class PollListQuery(PageQuery):
    meeting: Id | None = None
    status: choice(Poll.Status) | None = None


def _poll(poll: Poll) -> dict[str, Any]:
    result = selectors.poll_result(poll)
    return {
        "id": poll.pk,
        "title": poll.title,
        "kind": poll.kind,
        "secrecy": poll.secrecy,
        "method": poll.method,
        "status": poll.status,
        "meeting_id": poll.agenda_item.meeting_id,
        "agenda_item_id": poll.agenda_item_id,
        "seats": poll.seats,
        "base_count": poll.base_count,
        "threshold": poll.threshold,
        "received": poll.received,
        "opened_at": poll.opened_at,
        "closes_at": poll.closes_at,
        "closed_at": poll.closed_at,
        "announced_at": poll.announced_at,
        "annul_reason": poll.annul_reason,
        "result": result["tally"] if result else None,
    }


@router.get(
    "/polls",
    response={200: PollListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="polls_list",
    summary="列出表决 · List polls",
    description="Newest first; filter with `meeting` and `status`. Results only once sealed.",
    openapi_extra=OPTIONAL_AUTH,
)
def polls_list(request, filters: Query[PollListQuery]):
    qs = selectors.polls_visible_to(request.auth)
    if filters.meeting:
        qs = qs.filter(agenda_item__meeting_id=filters.meeting)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page(qs, filters, _poll)


@router.get(
    "/polls/{poll_id}",
    response={200: PollDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="polls_detail",
    summary="表决详情 · Get a poll",
    description="While open: received n of N only. Named votes appear after the seal.",
    openapi_extra=OPTIONAL_AUTH,
)
def polls_detail(request, poll_id: PathId):
    poll = _visible(request, poll_id)
    data = _poll(poll)
    data["candidates"] = list(poll.candidates.values_list("person_id", flat=True))
    data["nominee_id"] = poll.nominee_id
    sealed = poll.status == Poll.Status.SEALED
    data["named_votes"] = selectors.named_votes(poll) if sealed and poll.is_named else None
    return data


class CastIn(InputSchema):
    """``choice``: ``yes``/``no``/``abstain`` (satisfaction: ``satisfied``/``basically_satisfied``/
    ``dissatisfied``); elections send ``candidates`` and ``write_ins`` (person ids) instead."""

    choice: text(24) | None = None
    candidates: list[Id] | None = Field(None, max_length=500)
    write_ins: list[Id] | None = Field(None, max_length=500)
    #: An encrypted poll takes only this: the ballot encrypted under the poll's key with its
    #: proofs, as ``renda_crypto.encrypt`` or the terminal's ``ballot_crypto.js`` make it.
    ballot: dict[str, Any] | None = None
    idempotency_key: text(200) | None = None


class CastOut(Schema):
    poll_id: int
    #: The ballot hash: find it in the published ballot list after the seal.
    receipt: str
    replayed: bool


@router.post(
    "/polls/{poll_id}/cast",
    response={201: CastOut, 200: CastOut, **WRITE_ERRORS},
    auth=write_auth(CAST),
    operation_id="polls_cast",
    summary="投票 · Cast a ballot",
    description="Answers after commit with the receipt; a retry with the same `idempotency_key` "
    "answers 200 with the same receipt.",
)
def polls_cast(request, poll_id: PathId, payload: CastIn):
    user = require(request, CAST)
    poll = get_object_or_404(Poll, pk=poll_id)
    if poll.is_encrypted:
        ballot: Any = payload.ballot
    elif poll.kind == Poll.Kind.ELECTION:
        ballot = {"candidates": payload.candidates or [], "write_ins": payload.write_ins or []}
        if payload.choice is not None:
            ballot = payload.choice  # refused by the service as an invalid ballot
    else:
        ballot = payload.choice
    receipt = ballot_cast(
        actor=user, poll=poll, choice=ballot, idempotency_key=payload.idempotency_key
    )
    body = {"poll_id": poll.pk, "receipt": receipt.receipt, "replayed": receipt.replayed}
    return Status(200 if receipt.replayed else 201, body)


class ResultsOut(Schema):
    poll_id: int
    tally: dict[str, Any]
    fingerprint: str
    chain_head: str
    sealed_at: dt.datetime
    announced_at: dt.datetime | None


@router.get(
    "/polls/{poll_id}/results",
    response={200: ResultsOut, 409: ErrorOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="polls_results",
    summary="表决结果 · Sealed result",
    description="Only once the poll is sealed (409 `poll_not_sealed` before).",
    openapi_extra=OPTIONAL_AUTH,
)
def polls_results(request, poll_id: PathId):
    poll = _visible(request, poll_id)
    selectors.require_sealed(poll)
    result = selectors.poll_result(poll) or {}
    return {"poll_id": poll.pk, **result, "announced_at": poll.announced_at}


class ExportOut(Schema):
    """The verifiable export; see ``renda_verify`` for how each hash is computed."""

    format: str
    poll: dict[str, Any]
    roll: list[list[Any]]
    roll_hash: str | None
    voters: list[int] = Field(
        default_factory=list, description="Who cast a ballot (person ids), never what."
    )
    log: list[dict[str, Any]]
    ballots: list[dict[str, Any]]
    tally: dict[str, Any]
    seal: dict[str, Any]
    named_votes: list[dict[str, Any]] | None = None


@router.get(
    "/polls/{poll_id}/export",
    response={200: ExportOut, 409: ErrorOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="polls_export",
    summary="导出表决记录 · Verifiable export",
    description="Poll, roll hash, log, ballots (sorted by hash), tally and seal; check it with "
    "`python -m renda_verify EXPORT.json`. Only once sealed.",
    openapi_extra=OPTIONAL_AUTH,
)
def polls_export(request, poll_id: PathId):
    return selectors.poll_export(_visible(request, poll_id))


class PopoloCountOut(Schema):
    option: str
    value: int


class PopoloVoteOut(Schema):
    vote_event_id: str
    voter_id: str
    option: str


class PopoloVoteEventOut(Schema):
    """A Popolo ``vote_event``; empty values are left out."""

    id: str
    organization_id: str
    identifier: str
    motion_id: str
    classification: str
    result: str
    start_date: str | None = None
    end_date: str | None = None
    counts: list[PopoloCountOut]
    votes: list[PopoloVoteOut] | None = None


@router.get(
    "/polls/{poll_id}/popolo",
    response={200: PopoloVoteEventOut, 409: ErrorOut, **DETAIL_ERRORS},
    exclude_none=True,
    auth=READ_AUTH,
    operation_id="polls_popolo",
    summary="Popolo 表决事件 · Popolo vote event",
    description="A Popolo vote event with counts; named polls add each member's vote. Only once sealed.",
    openapi_extra=OPTIONAL_AUTH,
)
def polls_popolo(request, poll_id: PathId):
    return selectors.poll_popolo(_visible(request, poll_id))


# --------------------------------------------------------------------------- the office and the chair


class PollCreateIn(InputSchema):
    """A draft poll on an agenda item. Appointments name ``nominee_id`` (one vote per person,
    §7.6) or, merged with no objection, ``nominee_ids``; elections list ``candidate_ids``."""

    agenda_item_id: Id
    kind: choice(Poll.Kind)
    title: text(200) = ""
    secrecy: choice(Poll.Secrecy) | None = None
    method: choice(Poll.Method) = Poll.Method.KEYPAD
    nominee_id: Id | None = None
    nominee_ids: list[Id] = Field(default_factory=list, max_length=500)
    candidate_ids: list[Id] = Field(default_factory=list, max_length=500)
    seats: int = Field(1, ge=1, le=1000)
    office_kind: choice(Poll.OfficeKind) = Poll.OfficeKind.OTHER
    satisfaction_counts_basic: bool | None = None
    en_bloc: bool = False
    no_objection: bool = False


class PollCreateOut(_PollOut):
    candidates: list[int]
    nominee_id: int | None


def _persons(ids: list[int], field: str) -> list[Person]:
    found = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    for pk in ids:
        if pk not in found:
            validation.ref(Person, pk, field=field)  # refuses as unknown_reference
    return [found[i] for i in ids]


@router.post(
    "/polls",
    response={201: PollCreateOut, **WRITE_ERRORS},
    auth=write_auth(services.poll_create.permission),
    operation_id="voting_poll_create",
    summary="新建表决 · voting.poll.create",
    description="依据 · rule: §7.1, §7.2, §7.6. A draft poll; competitive slates are checked.",
)
def voting_poll_create(request, payload: PollCreateIn):
    user = require(request, services.poll_create.permission)
    data = payload.model_dump()
    poll = services.poll_create(
        actor=user,
        agenda_item=validation.ref(AgendaItem, data.pop("agenda_item_id"), field="agenda_item_id"),
        nominee=validation.ref(Person, data.pop("nominee_id"), field="nominee_id"),
        nominees=_persons(data.pop("nominee_ids"), "nominee_ids"),
        candidates=_persons(data.pop("candidate_ids"), "candidate_ids"),
        **data,
    )
    body = _poll(poll)
    body["candidates"] = list(poll.candidates.values_list("person_id", flat=True))
    body["nominee_id"] = poll.nominee_id
    return Status(201, body)


class OpenIn(InputSchema):
    #: When ballots stop being accepted; none: until the chair closes the poll.
    closes_at: dt.datetime | None = None


class ReasonIn(InputSchema):
    reason: text(500) = ""


class ExtendIn(InputSchema):
    closes_at: dt.datetime


class ManualIn(InputSchema):
    method: Literal["show_of_hands", "paper"] = "show_of_hands"


class ManualCountIn(InputSchema):
    """``counts``: each option's count (``yes``/``no``/``abstain``, or the satisfaction options);
    elections: ``{"votes": {person id: count}, "void": n}``. Paper elections add ``issued`` and
    ``returned``."""

    counts: dict[str, Any]
    issued: int | None = Field(None, ge=0, le=1_000_000)
    returned: int | None = Field(None, ge=0, le=1_000_000)


class ManualCountOut(Schema):
    id: int
    poll_id: int
    #: ``sealed`` once the second, agreeing entry is in.
    status: str


def _polls(user):
    return selectors.polls_visible_to(user)


POLL = "/polls/{poll_id}"
expose(router, services.poll_open, f"{POLL}/open", schema=OpenIn, visible=_polls)
expose(router, services.poll_pause, f"{POLL}/pause", schema=ReasonIn, visible=_polls)
expose(router, services.poll_resume, f"{POLL}/resume", visible=_polls)
expose(router, services.poll_extend, f"{POLL}/extend", schema=ExtendIn, visible=_polls)
expose(router, services.poll_close, f"{POLL}/close", visible=_polls)
expose(router, services.poll_annul, f"{POLL}/annul", schema=ReasonIn, visible=_polls)
expose(router, services.poll_switch_to_manual, f"{POLL}/manual", schema=ManualIn, visible=_polls)
expose(
    router,
    services.manual_count_enter,
    f"{POLL}/manual-count",
    schema=ManualCountIn,
    visible=_polls,
    response=ManualCountOut,
    out=lambda entry: {"id": entry.pk, "poll_id": entry.poll_id, "status": entry.poll.status},
    description="依据 · rule: §8.11. Two staff enter the count; the second, agreeing, seals.",
)
expose(router, services.poll_announce, f"{POLL}/announce", visible=_polls)


# --------------------------------------------------------------------------- scrutineers


class AppointIn(InputSchema):
    """The scrutineers in order (person ids) and how many must decrypt (default: a majority)."""

    persons: list[Id] = Field(..., min_length=1, max_length=15)
    threshold: int | None = Field(None, ge=1, le=15)


class EnrolIn(InputSchema):
    #: The device's public key (compressed secp256k1 point, hex).
    device_key: text(66)


class DealIn(InputSchema):
    """The device's dealing (commitments and proof) and a share sealed to every device."""

    dealing: dict[str, Any]
    shares: dict[str, Any]


class ConfirmIn(InputSchema):
    """The device's verification key once its shares check, or the dealer it complains of."""

    verification_key: text(66) | None = None
    complaint: int | None = Field(None, ge=1, le=15)


class DecryptIn(InputSchema):
    #: This scrutineer's partial decryption, with proofs, of what the poll needs opened: its
    #: encrypted totals, or (an election with write-ins) the shuffled write-ins.
    partial: dict[str, Any]
    #: The stage the decryption was made for ("totals" or "write_ins", as the scrutiny state
    #: lists it): one that arrives after its stage is over changes nothing.
    stage: Literal["totals", "write_ins"] | None = None


class MixIn(InputSchema):
    #: This scrutineer's turn in the shuffle of an election's write-ins: the round, the
    #: re-encrypted and permuted (flag, name) pairs, and the proofs that both sums are kept.
    mixed: dict[str, Any]


class ScrutinyOut(Schema):
    status: str
    n: int
    t: int
    enrolled: int
    dealt: int
    confirmed: int
    context: str
    failure: str
    public_key: str
    scrutineers: list[dict[str, Any]]
    #: The caller's own place, if the caller is one of the scrutineers (else null), and what
    #: their device needs next: device keys, the shares sealed to it, polls to decrypt.
    me: dict[str, Any] | None
    device_keys: dict[str, str] | None = None
    #: Each dealer's dealing and the share it sealed to the caller's device.
    my_shares: list[dict[str, Any]] | None = None
    verification_key: str | None = None
    awaiting: list[dict[str, Any]] | None = None


@router.get(
    "/meetings/{meeting_id}/scrutiny",
    response={200: ScrutinyOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="meetings_scrutiny",
    summary="监票人密钥 · The scrutineers' key ceremony",
    description="Public values only. A scrutineer's device reads here what it needs next.",
    openapi_extra=OPTIONAL_AUTH,
)
def meetings_scrutiny(request, meeting_id: PathId):
    key = get_object_or_404(
        ScrutinyKey.objects.filter(meeting__in=meetings_for(request.auth)), meeting_id=meeting_id
    )
    user = request.auth
    return scrutiny.device_view(key, getattr(user, "person_id", None))


def _scrutineers(user):
    return Scrutineer.objects.select_related("key")


def _scrutineer_out(scrutineer: Scrutineer) -> dict[str, Any]:
    return {"id": scrutineer.pk, "status": scrutineer.key.status}


expose(
    router,
    scrutiny.scrutiny_appoint,
    "/meetings/{meeting_id}/scrutiny",
    schema=AppointIn,
    visible=meetings_for,
    out=lambda key: {"id": key.pk, "status": key.status},
)
SCRUTINEER = "/scrutineers/{scrutineer_id}"
expose(router, scrutiny.scrutiny_enrol, f"{SCRUTINEER}/enrol", schema=EnrolIn, visible=_scrutineers)
expose(router, scrutiny.scrutiny_deal, f"{SCRUTINEER}/deal", schema=DealIn, visible=_scrutineers)
expose(
    router,
    scrutiny.scrutiny_confirm,
    f"{SCRUTINEER}/confirm",
    schema=ConfirmIn,
    visible=_scrutineers,
)
expose(router, scrutiny.scrutiny_decrypt, f"{POLL}/decrypt", schema=DecryptIn, visible=_polls)
expose(router, scrutiny.scrutiny_mix, f"{POLL}/mix", schema=MixIn, visible=_polls)
