"""Writes for suggestions, each a declared action (:mod:`renda.core.actions`).

Drafts, co-signers, attachments, submission and withdrawal are the lead deputy's
(:mod:`.drafts`); screening, merging and splitting the office's (:mod:`.screening`).
Performing one checks the permission, locks the suggestion, checks its status and the
precondition (the lead deputy, the invited co-signer), does the work and appends one
audit event; notices go out after the commit. Assignment, which hands over to the
casework engine, is in :mod:`renda.suggestions.assignment`; the import of a session's
workbook in :mod:`renda.suggestions.imports`.
"""

from renda.core.actions import declared

from ._common import (
    EDITABLE_FIELDS,
    MANAGE,
    MAX_CONTENT,
    MAX_TITLE,
    SUBMIT,
    actor_deputy,
    email_deputies,
    lead_deputy_only,
    next_serial,
    number_for,
)
from .drafts import (
    attachment_add,
    cosigner_confirm,
    cosigner_invite,
    cosigner_remove,
    suggestion_create,
    suggestion_submit,
    suggestion_update,
    suggestion_withdraw,
)
from .screening import suggestion_accept, suggestion_merge, suggestion_not_accept, suggestion_split


def actions():
    """Every declared action of suggestions."""
    return declared("suggestions.")


__all__ = [
    "EDITABLE_FIELDS",
    "MANAGE",
    "MAX_CONTENT",
    "MAX_TITLE",
    "SUBMIT",
    "actions",
    "actor_deputy",
    "attachment_add",
    "cosigner_confirm",
    "cosigner_invite",
    "cosigner_remove",
    "email_deputies",
    "lead_deputy_only",
    "next_serial",
    "number_for",
    "suggestion_accept",
    "suggestion_create",
    "suggestion_merge",
    "suggestion_not_accept",
    "suggestion_split",
    "suggestion_submit",
    "suggestion_update",
    "suggestion_withdraw",
]
