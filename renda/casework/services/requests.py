"""A unit's requests: to return its assignment (rules §1.8) or to extend the deadline (§1.2)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core import workdays
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict

from .. import workflow
from ..models import Assignment, Case, ExtensionRequest, ReturnRequest
from ..models import NotificationKind as NK
from ..notifications import notify_on_commit, staff_users
from ._common import HANDLE, local_day, mine, my_assignment, on_case, status_conflict, text

A = Assignment.Status
S = Case.Status


def _returnable(ctx: ActionContext, case: Case) -> None:
    """The unit's part may be returned: not yet done, the lead's case not yet replied, in the window."""
    assignment = mine(ctx.actor, case)
    if assignment.status not in workflow.ASSIGNMENT_RETURNABLE:
        raise Conflict(
            "not_returnable",
            _("本单位的交办状态为“{status}”，不能申请退回。"),
            status=assignment.get_status_display(),
        )
    if assignment.role == Assignment.Role.LEAD and case.status not in workflow.RETURNABLE:
        raise status_conflict(case)
    window = case.kind.return_window_workdays
    last_day = workdays.add_working_days(local_day(assignment.assigned_at), window)
    if ctx.today > last_day:
        raise Conflict(
            "return_window_passed",
            _("申请退回须在交办后{days}个工作日内提出（截至{date}），已超过期限。"),
            days=window,
            date=last_day.isoformat(),
        )


@action(
    "casework.case.return",
    model=Case,
    subject="case",
    # A co-handler may ask whatever the case's status; the lead only from workflow.RETURNABLE.
    permission=HANDLE,
    precondition=_returnable,
    precondition_hides=True,
    rule="§1.8",
    label=_("申请退回"),
    audit="casework.case.return_requested",
)
def return_request(ctx: ActionContext, *, case: Case, reason: str) -> ReturnRequest:
    """Ask the assigning staff to take the item back, only within the window (rules §1.8)."""
    reason = text(reason, field="reason", label=_("退回理由"), max_length=2000)
    assignment = my_assignment(ctx.actor, case)
    req = ReturnRequest.objects.create(
        case=case,
        assignment=assignment,
        reason=reason,
        requested_at=ctx.now,
        requested_by=ctx.user,
        from_status=case.status,
    )
    assignment.status = A.RETURN_REQUESTED
    assignment.save(update_fields=["status", "updated_at"])
    if assignment.role == Assignment.Role.LEAD:
        case.status = S.RETURN_REQUESTED
        case.save(update_fields=["status", "updated_at"])
    on_case(ctx, case, unit=assignment.unit_id, reason=reason, request=req.pk)
    notify_on_commit(
        case=case,
        kind=NK.RETURN_REQUESTED,
        users=staff_users(case),
        text=f"《{case.title}》的承办单位申请退回：{reason[:200]}",
    )
    return req


def _extensible(ctx: ActionContext, case: Case) -> None:
    """The lead unit, once: the kind allows it, it was not extended, no request is pending."""
    mine(ctx.actor, case, role=Assignment.Role.LEAD)
    if case.kind.extended_amount <= case.kind.reply_amount:
        raise Conflict("extension_not_available", _("此类事项不能延期。"))
    if case.extended:
        raise Conflict("already_extended", _("该事项已延期，不能再次申请。"))
    if ExtensionRequest.objects.filter(case=case, status=ExtensionRequest.Status.PENDING).exists():
        raise Conflict("extension_pending", _("已有待审批的延期申请。"))


@action(
    "casework.case.extend",
    model=Case,
    subject="case",
    sources=workflow.RETURNABLE,
    permission=HANDLE,
    precondition=_extensible,
    precondition_hides=True,
    rule="§1.2",
    label=_("申请延期"),
    audit="casework.case.extension_requested",
)
def extension_request(ctx: ActionContext, *, case: Case, reason: str) -> ExtensionRequest:
    """The lead unit asks for the extended deadline (rules §1.2); the assigning body decides."""
    reason = text(reason, field="reason", label=_("延期理由"), max_length=2000)
    lead = my_assignment(ctx.actor, case, role=Assignment.Role.LEAD)
    req = ExtensionRequest.objects.create(
        case=case, assignment=lead, reason=reason, requested_at=ctx.now, requested_by=ctx.user
    )
    on_case(ctx, case, reason=reason, request=req.pk)
    notify_on_commit(
        case=case,
        kind=NK.EXTENSION_REQUESTED,
        users=staff_users(case),
        text=f"《{case.title}》的主办单位申请延期：{reason[:200]}",
    )
    return req
