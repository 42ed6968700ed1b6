"""Fixtures of the budget tests: workbooks built in memory, the classification tables
imported through their action, departments and the default column mapping."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.budget import services
from renda.budget.models import Classification, Department, Mapping

FUNCTIONAL = [
    ("201", "一般公共服务支出"), ("20101", "人大事务"), ("2010101", "行政运行"),
    ("2010102", "一般行政管理事务"), ("2010104", "人大会议"), ("20103", "政府办公厅（室）及相关机构事务"),
    ("2010301", "行政运行"), ("205", "教育支出"), ("20502", "普通教育"), ("2050202", "小学教育"),
    ("2050203", "初中教育"), ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
]  # fmt: skip
ECONOMIC = [("301", "工资福利支出"), ("30101", "基本工资"), ("302", "商品和服务支出"), ("30201", "办公费")]  # fmt: skip
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ("部门编码", "部门名称", "功能分类科目编码", "经济分类科目编码", "金额")


def xlsx(rows, headers=HEADERS, name="figures.xlsx", before=()) -> SimpleUploadedFile:
    """A workbook with ``before`` rows above the headers, then the rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in before:
        sheet.append(list(row))
    if headers:
        sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


@pytest.fixture
def tables(staff):
    services.classification_import(actor=staff, kind="functional", year=2026, workbook=xlsx(FUNCTIONAL, headers=("科目编码", "科目名称")))  # fmt: skip
    services.classification_import(actor=staff, kind="economic", year=2026, workbook=xlsx(ECONOMIC, headers=("科目编码", "科目名称")))  # fmt: skip
    for code, name in (("101", "市人大常委会办公室"), ("102", "市政府办公室"), ("201", "市教育局")):
        services.department_create(actor=staff, code=code, name=name)
    return Classification.objects, Department.objects


@pytest.fixture
def mapping(staff):
    return services.mapping_save(
        actor=staff, name="财政局标准格式", header_row=1, department_code="部门编码",
        department_name="部门名称", functional_code="功能分类科目编码", economic_code="经济分类科目编码",
        amount="金额", unit=Mapping.Unit.WAN, total_label="合计",
    )  # fmt: skip


ROWS = [
    ("101", "市人大常委会办公室", "2010101", "30101", 320.5),
    ("101", "市人大常委会办公室", "2010104", "30201", 45),
    ("102", "市政府办公室", "2010301", "30101", 812.25),
    ("201", "市教育局", "2050202", "30101", 15000),
    ("201", "市教育局", "2050203", "30201", "9,800.10"),
]


@pytest.fixture
def load(staff, tables, mapping):
    """Check and commit one workbook of figures through the import's two actions."""

    def load(dataset, rows, year=2026, month=None):
        imp = services.import_check(actor=staff, dataset=dataset, year=year, month=month, mapping=mapping, workbook=xlsx(rows))  # fmt: skip
        return services.import_commit(actor=staff, imp=imp)

    return load
