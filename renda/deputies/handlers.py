"""Effects of other domains' changes on deputies (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from renda.core import effects
from renda.core.actions import SystemActor
from renda.meetings.hooks import ATTENDANCE_CHANGED
from renda.meetings.models import Meeting
from renda.people.models import Deputy


@effects.on(ATTENDANCE_CHANGED, "deputies.absence_rule")
def absence_rule(*, meeting_id: int, person_ids: list[int]) -> None:
    """Keep each deputy's absence matter in line with the session's record (S22, §2.2)."""
    from .services import review_absences

    term_id = Meeting.objects.filter(pk=meeting_id).values_list("term_id", flat=True).first()
    if term_id is None:
        return
    for deputy in Deputy.objects.filter(term_id=term_id, person_id__in=person_ids).select_related(
        "person"
    ):
        review_absences(deputy, actor=SystemActor(None, "attendance changed"))
