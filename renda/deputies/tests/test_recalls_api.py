"""The recall API (§2.11): the same steps as the pages, refusals as 4xx with a stable code
(never a 500), the reads private to the office and the leaders."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from renda.core.models import AuditEvent
from renda.people.models import Deputy, Jurisdiction

pytestmark = pytest.mark.django_db

API = "/api/v1"


def post(client, url, body):
    return client.post(API + url, data=json.dumps(body), content_type="application/json")


def test_a_county_recall_through_the_api(client_for, deputies):
    Jurisdiction.objects.update(level=Jurisdiction.Level.COUNTY)
    client = client_for("staff")
    today = timezone.localdate().isoformat()
    body = {
        "deputy_id": deputies[1].pk, "filed_on": today, "proposer": "原选区选民王某等49人",
        "reasons": "该代表长期不履行代表职责。", "petitioners": 49,
    }  # fmt: skip
    few = post(client, "/recalls", body)
    assert few.status_code == 400 and few.json()["code"] == "petition_too_few"
    assert few.json()["field"] == "petitioners" and few.json()["message_en"]
    missing = post(client, "/recalls", {k: v for k, v in body.items() if k != "petitioners"})
    assert missing.status_code == 400 and missing.json()["code"] == "field_required"
    for bad in ({**body, "petitioners": -1}, {**body, "filed_on": "not-a-date"}, {**body, "x": 1}):
        refused = post(client, "/recalls", bad)
        assert 400 <= refused.status_code < 500 and refused.json()["code"]
    created = post(client, "/recalls", {**body, "petitioners": 50})
    assert created.status_code == 201 and created.json()["status"] == "petitioned"
    rid = created.json()["id"]

    decision = post(client, f"/recalls/{rid}/decision", {"recalled": True, "decided_on": today, "document": "x"})  # fmt: skip
    assert decision.status_code == 409 and decision.json()["code"]
    sent = post(client, f"/recalls/{rid}/distribute", {"distributed_on": today, "defence": "申辩"})
    assert sent.status_code == 200 and sent.json()["status"] == "distributed"
    vote = {"voted_on": today, "electorate": 1000, "votes_for": 480, "votes_against": 100,
            "votes_other": 500}  # fmt: skip
    over = post(client, f"/recalls/{rid}/record-vote", vote)
    assert over.status_code == 400 and over.json()["code"] == "votes_exceed_electorate"
    vote["votes_other"] = 20
    done = post(client, f"/recalls/{rid}/record-vote", vote)
    assert done.status_code == 200 and done.json()["status"] == "not_recalled"  # 480 ≤ 500
    row = client.get(f"{API}/recalls/{rid}").json()
    assert (row["route"], row["electorate"], row["votes_for"], row["defence"]) == ("voters", 1000, 480, "申辩")  # fmt: skip
    assert Deputy.objects.get(pk=deputies[1].pk).status == Deputy.Status.ACTIVE
    assert client.get(f"{API}/recalls").json()["count"] == 1
    assert client.get(f"{API}/recalls/999999").status_code == 404
    assert AuditEvent.objects.filter(action__startswith="deputies.recall.").count() == 3


def test_a_city_recall_through_the_api_ends_the_mandate(client_for, deputies):
    client = client_for("staff")
    today = timezone.localdate().isoformat()
    created = post(client, "/recalls", {
        "deputy_id": deputies[2].pk, "filed_on": today, "proposer": "清河区人民代表大会主席团",
        "reasons": "严重违法。",
    })  # fmt: skip
    assert created.status_code == 201 and created.json()["status"] == "filed"
    rid = created.json()["id"]
    wrong = post(client, f"/recalls/{rid}/distribute", {"distributed_on": today})
    assert wrong.status_code == 409
    done = post(client, f"/recalls/{rid}/decision", {"recalled": True, "decided_on": today, "document": "清河区人大常委会决定"})  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "recalled"
    assert Deputy.objects.get(pk=deputies[2].pk).status == Deputy.Status.RECALLED
    again = post(client, f"/recalls/{rid}/withdraw", {"reason": "撤回"})
    assert again.status_code == 409 and again.json()["code"] == "status_not_allowed"
    assert client_for("deputy").get(f"{API}/recalls").status_code == 403
    assert client_for("leader").get(f"{API}/recalls/{rid}").status_code == 200
    assert (
        post(client_for("leader"), f"/recalls/{rid}/withdraw", {"reason": "x"}).status_code == 403
    )
