"""The budget pages: upload, check, preview, commit with its progress, the tables; the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.budget.models import Department, Import, Line, Mapping

from .conftest import ROWS, xlsx

pytestmark = pytest.mark.django_db


def test_a_workbook_goes_from_upload_to_the_overview(client_for, tables, mapping):
    staff = client_for("staff")
    r = staff.post(reverse("budget:import_check"), {"dataset": "execution", "year": 2026, "month": 3, "mapping": mapping.pk, "workbook": xlsx(ROWS)})  # fmt: skip
    imp = Import.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("budget:import_detail", args=[imp.pk])
    page = staff.get(r["Location"]).content.decode()
    assert (
        "3,205,000.00" in page
        and "市人大常委会办公室（101）" in page
        and "2010101 行政运行" in page
        and "确认导入" in page
        and 'id="commit-form"' in page
    )
    r = staff.post(reverse("budget:import_act", args=[imp.pk, "commit"]))
    assert r.status_code == 302 and Line.objects.filter(source=imp).count() == 5
    assert staff.get(reverse("budget:import_progress", args=[imp.pk])).json() == {"percent": 100, "status": "committed"}  # fmt: skip
    overview = client_for("member").get(reverse("budget:index")).content.decode()
    assert "2026年度" in overview and "259,778,500.00" in overview


def test_a_failed_check_lists_each_row_and_offers_no_commit(client_for, tables, mapping):
    staff = client_for("staff")
    r = staff.post(reverse("budget:import_check"), {"dataset": "budget", "year": 2026, "mapping": mapping.pk, "workbook": xlsx([*ROWS, ("999", "", "2010101", "30101", "x")])})  # fmt: skip
    page = staff.get(r["Location"]).content.decode()
    assert (
        "校验发现 2 处问题" in page
        and "不在预算部门名录中" in page
        and 'id="commit-form"' not in page
    )
    assert "放弃本次导入" in page and Line.objects.count() == 0


def test_a_refused_form_keeps_what_was_typed(client_for, tables, mapping):
    r = client_for("staff").post(reverse("budget:import_check"), {"dataset": "execution", "year": 2026, "mapping": mapping.pk, "reason": "更正", "workbook": xlsx(ROWS)})  # fmt: skip
    page = r.content.decode()
    assert r.status_code == 400 and "请填写月份" in page and 'value="更正"' in page
    assert "已保留上次选择的文件" in page and not Import.objects.exists()


def test_members_read_but_do_not_import(client_for, tables, mapping):
    member = client_for("member")
    assert member.get(reverse("budget:imports")).status_code == 200
    assert member.post(reverse("budget:import_check"), {"dataset": "budget", "year": 2026, "mapping": mapping.pk, "workbook": xlsx(ROWS)}).status_code == 403  # fmt: skip
    assert client_for("deputy").get(reverse("budget:index")).status_code == 403


def test_the_tables_pages(client_for, tables, mapping):
    staff = client_for("staff")
    page = staff.get(reverse("budget:classifications") + "?q=20101").content.decode()
    assert "人大会议" in page and "教育支出" not in page
    r = staff.post(reverse("budget:classification_import"), {"kind": "economic", "year": 2027, "workbook": xlsx([("301", "工资福利支出"), ("30101", "基本工资")], headers=("科目编码", "科目名称"))})  # fmt: skip
    assert r.status_code == 302 and "停用2个" in staff.get(r["Location"]).content.decode()
    r = staff.post(reverse("budget:department_create"), {"code": "401", "name": "市审计局"})
    assert r.status_code == 302 and Department.objects.filter(code="401").exists()
    dept = Department.objects.get(code="401")
    r = staff.post(
        reverse("budget:department_edit", args=[dept.pk]),
        {"name": "市审计局（更名）", "active": ""},
    )
    dept.refresh_from_db()
    assert r.status_code == 302 and dept.name == "市审计局（更名）" and not dept.active
    r = staff.post(reverse("budget:mapping_edit", args=[mapping.pk]), {"name": mapping.name, "header_row": 2, "department_code": "单位编码", "functional_code": "科目编码", "amount": "金额", "unit": "yuan"})  # fmt: skip
    mapping.refresh_from_db()
    assert r.status_code == 302 and (mapping.header_row, mapping.unit) == (2, "yuan")
    r = staff.post(reverse("budget:mapping_create"), {"name": "同列", "header_row": 1, "department_code": "A", "functional_code": "A", "amount": "B", "unit": "wan"})  # fmt: skip
    assert r.status_code == 400 and "同一列不能对应两项数据" in r.content.decode() and 'value="同列"' in r.content.decode()  # fmt: skip


def test_list_pages_take_a_fixed_number_of_queries(client_for, staff, tables, mapping, django_assert_max_num_queries):  # fmt: skip
    from renda.budget import services

    for month in (1, 2, 3):
        services.import_commit(actor=staff, imp=services.import_check(actor=staff, dataset="execution", year=2026, month=month, mapping=mapping, workbook=xlsx(ROWS)))  # fmt: skip
    client = client_for("staff")
    counts = {}
    for name in ("budget:index", "budget:imports", "budget:classifications", "budget:departments", "budget:mappings"):  # fmt: skip
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        counts[name] = len(ctx)
    for month in (4, 5, 6, 7):
        services.import_check(actor=staff, dataset="execution", year=2026, month=month, mapping=mapping, workbook=xlsx(ROWS))  # fmt: skip
    for name, n in counts.items():
        with django_assert_max_num_queries(n):
            assert client.get(reverse(name)).status_code == 200


def test_the_api_checks_commits_and_reads(client_for, tables, mapping):
    staff = client_for("staff")
    r = staff.post("/api/v1/budget/imports", {"dataset": "execution", "year": 2026, "month": 3, "mapping_id": mapping.pk, "workbook": xlsx(ROWS)})  # fmt: skip
    assert r.status_code == 201, r.content
    body = r.json()
    assert (
        body["status"] == "checked"
        and body["row_count"] == 5
        and body["total_yuan"] == "259,778,500.00"
    )
    r = staff.post(
        f"/api/v1/budget/imports/{body['id']}/commit", {}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["status"] == "committed" and r.json()["version"] == 1
    bad = staff.post("/api/v1/budget/imports", {"dataset": "budget", "year": 2026, "mapping_id": mapping.pk, "workbook": xlsx([("101", "", "20101", "", 1)])}).json()  # fmt: skip
    assert bad["status"] == "failed" and bad["errors"][0]["row"] == 2 and "有下级科目" in bad["errors"][0]["message"]  # fmt: skip
    r = staff.post("/api/v1/budget/departments", {"code": "501", "name": "市财政局"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 201 and r.json()["name"] == "市财政局", r.content
    r = staff.post("/api/v1/budget/mappings", {"mapping_id": mapping.pk, "name": "改名", "department_code": "a", "functional_code": "b", "amount": "c"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and Mapping.objects.get(pk=mapping.pk).name == "改名"
    r = staff.post("/api/v1/budget/classifications/import", {"kind": "functional", "year": 2027, "workbook": xlsx([("201", "一般公共服务支出")], headers=("科目编码", "科目名称"))})  # fmt: skip
    assert r.status_code == 200 and r.json()["retired"] == 13
    member = client_for("member")  # the same test client, now signed in as a member
    listed = member.get("/api/v1/budget/imports?status=committed").json()
    assert listed["count"] == 1 and listed["items"][0]["created_by"]
    assert member.post("/api/v1/budget/imports", {"dataset": "budget", "year": 2026, "mapping_id": mapping.pk, "workbook": xlsx(ROWS)}).status_code == 403  # fmt: skip
    codes = member.get("/api/v1/budget/classifications?kind=functional&q=20101").json()
    assert {c["code"] for c in codes["items"]} == {"20101", "2010101", "2010102", "2010104"}
