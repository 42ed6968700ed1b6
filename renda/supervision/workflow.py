"""Statuses of plans, opinions and interpellations and the moves between them, as data."""

from __future__ import annotations

from .models import Inspection, Interpellation, OpinionStatus, Plan, Research

P = Plan.Status
O = OpinionStatus  # noqa: E741
I = Interpellation.Status  # noqa: E741
N = Inspection.Status
R = Research.Status

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


#: Inspection moves (rules §3.6): planned → in progress → findings compiled → report to the SC.
#: A past inspection entered afterwards may go from planning to its report (see inspection_report).
INSPECTION_ACTIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "plan_sent": (frozenset({N.PLANNING, N.UNDERWAY}), None),
    "start": (frozenset({N.PLANNING}), N.UNDERWAY),
    "findings": (frozenset({N.UNDERWAY, N.FINDINGS}), N.FINDINGS),
    "report": (frozenset({N.PLANNING, N.UNDERWAY, N.FINDINGS}), N.REPORTED),
}

#: Special research moves: planned → in progress → reported; the report may then be published
#: and submitted to the standing committee as a report to be heard.
RESEARCH_ACTIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "start": (frozenset({R.PLANNED}), R.UNDERWAY),
    "report": (frozenset({R.UNDERWAY}), R.REPORTED),
    "publish": (frozenset({R.REPORTED}), None),
    "submit": (frozenset({R.REPORTED}), None),
}


def allows(table: dict, action: str, status: str) -> bool:
    return status in table[action][0]
