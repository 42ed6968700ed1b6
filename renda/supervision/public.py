"""Public pages of special research (S11): the published research reports and their files.

Mounted on the public site next to the other supervision pages (``renda.portal.supervision``).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_safe

from renda.casework.paging import CappedPaginator

from .selectors import attachment_response, published_research

PER_PAGE = 20


@require_safe
def research_index(request):
    """The published research reports, newest first."""
    page = CappedPaginator(
        published_research().order_by("-published_at", "-id"), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/supervision/research_list.html",
        {"page_obj": page, "querystring_without_page": ""},
    )


@require_safe
def research_detail(request, pk: int):
    research = get_object_or_404(published_research(), pk=pk)
    return render(request, "portal/supervision/research.html", {"research": research})


@require_safe
def research_file(request, pk: int):
    return attachment_response(get_object_or_404(published_research(), pk=pk))


urlpatterns: list = [
    path("supervision/research/", research_index, name="supervision_research_list"),
    path("supervision/research/<int:pk>/", research_detail, name="supervision_research"),
    path(
        "supervision/research/<int:pk>/report-file/",
        research_file,
        name="supervision_research_file",
    ),
]
