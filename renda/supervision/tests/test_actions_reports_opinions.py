"""Reports, opinions and evaluations as declared actions (rules §3.2–§3.4).

Every action refuses a role without its permission and a subject in the wrong status with
nothing changed (no audit event), and a success writes exactly one event with its code.
The pages offer the buttons the declarations allow; the API offers every action.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from renda.casework import services as cw
from renda.core.actions import REGISTRY, SYSTEM, SystemActor
from renda.core.errors import Conflict, PermissionDenied
from renda.core.models import AuditEvent
from renda.supervision import services
from renda.supervision.models import Evaluation, Opinion, Report

from .conftest import at, run_vote

pytestmark = pytest.mark.django_db

API = "/api/v1/supervision"
O = Opinion.Status  # noqa: E741


def _events() -> int:
    return AuditEvent.objects.count()


def _count(code: str) -> int:
    return AuditEvent.objects.filter(action=code).count()


@pytest.fixture
def heard(staff, court_report):
    """The court's report deliberated the day after the June meeting."""
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        return services.report_deliberate(actor=staff, report=court_report, summary="审议情况")


@pytest.fixture
def draft(staff, heard):
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        return services.opinion_compile(actor=staff, report=heard, text="一、加大执行力度。")


@pytest.fixture
def sent(staff, draft):
    with time_machine.travel(at(dt.date(2026, 6, 26)), tick=False):
        return services.opinion_send(actor=staff, opinion=draft)


@pytest.fixture
def scheduled(staff, sent, court_officer, later_meeting):
    """The body replied; its handling report is on the October meeting."""
    case = services.current_round(sent).case
    with time_machine.travel(at(dt.date(2026, 9, 1)), tick=False):
        cw.assignment_receive(actor=court_officer, case=case)
        cw.reply_submit(
            actor=court_officer,
            case=case,
            text="已逐条研究处理。",
            result_class="A",
            signed_by_name="李院长",
        )
        services.handling_report_schedule(actor=staff, opinion=sent, meeting=later_meeting)
    sent.refresh_from_db()
    return sent


def test_the_actions_are_declared():
    expected = {
        "supervision.report.create": (None, None, "supervision.manage"),
        "supervision.report.schedule": ({"planned"}, "scheduled", "supervision.manage"),
        "supervision.report.milestone": ({"scheduled"}, None, "supervision.manage"),
        "supervision.report.deliberate": ({"scheduled"}, "deliberated", "supervision.manage"),
        "supervision.opinion.compile": (None, None, "supervision.manage"),
        "supervision.opinion.edit": ({O.DRAFT}, None, "supervision.manage"),
        "supervision.opinion.send": ({O.DRAFT}, O.IN_HANDLING, "supervision.manage"),
        "supervision.opinion.schedule_report": (
            {O.IN_HANDLING},
            O.REPORT_SCHEDULED,
            "supervision.manage",
        ),
        "supervision.opinion.evaluate": ({O.REPORT_SCHEDULED}, O.EVALUATING, "supervision.manage"),
        "supervision.evaluation.conclude": (None, None, "supervision.manage"),
        "supervision.evaluation.record_sealed": (None, None, SYSTEM),
        "supervision.opinion.rehandle": ({O.UNSATISFIED}, O.IN_HANDLING, "supervision.manage"),
        "supervision.opinion.follow_up": (
            {O.SATISFIED, O.CLOSED},
            O.IN_HANDLING,
            "supervision.manage",
        ),
        "supervision.opinion.close": (
            {O.SATISFIED, O.REPORT_SCHEDULED},
            O.CLOSED,
            "supervision.manage",
        ),
    }
    for name, (sources, target, permission) in expected.items():
        act = REGISTRY[name]
        assert (act.sources, act.target, act.permission) == (
            frozenset(sources) if sources is not None else None,
            target,
            permission,
        ), name
        assert act.label and act.rule, name


# -- (a) a role without the permission: refused, nothing changed ---------------------------------


@pytest.mark.parametrize("role", ["leader", "member", "deputy", "unit_officer"])
def test_report_and_opinion_actions_refused_without_permission(users, court, court_report, role):
    actor = users[role]
    before = _events()
    with pytest.raises(PermissionDenied):
        services.report_create(actor=actor, title="报告", body=court)
    with pytest.raises(PermissionDenied):
        services.report_milestone(
            actor=actor, report=court_report, step="to_members", on=dt.date(2026, 6, 1)
        )
    with pytest.raises(PermissionDenied):
        services.report_deliberate(actor=actor, report=court_report)
    with pytest.raises(PermissionDenied):
        services.opinion_compile(actor=actor, report=court_report, text="意见")
    court_report.refresh_from_db()
    assert court_report.status == Report.Status.SCHEDULED and court_report.to_members_on is None
    assert _events() == before and Report.objects.count() == 1


