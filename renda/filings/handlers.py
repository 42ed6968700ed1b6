"""Effects of other domains' changes on filing review (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from renda.core import effects
from renda.voting.hooks import POLL_SEALED


@effects.on(POLL_SEALED, "filings.revocation_result")
def revocation_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed revocation poll records its result on the review item and the filing (§5.3)."""
    from .models import Outcome, ReviewItem
    from .services import revocation_record

    items = list(
        ReviewItem.objects.filter(poll_id=poll_id, outcome=Outcome.REVOCATION, revocation_result="")
    )
    if not items:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for item in items:
        revocation_record(actor=user, item=item, from_seal=True)
