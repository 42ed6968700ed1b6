"""The recall of a deputy (罢免代表, 选举法 Arts. 49–56, rules.md §2.11).

Who recalls follows who elected, so the route follows the level: in a county the deputies
were elected by the voters, at least the statutory number of whom petition this standing
committee in writing with reasons; the deputy may answer in writing; the committee sends
both to the constituency's voters and has the vote presided; the recall passes with more
than half of the constituency's voters — of the electorate, not of those voting (Art. 53). In
a city the deputies were elected by a county congress, which (or its standing committee
between sessions) decides; the office records that decision with its document and date. A
recall that passes ends the mandate on the day of the vote or the decision.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.people.models import Deputy, Jurisdiction
from renda.people.selectors import jurisdiction

from ..models import Recall
from ._common import end_mandate

MANAGE = "deputies.manage"
S = Recall.Status
RT = Recall.Route
OPEN = (S.PETITIONED, S.DISTRIBUTED, S.FILED)


def route_for() -> str:
    """The voters of the original constituency recall a county's deputies; the electing
    county congress a city's."""
    j = jurisdiction()
    return RT.ELECTING_BODY if j is not None and j.level == Jurisdiction.Level.CITY else RT.VOTERS


def petition_threshold() -> int:
    """How many voters of the constituency must sign a petition against a deputy of this
    (county) congress (选举法 Art. 50)."""
    return int(param("deputy.recall_petition_county"))


def recall_majority() -> Fraction:
    """The share of the constituency's electorate the votes for must exceed (Art. 53)."""
    return Fraction(param("deputy.recall_majority"))


def votes_needed(electorate: int) -> int:
    """The fewest votes for that recall: more than ``electorate`` × the majority."""
    return int(Fraction(electorate) * recall_majority()) + 1


def _day(value: dt.date | None, field: str, label: Any, ctx: ActionContext, after: dt.date | None = None) -> dt.date:  # fmt: skip
    """A required date, not in the future and not before ``after``."""
    validation.required(value, field, label)
    if value > ctx.today:
        raise DomainError("future_date", _("{label}不能晚于今天。"), field=field, label=label)
    if after is not None and value < after:
        raise DomainError(
            "date_order", _("{label}不能早于{earlier}。"), field=field, label=label,
            earlier=after.isoformat(),
        )  # fmt: skip
    return value


def _count(value: Any, field: str, label: Any, minimum: int = 0) -> int:
    validation.required(value, field, label)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise DomainError("invalid_count", _("{label}应为不小于{min}的整数。"), field=field, label=label, min=minimum)  # fmt: skip
    return value


@action(
    "deputies.recall.open",
    model=Recall,
    permission=MANAGE,
    rule="§2.11",
    label=_("登记罢免要求"),
    refs={"deputy": Deputy},
)
def recall_open(
    ctx: ActionContext,
    *,
    deputy: Deputy | None,
    filed_on: dt.date | None,
    proposer: str,
    reasons: str,
    petitioners: int | None = None,
) -> Recall:
    """Record a written petition of the constituency's voters (a county's deputy) or a recall
    motion before the electing body (a city's deputy)."""
    if deputy is None:
        raise DomainError("field_required", _("请填写{label}。"), field="deputy", label=_("代表"))
    if deputy.status not in (Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED):
        raise Conflict("deputy_not_active", _("{name}已不是在任代表。"), field="deputy", name=deputy.person.name)  # fmt: skip
    if deputy.recalls.filter(status__in=OPEN).exists():
        raise Conflict("recall_open", _("该代表已有尚未办结的罢免要求。"), field="deputy")
    filed_on = _day(filed_on, "filed_on", _("提出日期"), ctx)
    proposer = validation.text(proposer, field="proposer", label=_("提出人"), max_length=120)
    reasons = validation.text(reasons, field="reasons", label=_("罢免理由"), max_length=4000)
    route = route_for()
    if route == RT.VOTERS:
        threshold = petition_threshold()
        petitioners = _count(petitioners, "petitioners", _("联名选民人数"))
        if petitioners < threshold:
            raise DomainError(
                "petition_too_few",
                _("罢免要求须由原选区选民{threshold}人以上联名提出，现为{count}人。"),
                field="petitioners", threshold=threshold, count=petitioners,
            )  # fmt: skip
        status = S.PETITIONED
    else:
        petitioners, status = None, S.FILED
    recall = Recall.objects.create(
        deputy=deputy, route=route, status=status, filed_on=filed_on, proposer=proposer,
        petitioners=petitioners, reasons=reasons, created_by=ctx.user,
    )  # fmt: skip
    ctx.audit_object = recall
    ctx.changes.update(
        deputy=deputy.pk, filed_on=str(filed_on), route=route, petitioners=petitioners
    )
    return recall


def _by_voters(ctx: ActionContext, recall: Recall) -> None:
    if recall.route != RT.VOTERS:
        raise Conflict("recalled_by_electing_body", _("该代表由原选举单位罢免，请登记其决定。"))


def _by_electing_body(ctx: ActionContext, recall: Recall) -> None:
    if recall.route != RT.ELECTING_BODY:
        raise Conflict("recalled_by_voters", _("该代表由原选区选民投票罢免，请登记投票结果。"))


