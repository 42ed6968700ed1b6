"""The transition tables of meetings, dispositions and leave, without a database (S16, S17)."""

from renda.meetings import workflow
from renda.meetings.models import AgendaItem, LeaveRequest, Meeting, MeetingDocument

M, D, L = Meeting.Status, AgendaItem.Disposition, LeaveRequest.Status


def _transitions(model, statuses, field="status"):
    """from-status → statuses the declared actions on ``model`` lead to."""
    from renda.core.actions import declared
    from renda.meetings import services  # noqa: F401  (declares the actions)

    table = {s: set() for s in statuses}
    for act in declared("meetings."):
        if act.model is model and act.status_field == field and act.target:
            for source in act.sources:
                table[source].add(act.target)
    return table


def test_every_item_kind_has_its_documents():
    assert set(workflow.REQUIRED_DOCUMENTS) == set(AgendaItem.Kind.values)


def test_meeting_moves_forward_only():
    table = _transitions(Meeting, M.values)
    assert table == {M.SCHEDULED: {M.IN_PROGRESS}, M.IN_PROGRESS: {M.CLOSED}, M.CLOSED: set()}
    from renda.meetings import services

    assert {services.meeting_open.permission, services.meeting_close.permission} == {
        "meetings.manage"
    }


def test_dispositions_s16():
    """S16: every item ends voted, decided or deferred; voted and decided are final."""
    table = _transitions(AgendaItem, D.values, field="disposition")
    assert table[D.PENDING] == {D.VOTED, D.DECIDED, D.DEFERRED}
    assert table[D.DEFERRED] == {D.VOTED, D.DECIDED}
    assert table[D.VOTED] == table[D.DECIDED] == set()
    assert D.VOTED not in workflow.MANUAL_DISPOSITIONS
    assert {D.DEFERRED} == workflow.DISPOSITION_NEEDS_NOTE


def test_leave_is_decided_once():
    table = _transitions(LeaveRequest, L.values)
    assert table == {L.PENDING: {L.APPROVED, L.REJECTED}, L.APPROVED: set(), L.REJECTED: set()}


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
