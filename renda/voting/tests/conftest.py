"""Fixtures for voting: a standing committee of voters with logins, a meeting, an agenda item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest


@dataclass
class Body:
    meeting: object
    item: object
    voters: list = field(default_factory=list)

    def sign_in(self, voters=None):
        from renda.meetings.models import Attendance

        for user in voters if voters is not None else self.voters:
            Attendance.objects.update_or_create(
                meeting=self.meeting,
                person_id=user.person_id,
                defaults={"role": Attendance.Role.VOTING, "status": Attendance.Status.PRESENT},
            )


def build_body(term, n: int, *, kind: str = "sc_meeting", prefix: str = "v") -> Body:
    from renda.accounts.models import Role, User
    from renda.meetings.models import AgendaItem, Meeting
    from renda.people.models import Deputy, Membership, Organization, Person

    committee = Organization.objects.get(code="standing-committee")
    meeting = Meeting.objects.create(
        kind=kind,
        body=committee if kind != "congress_session" else Organization.objects.get(code="congress"),
        term=term,
        number=Meeting.objects.count() + 1,
        title=f"第{n}人会议",
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2024, 3, 2),
        status=Meeting.Status.IN_PROGRESS,
    )
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, kind="motion", title="关于某事项的决定（草案）"
    )
    voters = []
    for i in range(n):
        person = Person.objects.create(name=f"{prefix}委员{i}", gender="male")
        if kind == "congress_session":
            Deputy.objects.create(person=person, term=term)
            role = Role.DEPUTY
        else:
            Membership.objects.create(
                person=person, organization=committee, start_date=dt.date(2022, 1, 10)
            )
            role = Role.MEMBER
        voters.append(User.objects.create(username=f"{prefix}-{i}", role=role, person=person))
    return Body(meeting=meeting, item=item, voters=voters)


@pytest.fixture
def body_factory(term):
    def make(n: int = 30, **kwargs) -> Body:
        return build_body(term, n, **kwargs)

    return make


@pytest.fixture
def body(body_factory):
    """A standing committee of 30 members, all signed in."""
    b = body_factory(30)
    b.sign_in()
    return b


@pytest.fixture
def chair(users):
    return users["leader"]


@pytest.fixture
def staff(users):
    return users["staff"]


@pytest.fixture
def make_poll(body, staff, chair):
    """Create (and by default open) a poll on ``body``'s agenda item."""
    from renda.voting import services

    def make(*, open_: bool = True, b: Body | None = None, **kwargs):
        target = b or body
        kwargs.setdefault("kind", "decision")
        poll = services.poll_create(actor=staff, agenda_item=target.item, **kwargs)
        if open_:
            poll = services.poll_open(actor=chair, poll=poll)
        return poll

    return make
