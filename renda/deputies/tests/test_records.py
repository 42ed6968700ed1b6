"""Duty-record pages, exports and API: who may read which record, the figures, the files."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.deputies import services
from renda.deputies.models import DutyActivity
from renda.filings.tests.conftest import docx_upload
from renda.people.models import Membership, Organization, Person, Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegation(deputies, users, term):
    """A delegation of the first four deputies; the leader's person heads it (as a deputy)."""
    from renda.accounts.models import Role, User
    from renda.people.models import Deputy

    org = Organization.objects.create(code="del-lake", name="湖滨代表团", kind="delegation")
    for d in deputies[:4]:
        Membership.objects.create(
            person=d.person, organization=org, term=term, start_date=term.start_date
        )
    head = Person.objects.create(name="团长甲", gender="male")
    Deputy.objects.create(person=head, term=term)
    Membership.objects.create(
        person=head, organization=org, term=term, role=Post.Role.HEAD, start_date=term.start_date
    )
    user = User.objects.create_user("t-head", role=Role.DEPUTY, person=head)
    return org, user


@pytest.fixture
def history(session, deputies, staff):
    d = deputies[0]
    session(dt.date(2025, 1, 6), absent=[d])
    session(dt.date(2026, 1, 12), leave=[d])
    services.activity_add(
        actor=staff, deputy=d, kind="group", held_on=dt.date(2026, 3, 1), title="小组视察"
    )
    return d


def test_a_deputy_reads_their_own_record_and_no_one_elses(client_for, history, deputies):
    client = client_for("deputy")
    response = client.get(reverse("deputies:my_record"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "我的履职档案" in page
    assert 'data-figure="sessions_absent"><div class="num">1<' in page
    assert 'data-figure="sessions_on_leave"><div class="num">1<' in page
    assert 'data-figure="activities"><div class="num">1<' in page
    page = client.get(reverse("deputies:record", args=[history.pk]) + "?year=2026").content.decode()
    assert 'data-figure="sessions_absent"><div class="num">0<' in page
    assert client.get(reverse("deputies:record", args=[deputies[1].pk])).status_code == 404
    assert (
        client_for("member").get(reverse("deputies:record", args=[history.pk])).status_code == 404
    )


def test_a_delegation_head_reads_their_delegations_records(client, delegation, deputies):
    org, head = delegation
    client.force_login(head)
    assert client.get(reverse("deputies:record", args=[deputies[1].pk])).status_code == 200
    assert client.get(reverse("deputies:record", args=[deputies[5].pk])).status_code == 404
    page = client.get(reverse("deputies:records")).content.decode()
    assert "湖滨代表团" in page and deputies[1].person.name in page
    assert deputies[5].person.name not in page


def test_records_list_queries_stay_flat_and_the_export_opens(
    client_for, history, delegation, deputies
):
    from openpyxl import load_workbook

    org, _head = delegation
    client = client_for("staff")
    url = reverse("deputies:records") + f"?delegation={org.pk}"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    Membership.objects.create(
        person=deputies[4].person,
        organization=org,
        term=history.term,
        start_date=history.term.start_date,
    )
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more.captured_queries) == len(few.captured_queries)
    response = client.get(reverse("deputies:records_xlsx") + f"?delegation={org.pk}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in sheet[1]]
    row = rows[history.person.name]
    assert row[header.index("缺席")] == 1 and row[header.index("请假")] == 1
    assert row[header.index("其他履职活动")] == 1
    assert len(rows) == 6  # four members, the head, the one added


def test_printable_record(client_for, history):
    from docx import Document

    response = client_for("staff").get(reverse("deputies:record_docx", args=[history.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{history.person.name}代表履职档案" in text
    figures = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows[1:]}
    assert figures["缺席"] == "1" and figures["其他履职活动"] == "1"
    meetings = [r.cells[3].text for r in doc.tables[1].rows[1:]]
    assert meetings == ["缺席", "请假"]


def test_activity_from_the_page_keeps_input_and_file_then_the_office_reviews(client_for, deputies):
    client = client_for("deputy")
    url = reverse("deputies:activity_add", args=[deputies[0].pk])
    evidence = docx_upload("走访记录", name="走访记录.docx")
    response = client.post(
        url,
        {"kind": "visit", "held_on": "2099-01-01", "title": "走访湖滨社区", "evidence": evidence},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "活动日期不能晚于今天" in page and "走访湖滨社区" in page and "走访记录.docx" in page
    token = page.split('-kept" value="')[1].split('"')[0]
    response = client.post(
        url,
        {"kind": "visit", "held_on": "2026-03-02", "title": "走访湖滨社区", "evidence-kept": token},
    )
    assert response.status_code == 302
    activity = DutyActivity.objects.get()
    assert activity.status == "submitted" and activity.evidence_name == "走访记录.docx"
    office = client_for("staff")
    assert "走访湖滨社区" in office.get(reverse("deputies:activities")).content.decode()
    response = office.post(
        reverse("deputies:activity_review", args=[activity.pk, "reject"]),
        {"note": "", "next": "queue"},
    )
    activity.refresh_from_db()
    assert response.status_code == 302 and activity.status == "submitted"  # a reason is needed
    office.post(reverse("deputies:activity_review", args=[activity.pk, "accept"]), {"note": "属实"})
    activity.refresh_from_db()
    assert activity.status == "accepted"
    download = client_for("deputy").get(
        reverse(
            "files_download",
            kwargs={"label": "deputies.dutyactivity", "pk": activity.pk, "field": "evidence"},
        )
    )
    assert download.status_code == 200
    other = client_for("member").get(
        reverse(
            "files_download",
            kwargs={"label": "deputies.dutyactivity", "pk": activity.pk, "field": "evidence"},
        )
    )
    assert other.status_code == 404


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_api_record_matches_the_page_and_takes_activities(client_for, history, deputies):
    client = client_for("deputy")
    client.handler.enforce_csrf_checks = False
    body = client.get(f"/api/v1/duty-records/{history.pk}").json()
    assert body["figures"]["sessions_absent"] == 1 and body["figures"]["activities"] == 1
    assert [m["outcome"] for m in body["meetings"]] == ["absent", "on_leave"]
    assert client.get(f"/api/v1/duty-records/{deputies[1].pk}").status_code == 404
    response = _post(
        client, "/api/v1/duty-activities",
        {"deputy_id": history.pk, "kind": "reception", "held_on": "2026-04-01", "title": "接待日"},
    )  # fmt: skip
    assert response.status_code == 201 and response.json()["status"] == "submitted"
    aid = response.json()["id"]
    assert _post(client, f"/api/v1/duty-activities/{aid}/accept", {}).status_code == 403
    staff = client_for("staff")
    staff.handler.enforce_csrf_checks = False
    assert _post(staff, f"/api/v1/duty-activities/{aid}/reject", {}).status_code == 400
    assert _post(staff, f"/api/v1/duty-activities/{aid}/accept", {"note": "好"}).status_code == 200
    listed = client_for("deputy").get("/api/v1/duty-activities?status=accepted").json()
    assert listed["count"] == 2
