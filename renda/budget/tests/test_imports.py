"""Importing figures (S7, §4.8): every row checked before anything is written, all or none,
totals reconciling with the file, corrections as new versions that keep the old lines."""

from __future__ import annotations

import importlib
import random
from decimal import Decimal

import pytest

from renda.budget import services
from renda.budget.models import Department, Import, Line, Total
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent

from .conftest import ROWS, xlsx

pytestmark = pytest.mark.django_db


def check(staff, mapping, rows, **kw):
    kw.setdefault("dataset", "execution")
    kw.setdefault("year", 2026)
    kw.setdefault("month", 3)
    return services.import_check(actor=staff, mapping=mapping, workbook=kw.pop("workbook", None) or xlsx(rows), **kw)  # fmt: skip


def test_a_checked_workbook_writes_nothing_until_committed(staff, tables, mapping):
    imp = check(staff, mapping, [*ROWS, ("合计", "", "", "", 25977.85)])
    assert imp.status == "checked" and imp.row_count == 5 and imp.error_count == 0
    assert imp.total_fen == 2597785 * 10_000  # 万元 to fen
    assert imp.preview["rows"][0] == ["101", "2010101", "30101", "3,205,000.00"]
    assert Line.objects.count() == 0
    services.import_commit(actor=staff, imp=imp)
    imp.refresh_from_db()
    assert imp.status == "committed" and imp.version == 1 and imp.committed_at
    assert Line.objects.filter(source=imp).count() == 5
    by_dept = {d: sum(line.amount_fen for line in Line.objects.filter(source=imp, department__code=d)) for d in ("101", "102", "201")}  # fmt: skip
    assert by_dept == {"101": 3655000 * 100, "102": 8122500 * 100, "201": 248001000 * 100}
    assert services.current("execution", 2026, 3) == imp
    assert AuditEvent.objects.filter(action="budget.import.commit").count() == 1
    assert services.progress_of(imp.pk) == 100


@pytest.mark.parametrize(
    "row, column, words",
    [
        (("999", "", "2010101", "30101", 1), "部门编码", "不在预算部门名录"),
        (("101", "", "2019999", "30101", 1), "功能分类科目编码", "不在支出功能分类表"),
        (("101", "", "20101", "30101", 1), "功能分类科目编码", "有下级科目"),
        (("101", "", "2010101", "39999", 1), "经济分类科目编码", "不在支出经济分类表"),
        (("101", "", "2010101", "30101", "一百"), "金额", "不是精确到分的数字"),
        (("101", "", "2010101", "30101", 1.0000001), "金额", "不是精确到分的数字"),
        (("101", "", "", "30101", 1), "功能分类科目编码", "请填写科目编码"),
    ],
)
def test_a_bad_row_is_reported_with_its_number_and_nothing_is_written(staff, tables, mapping, row, column, words):  # fmt: skip
    imp = check(staff, mapping, [*ROWS[:2], row, *ROWS[2:]])
    assert imp.status == "failed" and imp.error_count == 1
    assert imp.errors[0]["row"] == 4 and imp.errors[0]["column"] == column
    assert words in imp.errors[0]["message"]
    with pytest.raises(Conflict):
        services.import_commit(actor=staff, imp=imp)
    assert Line.objects.count() == 0 and not Department.objects.filter(code="999").exists()


def test_duplicates_and_an_unbalanced_total_are_refused(staff, tables, mapping):
    imp = check(staff, mapping, [*ROWS, ROWS[0], ("合计", "", "", "", 1)])
    messages = {e["row"]: e["message"] for e in imp.errors}
    assert imp.status == "failed" and "重复" in messages[7] and "与各行之和" in messages[8]


def test_a_missing_column_is_named(staff, tables, mapping):
    imp = check(staff, mapping, ROWS, workbook=xlsx([r[:4] for r in ROWS], headers=("部门编码", "部门名称", "功能分类科目编码", "经济分类科目编码")))  # fmt: skip
    assert imp.status == "failed" and "找不到“金额”列" in imp.errors[0]["message"]


def test_a_broken_file_is_refused_clearly(staff, tables, mapping):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(DomainError) as e:
        services.import_check(actor=staff, mapping=mapping, dataset="budget", year=2026, workbook=SimpleUploadedFile("x.xlsx", b"not a workbook"))  # fmt: skip
    assert e.value.code == "upload_type" and not Import.objects.exists()


def test_a_second_import_of_a_period_needs_a_reason_and_keeps_the_first(staff, tables, mapping):
    first = check(staff, mapping, ROWS)
    services.import_commit(actor=staff, imp=first)
    again = check(staff, mapping, ROWS[:3])
    assert again.status == "failed" and "已导入（第1版）" in again.errors[0]["message"]
    fixed = check(staff, mapping, ROWS[:3], reason="财政局更正了教育局数据")
    assert fixed.status == "checked"
    services.import_commit(actor=staff, imp=fixed)
    first.refresh_from_db(), fixed.refresh_from_db()
    assert (first.status, fixed.status, fixed.version, fixed.supersedes_id) == ("superseded", "committed", 2, first.pk)  # fmt: skip
    assert Line.objects.filter(source=first).count() == 5 and Line.objects.filter(source=fixed).count() == 3  # fmt: skip
    assert services.current("execution", 2026, 3) == fixed


