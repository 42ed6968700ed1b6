"""The 监票人 (scrutineers): their threshold key for a meeting, and decrypting a poll's totals.

The office appoints a meeting's scrutineers and how many of them must decrypt
(:func:`scrutiny_appoint`). Each scrutineer's device then enrols its device key, deals
and confirms (:mod:`renda_crypto.device` says what a device does at each step); the
server only relays sealed shares and checks what is public: every dealing's proof, and
that each device's verification key is the one the dealings give. Once every scrutineer
has confirmed, the key is ready and the meeting's anonymous and secret keypad polls are
opened encrypted under it (:mod:`.setup`).

At a poll's close the box's encrypted totals are logged (:mod:`.closing`); each
scrutineer's device answers its partial decryption with proofs
(:mod:`.decryption`), which confirming authorised for the whole meeting. Once
``threshold`` of them are in, the counts are combined, tallied and sealed in the same
transaction. The private key is never formed, and no scrutineer's share ever leaves
their device.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

import renda_crypto as rc
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.meetings.models import Meeting
from renda.people.models import Person
from renda_crypto import group as rg

from .. import rules as counting
from ..models import Poll, Scrutineer, ScrutinyKey
from ._common import MANAGE

#: A scrutineer (any person with an account) on their own device.
SCRUTINISE = "voting.scrutinise"
#: Beyond this the ceremony's messages grow as n² for no gain in a chamber.
MAX_SCRUTINEERS = 15

K = ScrutinyKey.Status


def _key_of(scrutineer: Scrutineer) -> ScrutinyKey:
    return scrutineer.key


def default_threshold(n: int) -> int:
    """More than half of the scrutineers must decrypt (a majority cannot be outvoted)."""
    return n // 2 + 1


def _meeting_open(ctx: ActionContext, meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CLOSED:
        raise Conflict("meeting_closed", _("会议已闭会，不能再指定监票人。"))
    used = Poll.objects.filter(agenda_item__meeting=meeting).exclude(crypto={}).exists()
    if used:
        raise Conflict(
            "scrutiny_key_in_use",
            _("本次会议已有表决使用了监票人密钥，不能重新指定监票人。"),
        )


@action(
    "voting.scrutiny.appoint",
    model=Meeting,
    subject="meeting",
    permission=MANAGE,
    precondition=_meeting_open,
    rule="§8.8",
    label=_("指定监票人"),
    audit="voting.scrutiny.appointed",
)
def scrutiny_appoint(
    ctx: ActionContext, *, meeting: Meeting, persons: list[int], threshold: int | None = None
) -> ScrutinyKey:
    """Name the scrutineers (in order) and the number needed to decrypt; starts a new ceremony."""
    ids = [int(p) for p in persons or []]
    if not ids:
        raise DomainError("scrutineers_required", _("请至少指定一名监票人。"), field="persons")
    if len(set(ids)) != len(ids):
        raise DomainError("scrutineer_twice", _("同一人不能重复指定为监票人。"), field="persons")
    if len(ids) > MAX_SCRUTINEERS:
        raise DomainError(
            "too_many_scrutineers",
            _("监票人最多 {max} 名。"),
            field="persons",
            max=MAX_SCRUTINEERS,
        )
    people = Person.objects.filter(pk__in=ids, user__is_active=True).values_list("pk", flat=True)
    if set(people) != set(ids):
        raise DomainError(
            "scrutineer_without_account",
            _("监票人须是有可用账户的人员（用本人设备参与密钥生成和解密）。"),
            field="persons",
        )
    n = len(ids)
    t = default_threshold(n) if threshold in (None, "") else int(threshold)
    if not 1 <= t <= n:
        raise DomainError(
            "invalid_threshold",
            _("解密所需人数须在 1 至 {n}（监票人人数）之间。"),
            field="threshold",
            n=n,
        )
    ScrutinyKey.objects.filter(meeting=meeting).delete()
    key = ScrutinyKey.objects.create(meeting=meeting, threshold=t)
    Scrutineer.objects.bulk_create(
        [Scrutineer(key=key, person_id=pid, index=i) for i, pid in enumerate(ids, start=1)]
    )
    ctx.changes.update(persons=ids, threshold=t)
    ctx.audit_object = key
    _notify_devices(ctx, meeting.pk)
    return key


# --------------------------------------------------------------------------- the devices


def _own(ctx: ActionContext, scrutineer: Scrutineer) -> None:
    if getattr(ctx.user, "person_id", None) != scrutineer.person_id:
        raise PermissionDenied(
            "not_this_scrutineer", _("只有该监票人本人可以在其设备上进行此操作。")
        )


def _point(value: Any, field: str) -> str:
    try:
        rg.decode_point(value)
    except rg.GroupError:
        raise DomainError("invalid_key", _("公钥格式无效。"), field=field) from None
    return value


def _notify_devices(ctx: ActionContext, meeting_id: int) -> None:
    from ..streams import publish_scrutiny

    ctx.after_commit(lambda: publish_scrutiny(meeting_id))


@action(
    "voting.scrutiny.enrol",
    model=Scrutineer,
    subject="scrutineer",
    holder=_key_of,
    sources={K.ENROLLING},
    permission=SCRUTINISE,
    precondition=_own,
    precondition_hides=True,
    rule="§8.8",
    label=_("登记本设备"),
    audit="voting.scrutiny.enrolled",
)
def scrutiny_enrol(ctx: ActionContext, *, scrutineer: Scrutineer, device_key: str) -> Scrutineer:
    """Register the device's public key (again, from another device, until all have enrolled)."""
    scrutineer.device_key = _point(device_key, "device_key")
    scrutineer.save(update_fields=["device_key"])
    key = scrutineer.key
    if not key.scrutineers.filter(device_key="").exists():
        key.status = K.DEALING
        key.save(update_fields=["status"])
    ctx.changes.update(index=scrutineer.index, status=key.status)
    _notify_devices(ctx, key.meeting_id)
    return scrutineer


