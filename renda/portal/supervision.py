"""Public pages of supervision (S11): the published plan, reports, opinions, handling reports, evaluation results."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_safe

from renda.casework.paging import CappedPaginator
from renda.people.models import Organization
from renda.supervision.models import Evaluation, Plan, PlanRevision, TopicKind, TopicSource
from renda.supervision.selectors import (
    public_report_opinions,
    published_opinions,
    published_reports,
    rounds_of,
    sealed_result,
)

PER_PAGE = 20


def published_plan_items(plan: Plan) -> list[dict]:
    """The topics as last published: a plan under change keeps showing its published version."""
    revision = (
        PlanRevision.objects.filter(plan=plan, action="published").order_by("-at", "-id").first()
    )
    if revision is None:
        return []
    rows = [r for r in revision.snapshot if not r.get("cancelled")]
    names = dict(
        Organization.objects.filter(pk__in={r.get("body") for r in rows} - {None}).values_list(
            "pk", "name"
        )
    )
    kinds, sources = dict(TopicKind.choices), dict(TopicSource.choices)
    return [
        {
            "title": r["title"],
            "kind": kinds.get(r["kind"], r["kind"]),
            "body": names.get(r.get("body"), ""),
            "month": r.get("month"),
            "source": sources.get(r.get("source"), ""),
        }
        for r in rows
    ]


def _public_evaluations():
    return [
        (ev, sealed_result(ev))
        for ev in Evaluation.objects.filter(poll__status="sealed", round__opinion__published=True)
        .select_related("poll__seal", "round__opinion__body", "poll__agenda_item__meeting")
        .order_by("-id")[:50]
    ]


@require_safe
def supervision_index(request):
    """The published plans, the reports heard, the opinions and the evaluation results."""
    plans = list(Plan.objects.filter(published_at__isnull=False).order_by("-year")[:5])
    reports = published_reports().order_by("-deliberated_at")[:20]
    page = CappedPaginator(published_opinions().order_by("-id"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "portal/supervision/index.html",
        {
            "plans": plans,
            "reports": reports,
            "page_obj": page,
            "evaluations": _public_evaluations(),
            "querystring_without_page": "",
        },
    )


@require_safe
def supervision_plan(request, year: int):
    plan = get_object_or_404(Plan, year=year, published_at__isnull=False)
    items = published_plan_items(plan)
    if not items:
        raise Http404
    return render(request, "portal/supervision/plan.html", {"plan": plan, "items": items})


@require_safe
def supervision_opinion(request, pk: int):
    """One published opinion with its report, the body's published handling reports and the results."""
    opinion = get_object_or_404(published_opinions(), pk=pk)
    rounds = rounds_of(opinion)
    for r in rounds:
        r.public_replies = [rep for rep in r.case.replies.all() if rep.publishable]
        ev = getattr(r, "evaluation", None)
        r.result = sealed_result(ev) if ev else None
    return render(
        request, "portal/supervision/opinion.html", {"opinion": opinion, "rounds": rounds}
    )


@require_safe
def supervision_report(request, pk: int):
    """One published report heard: its body and meeting, the published opinions, handling reports and results."""
    report = get_object_or_404(published_reports(), pk=pk)
    opinions = public_report_opinions(report)
    for opinion in opinions:
        for r in opinion.rounds.all():
            r.public_replies = [rep for rep in r.case.replies.all() if rep.publishable]
            ev = getattr(r, "evaluation", None)
            r.result = sealed_result(ev) if ev else None
    return render(
        request, "portal/supervision/report.html", {"report": report, "opinions": opinions}
    )


urlpatterns: list = [
    path("supervision/", supervision_index, name="supervision"),
    path("supervision/plans/<int:year>/", supervision_plan, name="supervision_plan"),
    path("supervision/reports/<int:pk>/", supervision_report, name="supervision_report"),
    path("supervision/opinions/<int:pk>/", supervision_opinion, name="supervision_opinion"),
]

# Published special-research reports (renda.supervision.public).
from renda.supervision.public import urlpatterns as _research_urlpatterns  # noqa: E402

urlpatterns += _research_urlpatterns
