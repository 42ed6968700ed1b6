"""Permissions of supervision, built on the predicates of :mod:`renda.accounts.rules`.

Office staff keep the plan, reports, opinions and records; the chairpersons' council's
decisions (adopting the plan, the answer mode of an interpellation) are recorded by staff
or a leader; a unit officer sees the opinions sent to their own body only
(``selectors.opinions_visible_to``).
"""

from __future__ import annotations

import rules

from renda.accounts.rules import (
    is_deputy,
    is_leader,
    is_office_staff,
    is_sc_member,
    is_staff_side,
    is_unit_officer,
)

#: The supervision pages at all; the rows are narrowed by the selectors.
rules.add_perm("supervision.view", is_staff_side | is_sc_member | is_unit_officer)
#: The overview with statuses, overdue items, evaluations and charts.
rules.add_perm("supervision.view_overview", is_staff_side)
#: The office drafts the plan, schedules reports, compiles and sends opinions, keeps records.
rules.add_perm("supervision.manage", is_office_staff)
#: Decisions of the chairpersons' council (主任会议), recorded by staff or a leader.
rules.add_perm("supervision.decide", is_office_staff | is_leader)
#: Members sign interpellations; the office records paper ones for them.
rules.add_perm("supervision.interpellate", is_sc_member | is_office_staff)
#: Deputies propose special-inquiry topics (§3.5); the office records paper ones.
rules.add_perm("supervision.propose_topic", is_deputy | is_office_staff)