def device_keys(key: ScrutinyKey) -> dict[int, str]:
    return dict(key.scrutineers.values_list("index", "device_key"))


def _sealed(value: Any, n: int) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict) or set(value) != {str(j) for j in range(1, n + 1)}:
        raise DomainError("invalid_shares", _("须为每位监票人各附一份密封份额。"), field="shares")
    for item in value.values():
        try:
            if not isinstance(item, dict) or set(item) != {"r", "c"}:
                raise rg.GroupError("shape")
            rg.decode_point(item["r"])
            rg.decode_scalar(item["c"])
        except rg.GroupError:
            raise DomainError("invalid_shares", _("密封份额格式无效。"), field="shares") from None
    return value


@action(
    "voting.scrutiny.deal",
    model=Scrutineer,
    subject="scrutineer",
    holder=_key_of,
    sources={K.DEALING},
    permission=SCRUTINISE,
    precondition=_own,
    precondition_hides=True,
    rule="§8.8",
    label=_("生成密钥份额"),
    audit="voting.scrutiny.dealt",
)
def scrutiny_deal(
    ctx: ActionContext, *, scrutineer: Scrutineer, dealing: dict, shares: dict
) -> Scrutineer:
    """The device's public dealing and a share sealed to each scrutineer's device."""
    key = scrutineer.key
    if scrutineer.dealing is not None:
        raise Conflict("already_dealt", _("本设备已生成密钥份额。"))
    n = key.scrutineers.count()
    if not isinstance(dealing, dict) or dealing.get("dealer") != scrutineer.index:
        raise DomainError("invalid_dealing", _("密钥份额的序号与监票人不符。"), field="dealing")
    try:
        rc.threshold.check_dealing(key.context, dealing, key.threshold)
    except rc.ThresholdError:
        raise DomainError(
            "invalid_dealing", _("密钥份额的承诺或证明不成立。"), field="dealing"
        ) from None
    scrutineer.dealing = {
        "dealer": dealing["dealer"],
        "commitments": dealing["commitments"],
        "proof": dealing["proof"],
    }
    scrutineer.shares = _sealed(shares, n)
    scrutineer.save(update_fields=["dealing", "shares"])
    if not key.scrutineers.filter(dealing__isnull=True).exists():
        dealings = [s.dealing for s in key.scrutineers.order_by("index")]
        joint = rc.joint_public(key.context, dealings, n, key.threshold)
        key.public_key = joint["public_key"]
        key.verification_keys = joint["verification_keys"]
        key.status = K.CONFIRMING
        key.save(update_fields=["public_key", "verification_keys", "status"])
    ctx.changes.update(index=scrutineer.index, status=key.status)
    _notify_devices(ctx, key.meeting_id)
    return scrutineer


