"""Writes of the casework engine, each a declared action (:mod:`renda.core.actions`).

Performing one checks the actor's permission, locks the case, checks its status and
the action's precondition (which unit, which requester), does the work, records one
audit event on the case (so the case's timeline is its audit history, codes
``casework.case.<what happened>``) and sends its notifications after the commit.
Clients (suggestions, supervision, filings…) call these as services; they never write
the engine's tables themselves.
"""

from renda.core.actions import declared

from .cases import case_assign, case_close, case_create, case_merge, case_withdraw
from .decisions import co_handlers_override, dissatisfaction_verify, extension_decide, return_decide
from .handling import (
    assignment_receive,
    co_opinion_submit,
    contact_log,
    follow_up_reply,
    reply_checks,
    reply_submit,
)
from .publication import reply_publish, reply_withhold
from .rating import rating_submit
from .requests import extension_request, return_request
from .supervision import case_key, case_mark_key, case_unkey, supervision_note_add

#: The actions on a case, as its page offers them (in the page's order).
CASE_ACTIONS = (
    case_assign,
    assignment_receive,
    return_request,
    extension_request,
    co_opinion_submit,
    contact_log,
    reply_submit,
    follow_up_reply,
    reply_publish,
    reply_withhold,
    rating_submit,
    dissatisfaction_verify,
    co_handlers_override,
    case_close,
    case_withdraw,
    case_key,
    case_unkey,
    supervision_note_add,
)


def actions():
    """Every declared casework action."""
    return declared("casework.")


__all__ = [
    "reply_checks",
    "reply_publish",
    "reply_withhold",
    "CASE_ACTIONS",
    "actions",
    "assignment_receive",
    "case_assign",
    "case_close",
    "case_create",
    "case_key",
    "case_mark_key",
    "case_merge",
    "case_unkey",
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
