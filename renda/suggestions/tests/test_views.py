"""Suggestion pages through the test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def test_deputy_writes_and_submits_a_draft(client_for, deputy):
    client = client_for("deputy")
    response = client.post(
        reverse("suggestions:create"),
        {"title": "关于优化公交线路的建议", "content": "建议增加班次。", "category": "transport"},
    )
    s = Suggestion.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "suggestions:detail", args=[s.pk]
    )
    assert "提交" in client.get(response["Location"]).content.decode()
    client.post(reverse("suggestions:submit", args=[s.pk]))
    s.refresh_from_db()
    assert s.status == "submitted" and s.number


def test_form_errors_keep_the_input(client_for, deputy):
    response = client_for("deputy").post(
        reverse("suggestions:create"), {"title": "", "content": "内容保留", "category": "transport"}
    )
    assert response.status_code == 200 and "内容保留" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_staff_screen_and_assign_with_the_proposal(client_for, make_suggestion, units):
    s = make_suggestion()
    client = client_for("staff")
    client.post(reverse("suggestions:screen", args=[s.pk]), {"decision": "accept"})
    page = client.get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert "交办" in page and "暂无可参考的交办记录" in page
    client.post(reverse("suggestions:assign", args=[s.pk]), {"lead": units["education"].pk})
    s.refresh_from_db()
    assert s.status == "assigned" and s.case.assignments.get().unit == units["education"]
    other = make_suggestion(status="accepted")
    page = client.get(reverse("suggestions:detail", args=[other.pk])).content.decode()
    assert "系统建议" in page and units["education"].name in page


def test_list_query_count_does_not_grow_and_search_works(client_for, make_suggestion):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("staff")

    def count() -> int:
        client.get(reverse("suggestions:list"))  # warm the session and the navigation
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("suggestions:list"))
        return len(ctx.captured_queries)

    make_suggestion()
    few = count()
    for _i in range(5):
        make_suggestion()
    # One query for the rows whatever their number: no N+1 (the shell's own queries belong to core).
    assert count() == few
    make_suggestion(title="关于治理学校周边交通拥堵的建议")
    page = client.get(reverse("suggestions:list"), {"q": "交通拥堵"}).content.decode()
    assert "学校周边交通拥堵" in page and "乡村教师" not in page
