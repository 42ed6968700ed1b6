"""What the meeting services share: permissions, the open-meeting check, snapshots."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext
from renda.core.errors import Conflict, PermissionDenied

from .. import workflow
from ..models import Meeting

#: The general office schedules meetings and keeps the agenda, documents and attendance.
MANAGE = "meetings.manage"
#: Signing in and asking for leave: the office for anyone, members and deputies for themselves.
SIGN_IN = "meetings.sign_in"
#: Leave requests are decided by the office or a member of the chairpersons' council.
APPROVE_LEAVE = "meetings.approve_leave"


def check_open(meeting: Meeting) -> None:
    """Refuse changes to a closed meeting (its agenda, documents and attendance are final)."""
    if meeting.status not in workflow.OPEN_STATUSES:
        raise Conflict("meeting_closed", _("会议已闭会，不能再修改。"))


def meeting_open_now(ctx: ActionContext, meeting: Meeting) -> None:
    """Precondition of the actions on a meeting's agenda, documents and attendance."""
    check_open(meeting)


def item_meeting_open(ctx: ActionContext, item) -> None:
    """Precondition of the actions on an agenda item: its meeting is not closed."""
    check_open(item.meeting)


def may_act_for(actor, person) -> None:
    """Staff may act for anyone; members and deputies only for themselves."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied()
    if actor.has_perm(MANAGE):
        return
    if actor.has_perm("meetings.sign_in_self") and actor.person_id and actor.person_id == person.pk:
        return
    raise PermissionDenied()


def snapshot(obj, fields) -> dict[str, Any]:
    data = {}
    for f in fields:
        value = getattr(obj, f"{f}_id") if hasattr(obj, f"{f}_id") else getattr(obj, f)
        data[f] = value if isinstance(value, int | str | bool | type(None)) else str(value)
    return data


def diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}
