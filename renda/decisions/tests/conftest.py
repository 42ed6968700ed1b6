"""Fixtures: the government's officer, a small standing committee, an SC meeting and a list helper."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def government(jurisdiction):
    from renda.people.models import Organization

    return Organization.objects.get(code="government")


@pytest.fixture
def gov(government):
    """The government's officer (unit_officer scoped to the government organization)."""
    from renda.accounts.models import Role, User
    from renda.people.models import Person

    person = Person.objects.create(name="政府办公室联络员", gender="female")
    return User.objects.create_user(
        "t-gov", password="x", role=Role.UNIT_OFFICER, person=person, scope=government
    )


@pytest.fixture
def categories(db):
    from renda.decisions.categories import ensure_categories
    from renda.decisions.models import Category

    ensure_categories()
    return {c.code: c for c in Category.objects.all()}


@pytest.fixture
def committee(term):
    """Three SC members with logins, so a vote can pass (2 of 3) or fail."""
    from renda.accounts.models import Role, User
    from renda.people.models import Membership, Organization, Person

    sc = Organization.objects.get(code="standing-committee")
    members = []
    for i, name in enumerate(["周明", "吴芳", "郑强"]):
        person = Person.objects.create(name=name, gender="male")
        Membership.objects.create(person=person, organization=sc, start_date=dt.date(2022, 1, 10))
        members.append(User.objects.create(username=f"sc-{i}", role=Role.MEMBER, person=person))
    return members


@pytest.fixture
def sc_meeting(users, term, committee):
    from renda.meetings.services import meeting_schedule

    return meeting_schedule(
        actor=users["staff"], kind="sc_meeting", term=term, starts_on=dt.date(2026, 12, 10)
    )


@pytest.fixture
def published_list(users, gov, categories):
    """Return a function that takes a list for ``year`` through the whole route to publication."""
    from renda.decisions import services as S

    def make(year=2026, items=None):
        lst = S.annual_list_create(actor=gov, year=year)
        for title, code, kind, quarter in items or [
            ("关于2026年市级财政预算调整方案的议案", "plans-budgets", "decision", 3),
            ("关于清河新区控制性详细规划的报告", "urban-land-planning", "report", 2),
        ]:
            S.list_item_add(
                actor=gov,
                annual_list=lst,
                category=categories[code],
                title=title,
                kind=kind,
                planned_quarter=quarter,
            )
        S.annual_list_submit(actor=gov, annual_list=lst)
        S.annual_list_close_comments(actor=users["staff"], annual_list=lst)
        S.annual_list_submit(actor=gov, annual_list=lst)
        S.annual_list_record_consent(
            actor=users["staff"],
            annual_list=lst,
            consented_on=timezone.localdate(),
            reference="清委〔2026〕1号",
        )
        S.annual_list_adopt(actor=users["leader"], annual_list=lst)
        return S.annual_list_publish(actor=users["staff"], annual_list=lst)

    return make


def run_poll(staff, meeting, poll, members, choices):
    """Sign the members in, open the meeting if needed, cast ``choices`` and close (seal) the poll."""
    from renda.meetings.models import Meeting
    from renda.meetings.services import attendance_sign_in, meeting_open
    from renda.voting import services as V

    meeting.refresh_from_db()
    for m in members:
        attendance_sign_in(actor=staff, meeting=meeting, person=m.person)
    if meeting.status == Meeting.Status.SCHEDULED:
        meeting_open(actor=staff, meeting=meeting)
    poll = V.poll_open(actor=staff, poll=poll)
    for member, choice in zip(members, choices, strict=False):
        V.ballot_cast(actor=member, poll=poll, choice=choice)
    return V.poll_close(actor=staff, poll=poll)
