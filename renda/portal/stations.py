"""Public pages of the deputies' homes and liaison stations (代表之家 / 联络站, S25) and the
days deputies receive voters there (接待选民日, rules.md §2.9).

What is public: the station's name, kind, area, address, opening hours and its own phone;
the serving deputies attached to it; the published schedule (a cancelled day with its
reason, so nobody comes in vain); and of a day held only who received, how many came and
how many matters they raised. Never the summary of a day (it can quote voters) and never
a person's phone, e-mail or address: every person row is loaded with only its names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import forms
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from renda.deputies.models import LiaisonStation, Reception
from renda.deputies.selectors import upcoming_receptions
from renda.people.models import Deputy, Term
from renda.people.selectors import current_term

STATIONS_PER_PAGE = 60
#: Days of the schedule the directory shows across stations; a station's page shows its own.
UPCOMING_ON_DIRECTORY = 20
UPCOMING_ON_STATION = 50
#: Days held that a station's page lists, the latest first.
HELD_ON_STATION = 30

#: The mandates the public site shows a profile of (see portal.selectors.deputies_public).
PUBLIC_STATUSES = (Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED)
#: The only columns of a person a station page reads: the names.
PERSON_NAME_FIELDS = ("person__id", "person__name", "person__name_en")
#: What a day held shows: never its summary (接待情况), which can quote voters.
HELD_FIELDS = (
    "id", "station_id", "on_date", "starts_at", "ends_at", "theme", "status", "visitors",
    "matters", "updated_at",
)  # fmt: skip


class StationFilterForm(forms.Form):
    """The directory's one filter: the street or township (所在街道或乡镇)."""

    area = forms.ChoiceField(label=_("所在街道或乡镇"), required=False)

    def __init__(self, *args, areas: Iterable[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("全部街道乡镇")), *((a, a) for a in areas)]

    def chosen(self) -> str:
        """The chosen area, or ``""``; an unknown one is dropped and reported on the field."""
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("area") or ""


def _names_only(qs: QuerySet[Deputy]) -> QuerySet[Deputy]:
    return qs.select_related("person").only("id", "term_id", "status", *PERSON_NAME_FIELDS)


def _attached(term: Term | None) -> Prefetch:
    """A station's deputies as the public sees them: the seated deputies of the term."""
    qs = Deputy.objects.filter(term=term, status__in=PUBLIC_STATUSES)
    return Prefetch("deputies", queryset=_names_only(qs).order_by("person__name", "id"))


def _receiving(lookup: str) -> Prefetch:
    """The deputies of a day (scheduled or who received), by name."""
    return Prefetch(lookup, queryset=_names_only(Deputy.objects.order_by("person__name", "id")))


def _mark_public(deputies: Iterable[Deputy], term: Term | None) -> None:
    """Mark the deputies whose public profile exists (``deputy.public``), to link them."""
    for deputy in deputies:
        deputy.public = term is not None and (
            deputy.term_id == term.pk and deputy.status in PUBLIC_STATUSES
        )


def _schedule(today: dt.date, *, station=None, area: str = "") -> QuerySet[Reception]:
    """The published schedule from today on, each day's deputies with their names only."""
    rows = upcoming_receptions(today, station=station)
    if area:
        rows = rows.filter(station__area=area)
    return (
        rows.defer("summary", "visitors", "matters")
        .prefetch_related(None)
        .prefetch_related(_receiving("deputies"))
    )


def _with_next_day(stations: QuerySet[LiaisonStation], today: dt.date) -> QuerySet:
    """Each station with the date and hours of its next scheduled day (``next_on`` …)."""
    next_day = Reception.objects.filter(
        station=OuterRef("pk"), status=Reception.Status.SCHEDULED, on_date__gte=today
    ).order_by("on_date", "starts_at", "id")
    return stations.annotate(
        next_on=Subquery(next_day.values("on_date")[:1]),
        next_starts=Subquery(next_day.values("starts_at")[:1]),
        next_ends=Subquery(next_day.values("ends_at")[:1]),
    )


@require_safe
def station_list(request):
    """Every open station, by area, with its next day; then the schedule across stations."""
    today = timezone.localdate()
    term = current_term(today)
    active = LiaisonStation.objects.filter(active=True)
    form = StationFilterForm(
        request.GET,
        areas=active.order_by("area").values_list("area", flat=True).distinct(),
    )
    area = form.chosen()
    stations = active.filter(area=area) if area else active
    page = Paginator(
        _with_next_day(stations, today)
        .prefetch_related(_attached(term))
        .order_by("area", "name", "id"),
        STATIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    schedule = list(_schedule(today, area=area)[:UPCOMING_ON_DIRECTORY])
    for station in page.object_list:
        _mark_public(station.deputies.all(), term)
    for day in schedule:
        _mark_public(day.deputies.all(), term)
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return render(
        request,
        "portal/stations.html",
        {
            "form": form,
            "area": area,
            "page_obj": page,
            "schedule": schedule,
            "updated": max(
                [*(s.updated_at for s in page.object_list), *(d.updated_at for d in schedule)],
                default=None,
            ),
            "querystring_without_page": f"{encoded}&" if encoded else "",
        },
    )


@require_safe
def station_detail(request, pk: int):
    """One open station: its deputies, its schedule and the public figures of days held."""
    today = timezone.localdate()
    term = current_term(today)
    station = (
        LiaisonStation.objects.filter(pk=pk, active=True).prefetch_related(_attached(term)).first()
    )
    if station is None:
        raise Http404
    schedule = list(_schedule(today, station=station)[:UPCOMING_ON_STATION])
    held = list(
        station.receptions.filter(status=Reception.Status.HELD, on_date__lte=today)
        .only(*HELD_FIELDS)
        .prefetch_related(_receiving("received_by"))
        .order_by("-on_date", "-starts_at", "-id")[:HELD_ON_STATION]
    )
    _mark_public(station.deputies.all(), term)
    for day in schedule:
        _mark_public(day.deputies.all(), term)
    for day in held:
        _mark_public(day.received_by.all(), term)
    updated = max(
        [station.updated_at, *(day.updated_at for day in schedule), *(d.updated_at for d in held)]
    )
    return render(
        request,
        "portal/station_detail.html",
        {"station": station, "schedule": schedule, "held": held, "updated": updated},
    )
