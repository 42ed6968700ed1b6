"""Fixtures of the meetings tests: a standing committee of five, a court president, a meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.people.models import Deputy, Membership, Organization, Person, Post

DAY = dt.date(2026, 6, 24)


@pytest.fixture
def sc(term):
    return Organization.objects.get(code="standing-committee")


@pytest.fixture
def sc_members(sc, term, users):
    """Five SC members; the member user's person is the first one."""
    members = [users["member"].person] + [
        Person.objects.create(name=f"委员{i}", gender="male") for i in range(1, 5)
    ]
    for p in members:
        Membership.objects.create(person=p, organization=sc, term=term, start_date=term.start_date)
    return members


@pytest.fixture
def court_president(jurisdiction, term):
    court = Organization.objects.get(code="court")
    post = Post.objects.create(
        organization=court, label="院长", role=Post.Role.HEAD, elected_or_appointed=True
    )
    person = Person.objects.create(name="李院长", gender="male")
    Membership.objects.create(
        person=person,
        organization=court,
        post=post,
        role=Post.Role.HEAD,
        start_date=dt.date(2022, 1, 10),
    )
    return person


@pytest.fixture
def deputies(term, users):
    """Six deputies of the term; the deputy user's person is the first one."""
    persons = [users["deputy"].person] + [
        Person.objects.create(name=f"代表{i}", gender="female") for i in range(1, 6)
    ]
    for p in persons:
        Deputy.objects.create(person=p, term=term)
    return persons


@pytest.fixture
def meeting(staff, sc_members, term):
    from renda.meetings.services import meeting_schedule

    return meeting_schedule(
        actor=staff,
        kind="sc_meeting",
        term=term,
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=1),
        location="常委会会议室",
    )
