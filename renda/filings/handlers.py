"""Effects of other domains' changes on filing review (registered with :mod:`renda.core.effects`).

Each performs a platform action of filings (``permission=SYSTEM``) on behalf of the
person whose committed change caused it; each is idempotent, so a retried effect
finds its work done and records nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from renda.casework.hooks import REPLY_SUBMITTED
from renda.core import effects
from renda.core.actions import SystemActor
from renda.voting.hooks import POLL_SEALED


@effects.on(POLL_SEALED, "filings.revocation_result")
def revocation_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed revocation poll records its result on the review item and the filing (§5.3)."""
    from .models import Outcome, ReviewItem
    from .services import revocation_carry

    items = list(
        ReviewItem.objects.filter(poll_id=poll_id, outcome=Outcome.REVOCATION, revocation_result="")
    )
    if not items:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for item in items:
        revocation_carry(actor=SystemActor(user, "poll sealed"), item=item)


@effects.on(REPLY_SUBMITTED, "filings.correction_reply")
def correction_reply(*, reply_id: int) -> None:
    """A reply to a correction request carries the report after amending (rules §5.8).

    An answer that the body amends or has amended stores the 30-day deadline of the report
    after amending; a follow-up reply is that report. Idempotent: a deadline or report
    already stored is left as it is.
    """
    from renda.casework.models import Reply

    from .models import ReviewItem
    from .services import AMENDING_CLASSES, amend_report_carry, amend_report_due_set

    reply = Reply.objects.select_related("case", "replied_by").get(pk=reply_id)
    if reply.case.source_type != "filings.reviewitem":
        return
    item = ReviewItem.objects.filter(correction_case_id=reply.case_id).first()
    if item is None:
        return
    actor = SystemActor(reply.replied_by, "correction reply")
    if reply.is_follow_up:
        amend_report_carry(actor=actor, now=reply.replied_at, item=item, text=reply.text)
    elif reply.result_class in AMENDING_CLASSES:
        amend_report_due_set(
            actor=actor, now=reply.replied_at, item=item, result_class=reply.result_class
        )
