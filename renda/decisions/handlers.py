"""Effects of other domains' changes on major matters (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from renda.core import effects
from renda.core.actions import SystemActor
from renda.voting.hooks import POLL_SEALED


@effects.on(POLL_SEALED, "decisions.decision_outcome")
def decision_outcome(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed decision, resolution or revocation poll records its outcome (rules §6.1, §8.8).

    The seal is the authority: the person who closed the poll is named in the audit event.
    """
    from .models import Decision, DecisionStatus
    from .services import decision_record_sealed

    pending = list(Decision.objects.filter(poll_id=poll_id, status=DecisionStatus.PENDING))
    if not pending:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for decision in pending:
        decision_record_sealed(actor=SystemActor(user, "poll sealed"), decision=decision)