@action(
    "voting.scrutiny.confirm",
    model=Scrutineer,
    subject="scrutineer",
    holder=_key_of,
    sources={K.CONFIRMING},
    outcomes={K.CONFIRMING, K.READY, K.FAILED},
    permission=SCRUTINISE,
    precondition=_own,
    precondition_hides=True,
    rule="§8.8",
    label=_("核验份额并授权解密"),
    audit="voting.scrutiny.confirmed",
)
def scrutiny_confirm(
    ctx: ActionContext,
    *,
    scrutineer: Scrutineer,
    verification_key: str = "",
    complaint: int | None = None,
) -> Scrutineer:
    """The device opened and checked its shares: it answers its verification key, which
    authorises it to decrypt this meeting's closed polls; or it names a dealer whose share
    does not match (the ceremony fails and the office appoints again)."""
    key = scrutineer.key
    if complaint not in (None, ""):
        dealer = key.scrutineers.filter(index=int(complaint)).select_related("person").first()
        if dealer is None:
            raise DomainError("invalid_complaint", _("被申诉的监票人序号无效。"), field="complaint")
        key.status = K.FAILED
        key.failure = str(
            _(
                "{by} 的设备报告：{dealer} 发来的密钥份额与其公开承诺不符。请重新指定监票人。"
            ).format(by=scrutineer.person.name, dealer=dealer.person.name)
        )
        key.save(update_fields=["status", "failure"])
        ctx.changes.update(index=scrutineer.index, complaint=dealer.index, status=key.status)
        _notify_devices(ctx, key.meeting_id)
        return scrutineer
    if verification_key != key.verification_keys[scrutineer.index - 1]:
        raise DomainError(
            "verification_key_mismatch",
            _("本设备算出的核验公钥与公开承诺不符，请重新打开监票页面再试。"),
            field="verification_key",
        )
    scrutineer.confirmed_at = ctx.now
    scrutineer.save(update_fields=["confirmed_at"])
    if not key.scrutineers.filter(confirmed_at__isnull=True).exists():
        key.status = K.READY
        key.ready_at = ctx.now
        key.save(update_fields=["status", "ready_at"])
    ctx.changes.update(index=scrutineer.index, status=key.status)
    _notify_devices(ctx, key.meeting_id)
    return scrutineer


# --------------------------------------------------------------------------- a poll's key


def ready_key(meeting_id: int) -> ScrutinyKey | None:
    return ScrutinyKey.objects.filter(meeting_id=meeting_id, status=K.READY).first()


