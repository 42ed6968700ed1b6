"""Unit- and requester-side services: receive, return, extend, co-opinion, contact, reply, rate."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from renda.core import effects, workdays
from renda.core.errors import Conflict, DomainError, PermissionDenied

from .. import workflow
from ..hooks import REPLY_SUBMITTED
from ..models import (
    Assignment,
    Case,
    Contact,
    ExtensionRequest,
    Rating,
    Reply,
    ReturnRequest,
)
from ..models import NotificationKind as NK
from ..notifications import (
    notify_on_commit,
    requester_users,
    staff_users,
    supervisor_users,
    unit_users,
)
from ..rules import is_requester
from ._common import (
    check,
    check_upload,
    lead_of,
    local_day,
    lock,
    my_assignment,
    now_or,
    record,
    require,
    text,
)

A = Assignment.Status
S = Case.Status


def assignment_receive(*, actor, case: Case, now: dt.datetime | None = None) -> Assignment:
    """The unit receives its assignment (签收); the lead's receipt moves the case."""
    require(actor, "casework.handle")
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        assignment = my_assignment(actor, locked)
        if assignment.status != A.AWAITING:
            raise Conflict("already_received", _("本单位已签收该事项。"))
        check("receive" if assignment.role == Assignment.Role.LEAD else "co_opinion", locked)
        assignment.status, assignment.received_at, assignment.received_by = A.RECEIVED, now, actor
        assignment.save(update_fields=["status", "received_at", "received_by", "updated_at"])
        if assignment.role == Assignment.Role.LEAD:
            locked.status = S.RECEIVED
            locked.save(update_fields=["status", "updated_at"])
        record(actor, "received", locked, {"unit": assignment.unit_id, "role": assignment.role})
    return assignment


def return_request(
    *, actor, case: Case, reason: str, now: dt.datetime | None = None
) -> ReturnRequest:
    """Ask the assigning staff to take the item back, only within the window (rules §1.8)."""
    require(actor, "casework.handle")
    reason = text(reason, field="reason", label=_("退回理由"), max_length=2000)
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        assignment = my_assignment(actor, locked)
        if assignment.status not in workflow.ASSIGNMENT_RETURNABLE:
            raise Conflict(
                "not_returnable",
                _("本单位的交办状态为“{status}”，不能申请退回。"),
                status=assignment.get_status_display(),
            )
        is_lead = assignment.role == Assignment.Role.LEAD
        if is_lead:
            check("return_request", locked)
        window = locked.kind.return_window_workdays
        last_day = workdays.add_working_days(local_day(assignment.assigned_at), window)
        if local_day(now) > last_day:
            raise Conflict(
                "return_window_passed",
                _("申请退回须在交办后{days}个工作日内提出（截至{date}），已超过期限。"),
                days=window,
                date=last_day.isoformat(),
            )
        req = ReturnRequest.objects.create(
            case=locked,
            assignment=assignment,
            reason=reason,
            requested_at=now,
            requested_by=actor,
            from_status=locked.status,
        )
        assignment.status = A.RETURN_REQUESTED
        assignment.save(update_fields=["status", "updated_at"])
        if is_lead:
            locked.status = S.RETURN_REQUESTED
            locked.save(update_fields=["status", "updated_at"])
        record(
            actor,
            "return_requested",
            locked,
            {"unit": assignment.unit_id, "reason": reason, "request": req.pk},
        )
        notify_on_commit(
            case=locked,
            kind=NK.RETURN_REQUESTED,
            users=staff_users(locked),
            text=f"《{locked.title}》的承办单位申请退回：{reason[:200]}",
        )
    return req


