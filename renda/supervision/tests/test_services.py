"""Services of supervision with the database: plan, reports, opinions, evaluations, inquiries, interpellations."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from renda.casework import services as cw
from renda.casework.models import Case
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.meetings.models import AgendaItem
from renda.people.models import Jurisdiction, Organization
from renda.supervision import selectors, services
from renda.supervision.models import (
    Evaluation,
    Inspection,
    InspectionMember,
    Interpellation,
    Opinion,
    Plan,
    PlanItem,
    Report,
)
from renda.voting.models import Poll

from .conftest import run_vote

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


# -- plan ----------------------------------------------------------------------------------


def test_plan_has_recurring_obligations_and_keeps_history(staff, users, jurisdiction):
    plan = services.plan_create(actor=staff, year=2026)
    codes = set(plan.items.values_list("obligation", flat=True))
    assert codes == {
        "court_report",
        "procuratorate_report",
        "environment_report",
        "final_accounts",
        "mid_year_execution",
        "state_assets_report",
        "gov_debt_report",
    }
    court_item = plan.items.get(obligation="court_report")
    assert court_item.with_evaluation and court_item.supervised_body.code == "court"
    assert plan.items.get(obligation="final_accounts").planned_month == 9
    suggestion_topic = services.plan_item_add(
        actor=staff,
        plan=plan,
        kind="inspection",
        title="检查《义务教育法》实施情况",
        responsible_body=Organization.objects.get(code="wc-education"),
        planned_month=5,
        source="suggestions",
        source_type="suggestions.suggestion",
        source_id="12",
        source_note="代表建议第12号",
    )
    assert suggestion_topic.source_type == "suggestions.suggestion"
    with pytest.raises(Conflict) as refused:
        services.plan_item_cancel(actor=staff, item=court_item, reason="不需要")
    assert refused.value.code == "obligation_required"
    with pytest.raises(PermissionDenied):
        services.plan_adopt(actor=users["member"], plan=plan)
    plan = services.plan_adopt(
        actor=users["leader"], plan=plan, party_consent=True, party_consent_note="市委同意"
    )
    assert plan.status == Plan.Status.ADOPTED and plan.party_consent
    with pytest.raises(Conflict):
        services.plan_item_add(
            actor=staff, plan=plan, kind="research", title="调研", source="public"
        )
    plan = services.plan_publish(actor=staff, plan=plan)
    plan = services.plan_reopen(actor=staff, plan=plan, reason="增加一项专题调研")
    assert plan.status == Plan.Status.DRAFT and plan.version == 2
    services.plan_item_add(
        actor=staff, plan=plan, kind="research", title="专题调研养老服务", source="public"
    )
    services.plan_adopt(actor=staff, plan=plan)
    services.plan_publish(actor=staff, plan=plan)
    actions = list(plan.revisions.values_list("version", "action"))
    assert actions == [
        (1, "drafted"),
        (1, "adopted"),
        (1, "published"),
        (2, "reopened"),
        (2, "adopted"),
        (2, "published"),
    ]
    assert len(plan.revisions.last().snapshot) == 9


def test_plan_bad_input_changes_nothing(staff, jurisdiction):
    plan = services.plan_create(actor=staff, year=2026)
    count = PlanItem.objects.count()
    with pytest.raises(DomainError) as bad:
        services.plan_item_add(actor=staff, plan=plan, kind="nonsense", title="x")
    assert bad.value.code == "invalid_choice"
    with pytest.raises(DomainError) as bad:
        services.plan_item_add(actor=staff, plan=plan, kind="special_report", title="无对象的报告")
    assert bad.value.code == "supervised_body_required"
    with pytest.raises(DomainError) as bad:
        services.plan_item_add(actor=staff, plan=plan, kind="research", title="x", planned_month=13)
    assert bad.value.code == "invalid_month"
    with pytest.raises(Conflict):
        services.plan_create(actor=staff, year=2026)
    assert PlanItem.objects.count() == count and Plan.objects.count() == 1


def test_missing_environment_report_shows_overdue(staff, jurisdiction):
    plan = services.plan_create(actor=staff, year=2026)
    # After National Day week: the June–September final accounts are overdue, the environment report not yet.
    with time_machine.travel(at(dt.date(2026, 10, 9)), tick=False):
        today = timezone.localdate()
        states = {
            s.item.obligation: s
            for s in selectors.item_states(selectors.plan_with_items(2026), today)
        }
        assert states["final_accounts"].overdue
        assert states["mid_year_execution"].overdue
        assert not states["environment_report"].overdue
    with time_machine.travel(at(dt.date(2027, 1, 4)), tick=False):
        today = timezone.localdate()
        states = {
            s.item.obligation: s
            for s in selectors.item_states(selectors.plan_with_items(2026), today)
        }
        assert (
            states["environment_report"].overdue
            and states["environment_report"].status == "planned"
        )
    # A year without a plan: every obligation is missing, and overdue once its window has passed.
    missing = {m.code: m for m in selectors.missing_obligations(2025, None, dt.date(2026, 1, 5))}
    assert missing["environment_report"].overdue
    assert plan.items.filter(obligation="environment_report").exists()


# -- special work report, opinions, evaluation ---------------------------------------------


def test_report_milestones_turn_late(staff, court_report):
    assert court_report.agenda_item.kind == AgendaItem.Kind.WORK_REPORT
    assert court_report.agenda_item.reporter.name == "李院长"
    assert court_report.plan_item.planned_meeting_id == court_report.meeting_id
    stones = selectors.milestones(court_report, dt.date(2026, 6, 1))
    assert [m.due_on for m in stones] == [
        dt.date(2026, 6, 4),
        dt.date(2026, 6, 14),
        dt.date(2026, 6, 17),
    ]
    assert not any(m.late for m in stones)
    with time_machine.travel(at(dt.date(2026, 6, 10)), tick=False):
        services.report_milestone(
            actor=staff, report=court_report, step="revised_to_sc", on=dt.date(2026, 6, 9)
        )
        court_report.refresh_from_db()
        late = selectors.late_milestones(court_report, timezone.localdate())
        assert [m.step for m in late] == ["draft_to_committee"]
        with pytest.raises(DomainError):
            services.report_milestone(
                actor=staff, report=court_report, step="to_members", on=dt.date(2026, 6, 11)
            )
    services.report_milestone(
        actor=staff,
        report=court_report,
        step="draft_to_committee",
        on=dt.date(2026, 6, 8),
        now=at(dt.date(2026, 6, 12)),
    )
    court_report.refresh_from_db()
    stones = {m.step: m for m in selectors.milestones(court_report, dt.date(2026, 6, 20))}
    assert stones["draft_to_committee"].late  # met, but after its day
    assert not stones["revised_to_sc"].late
    assert stones["to_members"].late  # not met and its day has passed


def test_report_cannot_be_deliberated_before_meeting(staff, court_report):
    with pytest.raises(Conflict) as refused:
        services.report_deliberate(actor=staff, report=court_report, now=at(dt.date(2026, 6, 20)))
    assert refused.value.code == "meeting_not_held"


def _through_handling(staff, court_report, court_officer, later_meeting):
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        services.report_deliberate(actor=staff, report=court_report, summary="委员们认为……")
        opinion = services.opinion_compile(
            actor=staff, report=court_report, text="一、加大执行力度。二、……"
        )
        assert opinion.send_due_on == dt.date(2026, 7, 5)
        opinion = services.opinion_send(actor=staff, opinion=opinion)
    rnd = services.current_round(opinion)
    case = rnd.case
    assert case.due_on == dt.date(2026, 9, 25) and case.kind.code == "deliberation_opinion"
    assert case.requester_body.code == "standing-committee"
    assert case.assignments.get().unit.code == "court"
    with time_machine.travel(at(dt.date(2026, 9, 1)), tick=False):
        cw.assignment_receive(actor=court_officer, case=case)
        cw.reply_submit(
            actor=court_officer,
            case=case,
            text="已按审议意见逐条研究处理……",
            result_class="A",
            signed_by_name="李院长",
        )
        rnd = services.handling_report_schedule(actor=staff, opinion=opinion, meeting=later_meeting)
    assert rnd.report_item.meeting_id == later_meeting.pk
    evaluation = services.evaluation_create(actor=staff, opinion=opinion)
    assert (
        evaluation.poll.kind == Poll.Kind.SATISFACTION
        and evaluation.poll.secrecy == Poll.Secrecy.ANONYMOUS
    )
    return opinion, evaluation


def test_opinion_to_satisfied_evaluation(
    staff, users, members, court_report, court_officer, later_meeting
):
    opinion, evaluation = _through_handling(staff, court_report, court_officer, later_meeting)
    # 7 members: 3 satisfied + 1 basically satisfied = 4 > 7/2 (basically counts, the default).
    run_vote(
        evaluation.poll,
        users["leader"],
        members,
        [
            "satisfied",
            "satisfied",
            "satisfied",
            "basically_satisfied",
            "dissatisfied",
            "dissatisfied",
            "dissatisfied",
        ],
    )
    evaluation.refresh_from_db()
    assert selectors.sealed_result(evaluation)["result"] == "satisfied"
    evaluation = services.evaluation_conclude(actor=staff, evaluation=evaluation)
    opinion.refresh_from_db()
    assert (
        evaluation.result == Evaluation.Result.SATISFIED
        and opinion.status == Opinion.Status.SATISFIED
    )
    assert services.current_round(opinion).case.status == Case.Status.CLOSED
    # A second record changes nothing and does not fail.
    again = services.evaluation_conclude(actor=staff, evaluation=evaluation)
    opinion.refresh_from_db()
    assert (
        again.result == Evaluation.Result.SATISFIED and opinion.status == Opinion.Status.SATISFIED
    )
    assert AuditEvent.objects.filter(action="supervision.evaluation.concluded").count() == 1
    # Follow-up supervision adds a further round on the same opinions.
    rnd = services.opinion_follow_up(
        actor=staff, opinion=opinion, note="请于年底前报告执行积案清理进展"
    )
    assert (
        rnd.number == 2
        and rnd.reason == "follow_up"
        and rnd.case.status == Case.Status.AWAITING_RECEIPT
    )


def test_absent_members_count_against_satisfaction(
    staff, users, members, court_report, court_officer, later_meeting
):
    """Denominator is all members: 3 satisfied of 4 present is not more than half of 7."""
    opinion, evaluation = _through_handling(staff, court_report, court_officer, later_meeting)
    run_vote(
        evaluation.poll,
        users["leader"],
        members[:4],
        ["satisfied", "satisfied", "satisfied", "dissatisfied"],
    )
    evaluation = services.evaluation_conclude(actor=staff, evaluation=evaluation)
    assert evaluation.result == Evaluation.Result.NOT_SATISFIED


def test_two_failures_flag_referral(
    staff, users, members, court_report, court_officer, later_meeting, term
):
    from renda.meetings.services import meeting_schedule

    opinion, evaluation = _through_handling(staff, court_report, court_officer, later_meeting)
    run_vote(evaluation.poll, users["leader"], members, ["dissatisfied"] * 7)
    services.evaluation_conclude(actor=staff, evaluation=evaluation)
    opinion.refresh_from_db()
    assert (
        opinion.status == Opinion.Status.UNSATISFIED
        and opinion.failures == 1
        and not opinion.referral_flagged
    )
    with pytest.raises(Conflict):
        services.opinion_close(actor=staff, opinion=opinion)
    rnd = services.opinion_rehandle(actor=staff, opinion=opinion, note="请重新研究处理")
    assert rnd.number == 2 and rnd.reason == "rehandle"
    cw.assignment_receive(actor=court_officer, case=rnd.case)
    cw.reply_submit(
        actor=court_officer,
        case=rnd.case,
        text="重新研究处理情况……",
        result_class="B",
        signed_by_name="李院长",
    )
    third = meeting_schedule(
        actor=staff, kind="sc_meeting", term=term, starts_on=dt.date(2026, 12, 20)
    )
    services.handling_report_schedule(actor=staff, opinion=opinion, meeting=third)
    evaluation = services.evaluation_create(actor=staff, opinion=opinion)
    run_vote(
        evaluation.poll,
        users["leader"],
        members,
        ["basically_satisfied"] * 3 + ["dissatisfied"] * 4,
    )
    services.evaluation_conclude(actor=staff, evaluation=evaluation)
    opinion.refresh_from_db()
    assert opinion.failures == 2 and opinion.referral_flagged


def test_handling_report_needs_reply_and_later_meeting(
    staff, court_report, court_officer, sc_meeting
):
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        services.report_deliberate(actor=staff, report=court_report)
        opinion = services.opinion_send(
            actor=staff,
            opinion=services.opinion_compile(actor=staff, report=court_report, text="意见"),
        )
    with pytest.raises(Conflict) as refused:
        services.handling_report_schedule(actor=staff, opinion=opinion, meeting=sc_meeting)
    assert refused.value.code == "handling_report_missing"
    case = services.current_round(opinion).case
    cw.assignment_receive(actor=court_officer, case=case)
    cw.reply_submit(
        actor=court_officer, case=case, text="处理情况", result_class="A", signed_by_name="李院长"
    )
    with pytest.raises(DomainError) as refused:
        services.handling_report_schedule(actor=staff, opinion=opinion, meeting=sc_meeting)
    assert refused.value.code == "meeting_not_later"
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.IN_HANDLING


def test_body_officer_sees_only_its_opinions(staff, users, court_report, court_officer):
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        services.report_deliberate(actor=staff, report=court_report)
        opinion = services.opinion_compile(actor=staff, report=court_report, text="意见")
        assert not selectors.opinions_visible_to(
            court_officer
        ).exists()  # drafts stay with the office
        services.opinion_send(actor=staff, opinion=opinion)
    assert list(selectors.opinions_visible_to(court_officer)) == [opinion]
    assert not selectors.opinions_visible_to(users["unit_officer"]).exists()  # the education bureau
    assert not selectors.opinions_visible_to(users["deputy"]).exists()
    assert list(selectors.opinions_visible_to(users["leader"])) == [opinion]


# -- interpellations (§3.7) ----------------------------------------------------------------


def test_interpellation_threshold_by_level(staff, users, members, jurisdiction):
    court = Organization.objects.get(code="court")
    people = [u.person for u in members]
    with pytest.raises(DomainError) as refused:
        services.interpellation_submit(
            actor=staff, title="关于执行难问题的质询案", text="……", body=court, signers=people[:4]
        )
    assert refused.value.code == "too_few_signers" and refused.value.params["need"] == 5
    assert not Interpellation.objects.exists()
    interp = services.interpellation_submit(
        actor=staff, title="关于执行难问题的质询案", text="……", body=court, signers=people[:5]
    )
    assert interp.signer_rows.count() == 5
    Jurisdiction.objects.update(level=Jurisdiction.Level.COUNTY)
    assert services.interpellation_threshold() == 3
    services.interpellation_submit(
        actor=staff, title="县级质询", text="……", body=court, signers=people[:3]
    )
    with pytest.raises(DomainError):
        services.interpellation_submit(
            actor=staff, title="县级质询", text="……", body=court, signers=people[:2]
        )


def test_interpellation_outsider_and_reanswer(
    staff, users, members, deputies, jurisdiction, sc_meeting
):
    court = Organization.objects.get(code="court")
    people = [u.person for u in members]
    with pytest.raises(DomainError) as refused:
        services.interpellation_submit(
            actor=staff, title="质询", text="……", body=court, signers=people[:4] + [deputies[0]]
        )
    assert refused.value.code == "not_sc_member"
    interp = services.interpellation_submit(
        actor=users["member"], title="质询", text="……", body=court, signers=people[:5]
    )
    with pytest.raises(DomainError) as refused:
        services.interpellation_decide(actor=users["leader"], interpellation=interp, mode="oral")
    assert refused.value.code == "answer_meeting_required"
    interp = services.interpellation_decide(
        actor=users["leader"], interpellation=interp, mode="oral", answer_meeting=sc_meeting
    )
    interp = services.interpellation_answer(
        actor=staff, interpellation=interp, answer="答复……", answered_by="李院长"
    )
    # 3 of 5 dissatisfied is more than half: the body answers again.
    interp = services.interpellation_feedback(
        actor=staff, interpellation=interp, dissatisfied=[p.pk for p in people[:3]]
    )
    assert interp.status == Interpellation.Status.REANSWER and interp.round == 2
    interp = services.interpellation_answer(
        actor=staff, interpellation=interp, answer="再次答复", answered_by="李院长"
    )
    interp = services.interpellation_feedback(
        actor=staff, interpellation=interp, dissatisfied=[p.pk for p in people[:2]]
    )
    assert interp.status == Interpellation.Status.CLOSED


# -- special inquiries (§3.5) --------------------------------------------------------------


def test_inquiry_session_with_answers_and_follow_up_opinion(
    staff, users, members, court, court_president, court_officer, court_report, sc_meeting
):
    with pytest.raises(DomainError) as refused:
        services.inquiry_create(
            actor=staff, title="执行工作", meeting=sc_meeting, report=court_report
        )
    assert refused.value.code == "respondents_required"
    session = services.inquiry_create(
        actor=staff,
        title="关于解决执行难问题",
        meeting=sc_meeting,
        report=court_report,
        respondents=[(court_president, court, "院长")],
    )
    respondent = session.respondents.get()
    with pytest.raises(DomainError):  # only members ask
        services.inquiry_question_add(
            actor=staff,
            session=session,
            asker=court_president,
            respondent=respondent,
            question="？",
        )
    q = services.inquiry_question_add(
        actor=staff,
        session=session,
        asker=members[0].person,
        respondent=respondent,
        question="执行到位率为何下降？",
    )
    services.inquiry_answer_record(actor=staff, question=q, answer="主要原因是……")
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        with pytest.raises(Conflict) as refused:
            services.inquiry_hold(actor=staff, session=session, attended=[])
        assert refused.value.code == "respondent_absent"
        session = services.inquiry_hold(
            actor=staff, session=session, attended=[court_president.pk], summary="询问顺利"
        )
        opinion = services.opinion_compile(actor=staff, inquiry=session, text="询问意见……")
        assert opinion.origin == Opinion.Origin.INQUIRY and opinion.body == court
        opinion = services.opinion_send(actor=staff, opinion=opinion)
    case = services.current_round(opinion).case
    assert case.kind.code == "inquiry_opinion" and case.due_on == dt.date(2026, 12, 25)


def test_inquiry_topic_needs_five_deputies(staff, users, deputies, jurisdiction):
    with pytest.raises(DomainError) as refused:
        services.inquiry_topic_propose(
            actor=staff, year=2027, title="养老服务", proposers=deputies[:4]
        )
    assert refused.value.code == "too_few_proposers"
    topic = services.inquiry_topic_propose(
        actor=staff, year=2027, title="养老服务", proposers=deputies[:5]
    )
    assert topic.proposers.count() == 5


# -- inspections and judicial supervision ---------------------------------------------------


def test_inspection_plan_late_and_report_path(
    staff, users, members, deputies, sc_meeting, jurisdiction
):
    gov = Organization.objects.get(code="government")
    with pytest.raises(DomainError) as refused:
        services.inspection_create(
            actor=staff,
            title="检查",
            law="《大气污染防治法》",
            starts_on=dt.date(2026, 5, 10),
            ends_on=dt.date(2026, 5, 20),
            team=[(deputies[0], "member")],
        )
    assert refused.value.code == "not_sc_member"
    inspection = services.inspection_create(
        actor=staff,
        title="检查《大气污染防治法》实施情况",
        law="《大气污染防治法》",
        starts_on=dt.date(2026, 5, 10),
        ends_on=dt.date(2026, 5, 20),
        places="东城区、西城区",
        team=[(members[1].person, "leader"), (deputies[0], "deputy")],
    )
    assert inspection.team.filter(role=InspectionMember.Role.DEPUTY).count() == 1
    assert services.plan_due_on(inspection) == dt.date(2026, 4, 30)
    assert not selectors.inspection_plan_late(inspection, dt.date(2026, 4, 30))
    assert selectors.inspection_plan_late(inspection, dt.date(2026, 5, 1))
    services.inspection_plan_sent(
        actor=staff, inspection=inspection, on=dt.date(2026, 5, 3), now=at(dt.date(2026, 5, 3))
    )
    inspection.refresh_from_db()
    assert selectors.inspection_plan_late(inspection, dt.date(2026, 5, 3))
    report = services.inspection_report(
        actor=staff, inspection=inspection, findings="部分企业超标排放", body=gov
    )
    report = services.report_schedule(actor=staff, report=report, meeting=sc_meeting)
    assert report.agenda_item.kind == AgendaItem.Kind.OTHER
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        services.report_deliberate(actor=staff, report=report)
        opinion = services.opinion_send(
            actor=staff,
            opinion=services.opinion_compile(
                actor=staff, report=report, text="执法检查报告审议意见"
            ),
        )
    assert opinion.origin == Opinion.Origin.INSPECTION
    assert services.current_round(opinion).case.kind.code == "inspection_opinion"
    assert Inspection.objects.get().status == Inspection.Status.REPORTED


def test_judicial_records(staff, court, jurisdiction):
    gov = Organization.objects.get(code="government")
    with pytest.raises(DomainError):
        services.judicial_record_create(actor=staff, kind="misconduct_lead", body=gov, title="线索")
    lead = services.judicial_record_create(
        actor=staff,
        kind="misconduct_lead",
        body=court,
        title="某法官违规线索",
        summary="来信反映……",
    )
    lead = services.judicial_lead_forward(actor=staff, record=lead, now=at(dt.date(2026, 9, 28)))
    assert lead.case.kind.code == "misconduct_lead" and lead.case.due_on == dt.date(2026, 12, 28)
    with pytest.raises(Conflict):
        services.judicial_lead_forward(actor=staff, record=lead)
    major = services.judicial_record_create(
        actor=staff, kind="major_case", body=court, title="重大案件专题报告"
    )
    major = services.judicial_decision_record(
        actor=staff, record=major, decision="听取报告，要求依法公正审理。"
    )
    assert major.decision
    with pytest.raises(Conflict):
        services.judicial_decision_record(actor=staff, record=lead, decision="x")
    assert AuditEvent.objects.filter(action="supervision.judicial.forwarded").count() == 1


def test_report_schedule_refuses_non_statutory_reporter(
    staff, court, users, sc_meeting, jurisdiction
):
    report = services.report_create(actor=staff, title="法院工作报告", body=court)
    with pytest.raises(DomainError) as refused:
        services.report_schedule(
            actor=staff, report=report, meeting=sc_meeting, reporter=users["member"].person
        )
    assert refused.value.code == "reporter_not_statutory"
    report.refresh_from_db()
    assert report.status == Report.Status.PLANNED and report.agenda_item_id is None
