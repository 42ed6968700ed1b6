"""What other domains may hook onto in a case's life (through :mod:`renda.core.effects`).

``casework.reply_submitted`` is emitted in the transaction that stores a unit's reply
(or follow-up reply), with ``reply_id``; a domain whose item is handled as a case
(filings' correction requests) registers a handler with
``effects.on(REPLY_SUBMITTED, name)`` and carries the reply onto its own record after
the reply has committed.
"""

from __future__ import annotations

#: A unit's reply or follow-up reply was stored: payload ``reply_id``.
REPLY_SUBMITTED = "casework.reply_submitted"
