"""Supervision services: plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError
from renda.meetings.models import Meeting
from renda.people.models import Organization

from .. import (
    statute,  # noqa: F401  (registers the parameters)
    workflow,
)
from ..models import (
    Plan,
    PlanItem,
    PlanRevision,
    TopicKind,
    TopicSource,
)
from ..obligations import OBLIGATIONS, windows
from ._common import _check, _choice, _month, _now, _require, _text

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


def plan_create(*, actor, year: int, title: str = "", now: dt.datetime | None = None) -> Plan:
    """Start the year's plan as a draft with its recurring obligations already in it."""
    _require(actor, "supervision.manage")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("invalid_year", _("年度无效。"), field="year")
    title = (
        _text(title, field="title", label=_("标题"), required=False, max_length=200)
        or f"{year}年度常务委员会监督工作计划"
    )
    with transaction.atomic():
        if Plan.objects.filter(year=year).exists():
            raise Conflict(
                "plan_exists", _("{year}年度的监督工作计划已存在。"), field="year", year=year
            )
        plan = Plan.objects.create(year=year, title=title)
        added = obligations_sync(plan)
        _revision(plan, actor, "drafted", now=now)
        audit_record(
            actor=actor,
            action="supervision.plan.created",
            obj=plan,
            changes={"year": year, "obligations": [i.obligation for i in added]},
        )
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


def plan_item_add(*, actor, plan: Plan, **fields: Any) -> PlanItem:
    """Add a topic to a draft plan, with its source and, where there is one, the originating record."""
    _require(actor, "supervision.manage")
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _check(workflow.PLAN_ACTIONS, "edit", locked)
        data = _clean_item(locked, dict(fields))
        order = locked.items.count() + 1
        item = PlanItem.objects.create(plan=locked, order=order, **data)
        audit_record(
            actor=actor,
            action="supervision.plan_item.added",
            obj=item,
            changes={
                "plan": locked.pk,
                "kind": item.kind,
                "title": item.title,
                "source": item.source,
                "source_record": f"{item.source_type}:{item.source_id}" if item.source_type else "",
            },
        )
    return item


def plan_item_update(*, actor, item: PlanItem, **fields: Any) -> PlanItem:
    """Change a topic of a draft plan; an obligation keeps its kind and body."""
    _require(actor, "supervision.manage")
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    with transaction.atomic():
        locked = (
            PlanItem.objects.select_for_update(of=("self",)).select_related("plan").get(pk=item.pk)
        )
        plan = Plan.objects.select_for_update().get(pk=locked.plan_id)
        _check(workflow.PLAN_ACTIONS, "edit", plan)
        data = {f: getattr(locked, f) for f in ITEM_FIELDS}
        if locked.obligation and (
            fields.get("kind", locked.kind) != locked.kind
            or fields.get("supervised_body", locked.supervised_body) != locked.supervised_body
        ):
            raise Conflict("obligation_fixed", _("法定年度事项的形式和监督对象不能修改。"))
        data.update(fields)
        data = _clean_item(plan, data)
        before = {f: str(getattr(locked, f)) for f in ITEM_FIELDS}
        for key, value in data.items():
            setattr(locked, key, value)
        locked.save()
        after = {f: str(getattr(locked, f)) for f in ITEM_FIELDS}
        audit_record(
            actor=actor,
            action="supervision.plan_item.updated",
            obj=locked,
            changes={k: [before[k], after[k]] for k in ITEM_FIELDS if before[k] != after[k]},
        )
    return locked


def plan_item_cancel(*, actor, item: PlanItem, reason: str) -> PlanItem:
    """Withdraw a topic from a draft plan; recurring obligations cannot be withdrawn."""
    _require(actor, "supervision.manage")
    reason = _text(reason, field="reason", label=_("撤销理由"), max_length=2000)
    with transaction.atomic():
        locked = PlanItem.objects.select_for_update().get(pk=item.pk)
        plan = Plan.objects.select_for_update().get(pk=locked.plan_id)
        _check(workflow.PLAN_ACTIONS, "edit", plan)
        if locked.obligation:
            raise Conflict(
                "obligation_required",
                _("“{title}”是法定年度事项，不能从计划中撤销。"),
                title=locked.title,
            )
        locked.cancelled = True
        locked.save(update_fields=["cancelled", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.plan_item.cancelled",
            obj=locked,
            changes={"reason": reason},
        )
    return locked


def plan_adopt(
    *,
    actor,
    plan: Plan,
    council_meeting: Meeting | None = None,
    party_consent: bool = False,
    party_consent_note: str = "",
    now: dt.datetime | None = None,
) -> Plan:
    """Record the chairpersons' council's adoption (§3.1), with the party committee's consent if sought (S2)."""
    _require(actor, "supervision.decide")
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
    now = _now(now)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _check(workflow.PLAN_ACTIONS, "adopt", locked)
        if not locked.items.filter(cancelled=False).exists():
            raise Conflict("plan_empty", _("计划中没有议题，不能通过。"))
        locked.status, locked.adopted_at, locked.adopted_by = Plan.Status.ADOPTED, now, actor
        locked.council_meeting, locked.party_consent, locked.party_consent_note = (
            council_meeting,
            bool(party_consent),
            note,
        )
        locked.save()
        _revision(locked, actor, "adopted", note, now)
        audit_record(
            actor=actor,
            action="supervision.plan.adopted",
            obj=locked,
            changes={
                "version": locked.version,
                "council_meeting": council_meeting.pk if council_meeting else None,
                "party_consent": bool(party_consent),
                "note": note,
            },
        )
    return locked


def plan_publish(*, actor, plan: Plan, now: dt.datetime | None = None) -> Plan:
    """Publish the adopted plan on the public site (§3.1)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _check(workflow.PLAN_ACTIONS, "publish", locked)
        locked.status, locked.published_at = Plan.Status.PUBLISHED, now
        locked.save(update_fields=["status", "published_at", "updated_at"])
        _revision(locked, actor, "published", now=now)
        audit_record(
            actor=actor,
            action="supervision.plan.published",
            obj=locked,
            changes={"version": locked.version},
        )
    return locked


def plan_reopen(*, actor, plan: Plan, reason: str, now: dt.datetime | None = None) -> Plan:
    """Open an adopted plan for a change; the change goes through adoption again; the history stays."""
    _require(actor, "supervision.manage")
    reason = _text(reason, field="reason", label=_("调整理由"), max_length=2000)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _check(workflow.PLAN_ACTIONS, "reopen", locked)
        locked.status, locked.version = Plan.Status.DRAFT, locked.version + 1
        locked.save(update_fields=["status", "version", "updated_at"])
        _revision(locked, actor, "reopened", reason, now)
        audit_record(
            actor=actor,
            action="supervision.plan.reopened",
            obj=locked,
            changes={"version": locked.version, "reason": reason},
        )
    return locked
