"""'My work' items of supervision: opinions to send, late report milestones, results to record."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.statute import params
from renda.core.work import WorkItem

from .models import Evaluation, Opinion, Report
from .selectors import MILESTONE_STEPS, late_milestones


def supervision_work(user, today: dt.date) -> list[WorkItem]:
    items: list[WorkItem] = []
    if not user.has_perm("supervision.manage"):
        return items
    for o in Opinion.objects.filter(status=Opinion.Status.DRAFT).order_by("send_due_on", "id")[:50]:
        items.append(
            WorkItem(
                title=format_lazy(_("送交审议意见：{title}"), title=o.title),
                url=reverse("supervision:opinion_detail", args=[o.pk]),
                kind=_("审议意见"),
                due=o.send_due_on,
                rule="§3.3",
            )
        )
    values = params(*(step[2] for step in MILESTONE_STEPS))
    for report in (
        Report.objects.filter(status=Report.Status.SCHEDULED, meeting__starts_on__gte=today)
        .select_related("meeting")
        .order_by("meeting__starts_on")[:50]
    ):
        late = late_milestones(report, today, values)
        if late:
            items.append(
                WorkItem(
                    title=format_lazy(_("报告环节逾期：{title}"), title=report.title),
                    url=reverse("supervision:report_detail", args=[report.pk]),
                    kind=_("提请主任会议研究"),
                    due=report.meeting.starts_on,
                    rule="§3.2",
                    detail="、".join(str(m.label) for m in late),
                )
            )
    for ev in Evaluation.objects.filter(
        result=Evaluation.Result.PENDING, poll__status="sealed"
    ).select_related("round__opinion")[:50]:
        items.append(
            WorkItem(
                title=format_lazy(_("登记测评结果：{title}"), title=ev.round.opinion.title),
                url=reverse("supervision:opinion_detail", args=[ev.round.opinion_id]),
                kind=_("满意度测评"),
                due=today,
                rule="§3.4",
            )
        )
    return items
