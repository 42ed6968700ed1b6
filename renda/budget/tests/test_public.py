"""The public budget pages and API (S7, §4.7): only what is published, the final accounts of
the year before, a department only once its own documents are out, the audit rectification
once its report is heard; never the monthly execution."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.budget import services
from renda.budget.models import Department

pytestmark = pytest.mark.django_db
D = dt.date
BUDGET = [("101", "", "2010101", "30101", 1000), ("201", "", "2050202", "30101", 10000), ("201", "", "2080505", "30101", 500)]  # fmt: skip
FINAL_2025 = [("101", "", "2010101", "30101", 900), ("201", "", "2050202", "30101", 9800)]
JUNE = [("101", "", "2010101", "30101", 123.45), ("201", "", "2050202", "30101", 4321)]


@pytest.fixture
def figures(load):
    load("budget", BUDGET)
    load("final", FINAL_2025, year=2025)
    load("execution", JUNE, month=6)


def record(staff, kind, approved, published=None, department=None, year=2026):
    p = services.publication_record(actor=staff, year=year, kind=kind, approved_on=approved, department=department)  # fmt: skip
    if published:
        p = services.publication_publish(actor=staff, publication=p, published_on=published, url="https://czj.example.cn/gk/1")  # fmt: skip
    return p


def page(client):
    response = client.get("/budget/?year=2026")
    assert response.status_code == 200
    return response.content.decode()


def test_figures_appear_only_once_their_document_is_published(client, staff, figures):
    budget = record(staff, "budget", D(2026, 1, 16))  # recorded, not yet published
    html = page(client)
    assert "public-classes" not in html and "11,500,000" not in html
    empty = client.get("/api/v1/budget/public?year=2026").json()
    assert empty["years"] == [] and empty["documents"] == [] and empty["classes"]["rows"] == []

    record(staff, "final_accounts", D(2026, 6, 26), D(2026, 7, 20))  # late by four days
    data = client.get("/api/v1/budget/public").json()
    assert data["year"] == 2026 and data["classes"]["columns"] == ["本级决算（2025）"]
    rows = {r["code"]: r["cells"][0]["yuan"] for r in data["classes"]["rows"]}
    assert rows == {"201": "9,000,000.00", "205": "98,000,000.00"}  # the 2025 final accounts
    assert [d["on_time"] for d in data["documents"]] == [False]
    assert "逾期公开" in page(client)

    services.publication_publish(
        actor=staff, publication=budget, published_on=D(2026, 2, 3), url=""
    )
    data = client.get("/api/v1/budget/public?year=2026").json()
    assert data["classes"]["columns"] == ["本级预算（2026）", "本级决算（2025）"]
    rows = {r["code"]: [c["yuan"] for c in r["cells"]] for r in data["classes"]["rows"]}
    assert rows["208"] == ["5,000,000.00", "—"] and rows["205"] == ["100,000,000.00", "98,000,000.00"]  # fmt: skip
    assert [c["yuan"] for c in data["classes"]["totals"]] == ["115,000,000.00", "107,000,000.00"]
    html = page(client)
    assert "115,000,000.00" in html
    # The monthly execution is never public.
    assert "1,234,500.00" not in html and "1,234,500.00" not in str(data)


def test_a_department_is_shown_only_once_its_own_budget_is_published(client, staff, figures):
    education = Department.objects.get(code="201")
    record(staff, "department_budget", D(2026, 2, 5), D(2026, 2, 20), department=education)
    record(staff, "department_budget", D(2026, 2, 5), department=Department.objects.get(code="101"))  # fmt: skip
    data = client.get("/api/v1/budget/public?year=2026").json()
    assert [(r["name"], [c["yuan"] for c in r["cells"]]) for r in data["departments"]["rows"]] == [("市教育局", ["105,000,000.00"])]  # fmt: skip
    assert data["classes"]["rows"] == []  # the whole budget is not published yet
    html = page(client)
    assert "市教育局" in html and "市人大常委会办公室" not in html


def test_the_audit_rectification_is_public_once_its_report_is_heard(client, staff, figures, django_assert_max_num_queries):  # fmt: skip
    record(staff, "budget", D(2026, 1, 16), D(2026, 2, 3))
    audit = services.milestone_plan(actor=staff, year=2026, kind="audit_report")
    services.milestone_hear(actor=staff, milestone=audit, heard_on=D(2026, 6, 23))
    services.finding_record(actor=staff, year=2026, title="资金滞留", department=Department.objects.get(code="201"), amount="125.5")  # fmt: skip
    assert client.get("/api/v1/budget/public?year=2026").json()["audit"] is None
    rect = services.milestone_plan(actor=staff, year=2026, kind="rectification")
    services.milestone_hear(actor=staff, milestone=rect, heard_on=D(2026, 12, 1))
    data = client.get("/api/v1/budget/public?year=2026").json()
    assert data["audit"]["total"] == 1 and data["audit"]["amount_yuan"] == "1,255,000.00"
    assert [r["kind"] for r in data["reviews"]] == ["audit_report", "rectification"]
    with django_assert_max_num_queries(12):
        html = page(client)
    assert "public-audit" in html and "1,255,000.00" in html


def test_an_empty_or_unknown_year(client, db):
    assert "暂无公开的预决算信息" in client.get("/budget/").content.decode()
    assert client.get("/budget/?year=abc").status_code == 200
    data = client.get("/api/v1/budget/public?year=1999").json()
    assert data["year"] == 1999 and data["documents"] == [] and data["audit"] is None
    assert client.get("/api/v1/budget/public?year=x").status_code == 422
