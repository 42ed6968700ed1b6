"""Permissions of the casework engine and the object-level checks its services use.

Role permissions say who may try an action at all; whether this user may act on
this case (their unit holds an assignment, they are a requester, they supervise
it) is checked by the helpers below, in the services and the selectors alike.
"""

from __future__ import annotations

import rules

from renda.accounts.rules import (
    is_deputy,
    is_leader,
    is_office_staff,
    is_sc_member,
    is_signed_in,
    is_unit_officer,
)

#: Every signed-in user may open the case pages; what they see is narrowed by
#: ``selectors.cases_visible_to``.
rules.add_perm("casework.view", is_signed_in)
#: Office staff create, assign, approve returns and extensions, verify and close.
rules.add_perm("casework.manage", is_office_staff)
#: Unit officers receive, contact, reply, ask to return or extend — for their own unit.
rules.add_perm("casework.handle", is_unit_officer)
#: Requesters rate replies; office staff record paper feedback forms (回执) for them.
rules.add_perm("casework.rate", is_deputy | is_sc_member | is_office_staff)
#: Office staff and leaders mark key-supervised cases (rules §1.4) and list them.
rules.add_perm("casework.supervise", is_office_staff | is_leader)


def unit_assignment(user, case, *, role: str | None = None, assignments=None):
    """The active assignment of the user's unit on ``case``, or None."""
    from .workflow import ASSIGNMENT_ACTIVE

    if not (user and user.is_authenticated and is_unit_officer(user)):
        return None
    rows = assignments if assignments is not None else case.assignments.all()
    for a in rows:
        if (
            a.unit_id == user.scope_id
            and a.status in ASSIGNMENT_ACTIVE
            and (role is None or a.role == role)
        ):
            return a
    return None


def is_requester(user, case, *, requester_ids=None) -> bool:
    """Whether the user is a person on the requester side of ``case``."""
    if not (user and user.is_authenticated and user.person_id):
        return False
    ids = (
        requester_ids
        if requester_ids is not None
        else {r.person_id for r in case.requester_rows.all()}
    )
    return user.person_id in ids


def is_supervisor(user, case) -> bool:
    """Leaders, the responsible leader and the supervising committee's users supervise key cases."""
    if not (user and user.is_authenticated and case.is_key):
        return False
    if is_office_staff(user) or is_leader(user) or case.key_leader_id == user.pk:
        return True
    return bool(case.key_committee_id and user.scope_id == case.key_committee_id)
