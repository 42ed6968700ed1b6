"""The public list of the state organs' office holders the congress elected or its standing
committee appointed (rules.md §7.11), read from the post register, with the notices of
appointments. Only names, posts and the day in office are shown."""

from __future__ import annotations

from itertools import groupby

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from renda.people.models import Membership, Organization

from .models import NewsItem

#: The organs whose leaders the congress elects or its standing committee appoints (the
#: congress's own bodies are on the 人大概况 pages).
STATE_ORGANS = (
    Organization.Kind.GOVERNMENT,
    Organization.Kind.GOVERNMENT_DEPARTMENT,
    Organization.Kind.SUPERVISORY_COMMISSION,
    Organization.Kind.COURT,
    Organization.Kind.PROCURATORATE,
)
ORGAN_ORDER = {kind: i for i, kind in enumerate(STATE_ORGANS)}


@require_safe
def officials(request):
    today = timezone.localdate()
    rows = list(
        Membership.objects.filter(
            post__elected_or_appointed=True,
            organization__kind__in=STATE_ORGANS,
            start_date__lte=today,
            end_date__isnull=True,
        )
        .select_related("person", "post", "organization")
        .only(
            "start_date", "person__name", "person__name_en", "post__label", "post__sort_order",
            "organization__name", "organization__name_en", "organization__kind", "organization__id",
        )
        .order_by("organization__id", "post__sort_order", "start_date", "id")
    )  # fmt: skip
    rows.sort(key=lambda m: (ORGAN_ORDER[m.organization.kind], m.organization_id))
    groups = [(org, list(ms)) for org, ms in groupby(rows, key=lambda m: m.organization)]
    notices = NewsItem.objects.filter(
        status=NewsItem.Status.PUBLISHED, source__startswith="appointments.appointment:"
    ).order_by("-published_at", "-id")[:10]
    return render(
        request,
        "portal/officials.html",
        {"groups": groups, "notices": notices, "today": today},
    )
