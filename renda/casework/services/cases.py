"""Staff-side actions on a case: create, assign, close, withdraw, merge (rules §1.1, §1.5)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.people.models import Organization, Person

from .. import workflow
from ..deadlines import add_period
from ..models import Assignment, Case, CaseKind, CaseRequester, DeadlineUnit
from ..models import NotificationKind as NK
from ..notifications import notify_on_commit, unit_users
from ..rules import is_requester
from ._common import MANAGE, VIEW, on_case, text

A = Assignment.Status
S = Case.Status


@action(
    "casework.case.create",
    model=Case,
    permission=MANAGE,
    rule="§1.11",
    label=_("创建"),
    audit="casework.case.created",
)
def case_create(
    ctx: ActionContext,
    *,
    kind: CaseKind,
    title: str,
    summary: str = "",
    requesters: Sequence[Person] = (),
    requester_body: Organization | None = None,
    source_type: str = "",
    source_id: str | int = "",
) -> Case:
    """Create a case waiting for assignment (待交办); the first requester leads (rules §1.11)."""
    title = text(title, field="title", label=_("标题"), max_length=200)
    summary = text(summary, field="summary", label=_("内容摘要"), required=False)
    source_type = text(
        source_type, field="source_type", label=_("来源类型"), required=False, max_length=60
    )
    source_id = text(
        source_id, field="source_id", label=_("来源编号"), required=False, max_length=64
    )
    people = list(dict.fromkeys(requesters))
    if not people and requester_body is None:
        raise DomainError("requester_required", _("请指定提出人或提出机构。"), field="requesters")
    case = Case.objects.create(
        kind=kind,
        title=title,
        summary=summary,
        requester_body=requester_body,
        source_type=source_type,
        source_id=source_id,
    )
    CaseRequester.objects.bulk_create(
        [
            CaseRequester(case=case, person=p, is_lead=(i == 0), order=i)
            for i, p in enumerate(people)
        ]
    )
    on_case(
        ctx,
        case,
        kind=kind.code,
        title=title,
        requesters=[p.pk for p in people],
        requester_body=requester_body.pk if requester_body else None,
        source=f"{source_type}:{source_id}" if source_type else "",
    )
    return case


@action(
    "casework.case.assign",
    model=Case,
    subject="case",
    sources={S.NEW},
    target=S.AWAITING_RECEIPT,
    permission=MANAGE,
    rule="§1.1",
    label=_("交办"),
    audit="casework.case.assigned",
)
def case_assign(
    ctx: ActionContext,
    *,
    case: Case,
    lead: Organization,
    co_handlers: Sequence[Organization] = (),
) -> Case:
    """Assign a case (交办, rules §1.1) and store the deadlines counted from today (§1.2, §1.9)."""
    co = list(dict.fromkeys(co_handlers))
    if lead is None:
        raise DomainError("field_required", _("请填写{label}。"), field="lead", label=_("主办单位"))
    if lead in co:
        raise DomainError(
            "unit_duplicate", _("主办单位不能同时作为协办单位。"), field="co_handlers"
        )
    now, kind, day = ctx.now, case.kind, ctx.today
    due = add_period(day, kind.reply_amount, kind.reply_unit)
    co_due = min(add_period(day, kind.co_amount, kind.co_unit), due)
    contact_due = (
        add_period(day, kind.contact_workdays, DeadlineUnit.WORKING_DAYS)
        if kind.contact_workdays
        else None
    )
    Assignment.objects.create(
        case=case,
        unit=lead,
        role=Assignment.Role.LEAD,
        assigned_at=now,
        due_on=due,
        contact_due_on=contact_due,
    )
    Assignment.objects.bulk_create(
        [
            Assignment(case=case, unit=u, role=Assignment.Role.CO, assigned_at=now, due_on=co_due)
            for u in co
        ]
    )
    case.status, case.assigned_at, case.assigned_by, case.due_on = (
        S.AWAITING_RECEIPT,
        now,
        ctx.user,
        due,
    )
    case.extended, case.co_override_reason, case.co_override_by = False, "", None
    case.save(
        update_fields=[
            "status",
            "assigned_at",
            "assigned_by",
            "due_on",
            "extended",
            "co_override_reason",
            "co_override_by",
            "updated_at",
        ]
    )
    on_case(
        ctx,
        case,
        lead=lead.pk,
        co_handlers=[u.pk for u in co],
        due_on=due.isoformat(),
        co_due_on=co_due.isoformat(),
    )
    notify_on_commit(
        case=case,
        kind=NK.ASSIGNED,
        users=unit_users([lead.pk, *[u.pk for u in co]]),
        text=f"新交办事项《{case.title}》，答复期限 {due.isoformat()}。",
        key_date=day,
    )
    return case


@action(
    "casework.case.close",
    model=Case,
    subject="case",
    sources=workflow.CLOSABLE,
    target=S.CLOSED,
    permission=MANAGE,
    rule="§1.7",
    label=_("办结"),
    audit="casework.case.closed",
)
def case_close(ctx: ActionContext, *, case: Case, reason: str = "") -> Case:
    """Close a replied or rated case; a reply still waiting for its rating needs the window to pass."""
    reason = text(reason, field="reason", label=_("办结说明"), required=False, max_length=2000)
    if (
        case.status == S.REPLIED
        and case.kind.requester_rates
        and case.rating_due_on
        and ctx.today <= case.rating_due_on
    ):
        raise Conflict(
            "rating_pending",
            _("提出人评价期限（{date}）未到，暂不能办结。"),
            date=case.rating_due_on.isoformat(),
        )
    case.status, case.closed_at, case.close_reason = S.CLOSED, ctx.now, reason
    case.save(update_fields=["status", "closed_at", "close_reason", "updated_at"])
    on_case(ctx, case, reason=reason)
    return case


def _requester_or_staff(ctx: ActionContext, case: Case) -> None:
    """Withdrawn by one of its requesters or by the office (rules §1.5)."""
    if not (ctx.actor.has_perm(MANAGE) or is_requester(ctx.actor, case)):
        raise PermissionDenied()


@action(
    "casework.case.withdraw",
    model=Case,
    subject="case",
    sources=workflow.BEFORE_HANDLING,
    target=S.WITHDRAWN,
    permission=VIEW,
    precondition=_requester_or_staff,
    precondition_hides=True,
    rule="§1.5",
    label=_("撤回"),
    audit="casework.case.withdrawn",
)
def case_withdraw(ctx: ActionContext, *, case: Case, reason: str) -> Case:
    """Withdraw a case before handling starts: by a requester or the office (rules §1.5)."""
    reason = text(reason, field="reason", label=_("撤回理由"), max_length=2000)
    units = list(
        Assignment.objects.filter(case=case)
        .exclude(status=A.RETURNED)
        .values_list("unit_id", flat=True)
    )
    case.status, case.closed_at, case.close_reason = S.WITHDRAWN, ctx.now, reason
    case.save(update_fields=["status", "closed_at", "close_reason", "updated_at"])
    on_case(ctx, case, reason=reason)
    notify_on_commit(
        case=case,
        kind=NK.CLOSED,
        users=unit_users(units),
        text=f"《{case.title}》已撤回：{reason[:200]}",
    )
    return case


@action(
    "casework.case.merge",
    model=Case,
    subject="case",
    sources=workflow.BEFORE_HANDLING,
    target=S.MERGED,
    permission=MANAGE,
    rule="§1.5",
    label=_("并案"),
    audit="casework.case.merged",
)
def case_merge(ctx: ActionContext, *, case: Case, into: Case) -> Case:
    """Merge a case into another of the same kind; its requesters join the other case.

    The other case's timeline records ``casework.case.merge_received`` too.
    """
    if into is None or case.pk == into.pk:
        raise DomainError("merge_into_self", _("不能将事项并入其自身。"), field="into")
    target = Case.objects.select_for_update().get(pk=into.pk)
    if target.kind_id != case.kind_id:
        raise DomainError("merge_kind_mismatch", _("只能并入同一类型的事项。"), field="into")
    if target.status in workflow.FINAL:
        raise Conflict("merge_target_closed", _("目标事项已结束，不能并入。"), field="into")
    have = set(target.requester_rows.values_list("person_id", flat=True))
    start = target.requester_rows.count()
    extra = [r.person_id for r in case.requester_rows.all() if r.person_id not in have]
    CaseRequester.objects.bulk_create(
        [
            CaseRequester(case=target, person_id=pid, is_lead=False, order=start + i)
            for i, pid in enumerate(extra)
        ]
    )
    case.status, case.merged_into, case.closed_at = S.MERGED, target, ctx.now
    case.save(update_fields=["status", "merged_into", "closed_at", "updated_at"])
    Assignment.objects.filter(case=case).exclude(status=A.RETURNED).update(
        status=A.RETURNED, returned_at=ctx.now
    )
    on_case(ctx, case, into=target.pk)
    # The receiving case's own timeline (its audit history) shows what joined it.
    audit_record(
        actor=ctx.user,
        action="casework.case.merge_received",
        obj=target,
        changes={"from": case.pk, "requesters_added": extra},
    )
    return case
