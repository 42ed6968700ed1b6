"""Fixtures of the appointments tests: a post of the register and a standing-committee
meeting in session with its members signed in."""

from __future__ import annotations

import pytest
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.meetings.models import Attendance, Meeting
from renda.people.models import Membership, Organization, Person, Post


@pytest.fixture
def post(jurisdiction):
    court = Organization.objects.create(code="court-t", name="清河市中级人民法院", kind="court")
    return Post.objects.create(organization=court, label="审判员", role="member", elected_or_appointed=True)  # fmt: skip


@pytest.fixture
def sc_meeting(term):
    """``sc_meeting(n=7, starts_on=today)``: a meeting in progress and its voters."""

    def make(n: int = 7, starts_on=None):
        sc = Organization.objects.get(code="standing-committee")
        day = starts_on or timezone.localdate()
        meeting = Meeting.objects.create(
            kind="sc_meeting", body=sc, term=term, number=Meeting.objects.count() + 1,
            title="常委会第十次会议", starts_on=day, ends_on=day, status=Meeting.Status.IN_PROGRESS,
        )  # fmt: skip
        voters = []
        for i in range(n):
            person = Person.objects.create(name=f"委员{i}", gender="male")
            Membership.objects.create(person=person, organization=sc, start_date=term.start_date)
            voters.append(User.objects.create(username=f"sc{meeting.pk}-{i}", role=Role.MEMBER, person=person))  # fmt: skip
            Attendance.objects.create(meeting=meeting, person=person, role="voting", status="present")  # fmt: skip
        return meeting, voters

    return make


@pytest.fixture
def session(term):
    """``session(n=25)``: a session of the congress in progress, its deputies signed in."""
    from renda.people.models import Deputy

    def make(n: int = 25):
        congress = Organization.objects.get(code="congress")
        day = timezone.localdate()
        meeting = Meeting.objects.create(
            kind="congress_session", body=congress, term=term, number=Meeting.objects.count() + 1,
            title="第十七届人民代表大会第五次会议", starts_on=day, ends_on=day,
            status=Meeting.Status.IN_PROGRESS,
        )  # fmt: skip
        deputies, voters = [], []
        for i in range(n):
            person = Person.objects.create(name=f"代表{i}", gender="female")
            deputies.append(Deputy.objects.create(person=person, term=term))
            voters.append(User.objects.create(username=f"d{meeting.pk}-{i}", role=Role.DEPUTY, person=person))  # fmt: skip
            Attendance.objects.create(meeting=meeting, person=person, role="voting", status="present")  # fmt: skip
        return meeting, deputies, voters

    return make
