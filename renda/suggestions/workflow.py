"""Suggestion statuses grouped as the actions use them, and the limits of drafts (rules §1.1, §1.5).

The moves themselves are declared once, as actions (:mod:`renda.suggestions.services`,
:mod:`renda.suggestions.assignment`, :mod:`renda.suggestions.imports`): each names the
statuses it starts from, the status it leads to and the permission it needs; who owns
the suggestion is the actions' precondition. No database access here.
"""

from __future__ import annotations

from .models import NotAcceptedReason, SuggestionStatus

S = SuggestionStatus


#: Statuses before assignment in which the office may still screen, merge or split.
PENDING: frozenset[str] = frozenset({S.SUBMITTED, S.ACCEPTED})
#: Statuses after which the suggestion itself no longer changes.
FINAL: frozenset[str] = frozenset({S.NOT_ACCEPTED, S.WITHDRAWN, S.MERGED, S.SPLIT, S.ASSIGNED})

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
