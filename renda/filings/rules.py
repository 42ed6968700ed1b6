"""Permissions of filing review, on the predicates of :mod:`renda.accounts.rules`.

A unit officer files for the body of their scope and sees only that body's filings
and correction requests (``selectors.filings_visible_to``).
"""

from __future__ import annotations

import rules

from renda.accounts.rules import (
    is_leader,
    is_office_staff,
    is_signed_in,
    is_staff_side,
    is_unit_officer,
)

#: Enacting bodies' officers file their documents and correct returned ones.
rules.add_perm("filings.file", is_unit_officer)
#: Who may open the back-office filing pages; the rows are narrowed by the selectors.
rules.add_perm("filings.view", is_staff_side | is_unit_officer)
#: The filing-review office: intake, formal check, reviews, outcomes, reports.
rules.add_perm("filings.manage", is_office_staff)
#: The report after amending (rules §5.8): the enacting body's officer for its own documents, or the office.
rules.add_perm("filings.report_amendment", is_unit_officer | is_office_staff)
#: Lists and the annual figures for the office and leaders.
rules.add_perm("filings.view_all", is_staff_side)
#: A leader approves extending a review by 3 months (rules §5.5).
rules.add_perm("filings.approve", is_leader)
#: Any signed-in caller may suggest a review through the API (the public form takes anonymous ones).
rules.add_perm("filings.suggest", is_signed_in)