def test_opinion_actions_refused_to_a_leader(users, draft):
    leader = users["leader"]
    before = _events()
    for call in (
        lambda: services.opinion_update(actor=leader, opinion=draft, text="改"),
        lambda: services.opinion_send(actor=leader, opinion=draft),
        lambda: services.opinion_close(actor=leader, opinion=draft),
    ):
        with pytest.raises(PermissionDenied):
            call()
    draft.refresh_from_db()
    assert draft.status == O.DRAFT and draft.text == "一、加大执行力度。"
    assert _events() == before and not draft.rounds.exists()


def test_record_sealed_is_the_platforms_only(staff, users, members, scheduled):
    """A person cannot carry a seal by hand; the effect's SystemActor does, audited as its user."""
    evaluation = services.evaluation_create(actor=staff, opinion=scheduled)
    run_vote(evaluation.poll, users["leader"], members, ["satisfied"] * 6 + ["dissatisfied"])
    evaluation.refresh_from_db()
    if evaluation.result == Evaluation.Result.PENDING:
        before = _events()
        with pytest.raises(PermissionDenied):
            services.evaluation_record_sealed(poll=evaluation.poll, actor=staff)
        assert _events() == before
        services.evaluation_record_sealed(
            poll=evaluation.poll, actor=SystemActor(users["leader"], "poll sealed")
        )
        evaluation.refresh_from_db()
    assert evaluation.result == Evaluation.Result.SATISFIED
    event = AuditEvent.objects.get(action="supervision.evaluation.concluded")
    assert event.actor_id == users["leader"].pk and event.changes["automatic"] is True
    # Carried again: nothing changes, no second event.
    again = services.evaluation_record_sealed(poll=evaluation.poll, actor=SystemActor(staff))
    assert again.pk == evaluation.pk and _count("supervision.evaluation.concluded") == 1
    # With nobody to name, nothing is recorded.
    assert services.evaluation_record_sealed(poll=evaluation.poll, actor=SystemActor()) is None


# -- (b) a wrong source status: status_not_allowed, nothing changed -------------------------------


def test_report_actions_in_the_wrong_status(staff, court, court_report, sc_meeting, heard):
    fresh = services.report_create(actor=staff, title="关于环境状况的报告", body=court)
    before = _events()
    for call in (
        lambda: services.report_deliberate(actor=staff, report=fresh),
        lambda: services.report_milestone(
            actor=staff, report=fresh, step="to_members", on=dt.date(2026, 6, 1)
        ),
        lambda: services.report_schedule(actor=staff, report=heard, meeting=sc_meeting),
    ):
        with pytest.raises(Conflict) as refused:
            call()
        assert refused.value.code == "status_not_allowed"
    fresh.refresh_from_db()
    assert fresh.status == Report.Status.PLANNED and _events() == before


def test_opinion_actions_in_the_wrong_status(staff, draft, sent, later_meeting):
    before = _events()
    for call in (
        lambda: services.opinion_send(actor=staff, opinion=sent),
        lambda: services.opinion_update(actor=staff, opinion=sent, text="改"),
        lambda: services.evaluation_create(actor=staff, opinion=sent),
        lambda: services.opinion_rehandle(actor=staff, opinion=sent, note="再办"),
        lambda: services.opinion_follow_up(actor=staff, opinion=sent, note="跟踪"),
        lambda: services.opinion_close(actor=staff, opinion=sent),
    ):
        with pytest.raises(Conflict) as refused:
            call()
        assert refused.value.code == "status_not_allowed"
    sent.refresh_from_db()
    assert sent.status == O.IN_HANDLING and sent.rounds.count() == 1
    assert _events() == before


def test_close_refused_once_an_evaluation_exists(staff, scheduled):
    evaluation = services.evaluation_create(actor=staff, opinion=scheduled)
    Opinion.objects.filter(pk=scheduled.pk).update(status=O.REPORT_SCHEDULED)
    before = _events()
    with pytest.raises(Conflict) as refused:
        services.opinion_close(actor=staff, opinion=scheduled)
    assert refused.value.code == "status_not_allowed" and _events() == before
    # A pending evaluation is taken only while its opinion is being evaluated.
    with pytest.raises(Conflict) as refused:
        services.evaluation_conclude(actor=staff, evaluation=evaluation)
    assert refused.value.code == "status_not_allowed" and _events() == before


