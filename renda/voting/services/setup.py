"""Setting a poll up: creating it with its slate, and opening it on a snapshot of the roll."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import params
from renda.meetings.models import AgendaItem, Meeting
from renda.meetings.selectors import quorum, roll
from renda.people.models import Person

from .. import hashing
from .. import rules as counting
from ..models import Candidate, Poll, RollEntry
from ..statute import PARAMS
from ..workflow import PollStatus
from ._common import CHAIR, MANAGE, _log, _publish
from .scrutiny import poll_crypto, ready_key, trust_digest

# --------------------------------------------------------------------------- create


def _slate_values() -> dict[str, Any]:
    return params(*(p.key for p in PARAMS if p.key.startswith("voting.slate.")))


@action(
    "voting.poll.create",
    model=Poll,
    permission=MANAGE,
    rule="§7.1, §7.2, §7.6",
    label=_("新建表决"),
    audit="voting.poll.created",
)
def poll_create(
    ctx: ActionContext,
    *,
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
            if not no_objection or not ctx.actor.has_perm(CHAIR):
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
        no_objection_by=ctx.user if en_bloc else None,
        no_objection_at=ctx.now if en_bloc else None,
    )
    Candidate.objects.bulk_create(
        [Candidate(poll=poll, person=p, order=i) for i, p in enumerate(slate, start=1)]
    )
    ctx.changes.update(
        kind=kind,
        secrecy=secrecy,
        method=method,
        candidates=[p.pk for p in slate],
        en_bloc=en_bloc,
    )
    _publish(ctx, poll)
    return poll


# --------------------------------------------------------------------------- open


def _meeting_not_closed(ctx: ActionContext, poll: Poll) -> None:
    if poll.agenda_item.meeting.status == Meeting.Status.CLOSED:
        raise Conflict("meeting_closed", _("会议已闭会，不能开始表决。"))


@action(
    "voting.poll.open",
    model=Poll,
    subject="poll",
    sources={PollStatus.DRAFT},
    target=PollStatus.OPEN,
    permission=CHAIR,
    precondition=_meeting_not_closed,
    rule="§8.2, §8.8",
    label=_("开始表决"),
    audit="voting.poll.opened",
)
def poll_open(ctx: ActionContext, *, poll: Poll, closes_at: dt.datetime | None = None) -> Poll:
    """Snapshot the roll, record its hash and open the poll; refuse below quorum (§8.2, §8.8)."""
    now = ctx.now
    meeting = poll.agenda_item.meeting
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
    key = None if poll.is_manual or poll.is_named else ready_key(meeting.pk)
    poll.crypto = poll_crypto(poll, key) if key is not None else {}
    poll.save(
        update_fields=[
            "base_count",
            "threshold",
            "status",
            "opened_at",
            "closes_at",
            "crypto",
            "updated_at",
        ]
    )
    opening_crypto = {"crypto_digest": hashing.sha256(trust_digest(poll.crypto))} if key else {}
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
            **opening_crypto,
        },
    )
    ctx.changes.update(
        base_count=poll.base_count,
        threshold=poll.threshold,
        present=q.present,
        roll_hash=digest,
        encrypted=bool(key),
    )
    _publish(ctx, poll)
    return poll
