"""Effects of other domains' changes on deputies (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from renda.core import effects
from renda.core.actions import SystemActor
from renda.meetings.hooks import ATTENDANCE_CHANGED
from renda.meetings.models import Meeting
from renda.people.models import Deputy
from renda.voting.hooks import POLL_SEALED


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


@effects.on(POLL_SEALED, "deputies.resignation_result")
def resignation_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed vote on a resignation records its result, and an accepted one ends the
    mandate (§2.2). Idempotent: a resignation already decided is left as it is."""
    from django.contrib.auth import get_user_model

    from .models import Resignation
    from .services import resignation_carry_vote

    rows = list(Resignation.objects.filter(poll_id=poll_id, status=Resignation.Status.VOTING))
    if not rows:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for resignation in rows:
        resignation_carry_vote(actor=SystemActor(user, "poll sealed"), resignation=resignation)
