"""Unit-side actions: receive, co-handlers' opinions, contacts, the reply and the follow-up reply."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import workdays
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError

from .. import workflow
from ..hooks import REPLY_SUBMITTED
from ..models import Assignment, Case, Contact, Reply
from ..models import NotificationKind as NK
from ..notifications import notify_on_commit, requester_users, supervisor_users, unit_users
from ._common import (
    HANDLE,
    check_upload,
    lead_of,
    local_day,
    mine,
    my_assignment,
    on_case,
    status_conflict,
    text,
)

A = Assignment.Status
S = Case.Status


def _receivable(ctx: ActionContext, case: Case) -> None:
    """The unit's part waits for receipt; the lead's only while the case waits for it."""
    assignment = mine(ctx.actor, case)
    if assignment.status != A.AWAITING:
        raise Conflict("already_received", _("本单位已签收该事项。"))
    if assignment.role == Assignment.Role.LEAD and case.status != S.AWAITING_RECEIPT:
        raise status_conflict(case)


@action(
    "casework.case.receive",
    model=Case,
    subject="case",
    sources=workflow.ASSIGNED,
    outcomes=workflow.ASSIGNED,
    permission=HANDLE,
    precondition=_receivable,
    precondition_hides=True,
    rule="§1.1",
    label=_("签收"),
    audit="casework.case.received",
)
def assignment_receive(ctx: ActionContext, *, case: Case) -> Assignment:
    """The unit receives its assignment (签收); the lead's receipt moves the case."""
    assignment = my_assignment(ctx.actor, case)
    assignment.status, assignment.received_at, assignment.received_by = (
        A.RECEIVED,
        ctx.now,
        ctx.user,
    )
    assignment.save(update_fields=["status", "received_at", "received_by", "updated_at"])
    if assignment.role == Assignment.Role.LEAD:
        case.status = S.RECEIVED
        case.save(update_fields=["status", "updated_at"])
    on_case(ctx, case, unit=assignment.unit_id, role=assignment.role)
    return assignment


def _co_opinion_open(ctx: ActionContext, case: Case) -> None:
    """A co-handler that has received the case and not yet sent its opinion (§1.9)."""
    assignment = mine(ctx.actor, case, role=Assignment.Role.CO)
    if assignment.status == A.DONE:
        raise Conflict("opinion_already_sent", _("本单位已提交协办意见。"))
    if assignment.status != A.RECEIVED:
        raise Conflict("receive_first", _("请先签收该事项。"))


@action(
    "casework.case.co_opinion",
    model=Case,
    subject="case",
    sources=workflow.ASSIGNED,
    permission=HANDLE,
    precondition=_co_opinion_open,
    precondition_hides=True,
    rule="§1.9",
    label=_("提交协办意见"),
    audit="casework.case.co_opinion",
)
def co_opinion_submit(ctx: ActionContext, *, case: Case, opinion: str) -> Assignment:
    """A co-handler sends its opinion to the lead unit (会签, rules §1.9)."""
    opinion = text(opinion, field="opinion", label=_("协办意见"))
    assignment = my_assignment(ctx.actor, case, role=Assignment.Role.CO)
    assignment.status, assignment.opinion, assignment.opinion_at, assignment.opinion_by = (
        A.DONE,
        opinion,
        ctx.now,
        ctx.user,
    )
    assignment.save(update_fields=["status", "opinion", "opinion_at", "opinion_by", "updated_at"])
    on_case(ctx, case, unit=assignment.unit_id)
    lead = lead_of(case)
    notify_on_commit(
        case=case,
        kind=NK.CO_OPINION,
        users=unit_users([lead.unit_id] if lead else []),
        text=f"《{case.title}》收到协办单位意见。",
    )
    return assignment


def _received(ctx: ActionContext, case: Case) -> None:
    """A unit of the case that has received it."""
    if mine(ctx.actor, case).status == A.AWAITING:
        raise Conflict("receive_first", _("请先签收该事项。"))


