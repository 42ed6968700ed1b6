"""Statuses of plans, opinions and interpellations and the moves between them, as data."""

from __future__ import annotations

from .models import Interpellation, OpinionStatus, Plan

P = Plan.Status
O = OpinionStatus  # noqa: E741
I = Interpellation.Status  # noqa: E741

#: Plan moves: staff draft, the chairpersons' council adopts, staff publish; a change reopens it.
PLAN_ACTIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "edit": (frozenset({P.DRAFT}), None),
    "adopt": (frozenset({P.DRAFT}), P.ADOPTED),
    "publish": (frozenset({P.ADOPTED}), P.PUBLISHED),
    "reopen": (frozenset({P.ADOPTED, P.PUBLISHED}), P.DRAFT),
}

#: Opinion moves (rules §3.3, §3.4); the handling between send and report is the case's.
OPINION_ACTIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "edit": (frozenset({O.DRAFT}), None),
    "send": (frozenset({O.DRAFT}), O.IN_HANDLING),
    "schedule_report": (frozenset({O.IN_HANDLING}), O.REPORT_SCHEDULED),
    "evaluate": (frozenset({O.REPORT_SCHEDULED}), O.EVALUATING),
    "conclude": (frozenset({O.EVALUATING}), None),
    "rehandle": (frozenset({O.UNSATISFIED}), O.IN_HANDLING),
    "follow_up": (frozenset({O.SATISFIED, O.CLOSED}), O.IN_HANDLING),
    "close": (frozenset({O.SATISFIED, O.REPORT_SCHEDULED}), O.CLOSED),
}

INTERPELLATION_ACTIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "decide": (frozenset({I.SUBMITTED}), I.MODE_DECIDED),
    "answer": (frozenset({I.MODE_DECIDED, I.REANSWER}), I.ANSWERED),
    "feedback": (frozenset({I.ANSWERED}), None),
}


def allows(table: dict, action: str, status: str) -> bool:
    return status in table[action][0]
