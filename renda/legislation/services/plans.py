"""The legislative plans (立法法 第56条; S5): drafted by the office, adopted by the council
of chairpersons, published once the party committee agreed (S2).

Before adoption items come and go freely. After it, every change is an adjustment with its
reason: it raises the plan's version, and the item keeps the version it entered and left
in, so the public page and the history show what changed and when.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import approvals, validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.models import Approval
from renda.meetings.models import Meeting

from ..models import Plan, PlanItem
from ._common import MANAGE

P = Plan.Status
I = PlanItem.Status  # noqa: E741


@action(
    "legislation.plan.create",
    model=Plan,
    permission=MANAGE,
    rule="S5",
    label=_("编制立法规划计划"),
)
def plan_create(
    ctx: ActionContext,
    *,
    kind: str,
    title: str,
    year_from: int,
    year_to: int | None = None,
    note: str = "",
) -> Plan:
    """Start a five-year plan or a year's plan (an annual plan covers one year)."""
    kind = validation.choice(kind, Plan.Kind, field="kind")
    year_from = validation.year(year_from, field="year_from")
    if kind == Plan.Kind.ANNUAL:
        year_to = year_from
    else:
        year_to = validation.year(year_to, field="year_to")
        if not year_from < year_to <= year_from + 4:
            raise DomainError(
                "plan_years_invalid", _("立法规划应覆盖二至五个年度。"), field="year_to"
            )
    plan = Plan.objects.create(
        kind=kind,
        title=validation.text(title, field="title", label=_("名称"), max_length=120),
        year_from=year_from,
        year_to=year_to,
        note=validation.text(note, field="note", label=_("说明"), required=False, max_length=2000),
        created_by=ctx.user,
    )
    ctx.audit_object = plan
    ctx.changes.update(kind=kind, years=plan.years)
    return plan


def _adjusting(plan: Plan, reason: str) -> str:
    """After adoption a change needs its reason; it raises the plan's version."""
    if plan.status == P.DRAFT:
        return validation.text(reason, field="reason", label=_("调整理由"), required=False, max_length=300)  # fmt: skip
    reason = validation.text(reason, field="reason", label=_("调整理由"), max_length=300)
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    return reason


@action(
    "legislation.plan.add_item",
    model=Plan,
    subject="plan",
    sources={P.DRAFT, P.ADOPTED, P.PUBLISHED},
    permission=MANAGE,
    rule="S5",
    label=_("列入项目"),
)
def plan_add_item(
    ctx: ActionContext,
    *,
    plan: Plan,
    title: str,
    category: str,
    drafter: str = "",
    committee: str = "",
    expected_month: int | None = None,
    reason: str = "",
) -> PlanItem:
    """List a project in one of the categories; after adoption, as an adjustment."""
    title = validation.text(title, field="title", label=_("项目名称"), max_length=120)
    category = validation.choice(category, PlanItem.Category, field="category")
    if plan.items.filter(title=title, status=I.LISTED).exists():
        raise Conflict("item_listed", _("“{title}”已列入本计划。"), field="title", title=title)
    month = validation.month(expected_month, field="expected_month")
    reason = _adjusting(plan, reason)
    item = PlanItem.objects.create(
        plan=plan,
        title=title,
        category=category,
        drafter=validation.text(
            drafter, field="drafter", label=_("起草单位"), required=False, max_length=100
        ),  # fmt: skip
        committee=validation.text(
            committee, field="committee", label=_("牵头委员会"), required=False, max_length=100
        ),  # fmt: skip
        expected_month=month,
        added_in=plan.version,
        change_reason=reason,
    )
    ctx.changes.update(item=item.pk, title=title, category=category, version=plan.version)
    return item


@action(
    "legislation.plan.remove_item",
    model=Plan,
    subject="plan",
    sources={P.DRAFT, P.ADOPTED, P.PUBLISHED},
    permission=MANAGE,
    rule="S5",
    label=_("调出项目"),
    refs={"item": PlanItem},
)
def plan_remove_item(ctx: ActionContext, *, plan: Plan, item: PlanItem, reason: str = "") -> Plan:
    """Take an item out: deleted while drafting, marked as removed (with its reason) after."""
    if item.plan_id != plan.pk or item.status != I.LISTED:
        raise DomainError("item_unknown", _("该项目不在本计划中。"), field="item")
    ctx.changes.update(item=item.pk, title=item.title)
    if plan.status == P.DRAFT:
        item.delete()
        return plan
    item.change_reason = _adjusting(plan, reason)
    item.status, item.removed_in = I.REMOVED, plan.version
    item.save(update_fields=["status", "removed_in", "change_reason", "updated_at"])
    ctx.changes["version"] = plan.version
    return plan


def _has_items(ctx: ActionContext, plan: Plan) -> None:
    if not plan.items.filter(status=I.LISTED).exists():
        raise Conflict("plan_empty", _("计划尚未列入任何项目。"))


@action(
    "legislation.plan.adopt",
    model=Plan,
    subject="plan",
    sources={P.DRAFT},
    target=P.ADOPTED,
    permission=MANAGE,
    precondition=_has_items,
    rule="S5",
    label=_("登记主任会议通过"),
)
def plan_adopt(
    ctx: ActionContext, *, plan: Plan, adopted_on: dt.date | None, meeting: Meeting | None = None
) -> Plan:
    """Record the council of chairpersons' adoption (立法法 第56条), with its meeting."""
    validation.required(adopted_on, "adopted_on", _("通过日期"))
    if adopted_on > ctx.today:
        raise DomainError("date_future", _("通过日期不能晚于今天。"), field="adopted_on")
    if meeting is not None:
        if meeting.kind != Meeting.Kind.CHAIRPERSONS_COUNCIL:
            raise DomainError("not_council", _("请选择主任会议。"), field="meeting")
        if not meeting.starts_on <= adopted_on <= meeting.ends_on:
            raise DomainError(
                "date_not_meeting", _("通过日期应为所选主任会议举行的日期。"), field="adopted_on"
            )
    plan.adopted_on, plan.adopted_meeting = adopted_on, meeting
    plan.save(update_fields=["adopted_on", "adopted_meeting", "updated_at"])
    ctx.changes.update(adopted_on=str(adopted_on), meeting=meeting.pk if meeting else None)
    return plan


@action(
    "legislation.plan.publish",
    model=Plan,
    subject="plan",
    sources={P.ADOPTED},
    target=P.PUBLISHED,
    permission=MANAGE,
    precondition=approvals.requires(Approval.Kind.PARTY_CONSENT),
    rule="S5, S2",
    label=_("向社会公布"),
)
def plan_publish(ctx: ActionContext, *, plan: Plan) -> Plan:
    """Publish the adopted plan once the party committee agreed (S2)."""
    plan.published_at = ctx.now
    plan.save(update_fields=["published_at", "updated_at"])
    ctx.changes["version"] = plan.version
    return plan


PLAN_ACTIONS = (plan_add_item, plan_remove_item, plan_adopt, plan_publish)
