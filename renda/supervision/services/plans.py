"""Supervision services: plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.meetings.models import Meeting
from renda.people.models import Organization

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    Plan,
    PlanItem,
    PlanRevision,
    TopicKind,
    TopicSource,
)
from ..obligations import OBLIGATIONS, windows
from ._common import DECIDE, MANAGE, _choice, _month, _now, _text

P = Plan.Status
#: Statuses in which the plan's topics may change.
EDITABLE = frozenset({P.DRAFT})

# -- the annual plan (rules §3.1) ----------------------------------------------------------


def _snapshot(plan: Plan) -> list[dict]:
    return [
        {
            "id": i.pk,
            "kind": i.kind,
            "title": i.title,
            "body": i.supervised_body_id,
            "responsible": i.responsible_body_id,
            "meeting": i.planned_meeting_id,
            "month": i.planned_month,
            "source": i.source,
            "obligation": i.obligation,
            "cancelled": i.cancelled,
        }
        for i in plan.items.order_by("id")
    ]


def _revision(
    plan: Plan, actor, action: str, note: str = "", now: dt.datetime | None = None
) -> None:
    PlanRevision.objects.create(
        plan=plan,
        version=plan.version,
        action=action,
        note=note,
        snapshot=_snapshot(plan),
        at=_now(now),
        actor=actor,
    )


def obligations_sync(plan: Plan) -> list[PlanItem]:
    """Add the recurring obligations (S8, S9, §4.3–§4.6) the plan does not have yet."""
    have = set(plan.items.exclude(obligation="").values_list("obligation", flat=True))
    bodies = {
        o.code: o
        for o in Organization.objects.filter(
            code__in={ob.body_code for ob in OBLIGATIONS}
            | {ob.responsible_code for ob in OBLIGATIONS}
        )
    }
    spans = windows(plan.year)
    created = []
    for order, ob in enumerate(OBLIGATIONS, start=1):
        if ob.code in have:
            continue
        created.append(
            PlanItem.objects.create(
                plan=plan,
                kind=TopicKind.SPECIAL_REPORT,
                title=str(ob.title),
                supervised_body=bodies.get(ob.body_code),
                responsible_body=bodies.get(ob.responsible_code),
                planned_month=spans[ob.code][1].month,
                source=TopicSource.STATUTORY,
                source_note=ob.rule,
                obligation=ob.code,
                with_evaluation=ob.evaluation,
                order=order,
            )
        )
    return created


def _plan_title(year: int, title: str) -> str:
    return (
        _text(title, field="title", label=_("标题"), required=False, max_length=200)
        or f"{year}年度常务委员会监督工作计划"
    )


@action(
    "supervision.plan.create",
    model=Plan,
    permission=MANAGE,
    rule="§3.1",
    label=_("制定年度监督计划"),
    audit="supervision.plan.created",
)
def plan_create(ctx: ActionContext, *, year: int, title: str = "") -> Plan:
    """Start the year's plan as a draft with its recurring obligations already in it."""
    year = validation.year(year)
    title = _plan_title(year, title)
    if Plan.objects.filter(year=year).exists():
        raise Conflict(
            "plan_exists", _("{year}年度的监督工作计划已存在。"), field="year", year=year
        )
    plan = Plan.objects.create(year=year, title=title)
    added = obligations_sync(plan)
    _revision(plan, ctx.user, "drafted", now=ctx.now)
    ctx.changes.update(year=year, obligations=[i.obligation for i in added])
    return plan


ITEM_FIELDS = (
    "kind",
    "title",
    "supervised_body",
    "responsible_body",
    "planned_meeting",
    "planned_month",
    "source",
    "source_type",
    "source_id",
    "source_note",
    "with_evaluation",
)