@action(
    "casework.case.contact",
    model=Case,
    subject="case",
    sources=workflow.REPLYING,
    outcomes=workflow.REPLYING,
    permission=HANDLE,
    precondition=_received,
    precondition_hides=True,
    rule="§1.10",
    label=_("记录沟通联系"),
    audit="casework.case.contact_logged",
)
def contact_log(
    ctx: ActionContext, *, case: Case, contacted_on: dt.date, method: str, note: str
) -> Contact:
    """Record a contact with the requester (rules §1.10); the lead's first contact starts handling."""
    note = text(note, field="note", label=_("沟通情况"), max_length=5000)
    if method not in Contact.Method.values:
        raise DomainError(
            "invalid_choice", _("联系方式“{value}”无效。"), field="method", value=method
        )
    if not isinstance(contacted_on, dt.date):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="contacted_on", label=_("联系日期")
        )
    assignment = my_assignment(ctx.actor, case)
    if contacted_on > ctx.today:
        raise DomainError("date_in_future", _("联系日期不能晚于今天。"), field="contacted_on")
    if contacted_on < local_day(assignment.assigned_at):
        raise DomainError(
            "date_before_assignment", _("联系日期不能早于交办日期。"), field="contacted_on"
        )
    row = Contact.objects.create(
        case=case,
        unit_id=assignment.unit_id,
        round=case.round,
        contacted_on=contacted_on,
        method=method,
        note=note,
        created_by=ctx.user,
    )
    if assignment.first_contact_on is None or contacted_on < assignment.first_contact_on:
        assignment.first_contact_on = contacted_on
        assignment.save(update_fields=["first_contact_on", "updated_at"])
    if assignment.role == Assignment.Role.LEAD and case.status == S.RECEIVED:
        case.status = S.IN_HANDLING
        case.save(update_fields=["status", "updated_at"])
    on_case(ctx, case, unit=assignment.unit_id, method=method, on=contacted_on.isoformat())
    return row


def _reply_fields(
    case: Case, *, text_value, result_class, signed_by_name, publishable, withhold_reason
):
    body = text(text_value, field="text", label=_("答复内容"))
    signed = text(signed_by_name, field="signed_by_name", label=_("签发负责人"), max_length=60)
    if result_class not in (case.kind.result_classes or {}):
        raise DomainError(
            "result_class_invalid",
            _("办理结果分类“{value}”无效。"),
            field="result_class",
            value=result_class or "",
        )
    publish = case.kind.publish_default if publishable is None else bool(publishable)
    reason = text(
        withhold_reason,
        field="withhold_reason",
        label=_("不公开理由"),
        required=False,
        max_length=2000,
    )
    if not publish and not reason:
        raise DomainError(
            "withhold_reason_required",
            _("答复不公开时须说明理由（rules §1.13）。"),
            field="withhold_reason",
        )
    return body, signed, publish, reason if not publish else ""


def _lead_unit(ctx: ActionContext, case: Case) -> None:
    """The lead unit of the case (主办, §1.9, §1.11)."""
    mine(ctx.actor, case, role=Assignment.Role.LEAD)


def _reply(
    ctx: ActionContext, case: Case, lead: Assignment, fields: tuple, result_class: str, **extra
) -> Reply:
    body, signed, publish, reason = fields
    return Reply(
        case=case,
        unit_id=lead.unit_id,
        round=case.round,
        text=body,
        result_class=result_class,
        signed_by_name=signed,
        publishable=publish,
        withhold_reason=reason,
        replied_at=ctx.now,
        replied_by=ctx.user,
        **extra,
    )


def reply_checks(case: Case, unit_id: int) -> list[dict]:
    """What must hold before the lead unit may reply, each with whether it holds now: the
    page lists them before the reply form, and :func:`reply_submit` refuses on the first
    that does not (rules §1.10 contact, §1.9 co-handlers' opinions)."""
    checks = []
    if case.kind.contact_required:
        n = Contact.objects.filter(case=case, unit_id=unit_id, round=case.round).count()
        checks.append(
            {
                "code": "contact_required",
                "rule": "§1.10",
                "label": _("已与提出人沟通联系"),
                "met": n > 0,
                "detail": _("本轮已记录 {n} 次").format(n=n)
                if n
                else _("本轮尚未记录：请先用“记录联系”登记"),
                "refusal": _("答复前须至少记录一次与提出人的沟通联系。"),
                "params": {},
            }
        )
    co = list(Assignment.objects.filter(case=case, role=Assignment.Role.CO).select_related("unit"))
    if co:
        pending = [a for a in co if a.status not in (A.DONE, A.RETURNED)]
        units = "、".join(a.unit.name for a in pending)
        detail = _("已提交 {done}/{all}").format(done=len(co) - len(pending), all=len(co))
        if pending:
            detail = _("{done}；待提交：{units}").format(done=detail, units=units)
        if pending and case.co_override_reason:
            detail = _("{done}；已准予先行答复").format(done=detail)
        checks.append(
            {
                "code": "co_handlers_pending",
                "rule": "§1.9",
                "label": _("协办单位已提交意见"),
                "met": not pending or bool(case.co_override_reason),
                "detail": detail,
                "refusal": _("协办单位（{units}）尚未提交意见，暂不能答复。"),
                "params": {"units": units},
            }
        )
    return checks


