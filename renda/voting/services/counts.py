"""Hand counts (举手, 纸质选票): two staff enter the counts; the second, agreeing, seals (§8.11)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.people.models import Person

from .. import rules as counting
from ..models import ManualCount, Poll
from ..workflow import PollStatus
from ._common import MANAGE, _log, _publish
from .closing import poll_seal, roll_figures

S = PollStatus


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


def _awaiting_count(ctx: ActionContext, poll: Poll) -> None:
    if not poll.is_manual:
        raise Conflict("poll_not_awaiting_count", _("该表决不在等待人工计票录入的状态。"))


@action(
    "voting.poll.manual_count",
    model=Poll,
    subject="poll",
    sources={S.CLOSED},
    outcomes={S.CLOSED, S.SEALED},
    permission=MANAGE,
    precondition=_awaiting_count,
    precondition_hides=True,
    rule="§8.11",
    label=_("人工计票录入"),
    audit="voting.manual_count.entered",
)
def manual_count_enter(
    ctx: ActionContext,
    *,
    poll: Poll,
    counts: dict[str, Any],
    issued: int | None = None,
    returned: int | None = None,
) -> ManualCount:
    """Enter a hand count; the second entry, by another staff member, must agree, then seal."""
    normalized = _normalize_counts(poll, counts)
    if (
        poll.kind == Poll.Kind.ELECTION
        and poll.method == Poll.Method.PAPER
        and (issued is None or returned is None)
    ):
        raise DomainError(
            "issued_returned_required", _("纸质选举须录入发出票数和收回票数。"), field="issued"
        )
    user = ctx.user
    earlier = list(ManualCount.objects.filter(poll=poll))
    if any(m.entered_by_id == user.pk for m in earlier):
        raise Conflict(
            "manual_same_staff", _("同一工作人员不能重复录入，须由另一名工作人员复核录入。")
        )
    if earlier and (
        earlier[0].counts != normalized
        or earlier[0].issued != issued
        or earlier[0].returned != returned
    ):
        raise Conflict("manual_counts_disagree", _("两次录入的计票结果不一致，请核对后重新录入。"))
    entry = ManualCount.objects.create(
        poll=poll, entered_by=user, counts=normalized, issued=issued, returned=returned
    )
    ctx.audit_object = poll
    ctx.changes["second"] = bool(earlier)
    if earlier:
        _log(
            poll,
            "manual",
            {
                "at": ctx.now.isoformat(),
                "counts": normalized,
                "issued": issued,
                "returned": returned,
                "entered_by": [earlier[0].entered_by_id, user.pk],
            },
        )
        ctx.perform(poll_seal, poll=poll, tally=tally_manual(poll, normalized, issued, returned))
    _publish(ctx, poll)
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
            roll=roll_figures(poll, by_hand=poll.is_manual),
        )
    return counting.tally_simple(
        kind=poll.kind,
        base=base,
        counts=counts,
        counts_basic=poll.satisfaction_counts_basic,
        roll=roll_figures(poll, by_hand=poll.is_manual),
    )
