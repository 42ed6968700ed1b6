"""Writes of the casework engine, one service per transition.

Each service checks the actor's permission, re-checks the workflow table and every
rule (raising a :class:`~renda.core.errors.DomainError` with a stable code), writes
inside one transaction with the case row locked, appends the audit event on the case
and schedules its notifications for after the commit. Clients (suggestions,
supervision, filings…) call these; they never write the engine's tables themselves.
"""

from .cases import (
    case_assign,
    case_close,
    case_create,
    case_mark_key,
    case_merge,
    case_withdraw,
    co_handlers_override,
    dissatisfaction_verify,
    extension_decide,
    return_decide,
    supervision_note_add,
)
from .handling import (
    assignment_receive,
    co_opinion_submit,
    contact_log,
    extension_request,
    follow_up_reply,
    rating_submit,
    reply_submit,
    return_request,
)

__all__ = [
    "assignment_receive",
    "case_assign",
    "case_close",
    "case_create",
    "case_mark_key",
    "case_merge",
    "case_withdraw",
    "co_handlers_override",
    "co_opinion_submit",
    "contact_log",
    "dissatisfaction_verify",
    "extension_decide",
    "extension_request",
    "follow_up_reply",
    "rating_submit",
    "reply_submit",
    "return_decide",
    "return_request",
    "supervision_note_add",
]
