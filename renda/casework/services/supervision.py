"""Key supervision of cases and the supervisors' notes (rules §1.4, S27)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.people.models import Organization

from .. import workflow
from ..models import Assignment, Case, SupervisionNote
from ..models import NotificationKind as NK
from ..notifications import notify_on_commit, supervisor_users, unit_users
from ..rules import is_supervisor
from ._common import SUPERVISE, VIEW, lead_of, on_case, text

A = Assignment.Status


@action(
    "casework.case.key",
    model=Case,
    subject="case",
    sources=workflow.OPEN,
    permission=SUPERVISE,
    rule="§1.4",
    label=_("重点督办"),
    audit="casework.case.key_marked",
)
def case_key(
    ctx: ActionContext, *, case: Case, leader=None, committee: Organization | None = None
) -> Case:
    """Mark a case key-supervised with a responsible leader and committee (rules §1.4, S27)."""
    if leader is not None and leader.role != Role.LEADER:
        raise DomainError("leader_invalid", _("牵头督办领导须为主任会议成员。"), field="leader")
    if committee is not None and committee.kind not in (
        Organization.Kind.SPECIAL_COMMITTEE,
        Organization.Kind.WORKING_BODY,
    ):
        raise DomainError(
            "committee_invalid", _("督办机构须为专门委员会或工作委员会。"), field="committee"
        )
    case.is_key, case.key_leader, case.key_committee = True, leader, committee
    case.key_marked_at = ctx.now
    case.save(
        update_fields=["is_key", "key_leader", "key_committee", "key_marked_at", "updated_at"]
    )
    on_case(
        ctx,
        case,
        leader=leader.pk if leader else None,
        committee=committee.pk if committee else None,
    )
    lead = lead_of(case)
    msg = f"《{case.title}》已列为重点督办事项。"
    notify_on_commit(case=case, kind=NK.KEY_MARKED, users=supervisor_users(case), text=msg)
    notify_on_commit(
        case=case, kind=NK.KEY_MARKED, users=unit_users([lead.unit_id] if lead else []), text=msg
    )
    return case


def _is_key(ctx: ActionContext, case: Case) -> None:
    if not case.is_key:
        raise Conflict("not_key", _("该事项不是重点督办事项。"))


@action(
    "casework.case.unkey",
    model=Case,
    subject="case",
    sources=workflow.OPEN,
    permission=SUPERVISE,
    precondition=_is_key,
    precondition_hides=True,
    rule="§1.4",
    label=_("取消重点督办"),
    audit="casework.case.key_unmarked",
)
def case_unkey(ctx: ActionContext, *, case: Case) -> Case:
    """End the key supervision of a case (rules §1.4)."""
    case.is_key, case.key_leader, case.key_committee, case.key_marked_at = False, None, None, None
    case.save(
        update_fields=["is_key", "key_leader", "key_committee", "key_marked_at", "updated_at"]
    )
    on_case(ctx, case, leader=None, committee=None)
    return case


def case_mark_key(
    *,
    actor,
    case: Case,
    key: bool = True,
    leader=None,
    committee: Organization | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """Mark (:func:`case_key`) or unmark (:func:`case_unkey`) a case key-supervised."""
    if key:
        return case_key(actor=actor, case=case, leader=leader, committee=committee, now=now)
    return case_unkey(actor=actor, case=case, now=now)


def _supervises(ctx: ActionContext, case: Case) -> None:
    if not is_supervisor(ctx.actor, case):
        raise PermissionDenied(
            "not_supervisor", _("只有督办领导、督办委员会和办公室可以填写督办意见。")
        )


@action(
    "casework.case.note",
    model=Case,
    subject="case",
    sources=workflow.NOTABLE,
    permission=VIEW,
    precondition=_supervises,
    precondition_hides=True,
    rule="§1.4",
    label=_("督办意见"),
    audit="casework.case.supervision_note",
)
def supervision_note_add(ctx: ActionContext, *, case: Case, note: str) -> SupervisionNote:
    """A supervisor adds a note to a key case; the units and the other supervisors are told."""
    note = text(note, field="note", label=_("督办意见"), max_length=5000)
    row = SupervisionNote.objects.create(case=case, author=ctx.user, text=note)
    on_case(ctx, case, note=row.pk)
    units = list(
        Assignment.objects.filter(case=case)
        .exclude(status=A.RETURNED)
        .values_list("unit_id", flat=True)
    )
    notify_on_commit(
        case=case,
        kind=NK.SUPERVISION_NOTE,
        users=unit_users(units),
        text=f"《{case.title}》有新的督办意见。",
    )
    return row
