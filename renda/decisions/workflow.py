"""Statuses of the annual list, of matters and of decisions, and where each move starts, as data.

The moves are the actions declared in :mod:`.services` (``decisions.annual_list.*``,
``decisions.matter.*``, ``decisions.decision.*``) with these sets as their ``sources``;
nothing here touches the database (rules §6.1–6.5, S2, S12).
"""

from __future__ import annotations

from .models import DecisionKind, DecisionStatus, ListStatus, MatterKind, MatterStatus

L = ListStatus
M = MatterStatus
D = DecisionStatus


#: Statuses in which the government edits the items of its list.
EDITABLE: frozenset[str] = frozenset({L.DRAFT, L.REVISING})

#: The list's route (rules §6.2, S12 item 3). The government submits the proposal for comments (报本级人大常委会征求意见).
SUBMIT_SOURCES: frozenset[str] = frozenset({L.DRAFT})
#: The SC's working bodies comment; the office closes the comments.
COMMENT_SOURCES: frozenset[str] = frozenset({L.COMMENTING})
#: The government answers the comments and resubmits the revised list (由政府修改完善).
REVISE_SOURCES: frozenset[str] = frozenset({L.REVISING})
#: The party committee asked for changes: back to the government.
RETURN_SOURCES: frozenset[str] = frozenset({L.AWAITING_CONSENT, L.CONSENTED})
#: The party committee's consent, an external approval step recorded by the office (S2).
CONSENT_SOURCES: frozenset[str] = frozenset({L.AWAITING_CONSENT})
#: The chairpersons' council adopts it into the annual work plan (rules §6.2).
ADOPT_SOURCES: frozenset[str] = frozenset({L.CONSENTED})
#: Published; the items become the year's matters.
PUBLISH_SOURCES: frozenset[str] = frozenset({L.ADOPTED})
#: A change during the year starts from the published version (rules §6.2: same route); its
#: publication supersedes that version.
PUBLISHED_SOURCES: frozenset[str] = frozenset({L.PUBLISHED})

#: Statuses in which the list is public.
PUBLIC_LIST_STATUSES: frozenset[str] = frozenset({L.PUBLISHED, L.SUPERSEDED})
#: Statuses of a change still on its way (at most one per year).
OPEN_LIST_STATUSES: frozenset[str] = frozenset(set(L.values) - PUBLIC_LIST_STATUSES)

#: Materials are filed until the matter is decided or heard.
MATERIAL_SOURCES: frozenset[str] = frozenset({M.LISTED, M.REGISTERED, M.SCHEDULED})
#: The office puts the matter on an SC meeting's agenda.
SCHEDULE_SOURCES: frozenset[str] = frozenset({M.LISTED, M.REGISTERED})
#: A decision or resolution is proposed and put to a vote on the agenda item (again after a
#: failed vote).
PROPOSE_SOURCES: frozenset[str] = frozenset({M.SCHEDULED, M.REJECTED})
#: A report is heard; opinions may follow (rules §6.5).
CONCLUDE_SOURCES: frozenset[str] = frozenset({M.SCHEDULED})
OPINIONS_SOURCES: frozenset[str] = frozenset({M.SCHEDULED, M.CONCLUDED})

#: A decision's result is recorded from its sealed poll; an adopted one may be published.
DECISION_OUTCOMES: frozenset[str] = frozenset({D.ADOPTED, D.REJECTED})
DECISION_PUBLISH_SOURCES: frozenset[str] = frozenset({D.ADOPTED})

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

#: Upload checks: allowed extensions with the first bytes each file must start with.
UPLOAD_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "txt": (),
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
