"""The classification table, budget departments and column mappings (S7, §4.8)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from ninja import Field, File, Form, Query, Schema, UploadedFile

from renda.budget import services
from renda.budget.models import Classification, Department, Mapping
from renda.budget.rules import MANAGE, VIEW
from renda.budget.services.tables import MAPPING_FIELDS
from renda.people.models import Organization

from ..actions import expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, Year, choice, page, text
from ..errors import READ_ERRORS, WRITE_ERRORS
from ._common import router


class BudgetClassificationOut(Schema):
    id: int
    kind: str
    code: str
    name: str
    level: int = Field(description="1 类 · 2 款 · 3 项")
    parent_code: str | None
    retired_in: int | None
    sample: bool = Field(description="示例数据 · sample data, not the official table")


class BudgetClassificationListOut(Schema):
    count: int
    items: list[BudgetClassificationOut]


class BudgetClassificationQuery(PageQuery):
    kind: choice(Classification.Kind) = Classification.Kind.FUNCTIONAL
    q: str = Field("", max_length=40, description="编码前缀或名称 · code prefix or name")


@router.get(
    "/budget/classifications", response={200: BudgetClassificationListOut, **READ_ERRORS},
    auth=write_auth(VIEW), operation_id="budget_classifications_list",
    summary="收支分类科目 · The classification of expenditure", description="依据 · rule: S7, §4.8.",
)  # fmt: skip
def budget_classifications_list(request, query: Query[BudgetClassificationQuery]):
    require(request, VIEW)
    rows = Classification.objects.filter(kind=query.kind).select_related("parent")
    if query.q.strip():
        rows = rows.filter(Q(code__startswith=query.q.strip()) | Q(name__contains=query.q.strip()))
    return page(rows.order_by("code"), query, lambda c: {
        "id": c.pk, "kind": c.kind, "code": c.code, "name": c.name, "level": c.level,
        "parent_code": c.parent.code if c.parent_id else None, "retired_in": c.retired_in, "sample": c.sample,
    })  # fmt: skip


class BudgetClassificationImportIn(InputSchema):
    kind: choice(Classification.Kind)
    year: Year


class BudgetClassificationImportOut(Schema):
    kind: str
    year: int
    rows: int
    added: int
    renamed: int
    restored: int
    retired: int


@router.post(
    "/budget/classifications/import", response={200: BudgetClassificationImportOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE), operation_id="budget_classification_import",
    summary="导入收支分类科目 · Import the year's classification table · budget.classification.import",
    description="依据 · rule: S7, §4.8. multipart/form-data with `kind`, `year` and `workbook` "
    "(xlsx; first row 科目编码, 科目名称). Codes no longer listed are retired from that year.",
)  # fmt: skip
def budget_classification_import(request, payload: Form[BudgetClassificationImportIn], workbook: File[UploadedFile]):  # fmt: skip
    user = require(request, MANAGE)
    return services.classification_import(actor=user, kind=payload.kind, year=payload.year, workbook=workbook)  # fmt: skip


class BudgetDepartmentOut(Schema):
    id: int
    code: str
    name: str
    organization_id: int | None
    organization: str | None
    active: bool


class BudgetDepartmentListOut(Schema):
    count: int
    items: list[BudgetDepartmentOut]


def department_out(d: Department) -> dict[str, Any]:
    return {"id": d.pk, "code": d.code, "name": d.name, "organization_id": d.organization_id,
            "organization": d.organization.name if d.organization_id else None, "active": d.active}  # fmt: skip


@router.get(
    "/budget/departments", response={200: BudgetDepartmentListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_departments_list", summary="预算部门 · Budget departments",
    description="依据 · rule: S7.",
)  # fmt: skip
def budget_departments_list(request, query: Query[PageQuery]):
    require(request, VIEW)
    return page(
        Department.objects.select_related("organization").order_by("code"), query, department_out
    )


class BudgetDepartmentCreateIn(InputSchema):
    code: text(20)
    name: text(100)
    organization_id: Id | None = None


class BudgetDepartmentUpdateIn(InputSchema):
    name: text(100)
    organization_id: Id | None = None
    active: bool = True


expose(router, services.department_create, "/budget/departments", schema=BudgetDepartmentCreateIn, status=201,
       refs={"organization": Organization}, response=BudgetDepartmentOut, out=department_out,
       summary="登记预算部门 · Add a budget department · budget.department.create")  # fmt: skip
expose(router, services.department_update, "/budget/departments/{department_id}/update", schema=BudgetDepartmentUpdateIn,
       refs={"organization": Organization}, response=BudgetDepartmentOut, out=department_out,
       summary="修改预算部门 · Change a budget department · budget.department.update")  # fmt: skip


class BudgetMappingOut(Schema):
    id: int
    name: str
    header_row: int
    department_code: str
    department_name: str
    functional_code: str
    economic_code: str
    amount: str
    unit: str = Field(description="yuan · wan (万元)")
    total_label: str


def mapping_out(m: Mapping) -> dict[str, Any]:
    return {"id": m.pk, "name": m.name, **{f: getattr(m, f) for f in MAPPING_FIELDS}}


class BudgetMappingListOut(Schema):
    count: int
    items: list[BudgetMappingOut]


@router.get(
    "/budget/mappings", response={200: BudgetMappingListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_mappings_list", summary="导入列对应 · Column mappings", description="依据 · rule: S7, §4.8.",
)  # fmt: skip
def budget_mappings_list(request, query: Query[PageQuery]):
    require(request, VIEW)
    return page(Mapping.objects.order_by("name"), query, mapping_out)


class BudgetMappingSaveIn(InputSchema):
    mapping_id: Id | None = Field(None, description="修改已有的列对应；不填则新建 · to change one; omit to create")  # fmt: skip
    name: text(60)
    header_row: int = Field(1, ge=1, le=50)
    department_code: text(40)
    department_name: text(40) = ""
    functional_code: text(40)
    economic_code: text(40) = ""
    amount: text(40)
    unit: choice(Mapping.Unit) = Mapping.Unit.WAN
    total_label: text(20) = ""


expose(router, services.mapping_save, "/budget/mappings", schema=BudgetMappingSaveIn, refs={"mapping": Mapping},
       response=BudgetMappingOut, out=mapping_out,
       summary="保存导入列对应 · Create or change a column mapping · budget.mapping.save")  # fmt: skip
