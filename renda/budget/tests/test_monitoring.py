"""Monitoring (§4.8): execution rates against the time elapsed, flagged past the setting,
year on year, by department, by functional class and by line; the pages and the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from renda.budget import monitoring

pytestmark = pytest.mark.django_db

BUDGET = [  # 万元
    ("101", "", "2010101", "30101", 1000), ("101", "", "2010104", "30201", 200),
    ("102", "", "2010301", "30101", 800), ("201", "", "2050202", "30101", 10000),
    ("201", "", "2050203", "30201", 6000),
]  # fmt: skip
JUNE = [  # half the year gone: 101 on time, 102 far behind, 201 ahead on 初中教育
    ("101", "", "2010101", "30101", 500), ("101", "", "2010104", "30201", 100),
    ("102", "", "2010301", "30101", 100), ("201", "", "2050202", "30101", 5000),
    ("201", "", "2050203", "30201", 5600),
]  # fmt: skip
LAST_JUNE = [("101", "", "2010101", "30101", 400), ("201", "", "2050202", "30101", 4000)]


@pytest.fixture
def figures(load):
    load("budget", BUDGET)
    load("execution", JUNE, month=6)
    load("execution", LAST_JUNE, year=2025, month=6)
    return load


def test_rates_deviation_and_year_on_year_by_department(figures):
    p = monitoring.period(2026)
    assert (p.month, p.elapsed) == (6, Decimal("50.0"))
    rows = {r.key: r for r in monitoring.by_department(p)}
    assert [r.key for r in monitoring.by_department(p)][0] == "102"  # furthest behind first
    assert rows["101"].rate == Decimal("50.0") and rows["101"].flag == ""
    assert rows["102"].rate == Decimal("12.5") and rows["102"].flag == "slow"
    assert rows["201"].rate == Decimal("66.3") and rows["201"].flag == "fast"
    assert rows["101"].growth == Decimal("50.0")  # 600 against 400 a year ago
    assert rows["102"].growth is None  # nothing a year ago
    whole = monitoring.total(p)
    assert (whole.budget_fen, whole.executed_fen, whole.last_year_fen) == (18000 * 10**6, 11300 * 10**6, 4400 * 10**6)  # fmt: skip


def test_by_class_drills_from_the_class_to_the_item(figures):
    p = monitoring.period(2026)
    classes = {r.key: r for r in monitoring.by_class(p)}
    assert set(classes) == {"201", "205"} and classes["205"].name == "教育支出"
    assert classes["201"].budget_fen == 2000 * 10**6 and classes["201"].rate == Decimal("35.0")
    items = {r.key: r for r in monitoring.by_class(p, digits=7, within="205")}
    assert items["2050203"].rate == Decimal("93.3") and items["2050203"].flag == "fast"
    dept = monitoring.by_department(p)[0]
    from renda.budget.models import Department

    lines = monitoring.by_line(p, Department.objects.get(code="201"))
    assert [r.key for r in lines] == ["2050202 30101", "2050203 30201"] and lines[0].name == "小学教育 / 基本工资"  # fmt: skip
    assert dept.kind == "department" and lines[0].kind == "line"


def test_an_adjustment_replaces_the_approved_budget_as_the_base(figures):
    figures("adjustment", [*BUDGET[:2], ("102", "", "2010301", "30101", 200), *BUDGET[3:]])
    rows = {r.key: r for r in monitoring.by_department(monitoring.period(2026))}
    assert rows["102"].rate == Decimal("50.0") and rows["102"].flag == ""


def test_the_threshold_is_the_local_setting(figures):
    """§4.8: the deviation that raises a flag is budget.deviation_points (default 15)."""
    from renda.core.models import RuleSetting

    p = monitoring.period(2026)
    assert {r.key for r in monitoring.deviations(p)} == {"102", "201", "205"}
    RuleSetting.objects.create(key="budget.deviation_points", value="30")
    assert {r.key for r in monitoring.deviations(p)} == {"102"}


def test_monitoring_pages_and_exports(client_for, figures, django_assert_max_num_queries):
    import io

    from openpyxl import load_workbook

    from renda.budget.models import Department

    client = client_for("member")
    page = client.get(reverse("budget:monitor")).content.decode()
    assert (
        "市政府办公室" in page
        and "12.5%" in page
        and "滞后" in page
        and 'data-echarts="chart-classes"' in page
    )
    dept = Department.objects.get(code="201")
    page = client.get(reverse("budget:monitor_department", args=[dept.pk])).content.decode()
    assert "小学教育 / 基本工资" in page and "93.3%" in page
    page = client.get(reverse("budget:monitor_class", args=["205"])).content.decode()
    assert "20502 普通教育" in page and "66.3%" in page
    page = client.get(reverse("budget:monitor_class", args=["20502"])).content.decode()
    assert "初中教育" in page and "93.3%" in page and "教育支出" in page  # the breadcrumb up
    assert client.get(reverse("budget:monitor_class", args=["2050203"])).status_code == 404
    page = client.get(reverse("budget:deviations")).content.decode()
    assert "市政府办公室" in page and "教育支出" in page and "市人大常委会办公室" not in page
    r = client.get(reverse("budget:monitor") + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert any(row[1] == "市政府办公室" and row[4] == "12.5%" for row in rows)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("budget:monitor")).status_code == 200
    more = [(f"3{n:02d}", f"新部门{n}", "2080505", "30101", n + 1) for n in range(30)]
    figures("execution", [*JUNE, *more], month=7)
    client = client_for("member")
    with django_assert_max_num_queries(len(first)):
        page = client.get(reverse("budget:monitor")).content.decode()
    assert "新部门29" in page
    api = client_for("member").get("/api/v1/budget/monitoring?year=2026&month=6").json()
    assert api["month"] == 6 and api["elapsed"] == "50.0"
    assert {d["key"]: d["flag"] for d in api["departments"]}["102"] == "slow"


def test_the_api_drills_down_and_lists_deviations(client_for, figures):
    from renda.budget.models import Department

    client = client_for("member")
    dept = Department.objects.get(code="201")
    body = client.get(f"/api/v1/budget/monitoring/departments/{dept.pk}?year=2026&month=6").json()
    assert body["department"]["name"] == "市教育局" and body["lines"][0]["key"] == "2050202 30101"
    assert {c["key"] for c in body["classes"]} == {"20502"}
    items = client.get("/api/v1/budget/monitoring/deviations?year=2026&month=6").json()["items"]
    assert [i["key"] for i in items][0] == "102" and {i["flag"] for i in items} == {"slow", "fast"}
    assert client.get("/api/v1/budget/monitoring?month=13").status_code == 422
    assert client_for("deputy").get("/api/v1/budget/monitoring").status_code == 403


def test_an_inquiry_reaches_the_unit_through_casework_and_its_reply_comes_back(client_for, users, staff, figures, unit):  # fmt: skip
    from renda.budget.models import Department, Inquiry
    from renda.casework.models import Case

    dept = Department.objects.get(code="102")
    Department.objects.filter(pk=dept.pk).update(organization=unit)
    client = client_for("staff")
    url = reverse("budget:inquiry_new") + f"?year=2026&month=6&department={dept.pk}"
    page = client.get(url).content.decode()
    assert "执行率 12.5%" in page and "偏离 -37.5 个百分点" in page
    r = client.post(url, {"question": "请说明执行进度滞后的原因及下一步措施。", "unit": unit.pk})
    assert r.status_code == 302
    inquiry = Inquiry.objects.get()
    case = Case.objects.get(pk=inquiry.case_id)
    assert (
        case.kind.code == "budget_inquiry"
        and "执行率 12.5%" in case.summary
        and case.status == "awaiting_receipt"
    )
    assert "市政府办公室" in client.get(reverse("budget:inquiries")).content.decode()
    # The unit reads it in its own queue and answers through casework.
    officer = client_for("unit_officer")
    assert officer.get(reverse("casework:detail", args=[case.pk])).status_code == 200
    from renda.casework import services as cw

    cw.assignment_receive(actor=users["unit_officer"], case=case)
    cw.reply_submit(actor=users["unit_officer"], case=case, text="项目资金拨付集中在下半年，已督促加快。", result_class="A", signed_by_name="张主任")  # fmt: skip
    listed = client_for("member").get("/api/v1/budget/inquiries").json()["items"][0]
    assert listed["case_status"] == Case.objects.get(pk=case.pk).status != "awaiting_receipt"
    r = client_for("staff").post("/api/v1/budget/inquiries", {"year": 2026, "month": 6, "class_code": "205", "question": "教育支出超进度原因？", "unit_id": unit.pk}, content_type="application/json")  # fmt: skip
    assert r.status_code == 201 and r.json()["subject"] == "205 教育支出" and r.json()["case_status"] == "awaiting_receipt"  # fmt: skip
    r = client_for("staff").post("/api/v1/budget/inquiries", {"year": 2026, "month": 11, "department_id": dept.pk, "question": "?"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "no_figures"
    assert client_for("member").get(url).status_code == 403


def test_a_departments_lines_and_the_kept_sums_are_read_through_indexes_led_by_the_import(figures):
    """A department's lines come through (import, department), not every year's lines of the
    department; the kept sums through (import, level, code)."""
    from django.db import connection

    from renda.budget.models import Department, Line, Total

    p = monitoring.period(2026)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    lines = Line.objects.filter(source=p.execution, department=Department.objects.get(code="201")).explain()  # fmt: skip
    sums = Total.objects.filter(source__in=[p.base, p.execution], department=None, level=3).explain()  # fmt: skip
    if connection.vendor == "postgresql":
        # Without statistics on a handful of rows, either index led by the import costs the same.
        assert "source_id = " in lines and "Seq Scan" not in lines, lines
    else:
        assert "budget_line_department" in lines, lines
    assert any(name in sums for name in ("budget_total_level", "budget_total_once", "sqlite_autoindex_budget_total")), sums  # fmt: skip
