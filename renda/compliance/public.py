"""The public version: the rules the office chose to publish, each with its status and summary
for a year (the evidence stays with the office: its links lead to office pages)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import registry as r
from .models import PublishedRule


def published_codes() -> set[str]:
    return set(PublishedRule.objects.filter(published=True).values_list("code", flat=True))


def public_results(year: int, today: dt.date) -> list[r.Result]:
    """The published rules evaluated for ``year``, in the rule book's order; nothing for a year
    not yet begun."""
    codes = published_codes() & {code for code, c in r.REGISTRY.items() if c.evaluate}
    if not codes or year > today.year:
        return []
    return r.evaluate_all_reused(year, today, codes=codes)


def public_year(raw, today: dt.date) -> int:
    try:
        year = int(raw or today.year)
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= today.year else today.year


@require_safe
def public_page(request):
    today = timezone.localdate()
    year = public_year(request.GET.get("year"), today)
    results = public_results(year, today)
    data = r.summary(results)
    return render(
        request, "portal/compliance.html",
        {"year": year, "today": today, "areas": data["areas"], "counts": data["counts"], "results": results},
    )  # fmt: skip
