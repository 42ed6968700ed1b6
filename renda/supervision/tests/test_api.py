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
    assert (row["satisfied"], row["dissatisfied"], row["base"], row["sealed_result"]) == (5, 2, 7, "satisfied")
    opinion = client.get(f"{API}/opinions/{scenario['opinion'].pk}").json()
    assert opinion["rounds"][0]["case_status"] == "replied" and opinion["body_name"] == "清河市中级人民法院"
    report = client.get(f"{API}/reports/{scenario['report'].pk}").json()
    assert [m["step"] for m in report["milestones"]] == ["draft_to_committee", "revised_to_sc", "to_members"]


def test_unit_officer_sees_only_its_opinions(client_for, scenario):
    client = client_for("unit_officer")  # the education bureau
    assert client.get(f"{API}/opinions").json()["count"] == 0
    assert client.get(f"{API}/opinions/{scenario['opinion'].pk}").status_code == 404


def test_lists_have_pinned_queries(client_for, scenario, staff, court, members, sc_meeting, court_president,
                                   django_assert_num_queries):
    for i in range(3):
        services.report_create(actor=staff, title=f"报告{i}", body=court)
        services.inquiry_create(actor=staff, title=f"询问{i}", meeting=sc_meeting,
                                respondents=[(court_president, court, "院长")])
    client = client_for("staff")
    for path, n in (("plans", 4), ("reports", 4), ("opinions", 4), ("evaluations", 4), ("inquiries", 4)):
        client.get(f"{API}/{path}")
        with django_assert_num_queries(n):
            assert client.get(f"{API}/{path}").status_code == 200, path


def test_writes_through_the_api(client_for, scenario, staff, members, court, later_meeting):
    client = client_for("staff")
    created = client.post(f"{API}/plans", {"year": 2027}, content_type="application/json")
    assert created.status_code == 201 and created.json()["items"] == 7
    plan_id = created.json()["id"]
    bad = client.post(f"{API}/plans/{plan_id}/items", {"kind": "special_report", "title": "无对象"},
                      content_type="application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "supervised_body_required"
    ok = client.post(f"{API}/plans/{plan_id}/items",
                     {"kind": "research", "title": "专题调研", "source": "suggestions",
                      "source_type": "suggestions.suggestion", "source_id": "3"}, content_type="application/json")
    assert ok.status_code == 201
    adopted = client_for("leader").post(f"{API}/plans/{plan_id}/adopt", {"party_consent": True},
                                        content_type="application/json")
    assert adopted.status_code == 200 and adopted.json()["status"] == "adopted"
    people = [u.person_id for u in members]
    client = client_for("member")
    refused = client.post(f"{API}/interpellations", {"title": "质询", "text": "内容", "body_id": court.pk,
                                                     "signer_ids": people[:4]}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "too_few_signers"
    accepted = client.post(f"{API}/interpellations", {"title": "质询", "text": "内容", "body_id": court.pk,
                                                      "signer_ids": people[:5]}, content_type="application/json")
    assert accepted.status_code == 201 and Interpellation.objects.count() == 1


def test_report_opinion_send_and_evaluation_via_api(client_for, staff, court, members, sc_meeting,
                                                    court_president, jurisdiction):
    import time_machine

    from .conftest import at

    report = services.report_create(actor=staff, title="法院报告", body=court)
    client = client_for("staff")
    scheduled = client.post(f"{API}/reports/{report.pk}/schedule",
                            {"meeting_id": sc_meeting.pk, "reporter_id": court_president.pk},
                            content_type="application/json")
    assert scheduled.status_code == 200 and scheduled.json()["status"] == "scheduled"
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        services.report_deliberate(actor=staff, report=report)
        created = client.post(f"{API}/reports/{report.pk}/opinions", {"text": "意见"},
                              content_type="application/json")
        assert created.status_code == 201 and created.json()["send_due_on"] == "2026-07-05"
        sent = client.post(f"{API}/opinions/{created.json()['id']}/send")
    assert sent.status_code == 200 and sent.json()["due_on"] == "2026-09-25"
    early = client.post(f"{API}/opinions/{created.json()['id']}/evaluation")
    assert early.status_code == 409
    assert Organization.objects.get(code="court").supervision_opinions.count() == 1
