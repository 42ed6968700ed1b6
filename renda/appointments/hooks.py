"""What other parts may hook onto in elections and appointments (:mod:`renda.core.effects`).

``appointments.appointment_announced`` is emitted when the office announces an appointment
the standing committee made (§7.11), with ``appointment_id``: the public site publishes the
notice.
"""

from __future__ import annotations

APPOINTMENT_ANNOUNCED = "appointments.appointment_announced"