# -- (c) success: exactly one event with the expected code ----------------------------------------


def test_report_actions_one_event_each(staff, court, sc_meeting, court_president):
    before = _events()
    report = services.report_create(actor=staff, title="关于环境状况的报告", body=court)
    assert _events() == before + 1 and _count("supervision.report.created") == 1
    report = services.report_schedule(
        actor=staff, report=report, meeting=sc_meeting, reporter=court_president
    )
    assert report.status == Report.Status.SCHEDULED
    event = AuditEvent.objects.filter(action="supervision.report.scheduled").latest("seq")
    assert event.changes["status"] == ["planned", "scheduled"]
    before = _events()
    services.report_milestone(
        actor=staff, report=report, step="draft_to_committee", on=dt.date(2026, 6, 1)
    )
    assert _events() == before + 1 and _count("supervision.report.milestone") == 1
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        report = services.report_deliberate(actor=staff, report=report, publish=False)
    assert report.status == Report.Status.DELIBERATED and not report.published
    event = AuditEvent.objects.get(action="supervision.report.deliberated")
    assert event.object_id == str(report.pk) and event.changes["published"] is False


def test_opinion_actions_one_event_each(staff, users, members, heard, court_officer, later_meeting):
    before = _events()
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        opinion = services.opinion_compile(actor=staff, report=heard, text="意见")
    assert _events() == before + 1 and _count("supervision.opinion.compiled") == 1
    before = _events()
    opinion = services.opinion_update(actor=staff, opinion=opinion, text="修改后的意见", title="题")
    assert _events() == before + 1 and _count("supervision.opinion.updated") == 1
    assert opinion.title == "题"
    with time_machine.travel(at(dt.date(2026, 6, 26)), tick=False):
        opinion = services.opinion_send(actor=staff, opinion=opinion)
    assert opinion.status == O.IN_HANDLING and _count("supervision.opinion.sent") == 1
    sent = AuditEvent.objects.get(action="supervision.opinion.sent")
    assert sent.changes["status"] == [O.DRAFT, O.IN_HANDLING] and sent.changes["late"] is False
    case = services.current_round(opinion).case
    with time_machine.travel(at(dt.date(2026, 9, 1)), tick=False):
        cw.assignment_receive(actor=court_officer, case=case)
        cw.reply_submit(
            actor=court_officer, case=case, text="已处理。", result_class="B", signed_by_name="李"
        )
        rnd = services.handling_report_schedule(actor=staff, opinion=opinion, meeting=later_meeting)
    scheduled = AuditEvent.objects.get(action="supervision.opinion.report_scheduled")
    assert scheduled.object_id == str(opinion.pk) and scheduled.changes["round"] == rnd.number
    evaluation = services.evaluation_create(actor=staff, opinion=opinion)
    created = AuditEvent.objects.get(action="supervision.evaluation.created")
    assert created.object_id == str(evaluation.pk)
    run_vote(evaluation.poll, users["leader"], members, ["dissatisfied"] * 7)
    evaluation.refresh_from_db()
    if evaluation.result == Evaluation.Result.PENDING:  # no effect ran: the staff's fallback
        services.evaluation_conclude(actor=staff, evaluation=evaluation)
    assert _count("supervision.evaluation.concluded") == 1
    opinion.refresh_from_db()
    assert opinion.status == O.UNSATISFIED
    rnd = services.opinion_rehandle(actor=staff, opinion=opinion, note="请重新研究处理")
    event = AuditEvent.objects.get(action="supervision.opinion.rehandle")
    assert event.object_id == str(opinion.pk) and event.changes["round"] == rnd.number == 2
    assert event.changes["status"] == [O.UNSATISFIED, O.IN_HANDLING]


def test_close_without_evaluation_and_follow_up(staff, scheduled):
    opinion = services.opinion_close(actor=staff, opinion=scheduled, reason="已听取")
    assert opinion.status == O.CLOSED and _count("supervision.opinion.closed") == 1
    assert services.current_round(opinion).case.status == "closed"
    rnd = services.opinion_follow_up(actor=staff, opinion=opinion, note="年底前报告进展")
    assert rnd.number == 2 and _count("supervision.opinion.follow_up") == 1
    opinion.refresh_from_db()
    assert opinion.status == O.IN_HANDLING


# -- the pages offer what the declarations allow --------------------------------------------------


