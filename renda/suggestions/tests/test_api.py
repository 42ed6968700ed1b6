"""The suggestions API: public reads, a deputy's draft and submission, the public figures."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def _get(client, path, **params):
    response = client.get(f"/api/v1{path}", params or None)
    return response.status_code, response.json()


def _post(client, path, data):
    response = client.post(f"/api/v1{path}", json.dumps(data), content_type="application/json")
    return response.status_code, response.json()


def test_anonymous_sees_published_only(client, handled, make_suggestion):
    published = handled(result="A")
    withheld = handled(result="B", publishable=False)
    submitted = make_suggestion()
    status, body = _get(client, "/suggestions")
    assert status == 200 and [i["id"] for i in body["items"]] == [published.pk]
    status, body = _get(client, f"/suggestions/{published.pk}")
    assert (
        status == 200
        and body["reply"]["result_class"] == "A"
        and body["reply"]["text"] == "经研究，已经落实。"
    )
    for hidden in (withheld, submitted):
        assert _get(client, f"/suggestions/{hidden.pk}")[0] == 404


def test_staff_see_more_and_withheld_replies_stay_off_public(client_for, handled, make_suggestion):
    withheld = handled(result="B", publishable=False)
    make_suggestion()
    client = client_for("staff")
    status, body = _get(client, "/suggestions")
    assert status == 200 and body["count"] == 2
    status, body = _get(client, f"/suggestions/{withheld.pk}")
    assert status == 200 and body["reply"]["result_class"] == "B"


def test_statistics_are_public(client, handled):
    handled(result="A", rating="satisfied")
    handled(unit="transport")
    status, body = _get(client, "/suggestions/statistics")
    assert status == 200
    assert body["totals"]["total"] == 2 and body["totals"]["reply_rate"] == 50.0
    assert body["totals"]["satisfaction_rate"] == 100.0 and body["totals"]["solved_rate"] == 100.0
    assert body["sessions"][0]["label"] == "第17届闭会期间"


def test_deputy_creates_and_submits_a_draft(client_for, deputy, session):
    client = client_for("deputy")
    status, body = _post(
        client,
        "/suggestions",
        {
            "title": "关于优化公交线路的建议",
            "content": "建议增加班次。",
            "category": "transport",
            "session_id": session.pk,
        },
    )
    assert status == 201 and body["status"] == "draft" and body["channel"] == "session"
    status, body = _post(client, f"/suggestions/{body['id']}/submit", {})
    assert status == 200 and body["status"] == "submitted" and body["number"].endswith("第001号")
    status, again = _post(client, f"/suggestions/{body['id']}/submit", {})
    assert status == 409 and again["code"] == "status_not_allowed"


def test_bad_input_is_refused_without_writing(client_for, deputy):
    client = client_for("deputy")
    status, body = _post(client, "/suggestions", {"title": "t", "content": "c", "category": "nope"})
    assert status == 422
    status, body = _post(
        client, "/suggestions", {"title": "t", "content": "c", "session_id": 999999}
    )
    assert status == 422 and body["field"] == "session_id"
    status, body = _post(client, "/suggestions", {"title": " ", "content": "c"})
    assert status == 400 and body["code"] == "field_required"
    assert not Suggestion.objects.exists()
    assert _post(client_for("staff"), "/suggestions", {"title": "t", "content": "c"})[0] == 403


def test_list_query_count_is_pinned(client, handled):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/suggestions").status_code == 200
        return len(ctx.captured_queries)

    handled(result="A")
    few = count()
    for cls in ("A", "B", "C"):
        handled(result=cls, unit="finance")
    assert count() == few
