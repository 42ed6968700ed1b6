"""What other domains may hook onto when a poll ends (through :mod:`renda.core.effects`).

``voting.poll_sealed`` is emitted in the transaction that seals a poll, with
``poll_id`` and ``actor_id`` (who closed it or entered the second count). Each
handler registered for it (``effects.on(POLL_SEALED, name)``) runs after the seal
has committed, in its own transaction, carrying the result onto its own records (a
decision passed, an evaluation satisfied). A handler that fails never undoes the
seal: its effect stays pending with the error, is listed on the audit page and is
retried by the daily sweep.
"""

from __future__ import annotations

#: The hook of a sealed poll: payload ``poll_id``, ``actor_id``.
POLL_SEALED = "voting.poll_sealed"
