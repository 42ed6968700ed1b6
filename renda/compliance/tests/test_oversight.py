"""Supervision's field work and follow-through made met and broken: inspections and filing
review (S6), research with reports (S10), inquiries and results (S11), the report timeline
(§3.2), satisfaction evaluations (§3.4), inquiries (§3.5), inspections (§3.6),
interpellations (§3.7) and dismissal motions (§3.10); §3.8 and §3.9 say why not."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from renda.appointments.models import Appointment
from renda.compliance.registry import REGISTRY, evaluate
from renda.filings.models import Filing, Review, ReviewItem
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Organization, Person, Post
from renda.supervision import services as sv
from renda.supervision.models import (
    Evaluation,
    InquiryRespondent,
    Inspection,
    Interpellation,
    InterpellationSigner,
    Opinion,
    Report,
    Research,
)
from renda.supervision.tests.conftest import (  # noqa: F401  (fixtures)
    court,
    court_officer,
    court_president,
    court_report,
    later_meeting,
    members,
    sc,
    sc_meeting,
    scenario,
)
from renda.voting.models import Poll, Seal

pytestmark = pytest.mark.django_db
D = dt.date


def status(code, year, today):
    return evaluate(code, year, today).verdict.status


def at(day):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10))


def _inspection(staff, members):  # noqa: F811
    with time_machine.travel(at(D(2026, 9, 1)), tick=False):
        return sv.inspection_create(
            actor=staff,
            title="检查《水污染防治法》实施情况",
            law="《水污染防治法》",
            starts_on=D(2026, 10, 12),
            ends_on=D(2026, 10, 16),
            team=[(members[1].person, "leader")],
        )


def test_inspections_carried_out_and_their_plan_sent_in_time(staff, members):  # noqa: F811
    assert status("§3.6", 2026, D(2026, 9, 1)) == "not_applicable"
    inspection = _inspection(staff, members)
    assert status("S6", 2026, D(2026, 9, 1)) == "at_risk"  # nothing carried out yet
    assert status("§3.6", 2026, D(2026, 9, 1)) == "not_due"  # the plan is due on 10-02
    assert status("§3.6", 2026, D(2026, 9, 28)) == "at_risk"
    assert status("S6", 2026, D(2026, 10, 20)) == "broken"  # its days passed, never started
    with time_machine.travel(at(D(2026, 9, 30)), tick=False):
        sv.inspection_plan_sent(actor=staff, inspection=inspection, on=D(2026, 9, 30))
    with time_machine.travel(at(D(2026, 10, 12)), tick=False):
        sv.inspection_start(actor=staff, inspection=inspection)
    assert status("S6", 2026, D(2026, 10, 20)) == "met"
    assert status("§3.6", 2026, D(2026, 10, 20)) == "met"
    assert status("S6", 2025, D(2026, 3, 1)) == "broken"  # none in 2025
    Inspection.objects.filter(pk=inspection.pk).update(plan_sent_on=D(2026, 10, 5))
    v = evaluate("§3.6", 2026, D(2026, 10, 20)).verdict
    assert v.status == "broken" and "1 项" in str(v.summary)


def test_filing_review_of_the_registered_documents(staff, members):  # noqa: F811
    inspection = _inspection(staff, members)
    Inspection.objects.filter(pk=inspection.pk).update(status="underway")
    assert status("S6", 2026, D(2026, 10, 20)) == "met"
    gov = Organization.objects.get(code="government")
    filing = Filing.objects.create(
        title="关于加强物业管理的规定", document_number="政〔2026〕1号", enacting_body=gov,
        published_on=D(2026, 2, 1), filed_at=at(D(2026, 2, 10)), filing_due_on=D(2026, 3, 3),
        text="……", drafting_explanation="……", legal_basis="……", formal_check_due_on=D(2026, 2, 20),
        status=Filing.Status.REGISTERED, registration_year=2026,
    )  # fmt: skip
    v = evaluate("S6", 2026, D(2026, 10, 20)).verdict
    assert v.status == "broken" and "未启动审查 1" in str(v.summary)  # registered, never reviewed
    review = Review.objects.create(kind="active", title="主动审查", started_on=D(2026, 3, 1), due_on=D(2026, 6, 1), route_due_on=D(2026, 3, 8))  # fmt: skip
    ReviewItem.objects.create(review=review, filing=filing)
    assert status("S6", 2026, D(2026, 5, 20)) == "met"  # the review runs until 06-01
    assert status("S6", 2026, D(2026, 10, 20)) == "broken"  # the review is past its due day
    Review.objects.filter(pk=review.pk).update(status="concluded")
    assert status("S6", 2026, D(2026, 10, 20)) == "met"


def test_research_ends_with_a_report(staff, members):  # noqa: F811
    assert status("S10", 2025, D(2026, 3, 1)) == "broken"  # no research in 2025
    assert status("S10", 2026, D(2026, 3, 1)) == "at_risk"  # nothing arranged yet
    with time_machine.travel(at(D(2026, 5, 1)), tick=False):
        research = sv.research_create(actor=staff, title="关于养老服务的专题调研", starts_on=D(2026, 5, 6), ends_on=D(2026, 5, 8), team=[(members[0].person, "leader")])  # fmt: skip
    assert status("S10", 2026, D(2026, 5, 7)) == "met"
    assert status("S10", 2026, D(2026, 6, 1)) == "at_risk"  # ended without a report
    assert status("S10", 2026, D(2027, 1, 5)) == "broken"
    with time_machine.travel(at(D(2026, 5, 6)), tick=False):
        sv.research_start(actor=staff, research=research)
    with time_machine.travel(at(D(2026, 5, 20)), tick=False):
        sv.research_report(actor=staff, research=research, findings="床位不足", report_text="一、基本情况。")  # fmt: skip
    v = evaluate("S10", 2026, D(2027, 1, 5)).verdict
    assert v.status == "met" and v.evidence[0].status == Research.Status.REPORTED


def test_report_timeline(staff, court_report):  # noqa: F811
    assert status("§3.2", 2025, D(2026, 3, 1)) == "not_applicable"
    assert status("§3.2", 2026, D(2026, 5, 1)) == "not_due"  # the meeting is on 06-24
    assert status("§3.2", 2026, D(2026, 6, 1)) == "at_risk"  # the draft is due on 06-04
    assert status("§3.2", 2026, D(2026, 6, 20)) == "broken"
    with time_machine.travel(at(D(2026, 6, 20)), tick=False):
        for step, day in (("draft_to_committee", 3), ("revised_to_sc", 12), ("to_members", 16)):
            sv.report_milestone(actor=staff, report=court_report, step=step, on=D(2026, 6, day))
    assert status("§3.2", 2026, D(2026, 6, 30)) == "met"
    sv.report_milestone(actor=staff, report=court_report, step="to_members", on=D(2026, 6, 20))
    assert status("§3.2", 2026, D(2026, 6, 30)) == "broken"  # sent to members 4 days before


def test_satisfaction_evaluations(staff, scenario):  # noqa: F811
    assert status("§3.4", 2025, D(2026, 3, 1)) == "not_applicable"
    evaluation, opinion = scenario["evaluation"], scenario["opinion"]
    assert status("§3.4", 2026, D(2026, 12, 1)) == "at_risk"  # sealed, the result not yet taken
    sv.evaluation_conclude(actor=staff, evaluation=evaluation)
    assert status("§3.4", 2026, D(2026, 12, 1)) == "met"
    Opinion.objects.filter(pk=opinion.pk).update(published=False)
    v = evaluate("§3.4", 2026, D(2026, 12, 1)).verdict
    assert v.status == "broken" and "结果未公开 1" in str(v.summary)
    Opinion.objects.filter(pk=opinion.pk).update(published=True)
    Evaluation.objects.filter(pk=evaluation.pk).update(result="not_satisfied", tally={})
    assert status("§3.4", 2026, D(2026, 12, 1)) == "broken"  # 5 of 7 satisfied is satisfied
    Evaluation.objects.filter(pk=evaluation.pk).update(result="satisfied")
    Opinion.objects.filter(pk=opinion.pk).update(failures=2)
    v = evaluate("§3.4", 2026, D(2026, 12, 1)).verdict
    assert v.status == "broken" and "未提请党委采取组织措施 1" in str(v.summary)
    Opinion.objects.filter(pk=opinion.pk).update(referral_flagged=True)
    assert status("§3.4", 2026, D(2026, 12, 1)) == "met"


def _inquiry(staff, members, scenario, court, court_president):  # noqa: F811
    sv.evaluation_conclude(actor=staff, evaluation=scenario["evaluation"])
    report = Report.objects.get(pk=scenario["report"].pk)
    session = sv.inquiry_create(
        actor=staff, title="关于解决执行难问题", meeting=report.meeting, report=report, respondents=[(court_president, court, "院长")],
    )  # fmt: skip
    with time_machine.travel(at(D(2026, 6, 25)), tick=False):
        sv.inquiry_question_add(actor=staff, session=session, asker=members[0].person, respondent=session.respondents.get(), question="执行难怎么解决？", answer="……")  # fmt: skip
        return sv.inquiry_hold(actor=staff, session=session, attended=[court_president.pk])


def test_inquiries_and_their_follow_through(staff, members, scenario, court, court_president):  # noqa: F811
    assert status("§3.5", 2026, D(2027, 1, 5)) == "not_applicable"
    v = evaluate("S11", 2026, D(2027, 1, 5)).verdict
    assert v.status == "broken" and "本年度未开展专题询问" in str(v.summary)
    session = _inquiry(staff, members, scenario, court, court_president)
    assert status("S11", 2026, D(2027, 1, 5)) == "met"
    assert status("§3.5", 2026, D(2027, 1, 5)) == "met"  # the report's opinion covers it
    InquiryRespondent.objects.filter(session=session).update(attended=False)
    v = evaluate("§3.5", 2026, D(2027, 1, 5)).verdict
    assert v.status == "broken" and "李院长" in str(v.summary)
    assert status("S11", 2026, D(2027, 1, 5)) == "broken"
    InquiryRespondent.objects.filter(session=session).update(attended=True)
    Opinion.objects.filter(pk=scenario["opinion"].pk).update(published=False)
    assert status("S11", 2026, D(2027, 1, 5)) == "broken"  # the result is not public


def test_interpellations(staff, users, members, sc_meeting, court):  # noqa: F811
    assert status("§3.7", 2026, D(2026, 12, 1)) == "not_applicable"
    people = [m.person for m in members]
    interp = sv.interpellation_submit(actor=staff, title="关于执行难问题的质询案", text="……", body=court, signers=people[:5], meeting=sc_meeting)  # fmt: skip
    sv.interpellation_decide(actor=users["leader"], interpellation=interp, mode="written")
    sv.interpellation_answer(actor=staff, interpellation=interp, answer="答复", answered_by="李院长")  # fmt: skip
    sv.interpellation_feedback(actor=staff, interpellation=interp, dissatisfied=[p.pk for p in people[:3]])  # fmt: skip
    assert status("§3.7", 2026, D(2026, 12, 1)) == "at_risk"  # to be answered again
    sv.interpellation_answer(actor=staff, interpellation=interp, answer="再次答复", answered_by="李院长")  # fmt: skip
    sv.interpellation_feedback(actor=staff, interpellation=interp, dissatisfied=[people[0].pk])
    assert status("§3.7", 2026, D(2026, 12, 1)) == "met"
    InterpellationSigner.objects.filter(interpellation=interp).update(dissatisfied=True)
    assert status("§3.7", 2026, D(2026, 12, 1)) == "broken"  # closed although all dissatisfied
    InterpellationSigner.objects.filter(interpellation=interp).update(dissatisfied=False)
    few = Interpellation.objects.create(title="两人联名", text="……", body=court, meeting=sc_meeting)
    for p in people[:2]:
        InterpellationSigner.objects.create(interpellation=few, person=p)
    v = evaluate("§3.7", 2026, D(2026, 12, 1)).verdict
    assert v.status == "broken" and "联名不足 1" in str(v.summary)


def test_dismissal_motions(term, court):  # noqa: F811
    assert status("§3.10", 2026, D(2026, 12, 1)) == "not_applicable"
    body = Organization.objects.get(code="standing-committee")
    meeting = Meeting.objects.create(kind="sc_meeting", body=body, term=term, number=1, title="第一次会议", starts_on=D(2026, 4, 20), ends_on=D(2026, 4, 20))  # fmt: skip
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="appointment", title="撤职案")
    poll = Poll.objects.create(agenda_item=item, title="撤职案", kind="appointment", secrecy="anonymous", status="sealed", base_count=7)  # fmt: skip
    seal = Seal.objects.create(poll=poll, tally={"base": 7, "yes": 4, "no": 3, "abstain": 0, "threshold": 4, "result": "passed"}, chain_head="0" * 64, fingerprint="f" * 64, sealed_at=at(D(2026, 4, 20)))  # fmt: skip
    post = Post.objects.create(organization=court, label="副院长", role=Post.Role.DEPUTY_HEAD, elected_or_appointed=True)  # fmt: skip
    person = Person.objects.create(name="王某", gender="male")
    Appointment.objects.create(kind="dismiss", term=term, person=person, post=post, nominator="council", nominated_on=D(2026, 4, 1), motion="……", status="relieved", poll=poll, decided_on=D(2026, 4, 20))  # fmt: skip
    assert status("§3.10", 2026, D(2026, 12, 1)) == "met"
    Seal.objects.filter(pk=seal.pk).update(tally={"base": 7, "yes": 3, "no": 2, "abstain": 2, "threshold": 4, "result": "passed"})  # fmt: skip
    v = evaluate("§3.10", 2026, D(2026, 12, 1)).verdict
    assert v.status == "broken" and "过半数而登记通过 1" in str(v.summary)
    Seal.objects.filter(pk=seal.pk).update(tally={"base": 7, "yes": 4, "no": 3, "abstain": 0})
    Poll.objects.filter(pk=poll.pk).update(secrecy="named")
    assert status("§3.10", 2026, D(2026, 12, 1)) == "broken"


def test_congress_interpellation_and_investigation_say_why_not():
    for code in ("§3.8", "§3.9"):
        entry = REGISTRY[code]
        assert entry.evaluate is None and str(entry.reason) and entry.area == "supervision"
    assert status("§3.8", 2026, D(2026, 12, 1)) == "not_evaluated"
