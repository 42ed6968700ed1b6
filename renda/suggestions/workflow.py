"""Suggestion statuses and the moves between them as data (rules §1.1, §1.5, S27).

Each action names the statuses it starts from, the status it leads to and the
permission it needs; who owns the suggestion is checked in the services. No
database access here, so the table is tested without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import NotAcceptedReason, SuggestionStatus

S = SuggestionStatus


@dataclass(frozen=True)
class Action:
    """One move: from which statuses, to which one (None: unchanged), which permission."""

    sources: frozenset[str]
    target: str | None
    perm: str


#: Statuses before assignment in which the office may still screen, merge or split.
PENDING: frozenset[str] = frozenset({S.SUBMITTED, S.ACCEPTED})
#: Statuses after which the suggestion itself no longer changes.
FINAL: frozenset[str] = frozenset({S.NOT_ACCEPTED, S.WITHDRAWN, S.MERGED, S.SPLIT, S.ASSIGNED})

ACTIONS: dict[str, Action] = {
    #: The lead deputy edits the draft, invites co-signers, attaches files.
    "edit": Action(frozenset({S.DRAFT}), None, "suggestions.submit"),
    #: The lead deputy submits it; every invited co-signer must have confirmed (联名).
    "submit": Action(frozenset({S.DRAFT}), S.SUBMITTED, "suggestions.submit"),
    #: An invited deputy confirms while it is a draft.
    "confirm": Action(frozenset({S.DRAFT}), None, "suggestions.submit"),
    #: The deputy withdraws it before assignment (rules §1.5).
    "withdraw": Action(
        frozenset({S.DRAFT, S.SUBMITTED, S.ACCEPTED}), S.WITHDRAWN, "suggestions.submit"
    ),
    #: Screening (审查, rules §1.5).
    "accept": Action(frozenset({S.SUBMITTED}), S.ACCEPTED, "suggestions.manage"),
    "not_accept": Action(frozenset({S.SUBMITTED}), S.NOT_ACCEPTED, "suggestions.manage"),
    #: Duplicates are merged into one (并案); one spanning several units is split.
    "merge": Action(PENDING, S.MERGED, "suggestions.manage"),
    "split": Action(PENDING, S.SPLIT, "suggestions.manage"),
    #: Assignment (交办, rules §1.1) creates and assigns the engine's case.
    "assign": Action(frozenset({S.ACCEPTED}), S.ASSIGNED, "suggestions.manage"),
}


def _transitions() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {status: set() for status in S.values}
    for action in ACTIONS.values():
        if action.target is not None:
            for source in action.sources:
                table[source].add(action.target)
    return {status: frozenset(targets) for status, targets in table.items()}


#: from-status → statuses a suggestion may move to, derived from the actions.
TRANSITIONS: dict[str, frozenset[str]] = _transitions()

#: Reasons that need a note explaining them to the deputy.
REASONS_NEEDING_NOTE: frozenset[str] = frozenset({NotAcceptedReason.OTHER})

#: Upload checks: allowed extensions with the first bytes each file must start with.
UPLOAD_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "txt": (),
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10


def allows(action: str, status: str) -> bool:
    """Whether ``action`` may happen to a suggestion in ``status``."""
    return status in ACTIONS[action].sources


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())
