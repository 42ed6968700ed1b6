"""What other parts may hook onto in the deputies' domain (through :mod:`renda.core.effects`).

``deputies.qualification_announced`` is emitted in the transaction in which the standing
committee's announcement ends a deputy's qualification (代表法 Art. 63), with ``matter_id``:
the public site registers a handler that publishes the announcement as a notice.
"""

from __future__ import annotations

#: A termination announced: payload ``matter_id``.
QUALIFICATION_ANNOUNCED = "deputies.qualification_announced"
