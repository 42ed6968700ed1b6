"""'My work' items of major matters: the list step that waits for this user, and overdue matters."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.work import WorkItem

from .models import AnnualList, Decision
from .rules import is_government_officer
from .selectors import overdue_matters

L = AnnualList.Status

#: Which list statuses wait for whom: (permission, statuses, what to do).
WAITING = (
    ("decisions.comment", (L.COMMENTING,), _("提出意见")),
    ("decisions.manage", (L.AWAITING_CONSENT,), _("报党委研究同意并登记")),
    ("decisions.adopt", (L.CONSENTED,), _("主任会议通过")),
    ("decisions.manage", (L.ADOPTED,), _("公布清单")),
)


def decisions_work(user, today: dt.date) -> list[WorkItem]:
    if not user.is_authenticated or not user.has_perm("decisions.view"):
        return []
    items: list[WorkItem] = []
    if is_government_officer(user):
        for lst in AnnualList.objects.filter(
            government_id=user.scope_id, status__in=[L.DRAFT, L.REVISING]
        ):
            items.append(
                WorkItem(
                    title=format_lazy(_("重大事项清单：{title}"), title=lst.title),
                    url=reverse("decisions:list_detail", args=[lst.pk]),
                    kind=_("报送重大事项清单"),
                    due=lst.due_on if lst.status == L.DRAFT else None,
                    rule="S12",
                    detail=lst.get_status_display(),
                )
            )
        return items
    seen: set[int] = set()
    for perm, statuses, action in WAITING:
        if not user.has_perm(perm):
            continue
        for lst in AnnualList.objects.filter(status__in=statuses).order_by("year", "version"):
            if lst.pk in seen:
                continue
            seen.add(lst.pk)
            items.append(
                WorkItem(
                    title=format_lazy(_("重大事项清单：{title}"), title=lst.title),
                    url=reverse("decisions:list_detail", args=[lst.pk]),
                    kind=action,
                    rule="§6.2",
                    detail=lst.get_status_display(),
                )
            )
    if user.has_perm("decisions.manage"):
        sealed = (
            Decision.objects.filter(status=Decision.Status.PENDING, poll__status="sealed")
            .select_related("matter")
            .order_by("id")[:50]
        )
        for decision in sealed:
            items.append(
                WorkItem(
                    title=format_lazy(_("登记表决结果：{title}"), title=decision.title),
                    url=reverse("decisions:matter_detail", args=[decision.matter_id])
                    + "#decisions",
                    kind=_("决定和决议"),
                    rule="§6.1",
                    detail=decision.matter.title,
                )
            )
    if user.has_perm("decisions.view_overview"):
        for matter in overdue_matters(today=today)[:50]:
            items.append(
                WorkItem(
                    title=format_lazy(_("逾期未提请：{title}"), title=matter.title),
                    url=reverse("decisions:matter_detail", args=[matter.pk]),
                    kind=_("重大事项"),
                    due=matter.quarter_end,
                    rule="S12",
                    detail=matter.proposing_body.name,
                )
            )
    return items
