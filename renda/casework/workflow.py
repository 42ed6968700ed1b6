"""Case statuses and the moves between them as data (rules §1.1–§1.12, S27).

Each action names the statuses it starts from, the status it leads to and the
permission it needs; object-level checks (which unit, which requester) are in
:mod:`renda.casework.rules`. No database access, so the table is tested without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import AssignmentRole, AssignmentStatus, CaseStatus

S = CaseStatus
A = AssignmentStatus


@dataclass(frozen=True)
class Action:
    """One move of a case: from which statuses, to which one (None: unchanged), who may."""

    sources: frozenset[str]
    target: str | None
    perm: str


#: Statuses in which a unit is working on the case and its deadline runs.
HANDLING: frozenset[str] = frozenset(
    {S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.REHANDLING, S.RETURN_REQUESTED}
)
#: Statuses after which nothing more happens.
FINAL: frozenset[str] = frozenset({S.CLOSED, S.WITHDRAWN, S.MERGED})
#: Statuses in which a case is open (not final).
OPEN: frozenset[str] = frozenset(set(S.values) - FINAL)

ACTIONS: dict[str, Action] = {
    #: Staff assign a new case to a lead unit and co-handlers (交办, §1.1).
    "assign": Action(frozenset({S.NEW}), S.AWAITING_RECEIPT, "casework.manage"),
    #: The lead unit receives it (签收).
    "receive": Action(frozenset({S.AWAITING_RECEIPT}), S.RECEIVED, "casework.handle"),
    #: The first contact starts the handling (办理中).
    "start": Action(frozenset({S.RECEIVED}), S.IN_HANDLING, "casework.handle"),
    #: The lead unit asks to return it within the window (§1.8).
    "return_request": Action(
        frozenset({S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING}),
        S.RETURN_REQUESTED,
        "casework.handle",
    ),
    #: Staff take it back: the case waits for a new assignment.
    "return_approve": Action(frozenset({S.RETURN_REQUESTED}), S.NEW, "casework.manage"),
    #: Staff refuse: the case goes back to where it was (stored on the request).
    "return_reject": Action(frozenset({S.RETURN_REQUESTED}), None, "casework.manage"),
    #: The lead unit asks for the extended deadline (§1.2).
    "extension_request": Action(
        frozenset({S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING}), None, "casework.handle"
    ),
    "extension_decide": Action(
        frozenset({S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.RETURN_REQUESTED}),
        None,
        "casework.manage",
    ),
    #: Contacts and co-handlers' opinions while the case is being handled (§1.9, §1.10).
    "contact": Action(
        frozenset({S.RECEIVED, S.IN_HANDLING, S.REHANDLING}), None, "casework.handle"
    ),
    "co_opinion": Action(
        frozenset({S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.REHANDLING}),
        None,
        "casework.handle",
    ),
    #: Staff let the lead reply before every co-handler has answered (§1.9), with a reason.
    "co_override": Action(
        frozenset({S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.REHANDLING}),
        None,
        "casework.manage",
    ),
    #: The lead unit replies (答复, §1.11).
    "reply": Action(
        frozenset({S.RECEIVED, S.IN_HANDLING, S.REHANDLING}), S.REPLIED, "casework.handle"
    ),
    #: The requester rates: 满意/基本满意 → rated, 不满意 → dissatisfied (§1.7).
    "rate_satisfied": Action(frozenset({S.REPLIED}), S.RATED, "casework.rate"),
    "rate_dissatisfied": Action(frozenset({S.REPLIED}), S.DISSATISFIED, "casework.rate"),
    #: Staff verify a dissatisfied rating (S27, §1.6).
    "verify_rehandle": Action(frozenset({S.DISSATISFIED}), S.REHANDLING, "casework.manage"),
    "verify_close": Action(frozenset({S.DISSATISFIED}), S.CLOSED, "casework.manage"),
    #: A follow-up reply after implementing a B/C result (§1.12); the status stays.
    "follow_up": Action(frozenset({S.REPLIED, S.RATED, S.CLOSED}), None, "casework.handle"),
    #: Staff close a replied or rated case.
    "close": Action(frozenset({S.REPLIED, S.RATED}), S.CLOSED, "casework.manage"),
    #: Withdrawn (by the requester or staff) or merged before handling starts (§1.5).
    "withdraw": Action(frozenset({S.NEW, S.AWAITING_RECEIPT}), S.WITHDRAWN, "casework.view"),
    "merge": Action(frozenset({S.NEW, S.AWAITING_RECEIPT}), S.MERGED, "casework.manage"),
    #: Key supervision (§1.4) and its notes, on any open case.
    "mark_key": Action(OPEN, None, "casework.supervise"),
    "supervision_note": Action(OPEN | {S.CLOSED}, None, "casework.view"),
}

#: Where a refused return request sends the case back to: the status it was asked from.
RETURN_REJECT_TARGETS: frozenset[str] = ACTIONS["return_request"].sources


def _transitions() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {status: set() for status in S.values}
    for action in ACTIONS.values():
        if action.target is None:
            continue
        for source in action.sources:
            if source != action.target:
                table[source].add(action.target)
    table[S.RETURN_REQUESTED] |= RETURN_REJECT_TARGETS
    return {status: frozenset(targets) for status, targets in table.items()}


#: from-status → statuses a case may move to, derived from the actions.
TRANSITIONS: dict[str, frozenset[str]] = _transitions()

#: Assignment statuses in which the unit still holds its part.
ASSIGNMENT_ACTIVE: frozenset[str] = frozenset({A.AWAITING, A.RECEIVED, A.RETURN_REQUESTED, A.DONE})
#: Assignment statuses in which the unit may still ask to return it.
ASSIGNMENT_RETURNABLE: frozenset[str] = frozenset({A.AWAITING, A.RECEIVED})

ROLES = AssignmentRole


def allows(action: str, status: str) -> bool:
    """Whether ``action`` may happen to a case in ``status``."""
    return status in ACTIONS[action].sources


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())
