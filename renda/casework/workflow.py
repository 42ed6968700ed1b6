"""Case statuses grouped as the actions and the lists use them (rules §1.1–§1.12, S27).

The moves themselves are declared once, as actions (:mod:`renda.casework.services`):
each names the statuses below it starts from, the status it leads to and the permission
it needs. Object-level checks (which unit, which requester) are the actions'
preconditions, built on :mod:`renda.casework.rules`. No database access here.
"""

from __future__ import annotations

from .models import AssignmentRole, AssignmentStatus, CaseStatus

S = CaseStatus
A = AssignmentStatus

#: Statuses in which a unit is working on the case and its deadline runs.
HANDLING: frozenset[str] = frozenset(
    {S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.REHANDLING, S.RETURN_REQUESTED}
)
#: Statuses after which nothing more happens.
FINAL: frozenset[str] = frozenset({S.CLOSED, S.WITHDRAWN, S.MERGED})
#: Statuses in which a case is open (not final).
OPEN: frozenset[str] = frozenset(set(S.values) - FINAL)

#: Before handling starts: a case may still be withdrawn or merged (§1.5).
BEFORE_HANDLING: frozenset[str] = frozenset({S.NEW, S.AWAITING_RECEIPT})
#: The lead unit may ask to return the case (§1.8) or to extend its deadline (§1.2).
RETURNABLE: frozenset[str] = frozenset({S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING})
#: Staff decide an extension request while the case is with the lead unit.
EXTENSION_DECIDABLE: frozenset[str] = RETURNABLE | {S.RETURN_REQUESTED}
#: Assigned and not yet replied: units receive, co-handlers send opinions (§1.9).
ASSIGNED: frozenset[str] = frozenset({S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.REHANDLING})
#: The lead unit is handling it: contacts (§1.10) and the reply (§1.11).
REPLYING: frozenset[str] = frozenset({S.RECEIVED, S.IN_HANDLING, S.REHANDLING})
#: After a reply: a follow-up reply after implementing a B/C result (§1.12).
FOLLOW_UP: frozenset[str] = frozenset({S.REPLIED, S.RATED, S.CLOSED})
#: Staff close a replied or rated case.
CLOSABLE: frozenset[str] = frozenset({S.REPLIED, S.RATED})
#: The requesters rate a reply in these (§1.7); only the lead requester's rating of a
#: replied case moves it (to rated, or to dissatisfied for verification, S27).
RATABLE: frozenset[str] = frozenset({S.REPLIED, S.RATED, S.DISSATISFIED, S.CLOSED})
#: Supervisors add notes to key cases, closed ones included (§1.4).
NOTABLE: frozenset[str] = OPEN | {S.CLOSED}

#: Where a refused return request sends the case back to: the status it was asked from.
RETURN_REJECT_TARGETS: frozenset[str] = RETURNABLE

#: Assignment statuses in which the unit still holds its part.
ASSIGNMENT_ACTIVE: frozenset[str] = frozenset({A.AWAITING, A.RECEIVED, A.RETURN_REQUESTED, A.DONE})
#: Assignment statuses in which the unit may still ask to return it.
ASSIGNMENT_RETURNABLE: frozenset[str] = frozenset({A.AWAITING, A.RECEIVED})

ROLES = AssignmentRole
