"""Permissions of the suggestions app, built on the predicates of :mod:`renda.accounts.rules`."""

from __future__ import annotations

import rules

from renda.accounts.rules import is_deputy, is_office_staff, is_staff_side, is_unit_officer

#: Deputies write, submit, co-sign and withdraw their suggestions.
rules.add_perm("suggestions.submit", is_deputy)
#: Who may open suggestion pages at all; ``selectors.suggestions_visible_to`` narrows the rows.
rules.add_perm("suggestions.view", is_staff_side | is_deputy | is_unit_officer)
#: The office screens, merges, splits, assigns, imports and exports.
rules.add_perm("suggestions.manage", is_office_staff)
#: Statistics, the overdue list and the key items (重点督办) for the office and leaders.
rules.add_perm("suggestions.view_statistics", is_staff_side)
rules.add_perm("suggestions.view_key", is_staff_side)
