"""Supervision (§3.3–§3.6, S8, S9): the periods of opinions and leads, the plan's windows, the
inspection plan, who may propose an inquiry, when opinions are sent and when an unsatisfactory
handling is referred."""

from __future__ import annotations

from renda.accounts.models import Role, User
from renda.casework import services as cw
from renda.meetings.services import meeting_schedule
from renda.people.models import Deputy, Membership, Organization, Person, Post
from renda.supervision import obligations
from renda.supervision import services as V
from renda.supervision.models import Inspection, Opinion

from .cases import Case, D, Scenario, at, registry, verdict
from .casework import assigned_case

CASES: dict[str, Case] = {}
case = registry(CASES)


def reply_due(s: Scenario, origin: str):
    """The day a case of ``origin`` assigned on 2 June is due back."""
    return assigned_case(s, V.case_kind(origin), at(D(2026, 6, 2))).due_on


@case("supervision.opinion_reply_months", value="2", default=D(2026, 9, 2), changed=D(2026, 8, 2))  # fmt: skip
def opinion_reply(s: Scenario):
    """§3.3: deliberation opinions on a report are answered within the months of the setting."""
    return reply_due(s, Opinion.Origin.REPORT)


@case("supervision.inspection_reply_months", value="2", default=D(2026, 9, 2), changed=D(2026, 8, 2))  # fmt: skip
def inspection_reply(s: Scenario):
    """§3.6: opinions on a law-enforcement inspection are answered within the months."""
    return reply_due(s, Opinion.Origin.INSPECTION)


@case("supervision.inquiry_reply_months", value="3", default=D(2026, 12, 2), changed=D(2026, 9, 2))  # fmt: skip
def inquiry_reply(s: Scenario):
    """§3.5: opinions of a special inquiry are answered within the months of the setting."""
    return reply_due(s, Opinion.Origin.INQUIRY)


@case("supervision.lead_feedback_months", value="2", default=D(2026, 9, 2), changed=D(2026, 8, 2))  # fmt: skip
def lead_feedback(s: Scenario):
    """S8: a lead on judicial misconduct is answered within the months of the setting."""
    return reply_due(s, "lead")


@case("supervision.judicial_report_by_month", value="9", default=D(2026, 12, 31), changed=D(2026, 9, 30))  # fmt: skip
def judicial_report(s: Scenario):
    """S8: the court's special report is heard by the month of the setting."""
    return obligations.windows(2026)["court_report"][1]


@case("supervision.environment_report_by_month", value="6", default=D(2026, 12, 31), changed=D(2026, 6, 30))  # fmt: skip
def environment_report(s: Scenario):
    """S9: the environment report is heard by the month of the setting."""
    return obligations.windows(2026)["environment_report"][1]


@case("supervision.inspection_plan_days", value="15", default=D(2026, 10, 2), changed=D(2026, 9, 27))  # fmt: skip
def inspection_plan(s: Scenario):
    """§3.6: the plan of an inspection starting on 12 October is sent the days before."""
    return V.plan_due_on(Inspection(starts_on=D(2026, 10, 12)))


@case("supervision.inquiry_topic_min_deputies", value="4", default="too_few_proposers", changed="accepted")  # fmt: skip
def inquiry_topic(s: Scenario):
    """§3.5: four serving deputies jointly propose a special-inquiry topic."""

    def seated():
        people = [Person.objects.create(name=f"代表{i}", gender="male") for i in range(4)]
        for p in people:
            Deputy.objects.create(person=p, term=s.term)
        return people

    proposers = s.once("proposers", seated)
    return verdict(
        lambda: V.inquiry_topic_propose(
            actor=s.staff, year=2026, title="关于城区停车难问题", proposers=proposers
        )
    )


def deliberated_report(s: Scenario):
    """The education bureau's report, made by its head, heard at the meeting of 24–25 June 2026."""

    def build():
        meeting = meeting_schedule(
            actor=s.staff, kind="sc_meeting", term=s.term, starts_on=D(2026, 6, 24),
            ends_on=D(2026, 6, 25),
        )  # fmt: skip
        bureau = s.fixture("unit")
        post = Post.objects.create(organization=bureau, label="局长", role=Post.Role.HEAD, elected_or_appointed=True)  # fmt: skip
        head = Person.objects.create(name="张局长", gender="male")
        Membership.objects.create(person=head, organization=bureau, post=post, role=Post.Role.HEAD, start_date=s.term.start_date)  # fmt: skip
        report = V.report_create(actor=s.staff, title="关于全市义务教育均衡发展情况的报告", body=bureau)  # fmt: skip
        V.report_schedule(actor=s.staff, report=report, meeting=meeting, reporter=head)
        return V.report_deliberate(actor=s.staff, report=report, summary="审议情况")

    return s.once("report", build)


def compiled(s: Scenario):
    return V.opinion_compile(actor=s.staff, report=deliberated_report(s), text="一、加大投入。")


@case("supervision.opinion_send_days", value="5", default=D(2026, 7, 5), changed=D(2026, 6, 30))  # fmt: skip
def opinion_send(s: Scenario):
    """§3.3: opinions on a report heard at a meeting ending 25 June are sent within the days."""
    return compiled(s).send_due_on


def evaluators(s: Scenario):
    """Three members of the standing committee with logins, and the meeting of 20 October
    that hears the handling reports."""

    def build():
        sc = Organization.objects.get(code="standing-committee")
        members = []
        for i in range(3):
            person = Person.objects.create(name=f"测评委员{i}", gender="male")
            Membership.objects.create(person=person, organization=sc, term=s.term, start_date=s.term.start_date)  # fmt: skip
            members.append(User.objects.create(username=f"evaluator-{i}", role=Role.MEMBER, person=person))  # fmt: skip
        later = meeting_schedule(actor=s.staff, kind="sc_meeting", term=s.term, starts_on=D(2026, 10, 20))  # fmt: skip
        return members, later

    return s.once("evaluators", build)


@case("supervision.evaluation_failures_for_referral", value="1", default=False, changed=True)
def referral(s: Scenario):
    """§3.4: opinions whose handling the members find unsatisfactory for the first time are
    flagged for referral to the party committee once one failure is enough."""
    from renda.supervision.tests.conftest import run_vote

    members, later = evaluators(s)
    officer = s.users["unit_officer"]
    opinion = V.opinion_send(actor=s.staff, opinion=compiled(s))
    handling = V.current_round(opinion).case
    cw.assignment_receive(actor=officer, case=handling)
    cw.reply_submit(
        actor=officer, case=handling, text="研究处理情况：已增加投入。", result_class="A",
        signed_by_name="张局长",
    )  # fmt: skip
    V.handling_report_schedule(actor=s.staff, opinion=opinion, meeting=later)
    evaluation = V.evaluation_create(actor=s.staff, opinion=opinion)
    run_vote(evaluation.poll, s.users["leader"], members, ["dissatisfied"] * len(members))
    V.evaluation_conclude(actor=s.staff, evaluation=evaluation)
    opinion.refresh_from_db()
    return opinion.referral_flagged