def test_report_page_buttons_follow_the_declarations(client_for, court_report, heard):
    url = reverse("supervision:report_detail", args=[heard.pk])
    page = client_for("staff").get(url).content.decode()
    assert 'id="compile-form"' in page and 'id="deliberate-form"' not in page
    assert 'id="compile-form"' not in client_for("leader").get(url).content.decode()


def test_opinion_page_buttons_follow_the_declarations(client_for, draft, sent):
    url = reverse("supervision:opinion_detail", args=[sent.pk])
    page = client_for("staff").get(url).content.decode()
    assert 'id="report-meeting-form"' in page and 'id="send-form"' not in page
    leader = client_for("leader")
    assert 'id="report-meeting-form"' not in leader.get(url).content.decode()
    act = reverse("supervision:opinion_act", args=[sent.pk, "close"])
    before = _events()
    assert leader.post(act).status_code == 403 and _events() == before


def test_opinion_act_reports_a_refusal_as_a_message(client_for, sent):
    client = client_for("staff")
    act = reverse("supervision:opinion_act", args=[sent.pk, "send"])
    response = client.post(act, follow=True)
    assert response.status_code == 200
    assert "不能执行此操作" in response.content.decode()


# -- the API offers every action --------------------------------------------------------------


def test_api_report_actions(client_for, court, court_report):
    client = client_for("staff")

    def post(path, body=None):
        return client.post(f"{API}{path}", body or {}, content_type="application/json")

    made = post("/reports", {"title": "关于环境状况的报告", "body_id": court.pk})
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "planned"
    stone = post(
        f"/reports/{court_report.pk}/milestone", {"step": "to_members", "on": "2026-06-01"}
    )
    assert stone.status_code == 200, stone.content
    refused = post(f"/reports/{made.json()['id']}/deliberate", {})
    assert refused.status_code == 409 and refused.json()["code"] == "status_not_allowed"
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        heard = post(f"/reports/{court_report.pk}/deliberate", {"summary": "审议情况"})
    assert heard.status_code == 200 and heard.json()["status"] == "deliberated"


def test_api_opinion_actions(client_for, draft):
    client = client_for("staff")

    def post(path, body=None):
        return client.post(f"{API}{path}", body or {}, content_type="application/json")

    edited = post(f"/opinions/{draft.pk}/edit", {"text": "修改后的意见"})
    assert edited.status_code == 200 and edited.json() == {"id": draft.pk, "status": O.DRAFT}
    closed = post(f"/opinions/{draft.pk}/close", {})
    assert closed.status_code == 409 and closed.json()["code"] == "status_not_allowed"
    missing = post(f"/opinions/{draft.pk}/conclude")
    assert missing.status_code == 404
    assert post(f"/opinions/{draft.pk}/follow-up", {}).status_code == 422


def test_api_opinion_rounds(client_for, scheduled, staff):
    client = client_for("staff")
    closed = client.post(
        f"{API}/opinions/{scheduled.pk}/close",
        {"reason": "已听取"},
        content_type="application/json",
    )
    assert closed.status_code == 200 and closed.json()["status"] == O.CLOSED
    follow = client.post(
        f"{API}/opinions/{scheduled.pk}/follow-up",
        {"note": "年底前报告进展"},
        content_type="application/json",
    )
    assert follow.status_code == 200, follow.content
    assert follow.json()["status"] == O.IN_HANDLING and follow.json()["round"] == 2


@pytest.mark.parametrize("role", [None, "leader", "member", "deputy", "unit_officer"])
def test_api_actions_refused_without_permission(client_for, court, court_report, draft, role):
    client = client_for(role)
    before = _events()
    for path, body in (
        ("/reports", {"title": "报告", "body_id": court.pk}),
        (f"/reports/{court_report.pk}/milestone", {"step": "to_members", "on": "2026-06-01"}),
        (f"/reports/{court_report.pk}/deliberate", {}),
        (f"/opinions/{draft.pk}/edit", {"text": "改"}),
        (f"/opinions/{draft.pk}/schedule-report", {"meeting_id": 1}),
        (f"/opinions/{draft.pk}/conclude", {}),
        (f"/opinions/{draft.pk}/rehandle", {}),
        (f"/opinions/{draft.pk}/follow-up", {"note": "跟踪"}),
        (f"/opinions/{draft.pk}/close", {}),
    ):
        response = client.post(f"{API}{path}", body, content_type="application/json")
        assert response.status_code == (401 if role is None else 403), path
    draft.refresh_from_db()
    assert draft.text == "一、加大执行力度。" and _events() == before
