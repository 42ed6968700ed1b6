"""'My work' items of filing review: formal checks, routing, reviews and suggestions due; returned filings."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.work import WorkItem

from .models import Filing, Review, ReviewItem, ReviewSuggestion

LIMIT = 30


def filings_work(user, today: dt.date) -> list[WorkItem]:
    items: list[WorkItem] = []
    if not user.is_authenticated:
        return items
    if user.has_perm("filings.manage"):
        for f in (
            Filing.objects.filter(status=Filing.Status.SUBMITTED)
            .only("pk", "title", "formal_check_due_on")
            .order_by("formal_check_due_on")[:LIMIT]
        ):
            items.append(
                WorkItem(
                    title=f.title,
                    url=reverse("filings:detail", args=[f.pk]),
                    kind=_("待形式审查"),
                    due=f.formal_check_due_on,
                    rule="§5.4",
                )
            )
        for r in Review.objects.filter(status=Review.Status.OPEN).order_by("due_on")[:LIMIT]:
            routed = r.responsible_body_id is not None
            items.append(
                WorkItem(
                    title=r.title,
                    url=reverse("filings:review", args=[r.pk]),
                    kind=_("待审查") if routed else _("待分送"),
                    due=r.due_on if routed else r.route_due_on,
                    rule="§5.5",
                )
            )
        for s in ReviewSuggestion.objects.filter(status=ReviewSuggestion.Status.RECEIVED).order_by(
            "decision_due_on"
        )[:LIMIT]:
            items.append(
                WorkItem(
                    title=s.document_reference,
                    url=reverse("filings:suggestion", args=[s.pk]),
                    kind=_("审查建议待处理"),
                    due=s.decision_due_on,
                    rule="§5.7",
                )
            )
        items += _amend_reports(ReviewItem.objects.all())
    elif user.has_perm("filings.file") and getattr(user, "scope_id", None):
        for f in Filing.objects.filter(
            enacting_body_id=user.scope_id, status=Filing.Status.RETURNED
        ).only("pk", "title", "correction_due_on")[:LIMIT]:
            items.append(
                WorkItem(
                    title=f.title,
                    url=reverse("filings:detail", args=[f.pk]),
                    kind=_("待补正"),
                    due=f.correction_due_on,
                    rule="§5.4",
                )
            )
        items += _amend_reports(ReviewItem.objects.filter(filing__enacting_body_id=user.scope_id))
    return items


def _amend_reports(qs) -> list[WorkItem]:
    """Reports after amending still owed (rules §5.8)."""
    rows = (
        qs.filter(amend_report_due_on__isnull=False, amend_reported_at__isnull=True)
        .select_related("filing")
        .only("pk", "amend_report_due_on", "filing__id", "filing__title")
        .order_by("amend_report_due_on")[:LIMIT]
    )
    return [
        WorkItem(
            title=i.filing.title,
            url=reverse("filings:detail", args=[i.filing_id]) + f"#item-{i.pk}",
            kind=_("待修改后报告"),
            due=i.amend_report_due_on,
            rule="§5.8",
        )
        for i in rows
    ]
