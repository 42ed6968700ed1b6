"""Fixtures of the supervision tests: a standing committee of seven with logins, the court and its president."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.people.models import Deputy, Membership, Organization, Person, Post

MEETING_DAY = dt.date(2026, 6, 24)
LATER_DAY = dt.date(2026, 10, 20)


@pytest.fixture
def sc(term):
    return Organization.objects.get(code="standing-committee")


@pytest.fixture
def court(jurisdiction):
    return Organization.objects.get(code="court")


@pytest.fixture
def members(sc, term, users):
    """Seven SC members with logins; the member and leader users' persons are the first two."""
    people = [users["member"].person, users["leader"].person]
    logins = [users["member"], users["leader"]]
    for i in range(1, 6):
        p = Person.objects.create(name=f"委员{i}", gender="male")
        people.append(p)
        logins.append(
            User.objects.create_user(
                f"sv-member-{i}", password="x-Renda-2026!", role=Role.MEMBER, person=p
            )
        )
    for p in people:
        Membership.objects.create(person=p, organization=sc, term=term, start_date=term.start_date)
    return logins


@pytest.fixture
def court_president(court, term):
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
def court_officer(court):
    return User.objects.create_user(
        "sv-court", password="x-Renda-2026!", role=Role.UNIT_OFFICER, scope=court
    )


@pytest.fixture
def deputies(term):
    people = [Person.objects.create(name=f"代表{i}", gender="female") for i in range(6)]
    for p in people:
        Deputy.objects.create(person=p, term=term)
    return people


@pytest.fixture
def sc_meeting(staff, members, term):
    from renda.meetings.services import meeting_schedule

    return meeting_schedule(
        actor=staff,
        kind="sc_meeting",
        term=term,
        starts_on=MEETING_DAY,
        ends_on=MEETING_DAY + dt.timedelta(days=1),
    )


@pytest.fixture
def later_meeting(staff, members, term):
    from renda.meetings.services import meeting_schedule

    return meeting_schedule(
        actor=staff,
        kind="sc_meeting",
        term=term,
        starts_on=LATER_DAY,
        ends_on=LATER_DAY + dt.timedelta(days=1),
    )


@pytest.fixture
def court_report(staff, court, court_president, sc_meeting, jurisdiction):
    """The court's special report from the 2026 plan, scheduled on the June meeting."""
    from renda.supervision import services

    plan = services.plan_create(actor=staff, year=2026)
    item = plan.items.get(obligation="court_report")
    report = services.report_create(
        actor=staff, title="关于全市法院执行工作情况的报告", body=court, plan_item=item
    )
    return services.report_schedule(
        actor=staff, report=report, meeting=sc_meeting, reporter=court_president
    )


def run_vote(poll, chair, voters, choices):
    """Sign the voters in, open the poll, cast ``choices`` in order and close (seal) it."""
    from renda.meetings.models import Attendance
    from renda.voting import services as vs

    for user in voters:
        Attendance.objects.update_or_create(
            meeting=poll.agenda_item.meeting,
            person_id=user.person_id,
            defaults={"role": Attendance.Role.VOTING, "status": Attendance.Status.PRESENT},
        )
    vs.poll_open(actor=chair, poll=poll)
    for user, choice in zip(voters, choices, strict=False):
        vs.ballot_cast(actor=user, poll=poll, choice=choice)
    return vs.poll_close(actor=chair, poll=poll)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def scenario(
    staff, users, members, court, court_president, court_officer, sc_meeting, later_meeting
):
    """A published 2026 plan; the court's report heard; opinions handled; a sealed satisfied evaluation."""
    from renda.casework import services as cw
    from renda.supervision import services

    plan = services.plan_create(actor=staff, year=2026)
    services.plan_adopt(actor=staff, plan=plan)
    services.plan_publish(actor=staff, plan=plan)
    item = plan.items.get(obligation="court_report")
    report = services.report_create(
        actor=staff, title="关于全市法院执行工作情况的报告", body=court, plan_item=item
    )
    services.report_schedule(
        actor=staff, report=report, meeting=sc_meeting, reporter=court_president
    )
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        services.report_deliberate(actor=staff, report=report, summary="审议情况")
        opinion = services.opinion_send(
            actor=staff,
            opinion=services.opinion_compile(
                actor=staff, report=report, text='一、加大执行力度。\n二、=HYPERLINK("x")'
            ),
        )
    case = services.current_round(opinion).case
    cw.assignment_receive(actor=court_officer, case=case)
    cw.reply_submit(
        actor=court_officer,
        case=case,
        text="研究处理情况：已开展专项行动。",
        result_class="A",
        signed_by_name="李院长",
    )
    services.handling_report_schedule(actor=staff, opinion=opinion, meeting=later_meeting)
    evaluation = services.evaluation_create(actor=staff, opinion=opinion)
    run_vote(evaluation.poll, users["leader"], members, ["satisfied"] * 5 + ["dissatisfied"] * 2)
    return {"plan": plan, "report": report, "opinion": opinion, "evaluation": evaluation}
