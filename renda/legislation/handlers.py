"""Effects of other domains' changes on local legislation (:mod:`renda.core.effects`)."""

from __future__ import annotations

from renda.core import effects
from renda.core.actions import SystemActor
from renda.voting.hooks import POLL_SEALED


@effects.on(POLL_SEALED, "legislation.project_result")
def project_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed vote decides the bill it was created for (立法法 第44条). Idempotent: a
    decided project is left alone."""
    from django.contrib.auth import get_user_model

    from .models import Project
    from .services import project_carry_vote

    rows = list(Project.objects.filter(poll_id=poll_id, status=Project.Status.VOTING))
    if not rows:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for project in rows:
        project_carry_vote(actor=SystemActor(user, "poll sealed"), project=project)
