"""Effects of other domains' changes on supervision (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from renda.core import effects
from renda.core.actions import SystemActor
from renda.voting.hooks import POLL_SEALED
from renda.voting.models import Poll


@effects.on(POLL_SEALED, "supervision.evaluation_result")
def evaluation_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed satisfaction poll carries its result onto the evaluation (§3.4)."""
    from .services import evaluation_record_sealed

    poll = Poll.objects.select_related("seal").get(pk=poll_id)
    if poll.kind != Poll.Kind.SATISFACTION:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    evaluation_record_sealed(poll=poll, actor=SystemActor(user, "poll sealed"))
