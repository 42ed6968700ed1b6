"""Figure imports: check a workbook, commit or discard it (S7, §4.8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Schema, Status, UploadedFile

from renda.budget import scan, services
from renda.budget.models import Import, Mapping
from renda.budget.rules import MANAGE, VIEW

from ..actions import expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS
from ._common import router


class BudgetImportRowErrorOut(Schema):
    row: int = Field(description="工作簿中的行号，0 为整个文件 · the row in the sheet, 0 for the whole file")  # fmt: skip
    column: str
    message: str


class BudgetImportOut(Schema):
    id: int
    dataset: str = Field(description="budget · adjustment · final · execution")
    year: int
    month: int = Field(description="月度执行截至的月份；年度数据为 0 · 0 for a dataset of the year")
    version: int
    status: str = Field(description="checked · failed · committed · superseded · discarded")
    file_name: str
    sha256: str
    mapping_id: int
    row_count: int
    total_yuan: str = Field(description="各行合计（元）· the sum of the lines in yuan")
    error_count: int
    reason: str
    supersedes_id: int | None
    created_by: str | None = Field(description="导入人姓名 · who uploaded it (name)")
    created_at: dt.datetime
    committed_at: dt.datetime | None


class BudgetImportDetailOut(BudgetImportOut):
    errors: list[BudgetImportRowErrorOut] = Field(
        description="前200处问题 · the first 200 problems"
    )
    preview: list[list[str]] = Field(description="前20行：部门编码、功能分类、经济分类、金额（元）")
    new_departments: dict[str, str]


class BudgetImportCheckedOut(BudgetImportDetailOut):
    """What ``budget_import_check`` answers (the fields of ``budget_import_detail``)."""


class BudgetImportListOut(Schema):
    count: int
    items: list[BudgetImportOut]


class BudgetImportQuery(PageQuery):
    dataset: choice(Import.Dataset) | None = None
    year: Year | None = None
    status: choice(Import.Status) | None = None


def import_out(imp: Import, *, detail: bool = False) -> dict[str, Any]:
    out = {
        "id": imp.pk, "dataset": imp.dataset, "year": imp.year, "month": imp.month,
        "version": imp.version, "status": imp.status, "file_name": imp.file_name, "sha256": imp.sha256,
        "mapping_id": imp.mapping_id, "row_count": imp.row_count, "total_yuan": scan.yuan(imp.total_fen),
        "error_count": imp.error_count, "reason": imp.reason, "supersedes_id": imp.supersedes_id,
        "created_by": imp.created_by.name if imp.created_by_id else None,
        "created_at": imp.created_at, "committed_at": imp.committed_at,
    }  # fmt: skip
    if detail:
        out.update(errors=imp.errors, preview=imp.preview.get("rows", []), new_departments=imp.preview.get("new_departments", {}))  # fmt: skip
    return out


@router.get(
    "/budget/imports", response={200: BudgetImportListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_imports_list", summary="预算数据导入记录 · Figure imports",
    description="依据 · rule: S7, §4.8. Newest first; every version of every period.",
)  # fmt: skip
def budget_imports_list(request, query: Query[BudgetImportQuery]):
    require(request, VIEW)
    rows = Import.objects.select_related("created_by__person").defer("errors", "preview")
    for name in ("dataset", "year", "status"):
        if getattr(query, name) is not None:
            rows = rows.filter(**{name: getattr(query, name)})
    return page(rows.order_by("-created_at", "-id"), query, import_out)


@router.get(
    "/budget/imports/{import_id}", response={200: BudgetImportDetailOut, **DETAIL_ERRORS},
    auth=write_auth(VIEW), operation_id="budget_import_detail",
    summary="一次导入：校验结果与预览 · An import with its problems and preview",
    description="依据 · rule: S7, §4.8.",
)  # fmt: skip
def budget_import_detail(request, import_id: PathId):
    require(request, VIEW)
    return import_out(get_object_or_404(Import.objects.select_related("created_by__person"), pk=import_id), detail=True)  # fmt: skip


class BudgetImportCheckIn(InputSchema):
    dataset: choice(Import.Dataset)
    year: Year
    month: int | None = Field(None, ge=1, le=12, description="月度执行必填 · execution only")
    mapping_id: Id
    reason: text(200) = Field("", description="该期间已导入时必填 · required to correct a period already imported")  # fmt: skip


@router.post(
    "/budget/imports", response={201: BudgetImportCheckedOut, **WRITE_ERRORS}, auth=write_auth(MANAGE),
    operation_id="budget_import_check",
    summary="上传并校验预算数据 · Upload and check a workbook · budget.import.check",
    description=(
        "依据 · rule: S7, §4.8. multipart/form-data with the fields below and `workbook` (xlsx, "
        "at most 50 MB). Every row is checked and nothing is written: the answer's `status` is "
        "`checked` (commit it with budget_import_commit) or `failed`, with each problem by row."
    ),
)  # fmt: skip
def budget_import_check(request, payload: Form[BudgetImportCheckIn], workbook: File[UploadedFile]):
    user = require(request, MANAGE)
    mapping = get_object_or_404(Mapping, pk=payload.mapping_id)
    imp = services.import_check(
        actor=user, dataset=payload.dataset, year=payload.year, month=payload.month,
        mapping=mapping, workbook=workbook, reason=payload.reason,
    )  # fmt: skip
    return Status(201, import_out(imp, detail=True))


def _import_result(imp: Import) -> dict[str, Any]:
    return import_out(imp, detail=True)


for act, path in ((services.import_commit, "commit"), (services.import_discard, "discard")):
    expose(router, act, f"/budget/imports/{{import_id}}/{path}", response=BudgetImportDetailOut, out=_import_result,
           summary=f"{act.label} · {act.name}",
           description=f"依据 · rule: {act.rule}. " + ("All lines in one transaction or none; a correction supersedes the current version." if path == "commit" else ""))  # fmt: skip