@action(
    "casework.case.reply",
    model=Case,
    subject="case",
    sources=workflow.REPLYING,
    target=S.REPLIED,
    permission=HANDLE,
    precondition=_lead_unit,
    precondition_hides=True,
    rule="§1.11",
    label=_("答复"),
    audit="casework.case.replied",
)
def reply_submit(
    ctx: ActionContext,
    *,
    case: Case,
    text: str,
    result_class: str,
    signed_by_name: str,
    publishable: bool | None = None,
    withhold_reason: str = "",
    attachment=None,
) -> Reply:
    """The lead unit replies, signed by its head (rules §1.11) with a result class (§1.12).

    Refused without a contact with the requester in this round (§1.10) and while a
    co-handler's opinion is missing, unless staff allowed it (§1.9).
    """
    fields = _reply_fields(
        case,
        text_value=text,
        result_class=result_class,
        signed_by_name=signed_by_name,
        publishable=publishable,
        withhold_reason=withhold_reason,
    )
    check_upload(attachment)
    lead = my_assignment(ctx.actor, case, role=Assignment.Role.LEAD)
    for check in reply_checks(case, lead.unit_id):
        if not check["met"]:
            raise Conflict(check["code"], check["refusal"], **check["params"])
    _body, _signed, publish, reason = fields
    reply = _reply(ctx, case, lead, fields, result_class)
    # Public at once, or once the office approves it where the kind reviews publication.
    if publish and not case.kind.publish_review:
        reply.published_at = ctx.now
    if attachment is not None:
        reply.attachment.save(attachment.name, attachment, save=False)
    reply.save()
    ctx.emit(REPLY_SUBMITTED, reply_id=reply.pk)
    lead.status = A.DONE
    lead.save(update_fields=["status", "updated_at"])
    day = ctx.today
    from .publication import has_public_reply

    case.status, case.replied_at = S.REPLIED, ctx.now
    case.published = has_public_reply(case)
    case.rating_due_on = (
        workdays.add_working_days(day, case.kind.rating_window_workdays)
        if case.kind.requester_rates
        else None
    )
    case.save(update_fields=["status", "replied_at", "published", "rating_due_on", "updated_at"])
    on_case(
        ctx,
        case,
        reply=reply.pk,
        round=case.round,
        result_class=result_class,
        publishable=publish,
        withhold_reason=reason,
        awaiting_review=publish and case.kind.publish_review,
    )
    msg = f"《{case.title}》已答复（{case.kind.result_label(result_class)}）。"
    if case.rating_due_on:
        msg += f"请于 {case.rating_due_on.isoformat()} 前评价。"
    for users in (requester_users(case), supervisor_users(case)):
        notify_on_commit(case=case, kind=NK.REPLIED, users=users, text=msg, key_date=day)
    return reply


def _follow_up_needed(ctx: ActionContext, case: Case) -> None:
    """The lead unit, after a reply whose result class needs a follow-up (§1.12)."""
    mine(ctx.actor, case, role=Assignment.Role.LEAD)
    last = (
        Reply.objects.filter(case=case, is_follow_up=False)
        .order_by("-round", "-replied_at")
        .first()
    )
    if last is None or last.result_class not in (case.kind.follow_up_classes or []):
        raise Conflict("follow_up_not_needed", _("只有办理结果为需跟踪的分类时才提交跟踪答复。"))


@action(
    "casework.case.follow_up",
    model=Case,
    subject="case",
    sources=workflow.FOLLOW_UP,
    permission=HANDLE,
    precondition=_follow_up_needed,
    precondition_hides=True,
    rule="§1.12",
    label=_("跟踪答复"),
    audit="casework.case.follow_up_replied",
)
def follow_up_reply(
    ctx: ActionContext,
    *,
    case: Case,
    text: str,
    result_class: str,
    signed_by_name: str,
    publishable: bool | None = None,
    withhold_reason: str = "",
    attachment=None,
) -> Reply:
    """A follow-up reply after implementing a B/C result (rules §1.12); the status stays."""
    fields = _reply_fields(
        case,
        text_value=text,
        result_class=result_class,
        signed_by_name=signed_by_name,
        publishable=publishable,
        withhold_reason=withhold_reason,
    )
    check_upload(attachment)
    lead = my_assignment(ctx.actor, case, role=Assignment.Role.LEAD)
    reply = _reply(ctx, case, lead, fields, result_class, is_follow_up=True)
    if attachment is not None:
        reply.attachment.save(attachment.name, attachment, save=False)
    reply.save()
    ctx.emit(REPLY_SUBMITTED, reply_id=reply.pk)
    on_case(ctx, case, reply=reply.pk, result_class=result_class)
    notify_on_commit(
        case=case,
        kind=NK.REPLIED,
        users=requester_users(case),
        text=f"《{case.title}》有新的跟踪答复。",
    )
    return reply
