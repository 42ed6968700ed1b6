"""'My work' items of deputies' matters: what waits for the office."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.work import WorkItem

from .models import QualificationMatter

Q = QualificationMatter.Status
#: Which matter statuses wait for the office, and what to do.
WAITING = {
    Q.RAISED: _("交资格审查委员会审查并登记报告"),
    Q.REPORTED: _("常务委员会公告或作出不终止的结论"),
}


def deputies_work(user, today: dt.date) -> list[WorkItem]:
    if not user.is_authenticated or not user.has_perm("deputies.manage"):
        return []
    items = [
        WorkItem(
            title=format_lazy(
                _("代表资格：{name}（{ground}）"),
                name=m.deputy.person.name,
                ground=m.get_ground_display(),
            ),
            url=reverse("deputies:matter_detail", args=[m.pk]),
            kind=WAITING[m.status],
            rule="§2.2",
            detail=m.get_status_display(),
        )
        for m in QualificationMatter.objects.filter(status__in=list(WAITING))
        .select_related("deputy__person")
        .order_by("raised_on", "id")
    ]
    return items
