"""Running an open poll in the chamber: pause, resume, extend, and falling back to a manual count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError

from ..models import Poll
from ..workflow import PollStatus
from ._common import CHAIR, _log, _publish

S = PollStatus


def _step(ctx: ActionContext, poll: Poll, kind: str, payload: dict[str, Any]) -> Poll:
    """Save the poll, log the step in its chain and audit the same payload."""
    if "closes_at" in payload:
        poll.closes_at = payload["closes_at"]
        payload = {**payload, "closes_at": payload["closes_at"].isoformat()}
    poll.save(update_fields=["status", "closes_at", "updated_at"])
    _log(poll, kind, payload)
    ctx.changes.update(payload)
    _publish(ctx, poll)
    return poll


@action(
    "voting.poll.pause",
    model=Poll,
    subject="poll",
    sources={S.OPEN},
    target=S.PAUSED,
    permission=CHAIR,
    rule="§8.11",
    label=_("暂停"),
    audit="voting.poll.pause",
)
def poll_pause(ctx: ActionContext, *, poll: Poll, reason: str = "") -> Poll:
    """Stop accepting ballots for a while (system trouble, the chair's order)."""
    poll.status = S.PAUSED
    return _step(ctx, poll, "pause", {"at": ctx.now.isoformat(), "reason": (reason or "").strip()})


@action(
    "voting.poll.resume",
    model=Poll,
    subject="poll",
    sources={S.PAUSED},
    target=S.OPEN,
    permission=CHAIR,
    rule="§8.11",
    label=_("继续表决"),
    audit="voting.poll.resume",
)
def poll_resume(ctx: ActionContext, *, poll: Poll) -> Poll:
    poll.status = S.OPEN
    return _step(ctx, poll, "resume", {"at": ctx.now.isoformat()})


@action(
    "voting.poll.extend",
    model=Poll,
    subject="poll",
    sources={S.OPEN, S.PAUSED},
    permission=CHAIR,
    rule="§8.11",
    label=_("延长"),
    audit="voting.poll.extend",
)
def poll_extend(ctx: ActionContext, *, poll: Poll, closes_at: dt.datetime) -> Poll:
    """Move the deadline later than both now and the current deadline."""
    if (
        not isinstance(closes_at, dt.datetime)
        or closes_at <= ctx.now
        or (poll.closes_at is not None and closes_at <= poll.closes_at)
    ):
        raise DomainError(
            "invalid_closes_at",
            _("延长后的截止时间须晚于原截止时间和现在。"),
            field="closes_at",
        )
    return _step(ctx, poll, "extend", {"at": ctx.now.isoformat(), "closes_at": closes_at})


def _no_ballots(ctx: ActionContext, poll: Poll) -> None:
    if poll.received:
        raise Conflict("ballots_received", _("已收到电子选票，请先作废本次表决再改用其他方式。"))


@action(
    "voting.poll.manual",
    model=Poll,
    subject="poll",
    sources={S.DRAFT, S.OPEN, S.PAUSED},
    permission=CHAIR,
    precondition=_no_ballots,
    precondition_hides=True,
    rule="§8.11",
    label=_("改为人工计票"),
    audit="voting.poll.method_changed",
)
def poll_switch_to_manual(
    ctx: ActionContext, *, poll: Poll, method: str = Poll.Method.SHOW_OF_HANDS
) -> Poll:
    """Fall back to a show of hands or paper when the keypads fail (§8.11)."""
    if method not in (Poll.Method.SHOW_OF_HANDS, Poll.Method.PAPER):
        raise DomainError("invalid_method", _("表决方式无效。"), field="method")
    poll.method = method
    poll.save(update_fields=["method", "updated_at"])
    if poll.log_seq:
        _log(poll, "method", {"at": ctx.now.isoformat(), "method": method})
    ctx.changes["method"] = method
    _publish(ctx, poll)
    return poll
