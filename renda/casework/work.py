"""'My work' items of the engine: units' items to receive and answer, ratings due, staff decisions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.work import WorkItem

from .models import Assignment, Case, Notification, Rating, Reply
from .selectors import pending_extensions, pending_returns

A = Assignment.Status
S = Case.Status
LIMIT = 50


def casework_work(user, today: dt.date) -> list[WorkItem]:
    items: list[WorkItem] = []
    if user.has_perm("casework.handle"):
        rows = (
            Assignment.objects.filter(
                unit_id=user.scope_id,
                status__in=[A.AWAITING, A.RECEIVED],
                case__status__in=[S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.REHANDLING],
            )
            .select_related("case")
            .order_by("due_on")[:LIMIT]
        )
        for a in rows:
            if a.status == A.AWAITING:
                kind = _("待签收")
            elif a.role == Assignment.Role.CO:
                kind = _("待提交协办意见")
            else:
                kind = _("待答复")
            items.append(
                WorkItem(
                    title=a.case.title,
                    url=reverse("casework:detail", args=[a.case_id]),
                    kind=kind,
                    due=a.due_on,
                    rule="§1.2" if a.role == "lead" else "§1.9",
                )
            )
    if user.is_authenticated and user.person_id and user.has_perm("casework.rate"):
        cases = (
            Case.objects.filter(status=S.REPLIED, requester_rows__person_id=user.person_id)
            .exclude(
                Exists(
                    Rating.objects.filter(
                        case=OuterRef("pk"), round=OuterRef("round"), requester_id=user.person_id
                    )
                )
            )
            .order_by("rating_due_on")[:LIMIT]
        )
        for c in cases:
            items.append(
                WorkItem(
                    title=c.title,
                    url=reverse("casework:detail", args=[c.pk]),
                    kind=_("待评价"),
                    due=c.rating_due_on,
                    rule="§1.7",
                )
            )
    if user.is_authenticated:
        unread = (
            Notification.objects.filter(user=user, read_at__isnull=True)
            .select_related("case")
            .order_by("-created_at", "-id")[:LIMIT]
        )
        for n in unread:
            items.append(
                WorkItem(
                    title=n.text,
                    url=n.link or reverse("casework:notifications"),
                    kind=_("未读消息"),
                    detail=n.case.title if n.case_id else n.title,
                )
            )
    if user.has_perm("casework.manage"):
        for c in Case.objects.filter(status=S.DISSATISFIED).order_by("updated_at")[:LIMIT]:
            items.append(
                WorkItem(
                    title=c.title,
                    url=reverse("casework:detail", args=[c.pk]),
                    kind=_("不满意待核实"),
                    rule="S27",
                )
            )
        from .services.publication import AWAITING_REVIEW

        awaiting = (
            Reply.objects.filter(AWAITING_REVIEW)
            .select_related("case", "unit")
            .order_by("replied_at", "id")[:LIMIT]
        )
        for reply in awaiting:
            items.append(
                WorkItem(
                    title=reply.case.title,
                    url=reverse("casework:detail", args=[reply.case_id]) + "#act-publish_reply",
                    kind=_("答复待公开审核"),
                    rule="§1.13",
                    detail=format_lazy(
                        _("{unit} · {day} 答复"),
                        unit=reply.unit.name,
                        day=reply.replied_at.date().isoformat(),
                    ),
                )
            )
        for r in list(pending_returns()[:LIMIT]) + list(pending_extensions()[:LIMIT]):
            is_return = r.__class__.__name__ == "ReturnRequest"
            items.append(
                WorkItem(
                    title=r.case.title,
                    url=reverse("casework:detail", args=[r.case_id]),
                    kind=_("退回申请待审批") if is_return else _("延期申请待审批"),
                    rule="§1.8" if is_return else "§1.2",
                    detail=format_lazy(
                        _("{unit}：{reason}"), unit=r.assignment.unit.name, reason=r.reason[:80]
                    ),
                )
            )
    return items
