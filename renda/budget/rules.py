"""Permissions of budget review and monitoring, built on :mod:`renda.accounts.rules`."""

from __future__ import annotations

import rules

from renda.accounts.rules import is_office_staff, is_sc_member, is_staff_side

VIEW = "budget.view"
MANAGE = "budget.manage"

#: The office, the leaders and the members read the figures and the monitoring.
rules.add_perm(VIEW, is_staff_side | is_sc_member)
#: The budget working committee's staff (预算工委) import figures and keep the tables.
rules.add_perm(MANAGE, is_office_staff)
