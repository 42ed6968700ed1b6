"""Composition of the congress and its standing committee, with charts beside their tables."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as gettext_now

from renda.core.views import permission_required

from ..composition import Figure, congress_figures, standing_committee_figures
from ..selectors import current_term

SHARE_KEYS = (
    "leading_cadres",
    "reelected",
    "workers",
    "farmers",
    "professionals",
    "women",
    "minorities",
)


def _percent(figure: Figure) -> float:
    return round(float(figure.share) * 100, 1) if figure.share is not None else 0.0


def share_chart(figures: list[Figure]) -> dict:
    """A horizontal bar chart of the share figures, threshold figures coloured by result."""
    rows = [f for f in figures if f.key in SHARE_KEYS]
    colours = {True: "#00a870", False: "#d54941", None: "#c59a3f"}
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 150, "right": 40, "top": 20, "bottom": 30},
        "xAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "yAxis": {"type": "category", "inverse": True, "data": [str(f.label) for f in rows]},
        "series": [
            {
                "type": "bar",
                "name": gettext_now("比例"),
                "label": {"show": True, "position": "right", "formatter": "{c}%"},
                "data": [
                    {"value": _percent(f), "itemStyle": {"color": colours[f.passed]}} for f in rows
                ],
            }
        ],
    }


def breakdown_chart(figure: Figure, kind: str) -> dict:
    data = [{"name": str(label), "value": n} for label, n in figure.breakdown]
    if kind == "pie":
        return {
            "tooltip": {"trigger": "item"},
            "legend": {"bottom": 0},
            "series": [
                {
                    "type": "pie",
                    "radius": ["35%", "65%"],
                    "data": data,
                    "label": {"formatter": "{b}: {c}"},
                }
            ],
        }
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 50, "right": 20, "top": 20, "bottom": 40},
        "xAxis": {"type": "category", "data": [d["name"] for d in data]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "data": [d["value"] for d in data],
                "itemStyle": {"color": "#c8161d"},
                "label": {"show": True, "position": "top"},
            }
        ],
    }


@permission_required("people.view_composition")
def composition(request):
    today = timezone.localdate()
    term = current_term(today)
    congress = congress_figures(term, today)
    by_key = {f.key: f for f in congress}
    shares = [f for f in congress if f.key in SHARE_KEYS]
    sc = standing_committee_figures(today)
    context = {
        "term": term,
        "today": today,
        "shares": shares,
        "sc": sc,
        "total": shares[0].total if shares else 0,
        "age": by_key.get("age"),
        "occupation": by_key.get("occupation"),
        "share_option": share_chart(congress) if congress else None,
        "age_option": breakdown_chart(by_key["age"], "bar") if "age" in by_key else None,
        "occupation_option": breakdown_chart(by_key["occupation"], "pie")
        if "occupation" in by_key
        else None,
    }
    return render(request, "people/composition.html", context)
