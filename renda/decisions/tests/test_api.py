"""The decisions API: public reads, private matters, the government's writes, pinned query counts."""

from __future__ import annotations

import json

import pytest

from renda.decisions import services as S
from renda.decisions.models import AnnualList, Decision, Matter

pytestmark = pytest.mark.django_db


def call(client, method, path, data=None):
    if method == "get":
        response = client.get(f"/api/v1{path}")
    else:
        response = client.post(
            f"/api/v1{path}", json.dumps(data or {}), content_type="application/json"
        )
    return response.status_code, response.json()


def test_government_proposes_through_the_api_and_staff_comment(client, users, gov, categories):
    client.force_login(gov)
    status, body = call(client, "post", "/decisions/lists", {"year": 2027})
    assert status == 201 and body["status"] == "draft" and body["due_on"] == "2026-12-31"
    list_id = body["id"]
    status, body = call(
        client,
        "post",
        f"/decisions/lists/{list_id}/items",
        {"category": "plans-budgets", "title": "关于预算调整的议案", "planned_quarter": 2},
    )
    assert status == 201 and body["order"] == 1
    status, body = call(
        client,
        "post",
        f"/decisions/lists/{list_id}/items",
        {"category": "no-such", "title": "x", "planned_quarter": 2},
    )
    assert status == 422 and body["code"] == "unknown_reference"
    status, body = call(
        client,
        "post",
        f"/decisions/lists/{list_id}/items",
        {"category": "plans-budgets", "title": "x", "planned_quarter": 7},
    )
    assert status == 400 and body["code"] == "quarter_invalid"
    status, body = call(client, "post", f"/decisions/lists/{list_id}/submit")
    assert status == 200 and body["status"] == "commenting"
    client.force_login(users["staff"])
    item_id = AnnualList.objects.get(pk=list_id).items.get().pk
    status, body = call(
        client,
        "post",
        f"/decisions/lists/{list_id}/comments",
        {"text": "建议提前。", "item_id": item_id},
    )
    assert status == 201 and body["round"] == 1 and body["body_name"]
    status, body = call(client, "post", f"/decisions/lists/{list_id}/adopt", {})
    assert status == 403
    client.force_login(users["leader"])
    status, body = call(client, "post", f"/decisions/lists/{list_id}/adopt", {})
    assert status == 409 and body["code"] == "status_not_allowed"


def test_public_sees_published_lists_and_decisions_only(
    client, users, gov, published_list, categories
):
    lst = published_list()
    draft = S.annual_list_create(actor=gov, year=2027)
    status, body = call(client, "get", "/decisions/lists")
    assert status == 200 and [row["id"] for row in body["items"]] == [lst.pk]
    assert call(client, "get", f"/decisions/lists/{draft.pk}")[0] == 404
    status, body = call(client, "get", f"/decisions/lists/{lst.pk}")
    assert [i["planned_quarter"] for i in body["items"]] == [3, 2] and body[
        "consent_reference"
    ] == "清委〔2026〕1号"
    assert call(client, "get", "/decisions/matters")[0] == 401
    client.force_login(users["deputy"])
    assert call(client, "get", "/decisions/matters")[0] == 403
    client.force_login(gov)
    status, body = call(client, "get", "/decisions/matters")
    assert status == 200 and body["count"] == 2
    matter = Matter.objects.get(kind="decision")
    status, body = call(client, "get", f"/decisions/matters/{matter.pk}")
    assert status == 200 and body["category"] == "plans-budgets" and body["decisions"] == []


def test_revocation_motion_registered_through_the_api(client, users, government, categories):
    client.force_login(users["staff"])
    status, body = call(
        client,
        "post",
        "/decisions/matters",
        {
            "category": "major-policies",
            "kind": "revocation",
            "title": "关于撤销某决定的议案",
            "proposing_body_id": government.pk,
            "revoked_title": "某决定",
            "grounds": "未经法定程序。",
        },
    )
    assert status == 201 and body["status"] == "registered"
    status, body = call(
        client,
        "post",
        "/decisions/matters",
        {
            "category": "major-policies",
            "kind": "revocation",
            "title": "缺少理由",
            "proposing_body_id": government.pk,
            "revoked_title": "某决定",
        },
    )
    assert status == 400 and body["field"] == "grounds"
    assert Matter.objects.count() == 1


