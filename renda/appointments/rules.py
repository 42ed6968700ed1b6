"""Permissions of elections and appointments, built on :mod:`renda.accounts.rules`."""

from __future__ import annotations

import rules

from renda.accounts.rules import is_office_staff, is_staff_side

#: The office and the leaders read the exams and their results (not public).
rules.add_perm("appointments.view", is_staff_side)
#: The office (人事代表工作室) organises the exams and records the results.
rules.add_perm("appointments.manage", is_office_staff)
