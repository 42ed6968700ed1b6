"""Which actions a user may take on a case now: the buttons of the case page.

Mirrors the services' checks (status, role, unit, requester, windows) so the page
never offers a button that will be refused; the services still re-check everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import workdays

from . import workflow
from .models import Assignment, Case, ExtensionRequest, Rating, Reply
from .rules import is_requester, is_supervisor, unit_assignment

A = Assignment.Status
S = Case.Status


@dataclass(frozen=True)
class ActionSpec:
    key: str
    label: Any
    form: str
    rule: str = ""


SPECS: dict[str, ActionSpec] = {
    s.key: s
    for s in (
        ActionSpec("assign", _("交办"), "AssignForm", "§1.1"),
        ActionSpec("receive", _("签收"), "EmptyForm"),
        ActionSpec("return", _("申请退回"), "ReasonForm", "§1.8"),
        ActionSpec("extend", _("申请延期"), "ReasonForm", "§1.2"),
        ActionSpec("co_opinion", _("提交协办意见"), "CoOpinionForm", "§1.9"),
        ActionSpec("contact", _("记录沟通联系"), "ContactForm", "§1.10"),
        ActionSpec("reply", _("答复"), "ReplyForm", "§1.11"),
        ActionSpec("follow_up", _("跟踪答复"), "ReplyForm", "§1.12"),
        ActionSpec("rate", _("评价"), "RatingForm", "§1.7"),
        ActionSpec("verify", _("核实不满意意见"), "VerifyForm", "S27"),
        ActionSpec("override", _("准予主办单位先行答复"), "ReasonForm", "§1.9"),
        ActionSpec("close", _("办结"), "ReasonForm"),
        ActionSpec("withdraw", _("撤回"), "ReasonForm", "§1.5"),
        ActionSpec("key", _("重点督办"), "KeyForm", "§1.4"),
        ActionSpec("note", _("督办意见"), "NoteForm", "§1.4"),
    )
}


def allowed_actions(
    user, case: Case, *, assignments: list[Assignment], today: dt.date
) -> list[str]:
    out: list[str] = []
    status = case.status
    mine = unit_assignment(user, case, assignments=assignments)
    staff = user.has_perm("casework.manage")
    if staff and workflow.allows("assign", status):
        out.append("assign")
    if mine is not None and user.has_perm("casework.handle"):
        lead = mine.role == Assignment.Role.LEAD
        if mine.status == A.AWAITING and workflow.allows(
            "receive" if lead else "co_opinion", status
        ):
            out.append("receive")
        if mine.status in workflow.ASSIGNMENT_RETURNABLE and (
            not lead or workflow.allows("return_request", status)
        ):
            last = workdays.add_working_days(
                timezone.localdate(mine.assigned_at), case.kind.return_window_workdays
            )
            if today <= last:
                out.append("return")
        if (
            lead
            and workflow.allows("extension_request", status)
            and not case.extended
            and case.kind.extended_amount > case.kind.reply_amount
            and not ExtensionRequest.objects.filter(case=case, status="pending").exists()
        ):
            out.append("extend")
        if not lead and mine.status == A.RECEIVED and workflow.allows("co_opinion", status):
            out.append("co_opinion")
        if workflow.allows("contact", status) and mine.status != A.AWAITING:
            out.append("contact")
        if lead and workflow.allows("reply", status) and mine.status == A.RECEIVED:
            out.append("reply")
        if lead and workflow.allows("follow_up", status):
            last_reply = (
                Reply.objects.filter(case=case, is_follow_up=False)
                .order_by("-round", "-id")
                .first()
            )
            if last_reply and last_reply.result_class in (case.kind.follow_up_classes or []):
                out.append("follow_up")
    if (
        case.kind.requester_rates
        and case.replied_at
        and status in (S.REPLIED, S.RATED, S.DISSATISFIED)
    ):
        if is_requester(user, case) and user.has_perm("casework.rate"):
            if not Rating.objects.filter(
                case=case, round=case.round, requester_id=user.person_id
            ).exists():
                out.append("rate")
        elif staff and status == S.REPLIED:
            out.append("rate")
    if staff and workflow.allows("verify_rehandle", status):
        out.append("verify")
    if (
        staff
        and workflow.allows("co_override", status)
        and not case.co_override_reason
        and any(
            a.role == Assignment.Role.CO and a.status not in (A.DONE, A.RETURNED)
            for a in assignments
        )
    ):
        out.append("override")
    if staff and workflow.allows("close", status):
        out.append("close")
    if workflow.allows("withdraw", status) and (staff or is_requester(user, case)):
        out.append("withdraw")
    if user.has_perm("casework.supervise") and workflow.allows("mark_key", status):
        out.append("key")
    if is_supervisor(user, case) and workflow.allows("supervision_note", status):
        out.append("note")
    return out
