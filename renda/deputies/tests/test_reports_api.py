"""The plan and reports-to-voters API: the office's writes, the public reads (published plans
only, reports with their evaluation), the coverage to the office alone."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from renda.core.models import AuditEvent
from renda.deputies import services
from renda.deputies.models import VoterReport, WorkPlan
from renda.meetings import services as meetings

pytestmark = pytest.mark.django_db

API = "/api/v1"


def post(client, url, body=None):
    return client.post(API + url, data=json.dumps(body or {}), content_type="application/json")


def _today() -> dt.date:
    return timezone.localdate()


def test_a_plan_through_the_api_is_public_only_once_published(client_for, staff, term):
    client = client_for("staff")
    created = post(
        client, "/work-plans", {"year": 2027, "title": "2027年度代表工作计划", "body": "正文"}
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    dup = post(client, "/work-plans", {"year": 2027, "title": "重复", "body": "正文"})
    assert dup.status_code == 409 and dup.json()["code"] == "plan_exists"
    assert client.get(f"{API}/work-plans", {"all": "true"}).json()["count"] == 1
    assert client.get(f"{API}/work-plans/{pk}").json()["body"] == "正文"
    public = client_for(None)  # the one test client, signed out
    assert public.get(f"{API}/work-plans").json()["count"] == 0
    assert public.get(f"{API}/work-plans", {"all": "true"}).json()["count"] == 0
    assert public.get(f"{API}/work-plans/{pk}").status_code == 404
    client = client_for("staff")
    assert post(client, f"/work-plans/{pk}/update", {"title": "2027年度代表工作计划", "body": "修改"}).status_code == 200  # fmt: skip
    council = meetings.meeting_schedule(actor=staff, kind="chairpersons_council", term=term, starts_on=_today())  # fmt: skip
    bad = post(client, f"/work-plans/{pk}/adopt", {"adopted_on": (_today() - dt.timedelta(days=1)).isoformat(), "meeting_id": council.pk})  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == "date_mismatch"
    missing = post(client, f"/work-plans/{pk}/adopt", {"adopted_on": _today().isoformat(), "meeting_id": 999999})  # fmt: skip
    assert missing.status_code == 400 and missing.json()["field"] == "meeting_id"
    assert WorkPlan.objects.get().status == "draft"
    adopted = post(client, f"/work-plans/{pk}/adopt", {"adopted_on": _today().isoformat(), "meeting_id": council.pk})  # fmt: skip
    assert adopted.status_code == 200 and adopted.json()["status"] == "adopted"
    assert (
        post(client, f"/work-plans/{pk}/update", {"title": "改", "body": "改"}).status_code == 409
    )
    assert post(client, f"/work-plans/{pk}/publish").json()["status"] == "published"
    public = client_for(None)
    listed = public.get(f"{API}/work-plans").json()
    assert [p["year"] for p in listed["items"]] == [2027]
    assert public.get(f"{API}/work-plans/{pk}").json()["body"] == "修改"
    assert AuditEvent.objects.filter(action__startswith="deputies.plan.").count() == 4


def test_reports_through_the_api(client_for, staff, deputies):
    client = client_for("staff")
    me = deputies[0]
    body = {
        "deputy_id": me.pk,
        "unit": "第三选区",
        "held_on": _today().isoformat(),
        "place": "联络站",
    }
    created = post(client, "/voter-reports", body)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    unknown = post(client, "/voter-reports", {**body, "deputy_id": 999999})
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_reference"
    assert VoterReport.objects.count() == 1
    over = post(client, f"/voter-reports/{pk}/record", {"text": "报告", "attendance": 5, "satisfied": 6})  # fmt: skip
    assert over.status_code == 400 and over.json()["code"] == "rated_exceeds_attendance"
    assert "参加人数" in over.json()["message"]
    done = post(client, f"/voter-reports/{pk}/record", {"text": "一年来……", "attendance": 50, "satisfied": 40, "basically": 5, "unsatisfied": 5})  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "held"
    public = client_for(None)
    row = public.get(f"{API}/voter-reports", {"deputy_id": me.pk}).json()["items"][0]
    assert (row["deputy_name"], row["attendance"], row["satisfaction"]) == (me.person.name, 50, 90)
    assert public.get(f"{API}/voter-reports/{pk}").json()["report"] == "一年来……"
    assert public.get(f"{API}/voter-report-coverage").status_code in (401, 403)
    client = client_for("staff")
    coverage = client.get(f"{API}/voter-report-coverage", {"short": "true"}).json()
    assert coverage["required"] == 1 and me.pk not in [r["deputy_id"] for r in coverage["items"]]
    assert deputies[1].pk in [r["deputy_id"] for r in coverage["items"]]
    later = services.report_plan(actor=staff, deputy=deputies[1], unit="第五选区", held_on=_today() + dt.timedelta(days=3), place="社区")  # fmt: skip
    early = post(client, f"/voter-reports/{later.pk}/record", {"text": "x", "attendance": 1})
    assert early.status_code == 409 and early.json()["code"] == "not_yet"
    assert (
        post(client, f"/voter-reports/{later.pk}/cancel", {"reason": "改期"}).json()["status"]
        == "cancelled"
    )
    cancelled = public.get(f"{API}/voter-reports/{later.pk}").json()
    assert (cancelled["status"], cancelled["closing_note"], cancelled["report"]) == (
        "cancelled",
        "改期",
        "",
    )


def test_a_deputy_cannot_write_plans_or_reports(client_for, deputies):
    client = client_for("deputy")
    assert (
        post(client, "/work-plans", {"year": 2027, "title": "计划", "body": "正文"}).status_code
        == 403
    )
    body = {
        "deputy_id": deputies[0].pk,
        "unit": "选区",
        "held_on": _today().isoformat(),
        "place": "社区",
    }
    assert post(client, "/voter-reports", body).status_code == 403
    assert not WorkPlan.objects.exists() and not VoterReport.objects.exists()
