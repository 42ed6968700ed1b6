"""Deputy statuses and the transitions between them, as data (代表法 Arts. 61–63)."""

from __future__ import annotations

from .models import Deputy

S = Deputy.Status

#: from-status → statuses it may move to.
DEPUTY_TRANSITIONS: dict[str, frozenset[str]] = {
    S.ACTIVE: frozenset({S.SUSPENDED, S.RESIGNED, S.TERMINATED, S.RECALLED, S.DECEASED}),
    S.SUSPENDED: frozenset({S.ACTIVE, S.RESIGNED, S.TERMINATED, S.RECALLED, S.DECEASED}),
    S.RESIGNED: frozenset(),
    S.TERMINATED: frozenset(),
    S.RECALLED: frozenset(),
    S.DECEASED: frozenset(),
}

#: The statuses a deputy's status may change from (``people.deputy.change_status``): the
#: others are final.
LIVE_STATUSES: frozenset[str] = frozenset(s for s, moves in DEPUTY_TRANSITIONS.items() if moves)


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in DEPUTY_TRANSITIONS.get(from_status, frozenset())
