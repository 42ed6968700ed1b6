"""What other parts may hook onto in the deputies' domain (through :mod:`renda.core.effects`).

``deputies.qualification_announced`` is emitted in the transaction in which the standing
committee's announcement ends a deputy's qualification (代表法 Art. 63), with ``matter_id``:
the public site registers a handler that publishes the announcement as a notice.
"""

from __future__ import annotations

#: A termination announced: payload ``matter_id``.
QUALIFICATION_ANNOUNCED = "deputies.qualification_announced"

#: A by-election decided on the credentials committee's report (confirmed or void):
#: payload ``by_election_id``; the public site publishes the announcement.
BY_ELECTION_DECIDED = "deputies.by_election_decided"

#: A voter wrote to a deputy: payload ``message_id``; the deputy is told (in the platform and
#: by e-mail), with the subject only — never the writer's name or contact.
LETTER_RECEIVED = "deputies.letter_received"
