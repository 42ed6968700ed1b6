"""Public pages of decisions; ``urlpatterns`` is added to the portal's.

The published annual lists of major matters (with their Word file), the published
decisions and resolutions, and the revocations of government decisions (S12).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_safe

from renda.decisions import documents
from renda.decisions.models import Decision
from renda.decisions.selectors import public_decisions, public_lists

PER_PAGE = 20


@require_safe
def decision_index(request):
    """Published annual lists, decisions and resolutions, and revocations."""
    decisions = public_decisions().order_by("-decided_on", "-id")
    kind = request.GET.get("kind", "")
    if kind in Decision.Kind.values:
        decisions = decisions.filter(kind=kind)
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/decisions/index.html",
        {
            "lists": list(public_lists().order_by("-year", "-version")[:20]),
            "page_obj": page,
            "kind": kind,
            "kinds": Decision.Kind.choices,
            "querystring_without_page": params.urlencode(),
        },
    )


def _items(lst):
    return list(
        lst.items.select_related("category", "proposing_body", "matter").order_by("order", "id")
    )


@require_safe
def list_detail(request, pk: int):
    lst = get_object_or_404(public_lists(), pk=pk)
    return render(
        request,
        "portal/decisions/list_detail.html",
        {"lst": lst, "items": _items(lst), "newer": lst.changes.filter(status="published").first()},
    )


@require_safe
def list_docx(request, pk: int):
    lst = get_object_or_404(public_lists(), pk=pk)
    response = HttpResponse(
        documents.annual_list_docx(lst, _items(lst)), content_type=documents.DOCX_TYPE
    )
    response["Content-Disposition"] = (
        f'attachment; filename="major-matters-{lst.year}-v{lst.version}.docx"'
    )
    return response


@require_safe
def decision_detail(request, pk: int):
    decision = get_object_or_404(public_decisions(), pk=pk)
    item = decision.matter.agenda_item
    meeting = item.meeting if item else None
    return render(
        request,
        "portal/decisions/detail.html",
        {
            "d": decision,
            "m": decision.matter,
            "meeting": meeting if meeting and meeting.is_public else None,
            "poll": decision.poll if decision.poll and decision.poll.status == "sealed" else None,
        },
    )


urlpatterns: list = [
    path("decisions/", decision_index, name="decisions"),
    path("decisions/lists/<int:pk>/", list_detail, name="decision_list"),
    path("decisions/lists/<int:pk>/list.docx", list_docx, name="decision_list_docx"),
    path("decisions/<int:pk>/", decision_detail, name="decision_detail"),
]