def extension_request(
    *, actor, case: Case, reason: str, now: dt.datetime | None = None
) -> ExtensionRequest:
    """The lead unit asks for the extended deadline (rules §1.2); the assigning body decides."""
    require(actor, "casework.handle")
    reason = text(reason, field="reason", label=_("延期理由"), max_length=2000)
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        lead = my_assignment(actor, locked, role=Assignment.Role.LEAD)
        check("extension_request", locked)
        if locked.kind.extended_amount <= locked.kind.reply_amount:
            raise Conflict("extension_not_available", _("此类事项不能延期。"))
        if locked.extended:
            raise Conflict("already_extended", _("该事项已延期，不能再次申请。"))
        if ExtensionRequest.objects.filter(
            case=locked, status=ExtensionRequest.Status.PENDING
        ).exists():
            raise Conflict("extension_pending", _("已有待审批的延期申请。"))
        req = ExtensionRequest.objects.create(
            case=locked, assignment=lead, reason=reason, requested_at=now, requested_by=actor
        )
        record(actor, "extension_requested", locked, {"reason": reason, "request": req.pk})
        notify_on_commit(
            case=locked,
            kind=NK.EXTENSION_REQUESTED,
            users=staff_users(locked),
            text=f"《{locked.title}》的主办单位申请延期：{reason[:200]}",
        )
    return req


def co_opinion_submit(
    *, actor, case: Case, opinion: str, now: dt.datetime | None = None
) -> Assignment:
    """A co-handler sends its opinion to the lead unit (会签, rules §1.9)."""
    require(actor, "casework.handle")
    opinion = text(opinion, field="opinion", label=_("协办意见"))
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        assignment = my_assignment(actor, locked, role=Assignment.Role.CO)
        check("co_opinion", locked)
        if assignment.status == A.DONE:
            raise Conflict("opinion_already_sent", _("本单位已提交协办意见。"))
        if assignment.status != A.RECEIVED:
            raise Conflict("receive_first", _("请先签收该事项。"))
        assignment.status, assignment.opinion, assignment.opinion_at, assignment.opinion_by = (
            A.DONE,
            opinion,
            now,
            actor,
        )
        assignment.save(
            update_fields=["status", "opinion", "opinion_at", "opinion_by", "updated_at"]
        )
        record(actor, "co_opinion", locked, {"unit": assignment.unit_id})
        lead = lead_of(locked)
        notify_on_commit(
            case=locked,
            kind=NK.CO_OPINION,
            users=unit_users([lead.unit_id] if lead else []),
            text=f"《{locked.title}》收到协办单位意见。",
        )
    return assignment


def contact_log(
    *,
    actor,
    case: Case,
    contacted_on: dt.date,
    method: str,
    note: str,
    now: dt.datetime | None = None,
) -> Contact:
    """Record a contact with the requester (rules §1.10); the lead's first contact starts handling."""
    require(actor, "casework.handle")
    note = text(note, field="note", label=_("沟通情况"), max_length=5000)
    if method not in Contact.Method.values:
        raise DomainError(
            "invalid_choice", _("联系方式“{value}”无效。"), field="method", value=method
        )
    if not isinstance(contacted_on, dt.date):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="contacted_on", label=_("联系日期")
        )
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        assignment = my_assignment(actor, locked)
        check("contact", locked)
        if contacted_on > local_day(now):
            raise DomainError("date_in_future", _("联系日期不能晚于今天。"), field="contacted_on")
        if contacted_on < local_day(assignment.assigned_at):
            raise DomainError(
                "date_before_assignment", _("联系日期不能早于交办日期。"), field="contacted_on"
            )
        row = Contact.objects.create(
            case=locked,
            unit_id=assignment.unit_id,
            round=locked.round,
            contacted_on=contacted_on,
            method=method,
            note=note,
            created_by=actor,
        )
        if assignment.first_contact_on is None or contacted_on < assignment.first_contact_on:
            assignment.first_contact_on = contacted_on
            assignment.save(update_fields=["first_contact_on", "updated_at"])
        if assignment.role == Assignment.Role.LEAD and locked.status == S.RECEIVED:
            locked.status = S.IN_HANDLING
            locked.save(update_fields=["status", "updated_at"])
        record(
            actor,
            "contact_logged",
            locked,
            {"unit": assignment.unit_id, "method": method, "on": contacted_on.isoformat()},
        )
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


