"""Major matters and appointments (§6.3, §6.5, S12, §7.7–§7.11)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.appointments import services as A
from renda.appointments.models import Appointment
from renda.casework import services as cw
from renda.core import approvals
from renda.decisions import services as DS
from renda.decisions.categories import ensure_categories
from renda.decisions.models import Category
from renda.decisions.selectors import matter_deadlines
from renda.meetings.services import meeting_schedule
from renda.people.models import Organization, Person, Post
from renda.voting import services as V

from .cases import Case, D, Scenario, at, registry, verdict
from .casework import assigned_case

CASES: dict[str, Case] = {}
case = registry(CASES)


# -- major matters -------------------------------------------------------------------------------


@case("decisions.annual_list_due", value="11-30", default=D(2025, 12, 31), changed=D(2025, 12, 1))  # fmt: skip
def annual_list(s: Scenario):
    """S12: the government's list of major matters for 2026 is due on the day of the setting
    (30 November 2025 is a Sunday)."""
    return DS.annual_list_due(2026)


@case("decisions.opinion_reply_months", value="2", default=D(2026, 9, 2), changed=D(2026, 8, 2))
def major_opinion_reply(s: Scenario):
    """§6.5: opinions on a major-matter report are answered within the months of the setting."""
    return assigned_case(s, DS.opinion_kind(), at(D(2026, 6, 2))).due_on


@case(
    "decisions.opinion_max_months", value="3", default="accepted", changed="extension_not_available"
)
def major_opinion_extension(s: Scenario):
    """§6.5: the unit may ask for more time only while the longest period exceeds the normal."""
    c = assigned_case(s, DS.opinion_kind(), at(D(2026, 6, 2)))
    officer = s.users["unit_officer"]
    cw.assignment_receive(actor=officer, case=c, now=at(D(2026, 6, 3)))
    return verdict(
        lambda: cw.extension_request(
            actor=officer, case=c, reason="需要调研", now=at(D(2026, 6, 4))
        )
    )


@case("decisions.lead.report_days", value="10", default=D(2026, 11, 20), changed=D(2026, 11, 30))  # fmt: skip
def major_report_lead(s: Scenario):
    """§6.3: a major-matter report heard at the meeting of 10 December reaches the standing
    committee the days of the setting before it."""

    def scheduled():
        ensure_categories()
        matter = DS.matter_create(
            actor=s.staff, category=Category.objects.get(code="urban-land-planning"),
            kind="report", title="关于清河新区控制性详细规划的报告",
            proposing_body=Organization.objects.get(code="government"),
        )  # fmt: skip
        meeting = meeting_schedule(
            actor=s.staff, kind="sc_meeting", term=s.term, starts_on=D(2026, 12, 10)
        )
        return DS.matter_schedule(actor=s.staff, matter=matter, meeting=meeting)

    (material,) = matter_deadlines(s.once("matter", scheduled))
    return material.due


# -- appointments --------------------------------------------------------------------------------


def today() -> dt.date:
    return timezone.localdate()


@case("appointment.exam_pass_mark", value="70", default="passed", changed="failed")
def pass_mark(s: Scenario):
    """§7.8: a candidate scoring 65 at a new law exam."""
    s.term  # noqa: B018  (the exam belongs to the current term)
    exam = A.exam_schedule(
        actor=s.staff, title=f"任前考试{s.serial()}", held_on=today() - dt.timedelta(days=1),
        place="市委党校",
    )  # fmt: skip
    person = Person.objects.create(name=f"考生{s.serial()}", gender="male")
    A.exam_enrol(actor=s.staff, exam=exam, person=person, post_sought="市审计局局长")
    A.exam_record(actor=s.staff, exam=exam, scores={person.pk: 65})
    return exam.results.get().status


def judge(s: Scenario) -> Post:
    """The post of judge at the intermediate court, appointed by the standing committee."""

    def build():
        s.term  # noqa: B018  (nominations belong to the current term)
        court = Organization.objects.create(code="court-t", name="清河市中级人民法院", kind="court")
        return Post.objects.create(organization=court, label="审判员", role="member", elected_or_appointed=True)  # fmt: skip

    return s.once("judge", build)


def nominee(s: Scenario) -> tuple[Person, Post]:
    """A person once not appointed to a post, 30 days ago."""

    def build():
        post = judge(s)
        person = Person.objects.create(name="候任者", gender="male")
        failed = nominate(s, person, post)
        Appointment.objects.filter(pk=failed.pk).update(
            status="not_appointed", decided_on=today() - dt.timedelta(days=30)
        )
        return person, post

    return s.once("nominee", build)


def nominate(s: Scenario, person: Person, post: Post):
    return A.appointment_nominate(
        actor=s.staff, person=person, post=post, nominator="court_president",
        nominated_on=today() - dt.timedelta(days=5), motion="提请任命为审判员。",
    )  # fmt: skip


def renominated(s: Scenario) -> str:
    person, post = nominee(s)

    def again():
        A.appointment_withdraw(actor=s.staff, appointment=nominate(s, person, post), reason="撤回")

    return verdict(again)


# One failure so far: barred once the limit is one.
case("appointment.failed_nomination_limit", value="1", default="accepted", changed="nomination_barred")(renominated)  # fmt: skip
# No wait by default; six months after a failure once set.
case("appointment.failed_nomination_wait_months", value="6", default="accepted", changed="nomination_waiting")(renominated)  # fmt: skip


def committee(s: Scenario):
    """A standing-committee meeting in session on 1 March 2024, its three members signed in."""
    from renda.voting.tests.conftest import build_body

    def build():
        body = build_body(s.term, 3, prefix="rm")
        body.sign_in()
        return body

    return s.once("committee", build)


def candidate(s: Scenario, nominated_on: dt.date) -> Appointment:
    """A new person who passed the law exam, nominated as judge on ``nominated_on`` with the
    party committee's consent."""
    person = Person.objects.create(name=f"候选人{s.serial()}", gender="male")
    exam = A.exam_schedule(
        actor=s.staff, title=f"任前考试{s.serial()}", held_on=D(2024, 2, 1), place="市委党校"
    )
    A.exam_enrol(actor=s.staff, exam=exam, person=person, post_sought="审判员")
    A.exam_record(actor=s.staff, exam=exam, scores={person.pk: 80})
    appointment = A.appointment_nominate(
        actor=s.staff, person=person, post=judge(s), nominator="court_president",
        nominated_on=nominated_on, motion="提请任命为审判员。",
    )  # fmt: skip
    asked = approvals.approval_request(actor=s.staff, subject=appointment, kind="party_consent")
    approvals.approval_answer(actor=s.staff, approval=asked, answer="approved")
    return appointment


@case("appointment.motion_lead_days", value="5", default="motion_late", changed="accepted")
def motion_lead(s: Scenario):
    """§7.7: a motion moved on 24 February, six days before the meeting of 1 March, goes on
    its agenda."""
    meeting = committee(s).meeting
    appointment = s.once("candidate", lambda: candidate(s, D(2024, 2, 24)))
    return verdict(
        lambda: A.appointment_put_to_vote(actor=s.staff, appointment=appointment, meeting=meeting)
    )


@case("appointment.notice_days", value="5", default=3, changed=5)
def notice(s: Scenario):
    """§7.11: the days after a carried vote within which the appointment is announced."""
    body, chair = committee(s), s.users["leader"]
    appointment = candidate(s, D(2024, 2, 20))
    A.appointment_put_to_vote(actor=s.staff, appointment=appointment, meeting=body.meeting)
    appointment.refresh_from_db()
    poll = V.poll_open(actor=chair, poll=appointment.poll)
    for member in body.voters:
        V.ballot_cast(actor=member, poll=poll, choice="yes")
    V.poll_close(actor=chair, poll=poll)
    appointment = A.appointment_record_vote(actor=s.staff, appointment=appointment)
    return (appointment.notice_due_on - appointment.decided_on).days
