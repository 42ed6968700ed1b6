"""Meeting statuses, agenda dispositions and leave decisions as data (S16, S17, §3.2, §8).

The statuses each action starts from; the actions themselves are declared in
:mod:`renda.meetings.services`. No database access here.
"""

from __future__ import annotations

from .models import AgendaItem, LeaveRequest, Meeting, MeetingDocument

M = Meeting.Status
D = AgendaItem.Disposition
L = LeaveRequest.Status
IK = AgendaItem.Kind
DK = MeetingDocument.Kind

#: The meeting's moves (declared by ``meetings.meeting.open`` and ``.close``): the general
#: office opens a scheduled meeting and closes one in progress; a closed meeting is final.
OPEN_SOURCES: frozenset[str] = frozenset({M.SCHEDULED})  # → IN_PROGRESS
CLOSE_SOURCES: frozenset[str] = frozenset({M.IN_PROGRESS})  # → CLOSED

#: An agenda item's dispositions (S16, §8.12), declared by ``meetings.agenda_item.*``:
#: decided (from pending or deferred), deferred (from pending), voted (from pending or
#: deferred, set only by the voting module). Voted and decided are final.
DECIDE_SOURCES: frozenset[str] = frozenset({D.PENDING, D.DEFERRED})  # → DECIDED
DEFER_SOURCES: frozenset[str] = frozenset({D.PENDING})  # → DEFERRED
VOTE_SOURCES: frozenset[str] = frozenset({D.PENDING, D.DEFERRED})  # → VOTED

#: Dispositions a person may record by hand; a vote needs a poll.
MANUAL_DISPOSITIONS: frozenset[str] = frozenset({D.DECIDED, D.DEFERRED})

#: Dispositions that must carry a text: the decision, or the next-step opinion (下一步处理意见).
DISPOSITION_NEEDS_NOTE: frozenset[str] = frozenset({D.DEFERRED})

#: Leave requests: a pending request is approved or rejected once
#: (``meetings.leave_request.approve`` / ``.reject``).
LEAVE_DECIDE_SOURCES: frozenset[str] = frozenset({L.PENDING})  # → APPROVED | REJECTED

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

#: The meeting's materials delivered to the members, days before the start (§8.9; Zhejiang
#: Art. 7): due for SC meetings that have an agenda.
MATERIALS_PARAM_DAYS = "lead.documents_to_members_days"
MATERIALS_MEETING_KINDS: frozenset[str] = frozenset({Meeting.Kind.SC_MEETING})
