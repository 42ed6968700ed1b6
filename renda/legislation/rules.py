"""Permissions of local legislation, built on :mod:`renda.accounts.rules`."""

from __future__ import annotations

import rules

from renda.accounts.rules import is_office_staff, is_sc_member, is_staff_side

#: The office, the leaders and the members read the plans, projects, drafts and comments.
rules.add_perm("legislation.view", is_staff_side | is_sc_member)
#: The legislative affairs staff (法工委) keep the plans and projects and moderate comments.
rules.add_perm("legislation.manage", is_office_staff)
