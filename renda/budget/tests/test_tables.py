"""The classification table imported and updated by year, departments and column mappings."""

from __future__ import annotations

import pytest

from renda.budget import services
from renda.budget.models import Classification, Department
from renda.core.errors import Conflict, DomainError

from .conftest import FUNCTIONAL, xlsx

pytestmark = pytest.mark.django_db
HEAD = ("科目编码", "科目名称")


def test_the_table_is_built_with_levels_and_parents(staff, tables):
    item = Classification.objects.get(kind="functional", code="2010104")
    assert item.level == 3 and item.parent.code == "20101" and item.parent.parent.code == "201"
    assert Classification.objects.filter(kind="economic").count() == 4


def test_next_years_edition_adds_renames_and_retires(staff, tables):
    edition = [row for row in FUNCTIONAL if row[0] != "2010102"] + [("2010150", "事业运行")]
    edition = [(c, "一般公共服务" if c == "201" else n) for c, n in edition]
    out = services.classification_import(actor=staff, kind="functional", year=2027, workbook=xlsx(edition, headers=HEAD))  # fmt: skip
    assert (out["added"], out["renamed"], out["retired"]) == (1, 1, 1)
    gone = Classification.objects.get(kind="functional", code="2010102")
    assert gone.retired_in == 2027  # kept: earlier years' figures still name it
    assert Classification.objects.get(kind="functional", code="201").name == "一般公共服务"


def test_a_bad_table_changes_nothing_and_lists_the_rows(staff, tables):
    before = list(Classification.objects.values_list("code", "name"))
    with pytest.raises(DomainError) as e:
        services.classification_import(actor=staff, kind="functional", year=2027, workbook=xlsx([("2019", "坏编码"), ("2060101", "无上级"), ("201", "")], headers=HEAD))  # fmt: skip
    message = str(e.value)
    assert e.value.code == "import_rows" and "第2行" in message and "2060101" in message and "第4行" in message  # fmt: skip
    assert list(Classification.objects.values_list("code", "name")) == before


def test_departments_and_mappings_refuse_duplicates(staff, tables):
    with pytest.raises(Conflict):
        services.department_create(actor=staff, code="101", name="重复")
    dept = Department.objects.get(code="101")
    services.department_update(actor=staff, department=dept, name="市人大常委会机关", active=True)
    assert Department.objects.get(code="101").name == "市人大常委会机关"
    with pytest.raises(DomainError) as e:
        services.mapping_save(actor=staff, name="同列", department_code="编码", functional_code="编码", amount="金额")  # fmt: skip
    assert e.value.code == "mapping_duplicate"
    with pytest.raises(DomainError) as e:
        services.mapping_save(actor=staff, name="行号", header_row=0, department_code="a", functional_code="b", amount="c")  # fmt: skip
    assert e.value.code == "invalid_header_row"
