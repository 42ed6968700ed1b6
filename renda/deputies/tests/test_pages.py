"""The office's pages of qualification matters and suspensions, and their API operations."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from renda.deputies import services
from renda.deputies.models import QualificationMatter, Suspension
from renda.people.models import Deputy
from renda.portal.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def absent_matter(session, deputies):
    d = deputies[5]
    session(dt.date(2023, 1, 9), absent=[d])
    session(dt.date(2024, 1, 8), leave=[d])
    session(dt.date(2025, 1, 6), absent=[d])
    return QualificationMatter.objects.get(deputy=d)


def test_matter_list_and_detail_show_the_evidence(
    client_for, absent_matter, django_assert_max_num_queries
):
    client = client_for("leader")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("deputies:matters")).content.decode()
    assert absent_matter.deputy.person.name in page and "待资格审查" in page
    page = client.get(reverse("deputies:matter_detail", args=[absent_matter.pk])).content.decode()
    assert page.count("data-session=") == 3
    assert "计入" in page and "同意" in page  # the leave decision's note
    assert 'id="report-form"' not in page  # the leader reads; the office acts


def test_list_queries_do_not_grow_with_rows(client_for, staff, deputies, django_assert_num_queries):
    client = client_for("staff")
    services.qualification_open(actor=staff, deputy=deputies[0], ground="moved_away", facts="x")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("deputies:matters"))
    for d, ground in ((deputies[1], "capacity"), (deputies[2], "nationality")):
        services.qualification_open(actor=staff, deputy=d, ground=ground, facts="x")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("deputies:matters"))


def test_report_refused_keeps_the_input_then_announce_publishes(
    client_for, absent_matter, django_capture_on_commit_callbacks
):
    client = client_for("staff")
    url = reverse("deputies:matter_act", args=[absent_matter.pk, "report"])
    response = client.post(url, {"report": "", "reported_on": "2025-01-20"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写资格审查委员会的报告" in page and 'value="2025-01-20"' in page
    response = client.post(url, {"report": "经审查属实。", "reported_on": "2020-01-01"})
    assert response.status_code == 400
    assert "报告日期不能早于事项提出日期" in response.content.decode()
    assert "经审查属实。" in response.content.decode()  # kept
    day = absent_matter.raised_on.isoformat()
    response = client.post(url, {"report": "经审查属实。", "reported_on": day})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("deputies:matter_act", args=[absent_matter.pk, "announce"]),
            {"announcement": "", "announced_on": day},
        )
    assert response.status_code == 302
    absent_matter.refresh_from_db()
    assert absent_matter.status == "announced"
    assert absent_matter.deputy.status == Deputy.Status.TERMINATED
    notice = NewsItem.objects.get(kind="notice")
    public = client_for(None).get(reverse("portal:news_detail", args=[notice.pk]))
    assert absent_matter.deputy.person.name in public.content.decode()


def test_unknown_step_and_other_roles_are_refused(client_for, absent_matter):
    url = reverse("deputies:matter_act", args=[absent_matter.pk, "delete"])
    assert client_for("staff").post(url, {}).status_code == 403
    url = reverse("deputies:matter_act", args=[absent_matter.pk, "dismiss"])
    assert client_for("leader").post(url, {"note": "x"}).status_code == 403
    absent_matter.refresh_from_db()
    assert absent_matter.status == "raised"


def test_office_raises_a_matter_and_keeps_input_on_error(client_for, deputies):
    client = client_for("staff")
    url = reverse("deputies:matter_create")
    page = client.get(url, {"deputy": deputies[1].pk}).content.decode()
    assert f'value="{deputies[1].pk}" selected' in page
    assert 'value="absences"' not in page  # the platform's ground, never typed
    response = client.post(url, {"deputy": deputies[1].pk, "ground": "", "facts": "已迁居外省。"})
    assert response.status_code == 400 and "已迁居外省。" in response.content.decode()
    response = client.post(
        url, {"deputy": deputies[1].pk, "ground": "moved_away", "facts": "已迁居外省。"}
    )
    matter = QualificationMatter.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{matter.pk}/")


def test_suspension_pages(client_for, deputies):
    client = client_for("staff")
    response = client.post(
        reverse("deputies:suspension_create"),
        {"deputy": deputies[2].pk, "ground": "detained", "facts": "被刑事拘留。",
         "starts_on": "2026-03-01", "ends_on": "2026-02-01"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert not Suspension.objects.exists()
    response = client.post(
        reverse("deputies:suspension_create"),
        {"deputy": deputies[2].pk, "ground": "detained", "facts": "被刑事拘留。",
         "starts_on": "2026-03-01"},
    )  # fmt: skip
    s = Suspension.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("deputies:suspension_detail", args=[s.pk])).content.decode()
    assert 'id="end-form"' in page and "暂停执行代表职务中" in page
    response = client.post(
        reverse("deputies:suspension_set_end", args=[s.pk]),
        {"ends_on": "2026-03-05", "end_basis": "释放证明"},
    )
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.status == "ended"
    assert Deputy.objects.get(pk=deputies[2].pk).status == Deputy.Status.ACTIVE
    assert "已恢复执行代表职务" in client.get(reverse("deputies:suspensions")).content.decode()


# -- API -----------------------------------------------------------------------------------


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_api_reads_the_evidence_and_takes_the_steps(
    client_for, absent_matter, django_capture_on_commit_callbacks
):
    client = client_for("staff")
    client.handler.enforce_csrf_checks = False
    body = client.get("/api/v1/qualification-matters?status=raised").json()
    assert body["count"] == 1 and body["items"][0]["ground"] == "absences"
    detail = client.get(f"/api/v1/qualification-matters/{absent_matter.pk}").json()
    assert detail["absences_counted"] == 2 and detail["limit"] == 2
    assert [s["counts"] for s in detail["sessions"]] == [True, False, True]
    url = f"/api/v1/qualification-matters/{absent_matter.pk}"
    response = _post(client, url + "/announce", {})
    assert response.status_code == 409 and response.json()["code"] == "status_not_allowed"
    assert _post(client, url + "/report", {"report": "属实"}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, url + "/announce", {"announcement": "特此公告。"})
    assert response.status_code == 200 and response.json()["status"] == "announced"
    notice = NewsItem.objects.get(kind="notice")
    assert client.get(url).json()["notice_id"] == notice.pk
    assert client_for(None).get(url).status_code == 401
    assert client_for("deputy").get(url).status_code == 403


def test_api_office_grounds_and_suspensions(client_for, deputies):
    client = client_for("staff")
    client.handler.enforce_csrf_checks = False
    response = _post(
        client,
        "/api/v1/qualification-matters",
        {"deputy_id": deputies[1].pk, "ground": "absences", "facts": "x"},
    )
    assert response.status_code == 422
    response = _post(
        client,
        "/api/v1/qualification-matters",
        {"deputy_id": deputies[1].pk, "ground": "capacity", "facts": "经鉴定丧失行为能力。"},
    )
    assert response.status_code == 201
    response = _post(
        client,
        "/api/v1/suspensions",
        {"deputy_id": deputies[3].pk, "ground": "sentence", "facts": "判处有期徒刑一年。"},
    )
    assert response.status_code == 201
    sid = response.json()["id"]
    response = _post(
        client, f"/api/v1/suspensions/{sid}/end", {"ends_on": "2099-01-01", "end_basis": "刑满"}
    )
    assert response.status_code == 200 and response.json()["status"] == "active"
    assert client.get(f"/api/v1/suspensions/{sid}").json()["ends_on"] == "2099-01-01"
    response = _post(
        client, "/api/v1/suspensions", {"deputy_id": 999999, "ground": "other", "facts": "x"}
    )
    assert response.status_code == 400 and response.json()["code"] == "unknown_reference"
