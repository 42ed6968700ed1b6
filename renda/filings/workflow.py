"""Statuses of filings and review suggestions, as data (rules §5).

The moves between them are declared with the actions that make them (``sources`` and
``target`` of each ``filings.*`` action in :mod:`renda.filings.services`); here are the
sets of statuses those declarations share, and the rules of outcomes and checklists.
No database access here, so these are tested without one.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import ChecklistAnswer, FilingStatus, Outcome, SuggestionStatus

F = FilingStatus
RS = SuggestionStatus

#: A review of a document may start (active, on request, thematic) from these.
REVIEWABLE: frozenset[str] = frozenset({F.REGISTERED, F.CONCLUDED})
#: A document outside this jurisdiction may be transferred from these (rules §5.11).
TRANSFERABLE: frozenset[str] = frozenset({F.SUBMITTED, F.REGISTERED})
#: A suggestion not yet decided: it may be declined or transferred (rules §5.7, §5.11).
UNDECIDED: frozenset[str] = frozenset({RS.RECEIVED, RS.INCOMPLETE})

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


def transitions(actions: Iterable, model, statuses: Iterable[str]) -> dict[str, frozenset[str]]:
    """status → the statuses the declared ``actions`` on ``model`` lead to from it."""
    table: dict[str, set[str]] = {s: set() for s in statuses}
    for act in actions:
        if act.model is model and act.target is not None and act.sources is not None:
            for source in act.sources:
                table[source].add(act.target)
    return {s: frozenset(t) for s, t in table.items()}
