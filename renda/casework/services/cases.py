"""Staff-side services: create, assign, decide returns and extensions, verify, close, supervise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.people.models import Organization, Person

from ..deadlines import add_period
from ..models import (
    Assignment,
    Case,
    CaseKind,
    CaseRequester,
    DeadlineUnit,
    ExtensionRequest,
    ReturnRequest,
    SupervisionNote,
    Verification,
)
from ..models import NotificationKind as NK
from ..notifications import notify_on_commit, requester_users, supervisor_users, unit_users
from ..rules import is_requester, is_supervisor
from ._common import check, lead_of, local_day, lock, now_or, record, require, text

A = Assignment.Status
S = Case.Status


def case_create(
    *,
    actor,
    kind: CaseKind,
    title: str,
    summary: str = "",
    requesters: Sequence[Person] = (),
    requester_body: Organization | None = None,
    source_type: str = "",
    source_id: str | int = "",
) -> Case:
    """Create a case waiting for assignment (待交办); the first requester leads (rules §1.11)."""
    require(actor, "casework.manage")
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
    with transaction.atomic():
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
        record(
            actor,
            "created",
            case,
            {
                "kind": kind.code,
                "title": title,
                "requesters": [p.pk for p in people],
                "requester_body": requester_body.pk if requester_body else None,
                "source": f"{source_type}:{source_id}" if source_type else "",
            },
        )
    return case


def case_assign(
    *,
    actor,
    case: Case,
    lead: Organization,
    co_handlers: Sequence[Organization] = (),
    now: dt.datetime | None = None,
) -> Case:
    """Assign a case (交办, rules §1.1) and store the deadlines counted from today (§1.2, §1.9)."""
    require(actor, "casework.manage")
    now = now_or(now)
    co = list(dict.fromkeys(co_handlers))
    if lead is None:
        raise DomainError("field_required", _("请填写{label}。"), field="lead", label=_("主办单位"))
    if lead in co:
        raise DomainError(
            "unit_duplicate", _("主办单位不能同时作为协办单位。"), field="co_handlers"
        )
    with transaction.atomic():
        locked = lock(case)
        check("assign", locked)
        kind = locked.kind
        day = local_day(now)
        due = add_period(day, kind.reply_amount, kind.reply_unit)
        co_due = min(add_period(day, kind.co_amount, kind.co_unit), due)
        contact_due = (
            add_period(day, kind.contact_workdays, DeadlineUnit.WORKING_DAYS)
            if kind.contact_workdays
            else None
        )
        Assignment.objects.create(
            case=locked,
            unit=lead,
            role=Assignment.Role.LEAD,
            assigned_at=now,
            due_on=due,
            contact_due_on=contact_due,
        )
        Assignment.objects.bulk_create(
            [
                Assignment(
                    case=locked, unit=u, role=Assignment.Role.CO, assigned_at=now, due_on=co_due
                )
                for u in co
            ]
        )
        locked.status, locked.assigned_at, locked.assigned_by, locked.due_on = (
            S.AWAITING_RECEIPT,
            now,
            actor,
            due,
        )
        locked.extended, locked.co_override_reason, locked.co_override_by = False, "", None
        locked.save(
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
        record(
            actor,
            "assigned",
            locked,
            {
                "lead": lead.pk,
                "co_handlers": [u.pk for u in co],
                "due_on": due.isoformat(),
                "co_due_on": co_due.isoformat(),
            },
        )
        notify_on_commit(
            case=locked,
            kind=NK.ASSIGNED,
            users=unit_users([lead.pk, *[u.pk for u in co]]),
            text=f"新交办事项《{locked.title}》，答复期限 {due.isoformat()}。",
            key_date=day,
        )
    return locked


def _decide_pending(model, request, approve: bool, note: str):
    locked = model.objects.select_for_update().get(pk=request.pk)
    if locked.status != model.Status.PENDING:
        raise Conflict("request_already_decided", _("该申请已审批。"))
    if not approve and not note:
        raise DomainError("note_required", _("不同意时请填写审批意见。"), field="note")
    return locked


def return_decide(
    *, actor, request: ReturnRequest, approve: bool, note: str = "", now: dt.datetime | None = None
) -> ReturnRequest:
    """Take an item back from a unit, or refuse (rules §1.8). A returned lead sends the case back to 待交办."""
    require(actor, "casework.manage")
    note = text(note, field="note", label=_("审批意见"), required=False, max_length=2000)
    now = now_or(now)
    with transaction.atomic():
        case = lock(request.case)
        req = _decide_pending(ReturnRequest, request, approve, note)
        assignment = Assignment.objects.select_for_update().get(pk=req.assignment_id)
        is_lead = assignment.role == Assignment.Role.LEAD
        if is_lead:
            check("return_approve" if approve else "return_reject", case)
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
                case.status = req.from_status or S.AWAITING_RECEIPT
        case.save(update_fields=["status", "due_on", "assigned_at", "updated_at"])
        req.status = ReturnRequest.Status.APPROVED if approve else ReturnRequest.Status.REJECTED
        req.decided_at, req.decided_by, req.decision_note = now, actor, note
        req.save(
            update_fields=["status", "decided_at", "decided_by", "decision_note", "updated_at"]
        )
        record(
            actor,
            "return_decided",
            case,
            {"request": req.pk, "unit": assignment.unit_id, "approved": approve, "note": note},
        )
        notify_on_commit(
            case=case,
            kind=NK.RETURN_DECIDED,
            users=unit_users([assignment.unit_id]),
            text=f"《{case.title}》的退回申请{'已同意' if approve else '未同意'}。{note}",
        )
    return req


def extension_decide(
    *,
    actor,
    request: ExtensionRequest,
    approve: bool,
    note: str = "",
    now: dt.datetime | None = None,
) -> ExtensionRequest:
    """Approve the extended deadline counted from the assignment (rules §1.2), or refuse."""
    require(actor, "casework.manage")
    note = text(note, field="note", label=_("审批意见"), required=False, max_length=2000)
    now = now_or(now)
    with transaction.atomic():
        case = lock(request.case)
        req = _decide_pending(ExtensionRequest, request, approve, note)
        check("extension_decide", case)
        if approve:
            lead = Assignment.objects.select_for_update().get(pk=req.assignment_id)
            new_due = add_period(
                local_day(lead.assigned_at), case.kind.extended_amount, case.kind.reply_unit
            )
            lead.due_on = new_due
            lead.save(update_fields=["due_on", "updated_at"])
            case.due_on, case.extended, req.new_due_on = new_due, True, new_due
            case.save(update_fields=["due_on", "extended", "updated_at"])
        req.status = (
            ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REJECTED
        )
        req.decided_at, req.decided_by, req.decision_note = now, actor, note
        req.save(
            update_fields=[
                "status",
                "decided_at",
                "decided_by",
                "decision_note",
                "new_due_on",
                "updated_at",
            ]
        )
        record(
            actor,
            "extension_decided",
            case,
            {
                "request": req.pk,
                "approved": approve,
                "note": note,
                "due_on": req.new_due_on.isoformat() if req.new_due_on else None,
            },
        )
        lead_unit = req.assignment.unit_id
        notify_on_commit(
            case=case,
            kind=NK.EXTENSION_DECIDED,
            users=unit_users([lead_unit]),
            text=f"《{case.title}》的延期申请{'已同意，新期限 ' + str(req.new_due_on) if approve else '未同意'}。",
        )
    return req


def co_handlers_override(*, actor, case: Case, reason: str) -> Case:
    """Let the lead unit reply before every co-handler has sent its opinion (rules §1.9)."""
    require(actor, "casework.manage")
    reason = text(reason, field="reason", label=_("理由"), max_length=2000)
    with transaction.atomic():
        locked = lock(case)
        check("co_override", locked)
        locked.co_override_reason, locked.co_override_by = reason, actor
        locked.save(update_fields=["co_override_reason", "co_override_by", "updated_at"])
        record(actor, "co_override", locked, {"reason": reason})
    return locked


def dissatisfaction_verify(
    *, actor, case: Case, rehandle: bool, finding: str, now: dt.datetime | None = None
) -> Verification:
    """Verify a dissatisfied rating (S27): re-handle with a new deadline (§1.6) or close with reasons."""
    require(actor, "casework.manage")
    finding = text(finding, field="finding", label=_("核实情况"))
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        check("verify_rehandle" if rehandle else "verify_close", locked)
        kind, day = locked.kind, local_day(now)
        new_due = None
        if rehandle:
            new_due = add_period(day, kind.rehandle_amount, kind.rehandle_unit)
            lead = lead_of(locked, for_update=True)
            if lead is not None:
                lead.status, lead.due_on = A.RECEIVED, new_due
                lead.save(update_fields=["status", "due_on", "updated_at"])
            locked.status, locked.round, locked.due_on = S.REHANDLING, locked.round + 1, new_due
            locked.replied_at, locked.rating_due_on = None, None
        else:
            locked.status, locked.closed_at, locked.close_reason = S.CLOSED, now, finding
        verification = Verification.objects.create(
            case=locked,
            round=locked.round - (1 if rehandle else 0),
            finding=finding,
            new_due_on=new_due,
            outcome=Verification.Outcome.REHANDLE if rehandle else Verification.Outcome.CLOSE,
            verified_at=now,
            verified_by=actor,
        )
        locked.save(
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
        record(
            actor,
            "verified",
            locked,
            {
                "rehandle": rehandle,
                "finding": finding,
                "due_on": new_due.isoformat() if new_due else None,
            },
        )
        if rehandle:
            lead_unit = lead.unit_id if lead else None
            msg = f"《{locked.title}》经核实需重新办理，期限 {new_due.isoformat()}。"
            notify_on_commit(
                case=locked,
                kind=NK.REHANDLE,
                users=unit_users([lead_unit] if lead_unit else []),
                text=msg,
                key_date=day,
            )
            notify_on_commit(
                case=locked, kind=NK.REHANDLE, users=requester_users(locked), text=msg, key_date=day
            )
            notify_on_commit(
                case=locked,
                kind=NK.REHANDLE,
                users=supervisor_users(locked),
                text=msg,
                key_date=day,
            )
        else:
            notify_on_commit(
                case=locked,
                kind=NK.CLOSED,
                users=requester_users(locked),
                text=f"《{locked.title}》经核实已办结：{finding[:200]}",
                key_date=day,
            )
    return verification


def case_close(*, actor, case: Case, reason: str = "", now: dt.datetime | None = None) -> Case:
    """Close a replied or rated case; a reply still waiting for its rating needs the window to pass."""
    require(actor, "casework.manage")
    reason = text(reason, field="reason", label=_("办结说明"), required=False, max_length=2000)
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        check("close", locked)
        if (
            locked.status == S.REPLIED
            and locked.kind.requester_rates
            and locked.rating_due_on
            and local_day(now) <= locked.rating_due_on
        ):
            raise Conflict(
                "rating_pending",
                _("提出人评价期限（{date}）未到，暂不能办结。"),
                date=locked.rating_due_on.isoformat(),
            )
        locked.status, locked.closed_at, locked.close_reason = S.CLOSED, now, reason
        locked.save(update_fields=["status", "closed_at", "close_reason", "updated_at"])
        record(actor, "closed", locked, {"reason": reason})
    return locked


def case_withdraw(*, actor, case: Case, reason: str, now: dt.datetime | None = None) -> Case:
    """Withdraw a case before handling starts: by a requester or the office (rules §1.5)."""
    require(actor, "casework.view")
    reason = text(reason, field="reason", label=_("撤回理由"), max_length=2000)
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        if not (actor.has_perm("casework.manage") or is_requester(actor, locked)):
            raise PermissionDenied()
        check("withdraw", locked)
        units = list(
            Assignment.objects.filter(case=locked)
            .exclude(status=A.RETURNED)
            .values_list("unit_id", flat=True)
        )
        locked.status, locked.closed_at, locked.close_reason = S.WITHDRAWN, now, reason
        locked.save(update_fields=["status", "closed_at", "close_reason", "updated_at"])
        record(actor, "withdrawn", locked, {"reason": reason})
        notify_on_commit(
            case=locked,
            kind=NK.CLOSED,
            users=unit_users(units),
            text=f"《{locked.title}》已撤回：{reason[:200]}",
        )
    return locked


def case_merge(*, actor, case: Case, into: Case, now: dt.datetime | None = None) -> Case:
    """Merge a case into another of the same kind; its requesters join the other case."""
    require(actor, "casework.manage")
    if case.pk == into.pk:
        raise DomainError("merge_into_self", _("不能将事项并入其自身。"), field="into")
    now = now_or(now)
    with transaction.atomic():
        first, second = sorted([case, into], key=lambda c: c.pk)
        locked_first, locked_second = lock(first), lock(second)
        locked, target = (
            (locked_first, locked_second) if first.pk == case.pk else (locked_second, locked_first)
        )
        check("merge", locked)
        if target.kind_id != locked.kind_id:
            raise DomainError("merge_kind_mismatch", _("只能并入同一类型的事项。"), field="into")
        if target.status in (S.CLOSED, S.WITHDRAWN, S.MERGED):
            raise Conflict("merge_target_closed", _("目标事项已结束，不能并入。"), field="into")
        have = set(target.requester_rows.values_list("person_id", flat=True))
        start = target.requester_rows.count()
        extra = [r.person_id for r in locked.requester_rows.all() if r.person_id not in have]
        CaseRequester.objects.bulk_create(
            [
                CaseRequester(case=target, person_id=pid, is_lead=False, order=start + i)
                for i, pid in enumerate(extra)
            ]
        )
        locked.status, locked.merged_into, locked.closed_at = S.MERGED, target, now
        locked.save(update_fields=["status", "merged_into", "closed_at", "updated_at"])
        Assignment.objects.filter(case=locked).exclude(status=A.RETURNED).update(
            status=A.RETURNED, returned_at=now
        )
        record(actor, "merged", locked, {"into": target.pk})
        record(actor, "merge_received", target, {"from": locked.pk, "requesters_added": extra})
    return locked


def case_mark_key(
    *,
    actor,
    case: Case,
    key: bool = True,
    leader=None,
    committee: Organization | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """Mark (or unmark) a case key-supervised with a responsible leader and committee (rules §1.4, S27)."""
    require(actor, "casework.supervise")
    if key and leader is not None and leader.role != Role.LEADER:
        raise DomainError("leader_invalid", _("牵头督办领导须为主任会议成员。"), field="leader")
    if (
        key
        and committee is not None
        and committee.kind
        not in (Organization.Kind.SPECIAL_COMMITTEE, Organization.Kind.WORKING_BODY)
    ):
        raise DomainError(
            "committee_invalid", _("督办机构须为专门委员会或工作委员会。"), field="committee"
        )
    now = now_or(now)
    with transaction.atomic():
        locked = lock(case)
        check("mark_key", locked)
        locked.is_key = key
        locked.key_leader = leader if key else None
        locked.key_committee = committee if key else None
        locked.key_marked_at = now if key else None
        locked.save(
            update_fields=["is_key", "key_leader", "key_committee", "key_marked_at", "updated_at"]
        )
        record(
            actor,
            "key_marked" if key else "key_unmarked",
            locked,
            {
                "leader": leader.pk if key and leader else None,
                "committee": committee.pk if key and committee else None,
            },
        )
        if key:
            lead = lead_of(locked)
            msg = f"《{locked.title}》已列为重点督办事项。"
            notify_on_commit(
                case=locked, kind=NK.KEY_MARKED, users=supervisor_users(locked), text=msg
            )
            notify_on_commit(
                case=locked,
                kind=NK.KEY_MARKED,
                users=unit_users([lead.unit_id] if lead else []),
                text=msg,
            )
    return locked


def supervision_note_add(*, actor, case: Case, note: str) -> SupervisionNote:
    """A supervisor adds a note to a key case; the units and the other supervisors are told."""
    require(actor, "casework.view")
    note = text(note, field="note", label=_("督办意见"), max_length=5000)
    with transaction.atomic():
        locked = lock(case)
        if not is_supervisor(actor, locked):
            raise PermissionDenied(
                "not_supervisor", _("只有督办领导、督办委员会和办公室可以填写督办意见。")
            )
        check("supervision_note", locked)
        row = SupervisionNote.objects.create(case=locked, author=actor, text=note)
        record(actor, "supervision_note", locked, {"note": row.pk})
        units = list(
            Assignment.objects.filter(case=locked)
            .exclude(status=A.RETURNED)
            .values_list("unit_id", flat=True)
        )
        notify_on_commit(
            case=locked,
            kind=NK.SUPERVISION_NOTE,
            users=unit_users(units),
            text=f"《{locked.title}》有新的督办意见。",
        )
    return row
