"""Handling statistics of suggestions (rules §1.3, §1.7, §1.12, §1.14), computed with aggregate queries.

Every figure set is one ``GROUP BY`` query over the suggestions, each row carrying
scalar subqueries into the casework engine (its lead unit, the result class of its
latest reply, its ratings), so the number of queries does not depend on how many
suggestions there are.

- 办复率 (reply rate) = replied ÷ assigned (§1.14);
- 满意率 (satisfaction rate) = (满意 + 基本满意) ÷ rated, counting the ratings of the
  current handling round and leaving late ratings out (§1.7, Chongqing Art. 29);
- 解决率 (solved rate) = class A ÷ replied, by the class of the latest reply, so a
  follow-up that reports a B item solved counts (§1.12, §1.14);
- 逾期 (overdue) = being handled past the stored reply deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from renda.casework import workflow as case_workflow
from renda.casework.models import Assignment, Rating, Reply

from .models import Suggestion, SuggestionStatus

#: Suggestions that are not counted: unsent drafts and those replaced by others or withdrawn.
NOT_COUNTED = (
    SuggestionStatus.DRAFT,
    SuggestionStatus.WITHDRAWN,
    SuggestionStatus.MERGED,
    SuggestionStatus.SPLIT,
)
#: The result class counted as solved (rules §1.12: A 已解决/基本解决).
SOLVED_CLASS = "A"
#: Ratings counted as satisfied (rules §1.7).
SATISFIED_VALUES = (Rating.Value.SATISFIED, Rating.Value.BASICALLY)


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """The figures of one group (a session, a year, a unit, or everything)."""

    key: Any
    label: str
    total: int = 0
    assigned: int = 0
    replied: int = 0
    rated: int = 0
    satisfied: int = 0
    solved: int = 0
    overdue: int = 0

    @property
    def reply_rate(self) -> Decimal | None:
        """办复率, in per cent (rules §1.14)."""
        return _rate(self.replied, self.assigned)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        """满意率, in per cent, late ratings left out (rules §1.7)."""
        return _rate(self.satisfied, self.rated)

    @property
    def solved_rate(self) -> Decimal | None:
        """解决率, in per cent: class A of the replied (rules §1.12, §1.14)."""
        return _rate(self.solved, self.replied)

    def as_dict(self) -> dict[str, Any]:
        def num(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "key": self.key,
            "label": str(self.label),
            "total": self.total,
            "assigned": self.assigned,
            "replied": self.replied,
            "rated": self.rated,
            "satisfied": self.satisfied,
            "solved": self.solved,
            "overdue": self.overdue,
            "reply_rate": num(self.reply_rate),
            "satisfaction_rate": num(self.satisfaction_rate),
            "solved_rate": num(self.solved_rate),
        }


def _ratings(*, satisfied: bool) -> Any:
    rows = Rating.objects.filter(
        case_id=OuterRef("case_id"), round=OuterRef("case__round"), late=False
    )
    if satisfied:
        rows = rows.filter(value__in=SATISFIED_VALUES)
    counted = rows.order_by().values("case_id").annotate(n=Count("id")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def counted_suggestions(queryset: QuerySet[Suggestion] | None = None) -> QuerySet[Suggestion]:
    """The suggestions the statistics count, each annotated with what the figures need."""
    qs = Suggestion.objects.all() if queryset is None else queryset
    lead = (
        Assignment.objects.filter(case_id=OuterRef("case_id"), role=Assignment.Role.LEAD)
        .exclude(status=Assignment.Status.RETURNED)
        .order_by("-id")
        .values("unit_id")[:1]
    )
    latest = (
        Reply.objects.filter(case_id=OuterRef("case_id"))
        .order_by("-replied_at", "-id")
        .values("result_class")[:1]
    )
    return (
        qs.exclude(status__in=NOT_COUNTED)
        .order_by()
        .annotate(
            lead_unit_id=Subquery(lead),
            latest_class=Subquery(latest),
            rated_n=_ratings(satisfied=False),
            satisfied_n=_ratings(satisfied=True),
        )
    )


def _aggregates(today: dt.date) -> dict[str, Any]:
    return {
        "total": Count("id"),
        "assigned": Count("id", filter=Q(case__assigned_at__isnull=False)),
        "replied": Count("id", filter=Q(case__replied_at__isnull=False)),
        "rated": Coalesce(Sum("rated_n"), Value(0)),
        "satisfied": Coalesce(Sum("satisfied_n"), Value(0)),
        "solved": Count("id", filter=Q(case__replied_at__isnull=False, latest_class=SOLVED_CLASS)),
        "overdue": Count(
            "id", filter=Q(case__status__in=case_workflow.HANDLING, case__due_on__lt=today)
        ),
    }


def _figures(row: dict[str, Any], key: Any, label: str) -> Figures:
    return Figures(
        key=key,
        label=label,
        total=row["total"],
        assigned=row["assigned"],
        replied=row["replied"],
        rated=row["rated"],
        satisfied=row["satisfied"],
        solved=row["solved"],
        overdue=row["overdue"],
    )


def totals(*, today: dt.date, queryset: QuerySet[Suggestion] | None = None) -> Figures:
    """The figures of every counted suggestion, in one query."""
    row = counted_suggestions(queryset).aggregate(**_aggregates(today))
    return _figures(row, "all", str(_("合计")))


def by_session(*, today: dt.date, queryset: QuerySet[Suggestion] | None = None) -> list[Figures]:
    """Figures per congress session (suggestions between sessions form one row per term), in one query."""
    rows = (
        counted_suggestions(queryset)
        .values("term__number", "session_id", "session__title", "session__starts_on")
        .annotate(**_aggregates(today))
        .order_by("-term__number", "session__starts_on")
    )
    result = []
    for r in rows:
        label = r["session__title"] or str(_("第{term}届闭会期间")).format(term=r["term__number"])
        key = r["session_id"] or f"between-{r['term__number']}"
        result.append(_figures(r, key, label))
    return result


def by_year(*, today: dt.date, queryset: QuerySet[Suggestion] | None = None) -> list[Figures]:
    """Figures per year of submission, in one query."""
    rows = (
        counted_suggestions(queryset)
        .annotate(year=ExtractYear("submitted_at"))
        .values("year")
        .annotate(**_aggregates(today))
        .order_by("year")
    )
    return [_figures(r, r["year"], str(r["year"]) if r["year"] else str(_("未注明"))) for r in rows]


def by_unit(*, today: dt.date, queryset: QuerySet[Suggestion] | None = None) -> list[Figures]:
    """Figures per lead unit, ranked: reply rate, then satisfaction and solved rates, then fewest overdue.

    Two queries: the grouped figures and the units' names.
    """
    from renda.people.models import Organization

    rows = list(
        counted_suggestions(queryset)
        .filter(case__isnull=False)
        .values("lead_unit_id")
        .annotate(**_aggregates(today))
        .order_by("lead_unit_id")
    )
    names = dict(
        Organization.objects.filter(
            pk__in=[r["lead_unit_id"] for r in rows if r["lead_unit_id"]]
        ).values_list("pk", "name")
    )
    return rank_units(
        [
            _figures(r, r["lead_unit_id"], names.get(r["lead_unit_id"], str(_("未确定主办单位"))))
            for r in rows
        ]
    )


def rank_units(result: list[Figures]) -> list[Figures]:
    """Units ranked: reply rate, then satisfaction and solved rates, then fewest overdue."""

    def rank(f: Figures) -> tuple:
        def val(d: Decimal | None) -> Decimal:
            return Decimal(-1) if d is None else d

        return (
            -val(f.reply_rate),
            -val(f.satisfaction_rate),
            -val(f.solved_rate),
            f.overdue,
            str(f.label),
        )

    return sorted(result, key=rank)


def report(*, today: dt.date, queryset: QuerySet[Suggestion] | None = None) -> dict[str, Any]:
    """Everything the statistics page, the handling report and the API show."""
    return {
        "totals": totals(today=today, queryset=queryset),
        "sessions": by_session(today=today, queryset=queryset),
        "years": by_year(today=today, queryset=queryset),
        "units": by_unit(today=today, queryset=queryset),
    }


def cached_figures(*, today: dt.date) -> dict[str, Any]:
    """:func:`report`, read from the running tallies (:mod:`renda.suggestions.tallies`).

    ``{"figures", "computed_at", "stale"}``: ``stale`` while a rebuild of the tallies (after
    changes made outside the platform's actions) runs in the background; ``computed_at`` is
    then the time of the last rebuild.
    """
    from django.utils import timezone

    from . import tallies

    stale, rebuilt_at = tallies.ensure_current()
    return {
        "figures": tallies.figures(today=today),
        "computed_at": rebuilt_at if stale else timezone.now(),
        "stale": stale,
    }


def cached_report(*, today: dt.date) -> dict[str, Any]:
    """The figures of :func:`cached_figures` alone."""
    return cached_figures(today=today)["figures"]


#: Pixels per group in a horizontal bar chart (three bars and the gap), and the margins.
BAR_GROUP_PX = 54
CHART_MARGIN_PX = 90


def chart_height(figures: list[Figures]) -> int:
    """The height a horizontal bar chart of ``figures`` needs so no label overlaps another."""
    return CHART_MARGIN_PX + BAR_GROUP_PX * max(len(figures), 2)


def rates_chart(figures: list[Figures]) -> dict[str, Any]:
    """An ECharts option: the three rates per group as horizontal bars, one group per row.

    Horizontal, so that 40 unit names read as a list (a vertical chart overlapped them); the
    page gives the chart :func:`chart_height` and lets it scroll; the table holds the numbers.
    """
    from django.utils.translation import gettext

    def pct(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    def series(name: str, values: list, color: str) -> dict[str, Any]:
        return {
            "type": "bar",
            "name": name,
            "data": values,
            "itemStyle": {"color": color},
            "barMaxWidth": 14,
            "label": {"show": True, "position": "right", "formatter": "{c}%", "fontSize": 11},
        }

    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 48, "top": 32, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "yAxis": {
            "type": "category",
            "inverse": True,  # the first group (the best ranked) on top, as in the table
            "data": [str(f.label) for f in figures],
            "axisLabel": {"interval": 0, "width": 112, "overflow": "break", "lineHeight": 14},
        },
        "series": [
            series(gettext("办复率"), [pct(f.reply_rate) for f in figures], "#c8161d"),
            series(gettext("满意率"), [pct(f.satisfaction_rate) for f in figures], "#8a6a1f"),
            series(gettext("解决率"), [pct(f.solved_rate) for f in figures], "#00875a"),
        ],
    }


def counts_chart(figures: list[Figures]) -> dict[str, Any]:
    """An ECharts option: suggestions and overdue items per group."""
    from django.utils.translation import gettext

    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 50, "right": 20, "top": 20, "bottom": 70, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [str(f.label) for f in figures],
            "axisLabel": {"interval": 0},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "name": gettext("件数"),
                "data": [f.total for f in figures],
                "itemStyle": {"color": "#c8161d"},
                "label": {"show": True, "position": "top"},
            },
            {
                "type": "bar",
                "name": gettext("逾期"),
                "data": [f.overdue for f in figures],
                "itemStyle": {"color": "#d54941"},
                "label": {"show": True, "position": "top"},
            },
        ],
    }
