"""Signals other domains listen to.

``poll_sealed`` is sent after the transaction that sealed a poll has committed,
with ``poll`` (sealed, its ``seal`` saved) and ``actor`` (who closed it or entered
the second count). Receivers carry the result onto their own records (a decision
passed, an evaluation satisfied) through their own services, in their own
transactions. A receiver that fails is logged and never undoes the seal: the staff
can still record the result by hand.
"""

from __future__ import annotations

import logging

from django.dispatch import Signal

log = logging.getLogger(__name__)

poll_sealed = Signal()


def send_poll_sealed(poll, actor) -> None:
    for receiver, result in poll_sealed.send_robust(sender=type(poll), poll=poll, actor=actor):
        if isinstance(result, Exception):
            log.error(
                "poll_sealed receiver %r failed for poll %s", receiver, poll.pk, exc_info=result
            )
