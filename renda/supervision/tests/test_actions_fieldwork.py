"""Field work as declared actions: inspections, research, inquiries, interpellations, judicial (S8).

Every action refuses a role without its permission and a subject in the wrong status with
nothing changed (no audit event), and a success writes exactly one event with its code.
The research API: reads for everyone (published only, off the staff side), writes for staff.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.core.actions import REGISTRY, available
from renda.core.errors import Conflict, PermissionDenied
from renda.core.models import AuditEvent
from renda.supervision import services
from renda.supervision.models import (
    InquirySession,
    Inspection,
    Interpellation,
    JudicialRecord,
    Research,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/supervision"


def _events() -> int:
    return AuditEvent.objects.count()


@pytest.fixture
def inspection(staff, members, jurisdiction):
    return services.inspection_create(
        actor=staff,
        title="检查《水污染防治法》实施情况",
        law="《水污染防治法》",
        starts_on=dt.date(2026, 10, 12),
        ends_on=dt.date(2026, 10, 16),
        team=[(members[1].person, "leader")],
    )


@pytest.fixture
def research(staff, members, jurisdiction):
    return services.research_create(
        actor=staff,
        title="关于养老服务体系建设的专题调研",
        starts_on=dt.date(2026, 5, 1),
        team=[(members[0].person, "leader")],
    )


@pytest.fixture
def interpellation(staff, members, court):
    return services.interpellation_submit(
        actor=staff,
        title="关于执行难问题的质询案",
        text="质询内容",
        body=court,
        signers=[m.person for m in members],
    )


def test_the_field_work_actions_are_declared():
    names = {
        "supervision.inspection.create",
        "supervision.inspection.plan_sent",
        "supervision.inspection.start",
        "supervision.inspection.findings",
        "supervision.inspection.report",
        "supervision.research.create",
        "supervision.research.start",
        "supervision.research.report",
        "supervision.research.publish",
        "supervision.research.submit",
        "supervision.inquiry.create",
        "supervision.inquiry.question",
        "supervision.inquiry.answer",
        "supervision.inquiry.hold",
        "supervision.inquiry_topic.propose",
        "supervision.interpellation.submit",
        "supervision.interpellation.decide",
        "supervision.interpellation.answer",
        "supervision.interpellation.feedback",
        "supervision.judicial.create",
        "supervision.judicial.forward",
        "supervision.judicial.decide",
    }
    assert names <= set(REGISTRY)
    for name in names:
        assert REGISTRY[name].rule and REGISTRY[name].label, name
    assert services.inspection_start is REGISTRY["supervision.inspection.start"]


# -- (a) a role without the permission: refused, nothing changed --------------------------------


@pytest.mark.parametrize("role", ["deputy", "member", "leader", "unit_officer"])
def test_research_start_refused_without_permission(users, research, role):
    before = _events()
    with pytest.raises(PermissionDenied):
        services.research_start(actor=users[role], research=research)
    research.refresh_from_db()
    assert research.status == Research.Status.PLANNED and research.started_at is None
    assert _events() == before


def test_leader_decides_but_does_not_record_answers(users, interpellation):
    """The chairpersons' council decides (DECIDE); recording the answer is the office's (MANAGE)."""
    leader = users["leader"]
    before = _events()
    with pytest.raises(PermissionDenied):
        services.interpellation_answer(
            actor=leader, interpellation=interpellation, answer="答复", answered_by="院长"
        )
    assert _events() == before
    assert available(leader, interpellation, [services.interpellation_decide]) == {"decide"}
    services.interpellation_decide(actor=leader, interpellation=interpellation, mode="written")
    assert _events() == before + 1
    assert not services.interpellation_answer.allows(leader, interpellation)
    with pytest.raises(PermissionDenied):
        services.interpellation_answer(
            actor=leader, interpellation=interpellation, answer="答复", answered_by="院长"
        )
    interpellation.refresh_from_db()
    assert interpellation.status == Interpellation.Status.MODE_DECIDED
    assert _events() == before + 1


def test_creating_rows_refused_without_permission(users, court, members):
    before = (_events(), JudicialRecord.objects.count(), Inspection.objects.count())
    with pytest.raises(PermissionDenied):
        services.judicial_record_create(
            actor=users["member"], kind="major_case", body=court, title="重大案件"
        )
    with pytest.raises(PermissionDenied):
        services.inspection_create(
            actor=users["deputy"],
            title="检查",
            law="《教育法》",
            starts_on=dt.date(2026, 10, 12),
            ends_on=dt.date(2026, 10, 16),
        )
    assert (_events(), JudicialRecord.objects.count(), Inspection.objects.count()) == before


# -- (b) the wrong status: status_not_allowed, nothing changed -----------------------------------


def test_research_publish_before_the_report_is_refused(staff, research):
    before = _events()
    with pytest.raises(Conflict) as refused:
        services.research_publish(actor=staff, research=research)
    assert refused.value.code == "status_not_allowed"
    research.refresh_from_db()
    assert not research.published and research.published_at is None
    assert _events() == before


def test_inspection_findings_before_the_start_is_refused(staff, inspection):
    before = _events()
    with pytest.raises(Conflict) as refused:
        services.inspection_findings(actor=staff, inspection=inspection, findings="问题")
    assert refused.value.code == "status_not_allowed"
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.PLANNING and inspection.findings == ""
    assert _events() == before
    assert available(staff, inspection, [services.inspection_findings]) == frozenset()


def test_interpellation_feedback_before_the_answer_is_refused(staff, interpellation, members):
    before = _events()
    with pytest.raises(Conflict) as refused:
        services.interpellation_feedback(
            actor=staff, interpellation=interpellation, dissatisfied=[members[0].person_id]
        )
    assert refused.value.code == "status_not_allowed"
    interpellation.refresh_from_db()
    assert interpellation.status == Interpellation.Status.SUBMITTED
    assert not interpellation.signer_rows.filter(dissatisfied__isnull=False).exists()
    assert _events() == before


def test_inquiry_hold_twice_is_refused(staff, sc_meeting, court_president, court, members):
    session = services.inquiry_create(
        actor=staff,
        title="询问",
        meeting=sc_meeting,
        respondents=[(court_president, court, "院长")],
    )
    InquirySession.objects.filter(pk=session.pk).update(status=InquirySession.Status.HELD)
    session.refresh_from_db()
    before = _events()
    with pytest.raises(Conflict) as refused:
        services.inquiry_hold(actor=staff, session=session, attended=[court_president.pk])
    assert refused.value.code == "status_not_allowed"
    assert _events() == before


# -- (c) success: exactly one audit event with its code ------------------------------------------


def _one_event(before: int, code: str, obj) -> AuditEvent:
    assert _events() == before + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == code and event.object_id == str(obj.pk)
    return event


def test_research_through_its_actions_one_event_each(staff, research, court):
    before = _events()
    services.research_start(actor=staff, research=research)
    _one_event(before, "supervision.research.started", research)
    services.research_report(
        actor=staff, research=research, findings="问题", report_text="调研报告"
    )
    event = _one_event(before + 1, "supervision.research.reported", research)
    assert event.changes["status"] == ["underway", "reported"]
    services.research_publish(actor=staff, research=research)
    _one_event(before + 2, "supervision.research.published", research)
    services.research_publish(actor=staff, research=research)  # again: nothing to do
    assert _events() == before + 3
    report = services.research_submit(actor=staff, research=research, body=court)
    event = _one_event(before + 3, "supervision.research.submitted", research)
    assert event.changes == {"report": report.pk, "body": court.pk}
    with pytest.raises(Conflict) as refused:
        services.research_submit(actor=staff, research=research, body=court)
    assert refused.value.code == "research_submitted"
    assert _events() == before + 4


def test_inspection_start_and_report_one_event_each(staff, inspection, court):
    before = _events()
    with pytest.raises(Conflict) as refused:
        services.inspection_start(actor=staff, inspection=inspection)
    assert refused.value.code == "inspection_plan_not_sent" and _events() == before
    services.inspection_plan_sent(actor=staff, inspection=inspection, on=dt.date(2026, 1, 5))
    _one_event(before, "supervision.inspection.plan_sent", inspection)
    services.inspection_start(actor=staff, inspection=inspection)
    event = _one_event(before + 1, "supervision.inspection.started", inspection)
    assert event.changes["status"] == ["planning", "underway"]
    report = services.inspection_report(
        actor=staff, inspection=inspection, findings="问题", body=court
    )
    event = _one_event(before + 2, "supervision.inspection.reported", inspection)
    assert event.changes["report"] == report.pk and event.changes["from"] == "underway"
    with pytest.raises(Conflict) as refused:
        services.inspection_report(actor=staff, inspection=inspection, findings="问题", body=court)
    assert refused.value.code == "inspection_reported" and _events() == before + 3


def test_judicial_decision_one_event_and_only_for_major_cases(staff, court):
    record = services.judicial_record_create(
        actor=staff, kind="major_case", body=court, title="重大案件"
    )
    lead = services.judicial_record_create(
        actor=staff, kind="misconduct_lead", body=court, title="线索"
    )
    assert available(staff, record, [services.judicial_decision_record]) == {"decide"}
    assert available(staff, lead, [services.judicial_decision_record]) == frozenset()
    before = _events()
    with pytest.raises(Conflict) as refused:
        services.judicial_decision_record(actor=staff, record=lead, decision="决定")
    assert refused.value.code == "not_major_case" and _events() == before
    services.judicial_decision_record(actor=staff, record=record, decision="决定")
    _one_event(before, "supervision.judicial.decided", record)


def test_interpellation_feedback_chooses_its_outcome(staff, interpellation, members):
    services.interpellation_decide(actor=staff, interpellation=interpellation, mode="written")
    services.interpellation_answer(
        actor=staff, interpellation=interpellation, answer="答复", answered_by="院长"
    )
    before = _events()
    services.interpellation_feedback(
        actor=staff,
        interpellation=interpellation,
        dissatisfied=[m.person_id for m in members[:4]],
    )
    event = _one_event(before, "supervision.interpellation.feedback", interpellation)
    assert event.changes["status"] == ["answered", "reanswer"] and event.changes["answer_again"]


# -- pages: the buttons come from the declarations -----------------------------------------------


def test_inspection_page_buttons_follow_the_declarations(client_for, inspection):
    url = reverse("supervision:inspection_detail", args=[inspection.pk])
    page = client_for("staff").get(url).content.decode()
    assert reverse("supervision:inspection_act", args=[inspection.pk, "start"]) in page
    assert reverse("supervision:inspection_act", args=[inspection.pk, "findings"]) not in page
    leader_page = client_for("leader").get(url).content.decode()
    assert reverse("supervision:inspection_act", args=[inspection.pk, "start"]) not in leader_page


def test_interpellation_act_refuses_the_leader_an_office_action(client_for, interpellation):
    client = client_for("leader")
    url = reverse("supervision:interpellation_act", args=[interpellation.pk, "answer"])
    assert client.post(url, {"answer": "答复", "answered_by": "院长"}).status_code == 403
    assert (
        client.post(
            reverse("supervision:interpellation_act", args=[interpellation.pk, "nonsense"])
        ).status_code
        == 404
    )


# -- the research API ------------------------------------------------------------------------------


def test_research_api_reads(client_for, staff, research, members):
    other = services.research_create(actor=staff, title="未公开的调研")
    services.research_start(actor=staff, research=research)
    services.research_report(actor=staff, research=research, findings="问题", report_text="报告")
    services.research_publish(actor=staff, research=research)
    anon = client_for(None)
    listed = anon.get(f"{API}/research").json()
    assert [r["id"] for r in listed["items"]] == [research.pk]
    assert anon.get(f"{API}/research/{other.pk}").status_code == 404
    detail = anon.get(f"{API}/research/{research.pk}").json()
    assert detail["report_text"] == "报告" and detail["team"][0]["role"] == "leader"
    assert client_for("deputy").get(f"{API}/research/{other.pk}").status_code == 404
    staff_client = client_for("staff")
    assert {r["id"] for r in staff_client.get(f"{API}/research").json()["items"]} == {
        research.pk,
        other.pk,
    }
    assert staff_client.get(f"{API}/research/{other.pk}").json()["status"] == "planned"


def test_research_api_writes_as_staff(client_for, members, court, jurisdiction):
    client = client_for("staff")

    def post(path, body=None):
        return client.post(f"{API}{path}", body or {}, content_type="application/json")

    made = post(
        "/research",
        {
            "title": "专题调研",
            "body_id": court.pk,
            "team": [{"person_id": members[0].person_id, "role": "leader"}],
        },
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert post(f"/research/{pk}/publish").json()["code"] == "status_not_allowed"
    assert post(f"/research/{pk}/start").json()["status"] == "underway"
    reported = post(f"/research/{pk}/report", {"findings": "问题", "report_text": "报告"})
    assert reported.status_code == 200 and reported.json()["status"] == "reported"
    assert post(f"/research/{pk}/publish").json()["published"] is True
    submitted = post(f"/research/{pk}/submit")
    assert submitted.status_code == 201 and submitted.json()["body_id"] == court.pk
    again = post(f"/research/{pk}/submit")
    assert again.status_code == 409 and again.json()["code"] == "research_submitted"
    codes = list(
        AuditEvent.objects.filter(object_id=str(pk), action__startswith="supervision.research.")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert codes == [
        "supervision.research.created",
        "supervision.research.started",
        "supervision.research.reported",
        "supervision.research.published",
        "supervision.research.submitted",
    ]


def test_research_api_writes_refused_for_a_deputy(client_for, staff, research):
    client = client_for("deputy")
    before = _events()
    for path, body in (
        ("/research", {"title": "专题调研"}),
        (f"/research/{research.pk}/start", {}),
        (f"/research/{research.pk}/publish", {}),
        (f"/research/{research.pk}/report", {"findings": "问题", "report_text": "报告"}),
        (f"/research/{research.pk}/submit", {}),
    ):
        response = client.post(f"{API}{path}", body, content_type="application/json")
        assert response.status_code == 403, path
    research.refresh_from_db()
    assert research.status == Research.Status.PLANNED and _events() == before
    anon = client_for(None).post(f"{API}/research/{research.pk}/start")
    assert anon.status_code == 401
