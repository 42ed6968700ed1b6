"""Staff decisions on a case: return and extension requests, co-handlers, dissatisfaction (§1.2, §1.8, §1.9, S27)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError

from .. import workflow
from ..deadlines import add_period
from ..models import Assignment, Case, ExtensionRequest, ReturnRequest, Verification
from ..models import NotificationKind as NK
from ..notifications import notify_on_commit, requester_users, supervisor_users, unit_users
from ._common import MANAGE, lead_of, local_day, on_case, status_conflict, text

A = Assignment.Status
S = Case.Status


def _pending(ctx: ActionContext, request) -> None:
    if request.status != type(request).Status.PENDING:
        raise Conflict("request_already_decided", _("该申请已审批。"))


def _return_pending(ctx: ActionContext, request: ReturnRequest) -> None:
    """Pending; a lead unit's request is decided while the case waits for it (§1.8)."""
    _pending(ctx, request)
    if (
        request.assignment.role == Assignment.Role.LEAD
        and request.case.status != S.RETURN_REQUESTED
    ):
        raise status_conflict(request.case)


def _decision(approve: bool, note: str) -> str:
    note = text(note, field="note", label=_("审批意见"), required=False, max_length=2000)
    if not approve and not note:
        raise DomainError("note_required", _("不同意时请填写审批意见。"), field="note")
    return note


@action(
    "casework.return_request.decide",
    model=ReturnRequest,
    subject="request",
    holder=lambda r: r.case,
    permission=MANAGE,
    precondition=_return_pending,
    precondition_hides=True,
    rule="§1.8",
    label=_("审批退回申请"),
    audit="casework.case.return_decided",
)
def return_decide(
    ctx: ActionContext, *, request: ReturnRequest, approve: bool, note: str = ""
) -> ReturnRequest:
    """Take an item back from a unit, or refuse (rules §1.8). A returned lead sends the case back to 待交办."""
    note = _decision(approve, note)
    case, now = request.case, ctx.now
    assignment = Assignment.objects.select_for_update().get(pk=request.assignment_id)
    is_lead = assignment.role == Assignment.Role.LEAD
    if approve:
        targets = (
            Assignment.objects.filter(case=case).exclude(status=A.RETURNED)
            if is_lead
            else Assignment.objects.filter(pk=assignment.pk)
        )
        targets.update(status=A.RETURNED, returned_at=now)
        if is_lead:
            case.status, case.due_on, case.assigned_at = S.NEW, None, None
    else:
        assignment.status = A.RECEIVED if assignment.received_at else A.AWAITING
        assignment.save(update_fields=["status", "updated_at"])
        if is_lead:
            case.status = request.from_status or S.AWAITING_RECEIPT
    case.save(update_fields=["status", "due_on", "assigned_at", "updated_at"])
    request.status = ReturnRequest.Status.APPROVED if approve else ReturnRequest.Status.REJECTED
    request.decided_at, request.decided_by, request.decision_note = now, ctx.user, note
    request.save(
        update_fields=["status", "decided_at", "decided_by", "decision_note", "updated_at"]
    )
    on_case(
        ctx,
        case,
        request=request.pk,
        unit=assignment.unit_id,
        approved=approve,
        note=note,
    )
    notify_on_commit(
        case=case,
        kind=NK.RETURN_DECIDED,
        users=unit_users([assignment.unit_id]),
        text=f"《{case.title}》的退回申请{'已同意' if approve else '未同意'}。{note}",
    )
    return request


@action(
    "casework.extension_request.decide",
    model=ExtensionRequest,
    subject="request",
    holder=lambda r: r.case,
    sources=workflow.EXTENSION_DECIDABLE,
    permission=MANAGE,
    precondition=_pending,
    precondition_hides=True,
    rule="§1.2",
    label=_("审批延期申请"),
    audit="casework.case.extension_decided",
)
def extension_decide(
    ctx: ActionContext, *, request: ExtensionRequest, approve: bool, note: str = ""
) -> ExtensionRequest:
    """Approve the extended deadline counted from the assignment (rules §1.2), or refuse."""
    note = _decision(approve, note)
    case = request.case
    if approve:
        lead = Assignment.objects.select_for_update().get(pk=request.assignment_id)
        new_due = add_period(
            local_day(lead.assigned_at), case.kind.extended_amount, case.kind.reply_unit
        )
        lead.due_on = new_due
        lead.save(update_fields=["due_on", "updated_at"])
        case.due_on, case.extended, request.new_due_on = new_due, True, new_due
        case.save(update_fields=["due_on", "extended", "updated_at"])
    request.status = (
        ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REJECTED
    )
    request.decided_at, request.decided_by, request.decision_note = ctx.now, ctx.user, note
    request.save(
        update_fields=[
            "status",
            "decided_at",
            "decided_by",
            "decision_note",
            "new_due_on",
            "updated_at",
        ]
    )
    on_case(
        ctx,
        case,
        request=request.pk,
        approved=approve,
        note=note,
        due_on=request.new_due_on.isoformat() if request.new_due_on else None,
    )
    notify_on_commit(
        case=case,
        kind=NK.EXTENSION_DECIDED,
        users=unit_users([request.assignment.unit_id]),
        text=f"《{case.title}》的延期申请{'已同意，新期限 ' + str(request.new_due_on) if approve else '未同意'}。",
    )
    return request


