"""The statuses of qualification matters and suspensions, and the moves between them, as data."""

from __future__ import annotations

from .models import QualificationMatter, Suspension

Q = QualificationMatter.Status
S = Suspension.Status

#: The credentials committee reports on a raised matter.
REPORT_SOURCES = frozenset({Q.RAISED})
#: The standing committee announces the termination once the committee has reported.
ANNOUNCE_SOURCES = frozenset({Q.REPORTED})
#: A matter still open may be found not to end the qualification.
DISMISS_SOURCES = frozenset({Q.RAISED, Q.REPORTED})
#: The platform withdraws an absence matter whose count fell below the limit (leave approved late).
WITHDRAW_SOURCES = frozenset({Q.RAISED, Q.REPORTED})

#: A suspension in force may be given its end day, and restored on it.
SUSPENSION_LIVE = frozenset({S.ACTIVE})

QUALIFICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    Q.RAISED: frozenset({Q.REPORTED, Q.DISMISSED, Q.WITHDRAWN}),
    Q.REPORTED: frozenset({Q.ANNOUNCED, Q.DISMISSED, Q.WITHDRAWN}),
    Q.ANNOUNCED: frozenset(),
    Q.DISMISSED: frozenset(),
    Q.WITHDRAWN: frozenset(),
}
