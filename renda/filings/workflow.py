"""Statuses of filings and review suggestions and the moves between them, as data (rules §5).

No database access here, so the tables are tested without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import ChecklistAnswer, FilingStatus, Outcome, SuggestionStatus

F = FilingStatus
RS = SuggestionStatus


@dataclass(frozen=True)
class Action:
    """One move: from which statuses, to which one (None: unchanged), which permission."""

    sources: frozenset[str]
    target: str | None
    perm: str


FILING_ACTIONS: dict[str, Action] = {
    #: The office registers a document that passes the formal check (rules §5.4).
    "register": Action(frozenset({F.SUBMITTED}), F.REGISTERED, "filings.manage"),
    #: Or returns it for correction with reasons (rules §5.4).
    "return": Action(frozenset({F.SUBMITTED}), F.RETURNED, "filings.manage"),
    #: The filer sends the corrected filing back (within 10 days, rules §5.4).
    "correct": Action(frozenset({F.RETURNED}), F.SUBMITTED, "filings.file"),
    #: Outside this jurisdiction: transferred to the competent body (rules §5.11).
    "transfer": Action(frozenset({F.SUBMITTED, F.REGISTERED}), F.TRANSFERRED, "filings.manage"),
    #: A review of a registered document may start (active, on request, thematic).
    "review": Action(frozenset({F.REGISTERED, F.CONCLUDED}), None, "filings.manage"),
    #: Every review of the document has its outcome.
    "conclude": Action(frozenset({F.REGISTERED}), F.CONCLUDED, "filings.manage"),
    #: The standing committee voted to revoke it (rules §5.3); the sealed poll carries the result.
    "revoke": Action(frozenset({F.REGISTERED, F.CONCLUDED}), F.REVOKED, "filings.manage"),
}

SUGGESTION_ACTIONS: dict[str, Action] = {
    #: Ask the proposer to complete the suggestion (within 5 working days, rules §5.7).
    "request_completion": Action(frozenset({RS.RECEIVED}), RS.INCOMPLETE, "filings.manage"),
    #: The proposer adds the missing material with the tracking code.
    "supplement": Action(frozenset({RS.INCOMPLETE}), RS.RECEIVED, ""),
    #: Review starts on request (rules §5.7).
    "start_review": Action(frozenset({RS.RECEIVED}), RS.UNDER_REVIEW, "filings.manage"),
    #: Review does not start; the proposer is told why within 10 days (rules §5.7).
    "not_start": Action(frozenset({RS.RECEIVED, RS.INCOMPLETE}), RS.NOT_STARTED, "filings.manage"),
    #: Outside this jurisdiction: transferred within 10 days (rules §5.11).
    "transfer": Action(frozenset({RS.RECEIVED, RS.INCOMPLETE}), RS.TRANSFERRED, "filings.manage"),
    #: Feedback after the review (rules §5.7).
    "feedback": Action(frozenset({RS.UNDER_REVIEW}), RS.ANSWERED, "filings.manage"),
}

#: Outcomes that need a note explaining them.
OUTCOMES_NEEDING_NOTE: frozenset[str] = frozenset(
    {Outcome.SELF_AMENDED, Outcome.CORRECTION, Outcome.REVOCATION, Outcome.TRANSFERRED}
)
#: Outcomes that need at least one checklist row answered "problem" (a finding).
OUTCOMES_NEEDING_PROBLEM: frozenset[str] = frozenset(
    {Outcome.SELF_AMENDED, Outcome.CORRECTION, Outcome.REVOCATION}
)
CHECKLIST_ANSWERS: frozenset[str] = frozenset(ChecklistAnswer.values)

#: Upload checks of the full text: extension → first bytes.
UPLOAD_SIGNATURES: dict[str, bytes] = {"docx": b"PK\x03\x04", "pdf": b"%PDF"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_TEXT = 500_000


def _table(actions: dict[str, Action], statuses) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {s: set() for s in statuses}
    for action in actions.values():
        if action.target is not None:
            for source in action.sources:
                table[source].add(action.target)
    return {s: frozenset(t) for s, t in table.items()}


FILING_TRANSITIONS = _table(FILING_ACTIONS, F.values)
SUGGESTION_TRANSITIONS = _table(SUGGESTION_ACTIONS, RS.values)


def filing_allows(action: str, status: str) -> bool:
    return status in FILING_ACTIONS[action].sources


def suggestion_allows(action: str, status: str) -> bool:
    return status in SUGGESTION_ACTIONS[action].sources
