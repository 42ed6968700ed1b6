"""The demo meetings: a closed five-day congress session, the SC meetings of 2026 and the next one."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.audit import verify_chain
from renda.devtools.seeding import seed_demo
from renda.meetings.models import AgendaItem, Meeting
from renda.meetings.selectors import document_deadlines, frequency_checks
from renda.people.models import Membership

pytestmark = pytest.mark.django_db


def test_demo_meetings():
    result = seed_demo()
    assert result.counts["sc_meetings"] == 6 and result.counts["congress_sessions"] == 1
    session = Meeting.objects.get(kind="congress_session", number=5)
    assert session.status == "closed" and session.duration_days == 5
    closed = Meeting.objects.filter(status="closed").exclude(kind="chairpersons_council")
    assert closed.count() == 7  # with the fourth session, held for the deputies' absence story
    assert not AgendaItem.objects.filter(meeting__in=closed, disposition="pending").exists()
    upcoming = Meeting.objects.get(status="scheduled")
    assert [i.kind for i in upcoming.items.order_by("order")] == [
        "work_report",
        "appointment",
        "motion",
        "appointment",  # the demo's candidate's statement (§7.9)…
        "appointment",  # …and the vote on her appointment
        "motion",  # the dog regulation's third reading, its draft a document of the meeting
    ]
    assert upcoming.items.get(kind="work_report").reporter_post.label == "院长"
    assert upcoming.attendance.count() > 20
    rows = document_deadlines(upcoming, dt.date(2026, 11, 28))
    assert [r.late for r in rows] == [False, False, False, True, False, False, False]
    checks = frequency_checks(dt.date(2026, 11, 28))
    assert all(c.status != "fail" for c in checks), [
        (c.rule, str(c.detail)) for c in checks if c.status == "fail"
    ]
    # Each held SC meeting prepared by a chairpersons' council, with the pool sitting in (§8.12,
    # S18); the session's presidium includes the committees' heads (S15).
    held = Meeting.objects.filter(kind="sc_meeting", starts_on__lte=dt.date(2026, 11, 28))
    for m in held:
        assert Meeting.objects.filter(
            kind="chairpersons_council",
            starts_on__lte=m.starts_on,
            starts_on__gt=m.starts_on - dt.timedelta(days=62),
        ).exists(), m.title
        assert m.attendance.filter(role="non_voting").exists(), m.title
    presidium = Membership.objects.filter(
        organization__kind="presidium", start_date=session.starts_on
    )
    assert presidium.count() > 30
    assert verify_chain().ok