def _clean_item(plan: Plan, data: dict[str, Any]) -> dict[str, Any]:
    data["kind"] = _choice(data.get("kind"), TopicKind, field="kind")
    data["title"] = _text(data.get("title"), field="title", label=_("议题"), max_length=200)
    data["source"] = _choice(data.get("source") or TopicSource.MEMBERS, TopicSource, field="source")
    data["source_type"] = _text(
        data.get("source_type"),
        field="source_type",
        label=_("来源记录类型"),
        required=False,
        max_length=60,
    )
    data["source_id"] = _text(
        data.get("source_id"),
        field="source_id",
        label=_("来源记录编号"),
        required=False,
        max_length=64,
    )
    data["source_note"] = _text(
        data.get("source_note"),
        field="source_note",
        label=_("来源说明"),
        required=False,
        max_length=300,
    )
    data["planned_month"] = _month(data.get("planned_month"))
    meeting = data.get("planned_meeting")
    if meeting is not None and meeting.starts_on.year != plan.year:
        raise DomainError(
            "meeting_not_in_year",
            _("拟提请会议不在{year}年度内。"),
            field="planned_meeting",
            year=plan.year,
        )
    if meeting is not None and data["planned_month"] is None:
        data["planned_month"] = meeting.starts_on.month
    if (
        data["kind"] in (TopicKind.SPECIAL_REPORT, TopicKind.INQUIRY)
        and data.get("supervised_body") is None
    ):
        raise DomainError(
            "supervised_body_required",
            _("专项工作报告和专题询问须指明监督对象。"),
            field="supervised_body",
        )
    data["with_evaluation"] = bool(data.get("with_evaluation"))
    return data


def _known(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )


@action(
    "supervision.plan.add_item",
    model=Plan,
    subject="plan",
    sources=EDITABLE,
    permission=MANAGE,
    rule="§3.1",
    label=_("增加议题"),
    audit="supervision.plan_item.added",
)
def plan_item_add(ctx: ActionContext, *, plan: Plan, **fields: Any) -> PlanItem:
    """Add a topic to a draft plan, with its source and, where there is one, the originating record."""
    _known(fields)
    data = _clean_item(plan, dict(fields))
    item = PlanItem.objects.create(plan=plan, order=plan.items.count() + 1, **data)
    ctx.changes.update(
        plan=plan.pk,
        kind=item.kind,
        title=item.title,
        source=item.source,
        source_record=f"{item.source_type}:{item.source_id}" if item.source_type else "",
    )
    return item


@action(
    "supervision.plan_item.update",
    model=PlanItem,
    subject="item",
    holder=lambda item: item.plan,
    sources=EDITABLE,
    permission=MANAGE,
    rule="§3.1",
    label=_("修改议题"),
    audit="supervision.plan_item.updated",
)
def plan_item_update(ctx: ActionContext, *, item: PlanItem, **fields: Any) -> PlanItem:
    """Change a topic of a draft plan; an obligation keeps its kind and body."""
    _known(fields)
    data = {f: getattr(item, f) for f in ITEM_FIELDS}
    if item.obligation and (
        fields.get("kind", item.kind) != item.kind
        or fields.get("supervised_body", item.supervised_body) != item.supervised_body
    ):
        raise Conflict("obligation_fixed", _("法定年度事项的形式和监督对象不能修改。"))
    data.update(fields)
    data = _clean_item(item.plan, data)
    before = {f: str(getattr(item, f)) for f in ITEM_FIELDS}
    for key, value in data.items():
        setattr(item, key, value)
    item.save()
    after = {f: str(getattr(item, f)) for f in ITEM_FIELDS}
    ctx.changes.update({k: [before[k], after[k]] for k in ITEM_FIELDS if before[k] != after[k]})
    return item


