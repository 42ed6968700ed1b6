"""'My work' items of the meetings app: late documents for the council, leave to decide."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.work import WorkItem

from .models import LeaveRequest, Meeting
from .selectors import late_items


def meeting_work(user, today: dt.date) -> list[WorkItem]:
    items: list[WorkItem] = []
    if user.has_perm("meetings.view_overview"):
        for meeting, row in late_items(today):
            late = [r for r in row.rows if r.is_late]
            first = min(late, key=lambda r: r.due)
            title = row.item.title if row.item else meeting.title
            items.append(
                WorkItem(
                    title=format_lazy(_("材料逾期：{title}"), title=title),
                    url=reverse("meetings:detail", args=[meeting.pk]),
                    kind=_("提请主任会议研究"),
                    due=meeting.starts_on,
                    rule=first.rule,
                    detail=format_lazy(
                        _("{meeting}：{docs}"),
                        meeting=meeting.title,
                        docs="、".join(str(r.label) for r in late),
                    ),
                )
            )
    if user.has_perm("meetings.approve_leave"):
        pending = (
            LeaveRequest.objects.filter(
                status=LeaveRequest.Status.PENDING,
                meeting__status__in=[Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS],
            )
            .select_related("meeting", "person")
            .order_by("meeting__starts_on")[:50]
        )
        for leave in pending:
            items.append(
                WorkItem(
                    title=format_lazy(_("请假审批：{name}"), name=leave.person.name),
                    url=reverse("meetings:detail", args=[leave.meeting_id]) + "#leave",
                    kind=_("请假审批"),
                    due=leave.meeting.starts_on,
                    detail=leave.reason,
                )
            )
    return items
