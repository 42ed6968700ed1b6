"""The citizens' channel on the public site (S25, S26): write to a deputy or a station,
follow the answer by the tracking code, read the letters published with their answers.

What a citizen sees of a letter by its code is their own letter and its handling (the unit
it was forwarded to, the answer, a suggestion it became); never anyone else's. Published
letters show the text the office approved and never the writer's name or contact.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from renda.core.errors import DomainError
from renda.core.throttle import rate_limited
from renda.deputies import selectors, services
from renda.deputies.message_forms import TrackForm, WriteForm
from renda.deputies.models import LiaisonStation, VoterMessage
from renda.deputies.services.messages import by_code
from renda.people.selectors import current_term

from .selectors import deputy_public

PER_PAGE = 20
#: The columns a published letter shows: never the writer's name, contact or own text.
PUBLISHED_FIELDS = (
    "id", "subject", "area", "public_body", "public_answer", "received_at", "answered_at",
    "published_at", "status", "deputy_id", "station_id", "suggestion_id",
)  # fmt: skip


def _throttled(request) -> bool:
    per_hour = rate_limited(
        request, "voter-message-hour", limit=settings.VOTER_MESSAGES_PER_HOUR, window=3600
    )
    return rate_limited(request, "voter-message") or per_hour


def _write(request, submit, *, deputy=None, station=None):
    form = WriteForm(request.POST or None)
    context = {"form": form, "deputy": deputy, "station": station}
    if request.method == "POST":
        if _throttled(request):
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            return render(request, "portal/messages/write.html", context, status=429)
        if form.is_valid():
            try:
                message = submit(
                    actor=request.user, deputy=deputy, station=station, **form.cleaned_data
                )
            except DomainError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message_in(request.LANGUAGE_CODE))
            else:
                return render(request, "portal/messages/sent.html", {"m": message})
        return render(request, "portal/messages/write.html", context, status=400)
    return render(request, "portal/messages/write.html", context)


@require_http_methods(["GET", "POST"])
def write_to_deputy(request, pk: int):
    deputy = deputy_public(pk, current_term())
    if deputy is None or deputy.status != deputy.Status.ACTIVE:
        raise Http404
    return _write(request, services.message_submit, deputy=deputy)


@require_http_methods(["GET", "POST"])
def write_to_station(request, pk: int):
    station = LiaisonStation.objects.filter(pk=pk, active=True).first()
    if station is None:
        raise Http404
    return _write(request, services.message_submit, station=station)


@require_http_methods(["GET", "POST"])
def track(request):
    """The writer types the code (a POST, so that codes stay out of address bars and logs)."""
    form = TrackForm(request.POST or None)
    message, status = None, 200
    if request.method == "POST":
        if rate_limited(request, "voter-message-track"):
            form.add_error(None, _("查询过于频繁，请一分钟后再试。"))
            status = 429
        elif form.is_valid():
            try:
                message = by_code(form.cleaned_data["code"])
            except DomainError as error:
                form.add_error("code", error.message_in(request.LANGUAGE_CODE))
                status = 404
        else:
            status = 400
    return render(
        request, "portal/messages/track.html", {"form": form, "m": message}, status=status
    )


@require_safe
def published(request):
    """Letters published with their answers, newest first, and the channel's figures."""
    rows = (
        VoterMessage.objects.filter(published_at__isnull=False)
        .select_related("deputy__person", "station")
        .only(*PUBLISHED_FIELDS, "deputy__person__name", "deputy__person__name_en", "station__name")
        .order_by("-published_at", "-id")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/messages/list.html",
        {
            "page_obj": page,
            "figures": selectors.message_figures(VoterMessage.objects.all()),
            "querystring_without_page": "",
        },
    )