@action(
    "supervision.plan_item.cancel",
    model=PlanItem,
    subject="item",
    holder=lambda item: item.plan,
    sources=EDITABLE,
    permission=MANAGE,
    rule="§3.1",
    label=_("撤销议题"),
    audit="supervision.plan_item.cancelled",
)
def plan_item_cancel(ctx: ActionContext, *, item: PlanItem, reason: str) -> PlanItem:
    """Withdraw a topic from a draft plan; recurring obligations cannot be withdrawn."""
    reason = _text(reason, field="reason", label=_("撤销理由"), max_length=2000)
    if item.obligation:
        raise Conflict(
            "obligation_required",
            _("“{title}”是法定年度事项，不能从计划中撤销。"),
            title=item.title,
        )
    item.cancelled = True
    item.save(update_fields=["cancelled", "updated_at"])
    ctx.changes["reason"] = reason
    return item


def _has_topics(ctx: ActionContext, plan: Plan) -> None:
    if not plan.items.filter(cancelled=False).exists():
        raise Conflict("plan_empty", _("计划中没有议题，不能通过。"))


@action(
    "supervision.plan.adopt",
    model=Plan,
    subject="plan",
    sources={P.DRAFT},
    target=P.ADOPTED,
    permission=DECIDE,
    precondition=_has_topics,
    rule="§3.1, S2",
    label=_("主任会议通过"),
    audit="supervision.plan.adopted",
)
def plan_adopt(
    ctx: ActionContext,
    *,
    plan: Plan,
    council_meeting: Meeting | None = None,
    party_consent: bool = False,
    party_consent_note: str = "",
) -> Plan:
    """Record the chairpersons' council's adoption (§3.1), with the party committee's consent if sought (S2)."""
    note = _text(
        party_consent_note,
        field="party_consent_note",
        label=_("党委同意情况"),
        required=False,
        max_length=300,
    )
    if council_meeting is not None and council_meeting.kind != Meeting.Kind.CHAIRPERSONS_COUNCIL:
        raise DomainError(
            "not_council_meeting",
            _("计划须由主任会议通过，请选择主任会议。"),
            field="council_meeting",
        )
    plan.status, plan.adopted_at, plan.adopted_by = P.ADOPTED, ctx.now, ctx.user
    plan.council_meeting, plan.party_consent, plan.party_consent_note = (
        council_meeting,
        bool(party_consent),
        note,
    )
    plan.save()
    _revision(plan, ctx.user, "adopted", note, ctx.now)
    ctx.changes.update(
        version=plan.version,
        council_meeting=council_meeting.pk if council_meeting else None,
        party_consent=bool(party_consent),
        note=note,
    )
    return plan


@action(
    "supervision.plan.publish",
    model=Plan,
    subject="plan",
    sources={P.ADOPTED},
    target=P.PUBLISHED,
    permission=MANAGE,
    rule="§3.1, S11",
    label=_("公布计划"),
    audit="supervision.plan.published",
)
def plan_publish(ctx: ActionContext, *, plan: Plan) -> Plan:
    """Publish the adopted plan on the public site (§3.1)."""
    plan.status, plan.published_at = P.PUBLISHED, ctx.now
    plan.save(update_fields=["status", "published_at", "updated_at"])
    _revision(plan, ctx.user, "published", now=ctx.now)
    ctx.changes["version"] = plan.version
    return plan


@action(
    "supervision.plan.reopen",
    model=Plan,
    subject="plan",
    sources={P.ADOPTED, P.PUBLISHED},
    target=P.DRAFT,
    permission=MANAGE,
    rule="§3.1",
    label=_("调整计划"),
    audit="supervision.plan.reopened",
)
def plan_reopen(ctx: ActionContext, *, plan: Plan, reason: str) -> Plan:
    """Open an adopted plan for a change; the change goes through adoption again; the history stays."""
    reason = _text(reason, field="reason", label=_("调整理由"), max_length=2000)
    plan.status, plan.version = P.DRAFT, plan.version + 1
    plan.save(update_fields=["status", "version", "updated_at"])
    _revision(plan, ctx.user, "reopened", reason, ctx.now)
    ctx.changes.update(version=plan.version, reason=reason)
    return plan
