"""The supervision API: public reads, a body officer's view, pinned query counts, the main writes."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.people.models import Organization
from renda.supervision import services
from renda.supervision.models import Interpellation, Plan

pytestmark = pytest.mark.django_db

API = "/api/v1/supervision"


def test_public_reads_show_published_records(client, scenario, staff):
    services.plan_create(actor=staff, year=2027)  # a draft: not public
    plans = client.get(f"{API}/plans").json()
    assert [p["year"] for p in plans["items"]] == [2026]
    assert client.get(f"{API}/plans/{Plan.objects.get(year=2027).pk}").status_code == 404
    detail = client.get(f"{API}/plans/{scenario['plan'].pk}").json()
    assert {i["obligation"] for i in detail["items"]} >= {"court_report", "environment_report"}
    evaluations = client.get(f"{API}/evaluations").json()
    assert evaluations["count"] == 1
    row = evaluations["items"][0]
    assert (row["satisfied"], row["dissatisfied"], row["base"], row["sealed_result"]) == (
        5,
        2,
        7,
        "satisfied",
    )
    opinion = client.get(f"{API}/opinions/{scenario['opinion'].pk}").json()
    assert (
        opinion["rounds"][0]["case_status"] == "replied"
        and opinion["body_name"] == "清河市中级人民法院"
    )
    report = client.get(f"{API}/reports/{scenario['report'].pk}").json()
    assert [m["step"] for m in report["milestones"]] == [
        "draft_to_committee",
        "revised_to_sc",
        "to_members",
    ]


def test_unit_officer_sees_only_its_opinions(client_for, scenario):
    client = client_for("unit_officer")  # the education bureau
    assert client.get(f"{API}/opinions").json()["count"] == 0
    assert client.get(f"{API}/opinions/{scenario['opinion'].pk}").status_code == 404


def test_lists_have_pinned_queries(
    client_for,
    scenario,
    staff,
    court,
    members,
    sc_meeting,
    court_president,
    django_assert_num_queries,
):
    for i in range(3):
        services.report_create(actor=staff, title=f"报告{i}", body=court)
        services.inquiry_create(
            actor=staff,
            title=f"询问{i}",
            meeting=sc_meeting,
            respondents=[(court_president, court, "院长")],
        )
    client = client_for("staff")
    for path, n in (
        ("plans", 4),
        ("reports", 4),
        ("opinions", 4),
        ("evaluations", 4),
        ("inquiries", 4),
    ):
        client.get(f"{API}/{path}")
        with django_assert_num_queries(n):
            assert client.get(f"{API}/{path}").status_code == 200, path


def test_writes_through_the_api(client_for, scenario, staff, members, court, later_meeting):
    client = client_for("staff")
    created = client.post(f"{API}/plans", {"year": 2027}, content_type="application/json")
    assert created.status_code == 201 and created.json()["items"] == 7
    plan_id = created.json()["id"]
    bad = client.post(
        f"{API}/plans/{plan_id}/items",
        {"kind": "special_report", "title": "无对象"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "supervised_body_required"
    ok = client.post(
        f"{API}/plans/{plan_id}/items",
        {
            "kind": "research",
            "title": "专题调研",
            "source": "suggestions",
            "source_type": "suggestions.suggestion",
            "source_id": "3",
        },
        content_type="application/json",
    )
    assert ok.status_code == 201
    adopted = client_for("leader").post(
        f"{API}/plans/{plan_id}/adopt", {"party_consent": True}, content_type="application/json"
    )
    assert adopted.status_code == 200 and adopted.json()["status"] == "adopted"
    people = [u.person_id for u in members]
    client = client_for("member")
    refused = client.post(
        f"{API}/interpellations",
        {"title": "质询", "text": "内容", "body_id": court.pk, "signer_ids": people[:4]},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "too_few_signers"
    accepted = client.post(
        f"{API}/interpellations",
        {"title": "质询", "text": "内容", "body_id": court.pk, "signer_ids": people[:5]},
        content_type="application/json",
    )
    assert accepted.status_code == 201 and Interpellation.objects.count() == 1


def test_report_opinion_send_and_evaluation_via_api(
    client_for, staff, court, members, sc_meeting, court_president, jurisdiction
):
    import time_machine

    from .conftest import at

    report = services.report_create(actor=staff, title="法院报告", body=court)
    client = client_for("staff")
    scheduled = client.post(
        f"{API}/reports/{report.pk}/schedule",
        {"meeting_id": sc_meeting.pk, "reporter_id": court_president.pk},
        content_type="application/json",
    )
    assert scheduled.status_code == 200 and scheduled.json()["status"] == "scheduled"
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        services.report_deliberate(actor=staff, report=report)
        created = client.post(
            f"{API}/reports/{report.pk}/opinions", {"text": "意见"}, content_type="application/json"
        )
        assert created.status_code == 201 and created.json()["send_due_on"] == "2026-07-05"
        sent = client.post(f"{API}/opinions/{created.json()['id']}/send")
    assert sent.status_code == 200 and sent.json()["due_on"] == "2026-09-25"
    early = client.post(f"{API}/opinions/{created.json()['id']}/evaluation")
    assert early.status_code == 409
    assert Organization.objects.get(code="court").supervision_opinions.count() == 1


def _post(client, path, data):
    return client.post(f"{API}/{path}", data, content_type="application/json")


def test_inspection_writes_through_the_api(client_for, staff, members, deputies, jurisdiction):
    import time_machine
    from django.utils import timezone

    client = client_for("staff")
    assert _post(client, "inspections", {}).status_code in (400, 422)
    body = {
        "title": "检查《水法》实施情况",
        "law": "《水法》",
        "starts_on": "2026-10-12",
        "ends_on": "2026-10-16",
        "team": [
            {"person_id": members[1].person_id, "role": "leader"},
            {"person_id": deputies[0].pk, "role": "deputy"},
        ],
    }
    bad = _post(
        client, "inspections", {**body, "team": [{"person_id": deputies[0].pk, "role": "member"}]}
    )
    assert bad.status_code == 400 and bad.json()["code"] == "not_sc_member"
    unknown = _post(
        client, "inspections", {**body, "team": [{"person_id": 999999, "role": "leader"}]}
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_reference"
    created = _post(client, "inspections", body)
    assert created.status_code == 201, created.content
    data = created.json()
    assert (
        data["plan_due_on"] == "2026-10-02" and data["team"] == 2 and data["status"] == "planning"
    )
    pk = data["id"]
    refused = _post(client, f"inspections/{pk}/start", {})
    assert refused.status_code == 409 and refused.json()["code"] == "inspection_plan_not_sent"
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 10, 9, 10)), tick=False):
        sent = _post(client, f"inspections/{pk}/plan-sent", {"on": "2026-10-09"})
        assert sent.status_code == 200 and sent.json()["plan_late"] is True
        assert _post(client, f"inspections/{pk}/start", {}).json()["status"] == "underway"
    assert _post(client, f"inspections/{pk}/findings", {}).status_code in (400, 422)
    found = _post(client, f"inspections/{pk}/findings", {"findings": "排污口整治不到位"})
    assert found.json() == {"id": pk, "status": "findings", "findings": "排污口整治不到位"}
    gov = Organization.objects.get(code="government")
    reported = _post(client, f"inspections/{pk}/report", {"body_id": gov.pk})
    assert reported.status_code == 201 and reported.json()["status"] == "reported"
    again = _post(client, f"inspections/{pk}/report", {"body_id": gov.pk})
    assert again.status_code == 409 and again.json()["code"] == "inspection_reported"
    assert (
        _post(client_for("leader"), f"inspections/{pk}/findings", {"findings": "x"}).status_code
        == 403
    )


def test_inquiry_and_judicial_writes_through_the_api(
    client_for, staff, members, court, court_president, sc_meeting
):
    session = services.inquiry_create(
        actor=staff,
        title="执行难专题询问",
        meeting=sc_meeting,
        respondents=[(court_president, court, "院长")],
    )
    client = client_for("staff")
    assert _post(client, f"inquiries/{session.pk}/questions", {}).status_code in (400, 422)
    q = _post(
        client,
        f"inquiries/{session.pk}/questions",
        {
            "asker_id": members[2].person_id,
            "respondent_person_id": court_president.pk,
            "question": "如何解决执行难？",
        },
    )
    assert q.status_code == 201 and q.json()["answered"] is False
    wrong = _post(
        client,
        f"inquiries/{session.pk}/questions",
        {
            "asker_id": members[2].person_id,
            "respondent_person_id": members[3].person_id,
            "question": "问",
        },
    )
    assert wrong.status_code == 422 and wrong.json()["field"] == "respondent_person_id"
    answered = _post(client, f"inquiry-questions/{q.json()['id']}/answer", {"answer": "三项措施。"})
    assert answered.status_code == 200 and answered.json()["answer"] == "三项措施。"
    detail = client.get(f"{API}/inquiries/{session.pk}").json()
    assert detail["questions"][0]["answer"] == "三项措施。"

    assert _post(client, "judicial", {}).status_code in (400, 422)
    gov = Organization.objects.get(code="government")
    bad = _post(client, "judicial", {"kind": "misconduct_lead", "body_id": gov.pk, "title": "线索"})
    assert bad.status_code == 400 and bad.json()["code"] == "body_not_judicial"
    lead = _post(
        client,
        "judicial",
        {
            "kind": "misconduct_lead",
            "body_id": court.pk,
            "title": "某法官违规线索",
            "received_on": "2026-09-28",
        },
    )
    assert lead.status_code == 201
    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 9, 28, 10)), tick=False):
        forwarded = _post(client, f"judicial/{lead.json()['id']}/forward", {})
    assert forwarded.status_code == 200 and forwarded.json()["feedback_due_on"] == "2026-12-28"
    assert _post(client, f"judicial/{lead.json()['id']}/forward", {}).status_code == 409
    major = _post(
        client, "judicial", {"kind": "major_case", "body_id": court.pk, "title": "重大案件专题报告"}
    ).json()
    assert _post(client, f"judicial/{major['id']}/decision", {}).status_code in (400, 422)
    decided = _post(client, f"judicial/{major['id']}/decision", {"decision": "依法公正审理。"})
    assert decided.status_code == 200 and decided.json()["decision"] == "依法公正审理。"
    refused = _post(client, f"judicial/{lead.json()['id']}/decision", {"decision": "x"})
    assert refused.status_code == 409 and refused.json()["code"] == "not_major_case"


def test_a_report_posted_without_its_title_is_refused_not_a_server_error(client_for, court):
    import json as _json

    response = client_for("staff").post(
        "/api/v1/supervision/reports",
        _json.dumps({"body_id": court.pk}),
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "field_required"