@action(
    "deputies.recall.distribute",
    model=Recall,
    subject="recall",
    sources={S.PETITIONED},
    target=S.DISTRIBUTED,
    permission=MANAGE,
    precondition=_by_voters,
    precondition_hides=True,
    rule="§2.11",
    label=_("印发原选区选民"),
)
def recall_distribute(
    ctx: ActionContext, *, recall: Recall, distributed_on: dt.date | None, defence: str = ""
) -> Recall:
    """The petition and the deputy's written defence, if any, go to the constituency's voters."""
    recall.distributed_on = _day(distributed_on, "distributed_on", _("印发选民日期"), ctx, recall.filed_on)  # fmt: skip
    recall.defence = validation.text(defence, field="defence", label=_("申辩意见"), required=False, max_length=4000)  # fmt: skip
    recall.save(update_fields=["distributed_on", "defence", "updated_at"])
    ctx.changes.update(distributed_on=str(recall.distributed_on), defence=bool(recall.defence))
    return recall


@action(
    "deputies.recall.record_vote",
    model=Recall,
    subject="recall",
    sources={S.DISTRIBUTED},
    outcomes={S.RECALLED, S.NOT_RECALLED},
    permission=MANAGE,
    precondition=_by_voters,
    precondition_hides=True,
    rule="§2.11",
    label=_("登记选民投票结果"),
    audit="deputies.recall.decided",
)
def recall_record_vote(
    ctx: ActionContext,
    *,
    recall: Recall,
    voted_on: dt.date | None,
    electorate: int | None,
    votes_for: int | None,
    votes_against: int | None,
    votes_other: int | None,
) -> Recall:
    """The presided vote of the constituency: recalled with more than half of its voters."""
    voted_on = _day(voted_on, "voted_on", _("投票日期"), ctx, recall.distributed_on)
    electorate = _count(electorate, "electorate", _("原选区选民总数"), minimum=1)
    votes_for = _count(votes_for, "votes_for", _("赞成票"))
    votes_against = _count(votes_against, "votes_against", _("反对票"))
    votes_other = _count(votes_other, "votes_other", _("弃权票和无效票"))
    cast = votes_for + votes_against + votes_other
    if cast > electorate:
        raise DomainError(
            "votes_exceed_electorate",
            _("投票总数{cast}超过原选区选民总数{electorate}。"),
            field="electorate", cast=cast, electorate=electorate,
        )  # fmt: skip
    passed = Fraction(votes_for) > Fraction(electorate) * recall_majority()
    recall.voted_on, recall.electorate = voted_on, electorate
    recall.votes_for, recall.votes_against, recall.votes_other = votes_for, votes_against, votes_other  # fmt: skip
    recall.status = S.RECALLED if passed else S.NOT_RECALLED
    recall.save()
    if passed:
        end_mandate(
            ctx, recall.deputy_id, status=Deputy.Status.RECALLED, on=voted_on,
            reason=_("经原选区选民投票罢免"),
        )  # fmt: skip
    ctx.changes.update(
        voted_on=str(voted_on), electorate=electorate, votes_for=votes_for,
        votes_against=votes_against, votes_other=votes_other, needed=votes_needed(electorate),
        recalled=passed,
    )  # fmt: skip
    return recall


@action(
    "deputies.recall.record_decision",
    model=Recall,
    subject="recall",
    sources={S.FILED},
    outcomes={S.RECALLED, S.NOT_RECALLED},
    permission=MANAGE,
    precondition=_by_electing_body,
    precondition_hides=True,
    rule="§2.11",
    label=_("登记原选举单位的决定"),
    audit="deputies.recall.decided",
)
def recall_record_decision(
    ctx: ActionContext,
    *,
    recall: Recall,
    recalled: bool,
    decided_on: dt.date | None,
    document: str,
) -> Recall:
    """The electing county congress (or its standing committee) decided; record it."""
    decided_on = _day(decided_on, "decided_on", _("决定日期"), ctx, recall.filed_on)
    recall.decision_document = validation.text(document, field="document", label=_("决定文件"), max_length=200)  # fmt: skip
    recall.decided_on = decided_on
    recall.status = S.RECALLED if recalled else S.NOT_RECALLED
    recall.save()
    if recalled:
        end_mandate(
            ctx, recall.deputy_id, status=Deputy.Status.RECALLED, on=decided_on,
            reason=_("经原选举单位罢免"),
        )  # fmt: skip
    ctx.changes.update(recalled=bool(recalled), decided_on=str(decided_on), document=recall.decision_document)  # fmt: skip
    return recall


@action(
    "deputies.recall.withdraw",
    model=Recall,
    subject="recall",
    sources=set(OPEN),
    target=S.WITHDRAWN,
    permission=MANAGE,
    rule="§2.11",
    label=_("撤回罢免要求"),
)
def recall_withdraw(ctx: ActionContext, *, recall: Recall, reason: str) -> Recall:
    """The proposers withdraw the petition or motion before the vote or the decision."""
    recall.closing_note = validation.text(reason, field="reason", label=_("说明"), max_length=200)  # fmt: skip
    recall.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=recall.closing_note)
    return recall


RECALL_ACTIONS = (
    recall_distribute,
    recall_record_vote,
    recall_record_decision,
    recall_withdraw,
)
