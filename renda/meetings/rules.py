"""Permissions of the meetings app, built on the predicates of :mod:`renda.accounts.rules`."""

from __future__ import annotations

import rules

from renda.accounts.rules import is_deputy, is_leader, is_office_staff, is_sc_member, is_staff_side

#: Office staff, leaders and SC members see every meeting; deputies see congress sessions
#: and the meetings they attend (narrowed by ``selectors.meetings_visible_to``).
rules.add_perm("meetings.view", is_staff_side | is_sc_member | is_deputy)
#: The general office schedules meetings, keeps the agenda, documents and attendance.
rules.add_perm("meetings.manage", is_office_staff)
#: The frequency checks (S14) and the lists of late documents.
rules.add_perm("meetings.view_overview", is_staff_side)
#: Attendance sheets and the attendance API.
rules.add_perm("meetings.view_attendance", is_staff_side)
#: Leave requests are decided by the office or a member of the chairpersons' council.
rules.add_perm("meetings.approve_leave", is_office_staff | is_leader)
#: Members and deputies sign themselves in and ask for leave.
rules.add_perm("meetings.sign_in_self", is_sc_member | is_deputy)
#: The voting module records a vote as an item's disposition for the chair or the office.
rules.add_perm("meetings.record_vote", is_office_staff | is_leader)
#: Signing in and asking for leave: the office for anyone, members and deputies for themselves.
rules.add_perm("meetings.sign_in", is_office_staff | is_sc_member | is_deputy)
