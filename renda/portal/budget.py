"""Public pages of the budget (S7, §4.7): what is published each year, the congress's review
and the published figures (``renda.budget.public``)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from renda.budget import public
from renda.core.statute import param


@require_safe
def budget_index(request):
    years = public.years()
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    if year not in years:
        year = years[0] if years else 0
    context = {"years": years, "days": param("budget.publication_days"), **(public.overview(year, timezone.localdate()) if year else {"year": 0})}  # fmt: skip
    return render(request, "portal/budget/index.html", context)


urlpatterns: list = [path("budget/", budget_index, name="budget")]