def _co_handlers_pending(ctx: ActionContext, case: Case) -> None:
    """Only while a co-handler's opinion is missing and no override was given yet (§1.9)."""
    if case.co_override_reason:
        raise Conflict("co_override_exists", _("已准予主办单位先行答复。"))
    if (
        not Assignment.objects.filter(case=case, role=Assignment.Role.CO)
        .exclude(status__in=[A.DONE, A.RETURNED])
        .exists()
    ):
        raise Conflict("co_handlers_done", _("协办单位均已提交意见。"))


@action(
    "casework.case.override",
    model=Case,
    subject="case",
    sources=workflow.ASSIGNED,
    permission=MANAGE,
    precondition=_co_handlers_pending,
    precondition_hides=True,
    rule="§1.9",
    label=_("准予主办单位先行答复"),
    audit="casework.case.co_override",
)
def co_handlers_override(ctx: ActionContext, *, case: Case, reason: str) -> Case:
    """Let the lead unit reply before every co-handler has sent its opinion (rules §1.9)."""
    reason = text(reason, field="reason", label=_("理由"), max_length=2000)
    case.co_override_reason, case.co_override_by = reason, ctx.user
    case.save(update_fields=["co_override_reason", "co_override_by", "updated_at"])
    on_case(ctx, case, reason=reason)
    return case


@action(
    "casework.case.verify",
    model=Case,
    subject="case",
    sources={S.DISSATISFIED},
    outcomes={S.REHANDLING, S.CLOSED},
    permission=MANAGE,
    rule="S27",
    label=_("核实不满意意见"),
    audit="casework.case.verified",
)
def dissatisfaction_verify(
    ctx: ActionContext, *, case: Case, rehandle: bool, finding: str
) -> Verification:
    """Verify a dissatisfied rating (S27): re-handle with a new deadline (§1.6) or close with reasons."""
    finding = text(finding, field="finding", label=_("核实情况"))
    now, kind, day = ctx.now, case.kind, ctx.today
    new_due = lead = None
    if rehandle:
        new_due = add_period(day, kind.rehandle_amount, kind.rehandle_unit)
        lead = lead_of(case, for_update=True)
        if lead is not None:
            lead.status, lead.due_on = A.RECEIVED, new_due
            lead.save(update_fields=["status", "due_on", "updated_at"])
        case.status, case.round, case.due_on = S.REHANDLING, case.round + 1, new_due
        case.replied_at, case.rating_due_on = None, None
    else:
        case.status, case.closed_at, case.close_reason = S.CLOSED, now, finding
    verification = Verification.objects.create(
        case=case,
        round=case.round - (1 if rehandle else 0),
        finding=finding,
        new_due_on=new_due,
        outcome=Verification.Outcome.REHANDLE if rehandle else Verification.Outcome.CLOSE,
        verified_at=now,
        verified_by=ctx.user,
    )
    case.save(
        update_fields=[
            "status",
            "round",
            "due_on",
            "replied_at",
            "rating_due_on",
            "closed_at",
            "close_reason",
            "updated_at",
        ]
    )
    on_case(
        ctx,
        case,
        rehandle=rehandle,
        finding=finding,
        due_on=new_due.isoformat() if new_due else None,
    )
    if rehandle:
        msg = f"《{case.title}》经核实需重新办理，期限 {new_due.isoformat()}。"
        for users in (
            unit_users([lead.unit_id] if lead else []),
            requester_users(case),
            supervisor_users(case),
        ):
            notify_on_commit(case=case, kind=NK.REHANDLE, users=users, text=msg, key_date=day)
    else:
        notify_on_commit(
            case=case,
            kind=NK.CLOSED,
            users=requester_users(case),
            text=f"《{case.title}》经核实已办结：{finding[:200]}",
            key_date=day,
        )
    return verification
