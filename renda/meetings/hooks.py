"""What other domains may hook onto when attendance at a congress session changes.

``meetings.attendance_changed`` is emitted in the transaction that records an absence,
corrects one by a sign-in, decides a leave request or closes the session (which records
every voting member who neither signed in nor was excused as absent), with ``meeting_id``
and ``person_ids``. Only congress sessions emit it: their unapproved absences end a
deputy's qualification (代表法 Art. 62, S22), which the deputies' domain keeps in line.
"""

from __future__ import annotations

#: The hook of attendance changed at a congress session: payload ``meeting_id``, ``person_ids``.
ATTENDANCE_CHANGED = "meetings.attendance_changed"