def poll_crypto(poll: Poll, key: ScrutinyKey) -> dict[str, Any]:
    """The public parameters a poll opens with: its ballot key and the scrutineers' record."""
    context = f"renda-poll:{poll.pk}"
    if poll.kind == Poll.Kind.ELECTION:
        from renda.meetings.selectors import entitled_persons

        slate = set(poll.candidates.values_list("person_id", flat=True))
        # 另选他人: any member of the body who is not on the slate may be written in.
        roster = [
            pk
            for pk in entitled_persons(key.meeting).order_by("pk").values_list("pk", flat=True)
            if pk not in slate
        ]
        ballot_key = rc.election_key(context, key.public_key, len(slate), poll.seats, roster)
    else:
        ballot_key = rc.decision_key(context, key.public_key, len(counting.options_for(poll.kind)))
    scrutineers = list(key.scrutineers.order_by("index"))
    return {
        "key": ballot_key.to_json(),
        "trustees": {
            "context": key.context,
            "n": len(scrutineers),
            "t": key.threshold,
            "dealings": [s.dealing for s in scrutineers],
            "verification_keys": key.verification_keys,
            "scrutineers": [s.person_id for s in scrutineers],
        },
    }


def trust_digest(crypto: dict[str, Any]) -> dict[str, Any]:
    return {"key": crypto["key"], "trustees": crypto["trustees"]}


def ceremony(key: ScrutinyKey) -> dict[str, Any]:
    """Where the ceremony stands, for the office and the devices (no secret here)."""
    figures = key.scrutineers.aggregate(
        n=Count("pk"),
        enrolled=Count("pk", filter=~Q(device_key="")),
        dealt=Count("pk", filter=Q(dealing__isnull=False)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
    )
    return {**figures, "t": key.threshold, "status": key.status}


def rows(key: ScrutinyKey) -> list[dict[str, Any]]:
    """Each scrutineer by number: name and how far their device has come."""
    return [
        {
            "index": s.index,
            "person": s.person_id,
            "name": s.person.name,
            "enrolled": bool(s.device_key),
            "dealt": s.dealing is not None,
            "confirmed": s.confirmed_at is not None,
        }
        for s in key.scrutineers.select_related("person").order_by("index")
    ]


def device_view(key: ScrutinyKey, person_id: int | None) -> dict[str, Any]:
    """Where the ceremony stands, and for a scrutineer's device what it needs next.

    Public values only: device keys, dealings, the shares sealed to this device (which
    only its secret opens), its verification key, and the encrypted totals it has to
    decrypt.
    """
    data: dict[str, Any] = {
        **ceremony(key),
        "context": key.context,
        "failure": key.failure,
        "public_key": key.public_key,
        "scrutineers": rows(key),
        "me": None,
    }
    me = key.scrutineers.filter(person_id=person_id).first() if person_id else None
    if me is None:
        return data
    data["me"] = {
        "index": me.index,
        "scrutineer": me.pk,
        "device_key": me.device_key,
        "dealt": me.dealing is not None,
        "confirmed": me.confirmed_at is not None,
    }
    if key.status in (K.DEALING, K.CONFIRMING):
        data["device_keys"] = {str(i): k for i, k in device_keys(key).items()}
    if key.status in (K.CONFIRMING, K.READY):
        data["my_shares"] = [
            {"dealing": s.dealing, "share": s.shares[str(me.index)]}
            for s in key.scrutineers.order_by("index")
        ]
        data["verification_key"] = key.verification_keys[me.index - 1]
    data["awaiting"] = awaiting(person_id, key.meeting_id)
    return data


__all__ = [
    "SCRUTINISE",
    "awaiting",
    "ceremony",
    "default_threshold",
    "device_keys",
    "device_view",
    "rows",
    "poll_crypto",
    "ready_key",
    "scrutiny_appoint",
    "scrutiny_confirm",
    "scrutiny_deal",
    "scrutiny_decrypt",
    "scrutiny_enrol",
    "scrutiny_mix",
    "trust_digest",
    "write_in_stage",
]


# The decryption of the polls, at the end: it builds on the ceremony above.
from .decryption import (  # noqa: E402
    awaiting,
    scrutiny_decrypt,
    scrutiny_mix,
    write_in_stage,
)