def reply_submit(
    *,
    actor,
    case: Case,
    text: str,
    result_class: str,
    signed_by_name: str,
    publishable: bool | None = None,
    withhold_reason: str = "",
    attachment=None,
    now: dt.datetime | None = None,
) -> Reply:
    """The lead unit replies, signed by its head (rules §1.11) with a result class (§1.12).

    Refused without a contact with the requester in this round (§1.10) and while a
    co-handler's opinion is missing, unless staff allowed it (§1.9).
    """
    require(actor, "casework.handle")
    body, signed, publish, reason = _reply_fields(
        case,
        text_value=text,
        result_class=result_class,
        signed_by_name=signed_by_name,
        publishable=publishable,
        withhold_reason=withhold_reason,
    )
    check_upload(attachment)
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        lead = my_assignment(actor, locked, role=Assignment.Role.LEAD)
        check("reply", locked)
        if (
            locked.kind.contact_required
            and not Contact.objects.filter(
                case=locked, unit_id=lead.unit_id, round=locked.round
            ).exists()
        ):
            raise Conflict("contact_required", _("答复前须至少记录一次与提出人的沟通联系。"))
        pending = list(
            Assignment.objects.filter(case=locked, role=Assignment.Role.CO)
            .exclude(status__in=[A.DONE, A.RETURNED])
            .select_related("unit")
        )
        if pending and not locked.co_override_reason:
            raise Conflict(
                "co_handlers_pending",
                _("协办单位（{units}）尚未提交意见，暂不能答复。"),
                units="、".join(a.unit.name for a in pending),
            )
        reply = Reply(
            case=locked,
            unit_id=lead.unit_id,
            round=locked.round,
            text=body,
            result_class=result_class,
            signed_by_name=signed,
            publishable=publish,
            withhold_reason=reason,
            replied_at=now,
            replied_by=actor,
        )
        if attachment is not None:
            reply.attachment.save(attachment.name, attachment, save=False)
        reply.save()
        effects.emit(REPLY_SUBMITTED, reply_id=reply.pk)
        lead.status = A.DONE
        lead.save(update_fields=["status", "updated_at"])
        day = local_day(now)
        locked.status, locked.replied_at, locked.published = S.REPLIED, now, publish
        locked.rating_due_on = (
            workdays.add_working_days(day, locked.kind.rating_window_workdays)
            if locked.kind.requester_rates
            else None
        )
        locked.save(
            update_fields=["status", "replied_at", "published", "rating_due_on", "updated_at"]
        )
        record(
            actor,
            "replied",
            locked,
            {
                "reply": reply.pk,
                "round": locked.round,
                "result_class": result_class,
                "publishable": publish,
                "withhold_reason": reason,
            },
        )
        msg = f"《{locked.title}》已答复（{locked.kind.result_label(result_class)}）。"
        if locked.rating_due_on:
            msg += f"请于 {locked.rating_due_on.isoformat()} 前评价。"
        notify_on_commit(
            case=locked, kind=NK.REPLIED, users=requester_users(locked), text=msg, key_date=day
        )
        notify_on_commit(
            case=locked, kind=NK.REPLIED, users=supervisor_users(locked), text=msg, key_date=day
        )
    return reply


def follow_up_reply(
    *,
    actor,
    case: Case,
    text: str,
    result_class: str,
    signed_by_name: str,
    publishable: bool | None = None,
    withhold_reason: str = "",
    attachment=None,
    now: dt.datetime | None = None,
) -> Reply:
    """A follow-up reply after implementing a B/C result (rules §1.12); the status stays."""
    require(actor, "casework.handle")
    body, signed, publish, reason = _reply_fields(
        case,
        text_value=text,
        result_class=result_class,
        signed_by_name=signed_by_name,
        publishable=publishable,
        withhold_reason=withhold_reason,
    )
    check_upload(attachment)
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        lead = my_assignment(actor, locked, role=Assignment.Role.LEAD)
        check("follow_up", locked)
        last = (
            Reply.objects.filter(case=locked, is_follow_up=False)
            .order_by("-round", "-replied_at")
            .first()
        )
        if last is None or last.result_class not in (locked.kind.follow_up_classes or []):
            raise Conflict(
                "follow_up_not_needed", _("只有办理结果为需跟踪的分类时才提交跟踪答复。")
            )
        reply = Reply(
            case=locked,
            unit_id=lead.unit_id,
            round=locked.round,
            text=body,
            result_class=result_class,
            signed_by_name=signed,
            publishable=publish,
            withhold_reason=reason,
            replied_at=now,
            replied_by=actor,
            is_follow_up=True,
        )
        if attachment is not None:
            reply.attachment.save(attachment.name, attachment, save=False)
        reply.save()
        effects.emit(REPLY_SUBMITTED, reply_id=reply.pk)
        record(
            actor, "follow_up_replied", locked, {"reply": reply.pk, "result_class": result_class}
        )
        notify_on_commit(
            case=locked,
            kind=NK.REPLIED,
            users=requester_users(locked),
            text=f"《{locked.title}》有新的跟踪答复。",
        )
    return reply


