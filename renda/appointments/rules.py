"""Permissions of elections and appointments, built on :mod:`renda.accounts.rules`."""

from __future__ import annotations

import rules

from renda.accounts.rules import is_office_staff, is_sc_member, is_staff_side

#: The office and the leaders read the exams and their results (not public).
rules.add_perm("appointments.view", is_staff_side)
#: The office (人事代表工作室) organises the exams and records the results.
rules.add_perm("appointments.manage", is_office_staff)
#: Members of the standing committee read the information on the persons they are to vote
#: on (§7.7): the motion, the person's particulars, the exam and the statement.
rules.add_perm("appointments.read_candidates", is_staff_side | is_sc_member)
