"""Back-office pages of filing review: the filer's page, intake and formal check, the late list, the review
desk with the checklist and similar documents, outcomes, review suggestions, the yearly work.

Buttons come from the declared actions (``available``); POSTs perform them.
"""

from __future__ import annotations

from .annual import (
    annual,
    reminder_docx,
    reminders_send,
    report_docx,
    report_prepare,
    report_publish,
)
from .filings import (
    filing_correct,
    filing_create,
    filing_detail,
    filing_export,
    filing_list,
    filing_register,
    filing_return,
    filing_transfer,
    intake,
    late_list,
    my_filings,
    receipt_docx,
)
from .reviews import (
    amend_report_list,
    amend_report_record,
    checklist_save,
    outcome_record,
    review_action,
    review_create,
    review_detail,
    review_list,
    revocation_record,
)
from .suggestions import suggestion_action, suggestion_detail, suggestion_list

__all__ = [
    "amend_report_list",
    "amend_report_record",
    "annual",
    "checklist_save",
    "filing_correct",
    "filing_create",
    "filing_detail",
    "filing_export",
    "filing_list",
    "filing_register",
    "filing_return",
    "filing_transfer",
    "intake",
    "late_list",
    "my_filings",
    "outcome_record",
    "receipt_docx",
    "reminder_docx",
    "reminders_send",
    "report_docx",
    "report_prepare",
    "report_publish",
    "review_action",
    "review_create",
    "review_detail",
    "review_list",
    "revocation_record",
    "suggestion_action",
    "suggestion_detail",
    "suggestion_list",
]
