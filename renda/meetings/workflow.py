"""Meeting statuses, agenda dispositions and leave decisions as data (S16, S17, §3.2, §8).

No database access here, so the tables are tested without one.
"""

from __future__ import annotations

from .models import AgendaItem, LeaveRequest, Meeting, MeetingDocument

M = Meeting.Status
D = AgendaItem.Disposition
L = LeaveRequest.Status
IK = AgendaItem.Kind
DK = MeetingDocument.Kind

#: from-status → statuses a meeting may move to. A closed meeting is final.
MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    M.SCHEDULED: frozenset({M.IN_PROGRESS}),
    M.IN_PROGRESS: frozenset({M.CLOSED}),
    M.CLOSED: frozenset(),
}

#: Permission each move needs: the general office opens and closes meetings.
MEETING_TRANSITION_PERMISSION: dict[str, str] = {
    M.IN_PROGRESS: "meetings.manage",
    M.CLOSED: "meetings.manage",
}

#: from-disposition → dispositions an agenda item may receive (S16, §8.12).
#: ``VOTED`` is only ever set by the voting module through ``agenda_item_mark_voted``.
DISPOSITION_TRANSITIONS: dict[str, frozenset[str]] = {
    D.PENDING: frozenset({D.VOTED, D.DECIDED, D.DEFERRED}),
    D.DEFERRED: frozenset({D.VOTED, D.DECIDED}),
    D.VOTED: frozenset(),
    D.DECIDED: frozenset(),
}

#: Dispositions a person may record by hand; a vote needs a poll.
MANUAL_DISPOSITIONS: frozenset[str] = frozenset({D.DECIDED, D.DEFERRED})

#: Dispositions that must carry a text: the decision, or the next-step opinion (下一步处理意见).
DISPOSITION_NEEDS_NOTE: frozenset[str] = frozenset({D.DEFERRED})

#: Leave requests: a pending request is approved or rejected once.
LEAVE_TRANSITIONS: dict[str, frozenset[str]] = {
    L.PENDING: frozenset({L.APPROVED, L.REJECTED}),
    L.APPROVED: frozenset(),
    L.REJECTED: frozenset(),
}

#: Meetings whose agenda, documents and attendance may still change.
OPEN_STATUSES: frozenset[str] = frozenset({M.SCHEDULED, M.IN_PROGRESS})

#: Item kinds whose reporter must hold a post elected or appointed by the congress or SC (S17).
STATUTORY_REPORTER_KINDS: frozenset[str] = frozenset({IK.WORK_REPORT})

#: Documents each item kind must have, and the statute parameter giving the days they are
#: due before the meeting starts (§3.2 special reports, §8.9 motions, §6.3 major matters,
#: §7.7 appointments).
REQUIRED_DOCUMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    IK.WORK_REPORT: (
        (DK.REPORT_TO_COMMITTEE, "lead.special_report_to_committee_days"),
        (DK.REPORT_TO_SC, "lead.special_report_to_sc_days"),
        (DK.REPORT_TO_MEMBERS, "lead.special_report_to_members_days"),
    ),
    IK.MOTION: ((DK.MOTION, "lead.motion_days"),),
    IK.MAJOR_MATTER: ((DK.MOTION, "lead.major_matter_motion_days"),),
    IK.APPOINTMENT: ((DK.MOTION, "lead.appointment_motion_days"),),
    IK.ELECTION: (),
    IK.SPECIAL_INQUIRY: (),
    IK.OTHER: (),
}

#: The meeting notice: days (or, for congress sessions, months) before the start (§8.4, §8.9).
NOTICE_PARAM_DAYS = "lead.sc_meeting_notice_days"
NOTICE_PARAM_MONTHS = "lead.congress_notice_months"

#: Upload checks: allowed extensions with the first bytes each file must start with.
UPLOAD_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "txt": (),
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def can_move_meeting(from_status: str, to_status: str) -> bool:
    return to_status in MEETING_TRANSITIONS.get(from_status, frozenset())


def can_dispose(from_disposition: str, to_disposition: str) -> bool:
    return to_disposition in DISPOSITION_TRANSITIONS.get(from_disposition, frozenset())


def can_decide_leave(from_status: str, to_status: str) -> bool:
    return to_status in LEAVE_TRANSITIONS.get(from_status, frozenset())