def rating_submit(
    *,
    actor,
    case: Case,
    value: str,
    comment: str = "",
    requester=None,
    now: dt.datetime | None = None,
) -> Rating:
    """The requester rates the reply (rules §1.7); staff may record a paper form for them.

    One rating per requester and round; a rating after the window is kept but marked
    late (left out of statistics). The lead requester's rating moves the case:
    不满意 goes to verification (S27).
    """
    require(actor, "casework.rate")
    if value not in Rating.Value.values:
        raise DomainError(
            "invalid_choice", _("评价“{value}”无效。"), field="value", value=value or ""
        )
    comment = text(
        comment,
        field="comment",
        label=_("意见"),
        required=value == Rating.Value.DISSATISFIED,
        max_length=5000,
    )
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        if not locked.kind.requester_rates:
            raise Conflict("rating_not_used", _("此类事项不由提出人评价。"))
        rows = list(locked.requester_rows.all())
        person_ids = {r.person_id for r in rows}
        if is_requester(actor, locked, requester_ids=person_ids):
            person_id = actor.person_id
        elif actor.has_perm("casework.manage"):
            person_id = getattr(requester, "pk", None)
            if person_id is None and person_ids:
                raise DomainError(
                    "field_required", _("请填写{label}。"), field="requester", label=_("评价人")
                )
            if person_id is not None and person_id not in person_ids:
                raise DomainError(
                    "not_requester", _("所选人员不是该事项的提出人。"), field="requester"
                )
        else:
            raise PermissionDenied("not_requester", _("只有提出人可以评价。"))
        if locked.replied_at is None or locked.status not in (
            S.REPLIED,
            S.RATED,
            S.DISSATISFIED,
            S.CLOSED,
        ):
            raise Conflict("not_awaiting_rating", _("该事项尚未答复，不能评价。"))
        if Rating.objects.filter(case=locked, round=locked.round, requester_id=person_id).exists():
            raise Conflict("already_rated", _("本轮答复已评价，不能重复评价。"))
        late = bool(locked.rating_due_on and local_day(now) > locked.rating_due_on)
        try:
            with transaction.atomic():
                rating = Rating.objects.create(
                    case=locked,
                    round=locked.round,
                    requester_id=person_id,
                    value=value,
                    comment=comment,
                    rated_at=now,
                    late=late,
                    recorded_by=actor,
                )
        except IntegrityError as exc:
            raise Conflict("already_rated", _("本轮答复已评价，不能重复评价。")) from exc
        lead_id = next(
            (r.person_id for r in rows if r.is_lead), rows[0].person_id if rows else None
        )
        moves = locked.status == S.REPLIED and person_id == lead_id
        if moves:
            dissatisfied = value == Rating.Value.DISSATISFIED
            check("rate_dissatisfied" if dissatisfied else "rate_satisfied", locked)
            locked.status = S.DISSATISFIED if dissatisfied else S.RATED
            locked.save(update_fields=["status", "updated_at"])
        record(
            actor,
            "rated",
            locked,
            {
                "value": value,
                "round": locked.round,
                "late": late,
                "requester": person_id,
                "moves_case": moves,
            },
        )
        if moves and value == Rating.Value.DISSATISFIED:
            notify_on_commit(
                case=locked,
                kind=NK.DISSATISFIED,
                users=staff_users(locked),
                text=f"《{locked.title}》的提出人不满意，请核实。",
            )
        lead = lead_of(locked)
        notify_on_commit(
            case=locked,
            kind=NK.RATED,
            users=unit_users([lead.unit_id] if lead else []),
            text=f"《{locked.title}》的提出人评价：{Rating.Value(value).label}。",
        )
    return rating
