"""Writes of filing review (rules §5): filing, formal check, reviews, outcomes, review suggestions.

Every state change is a declared action (:mod:`renda.core.actions`): its permission,
the statuses it starts from and leads to, its audit event. One module per sub-area;
callers keep using ``services.x(actor=…, …)``.
"""

from __future__ import annotations

from ._common import (
    ENACTING_KINDS,
    MAX_NUMBER,
    MAX_TEXT,
    MAX_TITLE,
    OWN_BODY_CODES,
    days_due,
    enacting_bodies,
    is_enacting_body,
)
from .annual import (
    annual_figures,
    annual_report_prepare,
    annual_report_publish,
    catalogue_due_on,
    catalogue_reminders_send,
)
from .filing import (
    filing_conclude,
    filing_correct,
    filing_create,
    filing_refresh_similar,
    filing_register,
    filing_reopen,
    filing_return,
    filing_revoke,
    filing_transfer,
)
from .outcomes import (
    AMENDING_CLASSES,
    CORRECTION_RESULTS,
    amend_report_carry,
    amend_report_due,
    amend_report_due_set,
    amend_report_record,
    amend_report_sweep,
    can_report_amendment,
    correction_kind,
    outcome_record,
    revocation_carry,
    revocation_record,
)
from .reviews import (
    checklist_save,
    committee_view_request,
    committee_view_submit,
    hearing_record,
    review_conclude,
    review_extend,
    review_open,
    review_route,
    review_start,
)
from .suggestions import (
    TRACKING_ALPHABET,
    get_suggestion_by_code,
    review_suggestion_decide,
    review_suggestion_feedback,
    review_suggestion_not_start,
    review_suggestion_request_completion,
    review_suggestion_start,
    review_suggestion_submit,
    review_suggestion_supplement,
    review_suggestion_transfer,
)

#: The filing's actions, for its page's buttons.
FILING_ACTIONS = (filing_register, filing_return, filing_transfer, filing_correct)
#: The review's actions, for the review desk.
REVIEW_ACTIONS = (review_route, review_extend, committee_view_request, hearing_record)
#: The actions on one document of a review.
ITEM_ACTIONS = (checklist_save, outcome_record, revocation_record, amend_report_record)
#: The office's actions on a review suggestion.
SUGGESTION_ACTIONS = (
    review_suggestion_request_completion,
    review_suggestion_start,
    review_suggestion_not_start,
    review_suggestion_transfer,
    review_suggestion_feedback,
)

__all__ = [
    "AMENDING_CLASSES",
    "CORRECTION_RESULTS",
    "ENACTING_KINDS",
    "FILING_ACTIONS",
    "ITEM_ACTIONS",
    "MAX_NUMBER",
    "MAX_TEXT",
    "MAX_TITLE",
    "OWN_BODY_CODES",
    "REVIEW_ACTIONS",
    "SUGGESTION_ACTIONS",
    "TRACKING_ALPHABET",
    "amend_report_carry",
    "amend_report_due",
    "amend_report_due_set",
    "amend_report_record",
    "amend_report_sweep",
    "annual_figures",
    "annual_report_prepare",
    "annual_report_publish",
    "can_report_amendment",
    "catalogue_due_on",
    "catalogue_reminders_send",
    "checklist_save",
    "committee_view_request",
    "committee_view_submit",
    "correction_kind",
    "days_due",
    "enacting_bodies",
    "filing_conclude",
    "filing_correct",
    "filing_create",
    "filing_refresh_similar",
    "filing_register",
    "filing_reopen",
    "filing_return",
    "filing_revoke",
    "filing_transfer",
    "get_suggestion_by_code",
    "hearing_record",
    "is_enacting_body",
    "outcome_record",
    "review_conclude",
    "review_extend",
    "review_open",
    "review_route",
    "review_start",
    "review_suggestion_decide",
    "review_suggestion_feedback",
    "review_suggestion_not_start",
    "review_suggestion_request_completion",
    "review_suggestion_start",
    "review_suggestion_submit",
    "review_suggestion_supplement",
    "review_suggestion_transfer",
    "revocation_carry",
    "revocation_record",
]
