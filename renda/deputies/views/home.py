"""The deputy's own page, phone first (我的代表工作): what needs them now and what is next.

One tap into the voting terminal while a vote is open for them; the next meeting and its
documents; letters from voters waiting; their suggestions; their training, their station's
reception days and reports to voters; this year's figures from their duty record.
"""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from renda.core.views import permission_required
from renda.meetings.models import Attendance, Meeting
from renda.people.models import Deputy
from renda.people.selectors import current_term
from renda.suggestions.models import Suggestion
from renda.voting.selectors import polls_open_for

from .. import selectors
from ..duty_record import FIGURE_LABELS, Period, figures_for
from ..models import OPEN_STATUSES, TrainingEnrolment, VoterReport

#: The figures the home page shows of this year's record (the record page has them all).
HOME_FIGURES = ("sessions_present", "suggestions_lead", "receptions", "voter_contacts", "letters_answered")  # fmt: skip
RECENT_SUGGESTIONS = 5


@permission_required("deputies.own_record")
def home(request):
    user = request.user
    today = timezone.localdate()
    deputy = (
        Deputy.objects.filter(person_id=user.person_id, term=current_term(today))
        .select_related("person", "term")
        .first()
        if user.person_id
        else None
    )
    if deputy is None:
        raise Http404
    live = list(
        Meeting.objects.filter(
            pk__in=polls_open_for(user.person_id).values("agenda_item__meeting_id")
        ).order_by("starts_on", "id")
    )
    upcoming = (
        Attendance.objects.filter(
            person_id=user.person_id,
            meeting__status__in=[Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS],
            meeting__ends_on__gte=today,
        )
        .select_related("meeting")
        .annotate(documents=Count("meeting__documents"))
        .order_by("meeting__starts_on", "meeting_id")
        .first()
    )
    letters = selectors.visible_messages(user).filter(status__in=OPEN_STATUSES)
    suggestions = Suggestion.objects.filter(lead_deputy=deputy).order_by("-updated_at", "-id")
    stations = list(deputy.stations.filter(active=True).order_by("name"))
    receptions = (
        selectors.upcoming_receptions(today).filter(station__in=stations)[:3] if stations else []
    )
    figures = figures_for([deputy], Period.of(deputy, today.year))[deputy.pk]
    return render(
        request,
        "deputies/home.html",
        {
            "deputy": deputy,
            "live": live,
            "upcoming": upcoming,
            "letters_open": letters.count(),
            "letters": letters.order_by("-received_at")[:3],
            "suggestions": suggestions[:RECENT_SUGGESTIONS],
            "suggestion_count": suggestions.count(),
            "courses": TrainingEnrolment.objects.filter(
                deputy=deputy,
                status=TrainingEnrolment.Status.ENROLLED,
                course__ends_on__gte=today,
            )
            .select_related("course")
            .order_by("course__starts_on")[:3],
            "stations": stations,
            "receptions": receptions,
            "report": VoterReport.objects.filter(
                deputy=deputy, status=VoterReport.Status.PLANNED, held_on__gte=today
            )
            .order_by("held_on")
            .first(),
            "figures": [(FIGURE_LABELS[k], figures[k]) for k in HOME_FIGURES],
            "year": today.year,
        },
    )
