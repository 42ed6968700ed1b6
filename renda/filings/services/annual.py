"""The yearly work: catalogue reminders (rules §5.9) and the annual report (§5.10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError

from .. import statute
from ..models import (
    AnnualReport,
    CatalogueReminder,
    Filing,
    Outcome,
    Review,
    ReviewItem,
    ReviewSuggestion,
)
from ._common import MANAGE, _text, _year_done, days_due, enacting_bodies


def catalogue_due_on(year: int) -> dt.date:
    """The day the catalogue of ``year``'s documents is due in the next year (rules §5.9)."""
    raw = str(statute.values()["filings.catalogue_due"])
    try:
        month, day = (int(x) for x in raw.split("-"))
        return dt.date(year + 1, month, day)
    except ValueError as exc:
        raise DomainError(
            "rule_value_invalid",
            _("参数 {key} 的取值“{raw}”格式不正确。"),
            key="filings.catalogue_due",
            raw=raw,
        ) from exc


@action(
    "filings.catalogue.remind",
    model=CatalogueReminder,
    permission=MANAGE,
    rule="§5.9",
    label=_("发出目录报送提醒"),
    audit="filings.catalogue.reminded",
)
def catalogue_reminders_send(ctx: ActionContext, *, year: int) -> list[CatalogueReminder]:
    """Remind every enacting body to send its catalogue of ``year``'s documents (rules §5.9); once per body."""
    year = _year_done(year, ctx.today)
    due = catalogue_due_on(year)
    done = set(CatalogueReminder.objects.filter(year=year).values_list("body_id", flat=True))
    rows = [
        CatalogueReminder(year=year, body=b, due_on=due, sent_at=ctx.now)
        for b in enacting_bodies().order_by("sort_order", "id")
        if b.pk not in done
    ]
    CatalogueReminder.objects.bulk_create(rows)
    ctx.changes.update(year=year, bodies=[r.body_id for r in rows], due_on=due.isoformat())
    return rows


def annual_figures(year: int) -> dict[str, Any]:
    """The figures of the annual report: filings, late, returned, reviews by kind, outcomes, suggestions."""
    from django.db.models import Count

    filings = Filing.objects.filter(filed_at__year=year)
    by_kind = dict(
        Review.objects.filter(started_on__year=year).values_list("kind").annotate(n=Count("id"))
    )
    outcomes = dict(
        ReviewItem.objects.filter(decided_at__year=year)
        .exclude(outcome="")
        .values_list("outcome")
        .annotate(n=Count("id"))
    )
    suggestions = ReviewSuggestion.objects.filter(received_at__year=year)
    bodies = list(filings.values_list("enacting_body__name").annotate(n=Count("id")).order_by("-n"))
    return {
        "year": year,
        "filed": filings.count(),
        "late": filings.filter(is_late=True).count(),
        "returned": filings.filter(returned_count__gt=0).count(),
        "registered": filings.exclude(registration_number="").count(),
        "reviews": {k: by_kind.get(k, 0) for k in Review.Kind.values},
        "outcomes": {k: outcomes.get(k, 0) for k in Outcome.values},
        "suggestions": suggestions.count(),
        "suggestions_reviewed": suggestions.filter(status__in=["under_review", "answered"]).count(),
        "bodies": [[name, n] for name, n in bodies],
    }


@action(
    "filings.report.prepare",
    model=AnnualReport,
    permission=MANAGE,
    rule="§5.10",
    label=_("生成年度报告"),
    audit="filings.report.prepared",
)
def annual_report_prepare(ctx: ActionContext, *, year: int, summary: str = "") -> AnnualReport:
    """Draft (or refresh) the annual filing-review report with this year's figures (rules §5.10)."""
    year = _year_done(year, ctx.today)
    summary = _text(summary, field="summary", label=_("工作概述"), required=False)
    report, _created = AnnualReport.objects.select_for_update().get_or_create(
        year=year, defaults={"created_by": ctx.user}
    )
    if report.published_at is not None:
        raise Conflict("report_published", _("该年度报告已公布，不能再修改。"))
    report.figures = annual_figures(year)
    if summary:
        report.summary = summary
    report.save()
    ctx.changes["year"] = year
    return report


def _unpublished(ctx: ActionContext, report: AnnualReport) -> None:
    if report.published_at is not None:
        raise Conflict("report_published", _("该年度报告已公布。"))


@action(
    "filings.report.publish",
    model=AnnualReport,
    subject="report",
    permission=MANAGE,
    precondition=_unpublished,
    precondition_hides=True,
    rule="§5.10",
    label=_("公布年度报告"),
    audit="filings.report.published",
)
def annual_report_publish(ctx: ActionContext, *, report: AnnualReport) -> AnnualReport:
    """Publish the annual report; it is reported upward within 30 days (rules §5.10)."""
    if not report.summary.strip():
        raise DomainError(
            "field_required", _("请填写{label}。"), field="summary", label=_("工作概述")
        )
    report.published_at = ctx.now
    report.upward_due_on = days_due(ctx.today, statute.values()["filings.report_upward_days"])
    report.save(update_fields=["published_at", "upward_due_on", "updated_at"])
    ctx.changes.update(year=report.year, upward_due_on=report.upward_due_on.isoformat())
    return report