def test_a_commit_after_the_tables_changed_writes_nothing(staff, tables, mapping):
    imp = check(staff, mapping, ROWS)
    Department.objects.filter(code="201").update(code="201-old")
    with pytest.raises(DomainError) as e:
        services.import_commit(actor=staff, imp=imp)
    imp.refresh_from_db()
    assert (
        e.value.code == "import_changed" and imp.status == "checked" and Line.objects.count() == 0
    )


def test_a_new_department_with_its_name_is_added_on_commit(staff, tables, mapping):
    imp = check(staff, mapping, [("301", "市财政局", "2010301", "30101", 10)])
    assert imp.status == "checked" and imp.preview["new_departments"] == {"301": "市财政局"}
    assert not Department.objects.filter(code="301").exists()
    services.import_commit(actor=staff, imp=imp)
    assert Department.objects.get(code="301").name == "市财政局"


def test_a_mapping_follows_the_layout_the_finance_bureau_sends(staff, tables):
    mapping = services.mapping_save(
        actor=staff, name="区财政格式", header_row=3, department_code="单位代码", department_name="",
        functional_code="科目", economic_code="", amount="本月累计（元）", unit="yuan", total_label="总计",
    )  # fmt: skip
    book = xlsx(
        [("101", "2010101", "1234.56"), ("201", "2050202", 100), ("总计", "", 1334.56)],
        headers=("单位代码", "科目", "本月累计（元）"), before=[("2026年3月支出执行表",), ()],
    )  # fmt: skip
    imp = check(staff, mapping, None, workbook=book)
    assert imp.status == "checked" and imp.total_fen == 133456 and imp.preview["declared_total_fen"] == 133456  # fmt: skip


def test_the_period_and_the_permission(staff, users, tables, mapping):
    with pytest.raises(DomainError) as e:
        check(staff, mapping, ROWS, month=None)
    assert e.value.code == "field_required"
    with pytest.raises(DomainError):
        check(staff, mapping, ROWS, month=13)
    with pytest.raises(PermissionDenied):
        check(users["member"], mapping, ROWS)
    annual = check(staff, mapping, ROWS, dataset="budget", month=7)
    assert annual.month == 0 and annual.period_label == "2026"
    assert not Import.objects.exclude(pk=annual.pk).exists()


@pytest.mark.parametrize("seed", range(4))
def test_totals_reconcile_with_the_source_file(staff, tables, mapping, seed):
    """Random lines in 万元 with up to six decimals: per department and in all, the stored
    figures equal the file's, to the fen."""
    rnd = random.Random(seed)
    lines = {}
    for dept in ("101", "102", "201"):
        for code in rnd.sample(["2010101", "2010102", "2010104", "2010301", "2050202", "2050203", "2080505"], 4):  # fmt: skip
            for econ in rnd.sample(["30101", "30201"], rnd.randint(1, 2)):
                lines[(dept, code, econ)] = Decimal(rnd.randint(-(10**6), 10**9)) / 10**6
    total = sum(lines.values())
    rows = [(d, "", f, e, str(v)) for (d, f, e), v in lines.items()] + [
        ("合计", "", "", "", str(total))
    ]
    imp = check(staff, mapping, rows)
    assert imp.status == "checked", imp.errors
    services.import_commit(actor=staff, imp=imp)
    for dept in ("101", "102", "201"):
        stored = sum(Line.objects.filter(source=imp, department__code=dept).values_list("amount_fen", flat=True))  # fmt: skip
        assert stored == int(sum(v for (d, _f, _e), v in lines.items() if d == dept) * 1_000_000)
    assert sum(Line.objects.filter(source=imp).values_list("amount_fen", flat=True)) == int(total * 1_000_000)  # fmt: skip
    # The kept sums the monitoring pages read equal a recount of the lines, at every level.
    recount: dict = {}
    for d, code, amount in Line.objects.filter(source=imp).values_list("department_id", "functional__code", "amount_fen"):  # fmt: skip
        for key in ((None, 0, ""), (d, 0, ""), *((None, n, code[:n]) for n in (3, 5, 7))):
            recount[key] = recount.get(key, 0) + amount
    kept = {(t.department_id, t.level, t.code): t.amount_fen for t in Total.objects.filter(source=imp)}  # fmt: skip
    assert kept == recount and kept[(None, 0, "")] == int(total * 1_000_000)


def test_the_migration_fills_the_sums_of_imports_written_before_them(staff, tables, mapping):
    from django.apps import apps

    fill = importlib.import_module("renda.budget.migrations.0005_totals").fill
    imp = services.import_commit(actor=staff, imp=check(staff, mapping, ROWS))

    def kept():
        return {(d, level, code): t for d, level, code, t in Total.objects.filter(source=imp).values_list("department", "level", "code", "amount_fen")}  # fmt: skip

    before = kept()
    Total.objects.all().delete()
    fill(apps, None)
    assert before and kept() == before
