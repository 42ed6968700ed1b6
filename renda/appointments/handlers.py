"""Effects of other domains' changes on appointments (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from renda.core import effects
from renda.core.actions import SystemActor
from renda.voting.hooks import POLL_SEALED


@effects.on(POLL_SEALED, "appointments.appointment_result")
def appointment_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed per-person vote decides the appointment it was created for (§7.6); a carried
    one places the person in the post. Idempotent: a decided appointment is left alone."""
    from django.contrib.auth import get_user_model

    from .models import Appointment
    from .services import appointment_carry_vote

    rows = list(Appointment.objects.filter(poll_id=poll_id, status=Appointment.Status.VOTING))
    if not rows:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for appointment in rows:
        appointment_carry_vote(actor=SystemActor(user, "poll sealed"), appointment=appointment)


@effects.on(POLL_SEALED, "appointments.election_result")
def election_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed election decides the election it was created for (§7.4): those elected hold
    the post. Idempotent: a decided election is left alone."""
    from django.contrib.auth import get_user_model

    from .models import Election
    from .services import election_carry_vote

    rows = list(Election.objects.filter(poll_id=poll_id, status=Election.Status.VOTING))
    if not rows:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for election in rows:
        election_carry_vote(actor=SystemActor(user, "poll sealed"), election=election)
