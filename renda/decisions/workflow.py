"""Statuses of the annual list, of matters and of decisions, and the moves between them, as data.

No database access here, so the tables are tested without one (rules §6.1–6.5, S2, S12).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import DecisionKind, DecisionStatus, ListStatus, MatterKind, MatterStatus

L = ListStatus
M = MatterStatus
D = DecisionStatus


@dataclass(frozen=True)
class Action:
    """One move: from which statuses, to which one (None: unchanged), which permission."""

    sources: frozenset[str]
    target: str | None
    perm: str


#: Statuses in which the government edits the items of its list.
EDITABLE: frozenset[str] = frozenset({L.DRAFT, L.REVISING})

LIST_ACTIONS: dict[str, Action] = {
    #: The government adds, changes and removes items while drafting or revising.
    "edit": Action(EDITABLE, None, "decisions.submit"),
    #: The government submits the proposal for comments (S12 item 3: 报本级人大常委会征求意见).
    "submit": Action(frozenset({L.DRAFT}), L.COMMENTING, "decisions.submit"),
    #: The SC's working bodies comment on the list or on single items.
    "comment": Action(frozenset({L.COMMENTING}), None, "decisions.comment"),
    #: The office closes the comments and hands the list back to the government.
    "close_comments": Action(frozenset({L.COMMENTING}), L.REVISING, "decisions.manage"),
    #: The government answers the comments and submits the revised list (由政府修改完善).
    "respond": Action(frozenset({L.REVISING}), None, "decisions.submit"),
    "resubmit": Action(frozenset({L.REVISING}), L.AWAITING_CONSENT, "decisions.submit"),
    #: The party committee asked for changes: back to the government.
    "return": Action(frozenset({L.AWAITING_CONSENT, L.CONSENTED}), L.REVISING, "decisions.manage"),
    #: The party committee's consent, an external approval step recorded by the office (S2).
    "consent": Action(frozenset({L.AWAITING_CONSENT}), L.CONSENTED, "decisions.manage"),
    #: The chairpersons' council adopts it into the annual work plan (rules §6.2).
    "adopt": Action(frozenset({L.CONSENTED}), L.ADOPTED, "decisions.adopt"),
    #: Published; the items become the year's matters.
    "publish": Action(frozenset({L.ADOPTED}), L.PUBLISHED, "decisions.manage"),
    #: A published change replaces the version it amends.
    "supersede": Action(frozenset({L.PUBLISHED}), L.SUPERSEDED, "decisions.manage"),
    #: A change during the year starts from the published version (rules §6.2: same route).
    "change": Action(frozenset({L.PUBLISHED}), None, "decisions.submit"),
}

#: Statuses in which the list is public.
PUBLIC_LIST_STATUSES: frozenset[str] = frozenset({L.PUBLISHED, L.SUPERSEDED})
#: Statuses of a change still on its way (at most one per year).
OPEN_LIST_STATUSES: frozenset[str] = frozenset(set(L.values) - PUBLIC_LIST_STATUSES)

MATTER_ACTIONS: dict[str, Action] = {
    #: Materials are filed until the matter is decided or heard.
    "material": Action(frozenset({M.LISTED, M.REGISTERED, M.SCHEDULED}), None, "decisions.view"),
    #: The office puts the matter on an SC meeting's agenda.
    "schedule": Action(frozenset({M.LISTED, M.REGISTERED}), M.SCHEDULED, "decisions.manage"),
    #: A decision or resolution is proposed and put to a vote on the agenda item.
    "propose_decision": Action(frozenset({M.SCHEDULED, M.REJECTED}), None, "decisions.manage"),
    "decide": Action(frozenset({M.SCHEDULED, M.REJECTED}), M.DECIDED, "decisions.manage"),
    "reject": Action(frozenset({M.SCHEDULED}), M.REJECTED, "decisions.manage"),
    #: A report is heard; opinions may follow (rules §6.5).
    "conclude": Action(frozenset({M.SCHEDULED}), M.CONCLUDED, "decisions.manage"),
    "opinions": Action(frozenset({M.SCHEDULED, M.CONCLUDED}), None, "decisions.manage"),
    #: A published change takes the item off the list.
    "withdraw": Action(frozenset({M.LISTED, M.REGISTERED}), M.WITHDRAWN, "decisions.manage"),
}

#: Kinds decided by a vote, and the kinds of decision each may receive.
DECISION_KINDS: dict[str, frozenset[str]] = {
    MatterKind.DECISION: frozenset({DecisionKind.DECISION, DecisionKind.RESOLUTION}),
    MatterKind.REPORT: frozenset({DecisionKind.RESOLUTION}),
    MatterKind.PRIOR_REPORT: frozenset({DecisionKind.RESOLUTION}),
    MatterKind.REVOCATION: frozenset({DecisionKind.REVOCATION}),
}
#: Kinds that are heard as reports and may get opinions handled as a case (rules §6.4, §6.5).
REPORT_KINDS: frozenset[str] = frozenset({MatterKind.REPORT, MatterKind.PRIOR_REPORT})
#: Kinds the government proposes on the annual list (a revocation is the SC's own motion).
LIST_KINDS: frozenset[str] = frozenset(
    {MatterKind.DECISION, MatterKind.REPORT, MatterKind.PRIOR_REPORT}
)

#: Lead time before the meeting (§6.3): the statute parameter per kind and the material it needs.
LEAD_TIMES: dict[str, tuple[str, str]] = {
    MatterKind.DECISION: ("motion", "lead.major_matter_motion_days"),
    MatterKind.REVOCATION: ("motion", "lead.major_matter_motion_days"),
    MatterKind.REPORT: ("report", "decisions.lead.report_days"),
    MatterKind.PRIOR_REPORT: ("report", "decisions.lead.report_days"),
}

DECISION_TRANSITIONS: dict[str, frozenset[str]] = {
    D.PENDING: frozenset({D.ADOPTED, D.REJECTED}),
    D.ADOPTED: frozenset({D.PUBLISHED}),
    D.REJECTED: frozenset(),
    D.PUBLISHED: frozenset(),
}

#: Upload checks: allowed extensions with the first bytes each file must start with.
UPLOAD_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "txt": (),
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def list_allows(action: str, status: str) -> bool:
    return status in LIST_ACTIONS[action].sources


def matter_allows(action: str, status: str) -> bool:
    return status in MATTER_ACTIONS[action].sources


def can_move_decision(from_status: str, to_status: str) -> bool:
    return to_status in DECISION_TRANSITIONS.get(from_status, frozenset())


def _transitions(actions: dict[str, Action], statuses) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {s: set() for s in statuses}
    for action in actions.values():
        if action.target is not None:
            for source in action.sources:
                table[source].add(action.target)
    return {s: frozenset(t) for s, t in table.items()}


#: from-status → statuses a list version may move to, derived from the actions.
LIST_TRANSITIONS: dict[str, frozenset[str]] = _transitions(LIST_ACTIONS, L.values)
MATTER_TRANSITIONS: dict[str, frozenset[str]] = _transitions(MATTER_ACTIONS, M.values)