def test_api_lists_have_pinned_query_counts(
    client, users, categories, government, published_list, django_assert_num_queries
):
    staff = users["staff"]
    for i in range(3):
        S.matter_create(
            actor=staff,
            category=categories["major-policies"],
            kind="decision",
            title=f"事项{i}",
            proposing_body=government,
        )
    client.force_login(staff)
    with django_assert_num_queries(4):
        assert call(client, "get", "/decisions/matters")[1]["count"] == 3
    for i in range(3, 9):
        S.matter_create(
            actor=staff,
            category=categories["major-policies"],
            kind="decision",
            title=f"事项{i}",
            proposing_body=government,
        )
    with django_assert_num_queries(4):
        assert call(client, "get", "/decisions/matters")[1]["count"] == 9
    published_list(year=2025)
    published_list(year=2026)
    client.logout()
    with django_assert_num_queries(2):
        assert call(client, "get", "/decisions/lists")[1]["count"] == 2
    matters = list(Matter.objects.order_by("id")[:3])
    for m in matters:
        Decision.objects.create(
            matter=m, kind="decision", title=m.title, text="正文", status="published"
        )
    with django_assert_num_queries(2):
        assert call(client, "get", "/decisions/decisions")[1]["count"] == 3


def test_consent_adoption_publication_and_scheduling_through_the_api(
    client, users, gov, categories, sc_meeting
):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    lst = S.annual_list_create(actor=gov, year=2027)
    S.list_item_add(
        actor=gov,
        annual_list=lst,
        category=categories["plans-budgets"],
        title="关于预算调整的议案",
        planned_quarter=2,
    )
    S.annual_list_submit(actor=gov, annual_list=lst)
    S.annual_list_close_comments(actor=users["staff"], annual_list=lst)
    S.annual_list_submit(actor=gov, annual_list=lst)
    client.force_login(users["staff"])
    status, body = call(client, "post", f"/decisions/lists/{lst.pk}/consent", {})
    assert status == 422
    status, body = call(
        client,
        "post",
        f"/decisions/lists/{lst.pk}/consent",
        {"consented_on": (dt.date.today() + dt.timedelta(days=1)).isoformat()},
    )
    assert status == 400 and body["code"] == "date_in_future"
    status, body = call(
        client,
        "post",
        f"/decisions/lists/{lst.pk}/consent",
        {"consented_on": today.isoformat(), "reference": "清委〔2026〕9号"},
    )
    assert status == 200 and body == {
        "id": lst.pk,
        "status": "consented",
        "consented_on": today.isoformat(),
        "consent_reference": "清委〔2026〕9号",
    }
    status, body = call(client, "post", f"/decisions/lists/{lst.pk}/publish")
    assert status == 409 and body["code"] == "status_not_allowed"
    client.force_login(users["leader"])
    status, body = call(client, "post", f"/decisions/lists/{lst.pk}/adopt", {})
    assert status == 200 and body["status"] == "adopted"
    assert call(client, "post", f"/decisions/lists/{lst.pk}/publish")[0] == 403
    client.force_login(users["staff"])
    status, body = call(client, "post", f"/decisions/lists/{lst.pk}/publish")
    assert status == 200 and body["status"] == "published" and body["matters"] == 1
    matter = Matter.objects.get(annual_list=lst)
    status, body = call(
        client, "post", f"/decisions/matters/{matter.pk}/schedule", {"meeting_id": 999999}
    )
    assert status == 422 and body["code"] == "unknown_reference"
    status, body = call(
        client, "post", f"/decisions/matters/{matter.pk}/schedule", {"meeting_id": sc_meeting.pk}
    )
    assert status == 200 and body["status"] == "scheduled" and body["meeting_id"] == sc_meeting.pk
    matter.refresh_from_db()
    assert matter.agenda_item_id == body["agenda_item_id"]
    status, body = call(
        client, "post", f"/decisions/matters/{matter.pk}/schedule", {"meeting_id": sc_meeting.pk}
    )
    assert status == 409 and body["code"] == "status_not_allowed"
    client.force_login(gov)
    assert (
        call(
            client,
            "post",
            f"/decisions/matters/{matter.pk}/schedule",
            {"meeting_id": sc_meeting.pk},
        )[0]
        == 403
    )
