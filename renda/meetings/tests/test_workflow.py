"""The transition tables of meetings, dispositions and leave, without a database (S16, S17)."""

from renda.meetings import workflow
from renda.meetings.models import AgendaItem, LeaveRequest, Meeting, MeetingDocument

M, D, L = Meeting.Status, AgendaItem.Disposition, LeaveRequest.Status


def test_every_status_has_a_row():
    assert set(workflow.MEETING_TRANSITIONS) == set(M.values)
    assert set(workflow.DISPOSITION_TRANSITIONS) == set(D.values)
    assert set(workflow.LEAVE_TRANSITIONS) == set(L.values)
    assert set(workflow.REQUIRED_DOCUMENTS) == set(AgendaItem.Kind.values)


def test_meeting_moves_forward_only():
    assert workflow.can_move_meeting(M.SCHEDULED, M.IN_PROGRESS)
    assert workflow.can_move_meeting(M.IN_PROGRESS, M.CLOSED)
    assert not workflow.can_move_meeting(M.SCHEDULED, M.CLOSED)
    assert not workflow.can_move_meeting(M.CLOSED, M.IN_PROGRESS)
    assert not workflow.can_move_meeting(M.IN_PROGRESS, M.SCHEDULED)
    assert set(workflow.MEETING_TRANSITION_PERMISSION.values()) == {"meetings.manage"}


def test_dispositions_s16():
    """S16: every item ends voted, decided or deferred; voted and decided are final."""
    assert workflow.DISPOSITION_TRANSITIONS[D.PENDING] == {D.VOTED, D.DECIDED, D.DEFERRED}
    assert workflow.can_dispose(D.DEFERRED, D.VOTED)
    assert not workflow.can_dispose(D.VOTED, D.DEFERRED)
    assert not workflow.can_dispose(D.DECIDED, D.PENDING)
    assert D.VOTED not in workflow.MANUAL_DISPOSITIONS
    assert {D.DEFERRED} == workflow.DISPOSITION_NEEDS_NOTE


def test_leave_is_decided_once():
    assert workflow.can_decide_leave(L.PENDING, L.APPROVED)
    assert workflow.can_decide_leave(L.PENDING, L.REJECTED)
    assert not workflow.can_decide_leave(L.APPROVED, L.REJECTED)


def test_lead_times_name_statute_parameters():
    """§3.2: a work report needs three documents; §8.9 motions; §7.7 appointment motions."""
    from renda.core.statute import REGISTRY

    report = dict(workflow.REQUIRED_DOCUMENTS[AgendaItem.Kind.WORK_REPORT])
    assert report == {
        MeetingDocument.Kind.REPORT_TO_COMMITTEE: "lead.special_report_to_committee_days",
        MeetingDocument.Kind.REPORT_TO_SC: "lead.special_report_to_sc_days",
        MeetingDocument.Kind.REPORT_TO_MEMBERS: "lead.special_report_to_members_days",
    }
    assert [REGISTRY[k].default for k in report.values()] == [20, 10, 7]
    assert REGISTRY["lead.motion_days"].default == 20
    assert REGISTRY["lead.appointment_motion_days"].rule == "§7.7"
    assert REGISTRY[workflow.NOTICE_PARAM_DAYS].default == 7
    assert {AgendaItem.Kind.WORK_REPORT} == workflow.STATUTORY_REPORTER_KINDS
