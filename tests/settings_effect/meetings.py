"""Meetings (§8.4, §8.6, §8.9, §6.3, §7.7, S14): the notice and the documents due before a
meeting, and the length of a congress session."""

from __future__ import annotations

import datetime as dt

from renda.meetings import services as M
from renda.meetings.selectors import document_deadlines, frequency_checks
from renda.people.models import Membership, Organization, Person

from .cases import Case, D, Scenario, registry

CASES: dict[str, Case] = {}
case = registry(CASES)

DAY = D(2026, 6, 24)


def sc_meeting(s: Scenario):
    """A standing-committee meeting on ``DAY`` with five members."""

    def build():
        sc = Organization.objects.get(code="standing-committee")
        for i in range(5):
            person = Person.objects.create(name=f"委员{i}", gender="male")
            Membership.objects.create(
                person=person, organization=sc, term=s.term, start_date=s.term.start_date
            )
        return M.meeting_schedule(
            actor=s.staff, kind="sc_meeting", term=s.term, starts_on=DAY, ends_on=DAY
        )

    return s.once("sc_meeting", build)


def item_due(s: Scenario, kind: str) -> dt.date:
    """The day the motion of a new item of ``kind`` is due before the meeting."""
    meeting = sc_meeting(s)
    item = M.agenda_item_add(actor=s.staff, meeting=meeting, kind=kind, title=f"议题{s.serial()}")
    (row,) = [r for r in document_deadlines(meeting, DAY) if r.item == item]
    return row.rows[0].due


@case("lead.sc_meeting_notice_days", value="10", default=D(2026, 6, 17), changed=D(2026, 6, 14))
def sc_notice(s: Scenario):
    """§8.9: members are notified of an SC meeting the days of the setting before it."""
    return document_deadlines(sc_meeting(s), DAY)[0].rows[0].due


@case("lead.congress_notice_months", value="2", default=D(2026, 5, 24), changed=D(2026, 4, 24))
def congress_notice(s: Scenario):
    """§8.4: deputies are notified of a congress session the months of the setting before it."""
    session = s.once(
        "session",
        lambda: M.meeting_schedule(
            actor=s.staff, kind="congress_session", term=s.term, starts_on=DAY, ends_on=DAY
        ),
    )
    return document_deadlines(session, DAY)[0].rows[0].due


@case("lead.motion_days", value="10", default=D(2026, 6, 4), changed=D(2026, 6, 14))
def motion(s: Scenario):
    """§8.9: a motion reaches the members the days of the setting before the meeting."""
    return item_due(s, "motion")


@case("lead.major_matter_motion_days", value="40", default=D(2026, 5, 25), changed=D(2026, 5, 15))
def major_matter(s: Scenario):
    """§6.3: a major matter's motion is due the days of the setting before the meeting."""
    return item_due(s, "major_matter")


@case("lead.appointment_motion_days", value="10", default=D(2026, 6, 17), changed=D(2026, 6, 14))
def appointment(s: Scenario):
    """§7.7: an appointment motion is due the days of the setting before the meeting."""
    return item_due(s, "appointment")


@case("meeting.congress_min_days_without_election", value="1", default=["fail"], changed=["pass"])
def congress_length(s: Scenario):
    """S14: a one-day congress session without elections."""
    s.once(
        "session",
        lambda: M.meeting_schedule(
            actor=s.staff, kind="congress_session", term=s.term, starts_on=D(2026, 1, 8)
        ),
    )
    return [r.status for r in frequency_checks(D(2026, 4, 1)) if r.rule == "S14"]


@case("lead.documents_to_members_days", value="7", default=D(2026, 6, 19), changed=D(2026, 6, 17))  # fmt: skip
def materials(s: Scenario):
    """§8.9: the materials of an SC meeting with business reach the members the days before."""
    meeting = sc_meeting(s)
    s.once("item", lambda: M.agenda_item_add(actor=s.staff, meeting=meeting, kind="motion", title="议案"))  # fmt: skip
    rows = document_deadlines(meeting, DAY)[0].rows
    (row,) = [r for r in rows if r.param == "lead.documents_to_members_days"]
    return row.due
