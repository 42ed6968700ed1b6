"""Who reads the compliance view: the office, the leaders and the members of the standing
committee (the people who answer for the rules)."""

from __future__ import annotations

import rules

from renda.accounts.rules import is_office_staff, is_sc_member, is_staff_side

VIEW = "compliance.view"

rules.add_perm(VIEW, is_staff_side | is_sc_member)

MANAGE = "compliance.manage"
#: The office records the party committee's meetings.
rules.add_perm(MANAGE, is_office_staff)
