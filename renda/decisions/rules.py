"""Permissions of major-matter decisions, built on the predicates of :mod:`renda.accounts.rules`."""

from __future__ import annotations

import rules

from renda.accounts.rules import (
    is_leader,
    is_office_staff,
    is_sc_member,
    is_staff_side,
    is_unit_officer,
)
from renda.people.models import Organization


@rules.predicate
def is_government_officer(user) -> bool:
    """An officer of the people's government itself (its unit is the government organization)."""
    if not is_unit_officer(user):
        return False
    scope = user.scope
    return bool(scope and scope.kind == Organization.Kind.GOVERNMENT)


#: Who may open the pages; ``selectors`` narrow the government officer to its own lists and matters.
rules.add_perm("decisions.view", is_staff_side | is_sc_member | is_government_officer)
#: The government drafts, submits and revises its lists and files the materials of its matters.
rules.add_perm("decisions.submit", is_government_officer)
#: The materials of a matter: the office, or the government for the matters it proposes
#: (``services.owns_matter`` narrows the officer to its own).
rules.add_perm("decisions.file_material", is_office_staff | is_government_officer)
#: The SC's working bodies (office staff) comment on a submitted list.
rules.add_perm("decisions.comment", is_office_staff)
#: The office runs the process: closes comments, records consent, schedules, proposes and publishes.
rules.add_perm("decisions.manage", is_office_staff)
#: The chairpersons' council adopts the list (rules §6.2).
rules.add_perm("decisions.adopt", is_leader)
#: Counts per category and the overdue items.
rules.add_perm("decisions.view_overview", is_staff_side)
