"""Budget figures (S7, §4.8): imports with their check and commit, the classification table,
the budget departments and the column mappings. The office and the members read; the budget
staff import. Workbooks travel as multipart ``workbook``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from renda.budget import scan, services
from renda.budget.models import Classification, Department, Import, Mapping, Milestone, Publication
from renda.budget.rules import MANAGE, VIEW
from renda.budget.services.tables import MAPPING_FIELDS
from renda.meetings.models import Meeting
from renda.people.models import Organization

from .actions import expose
from .auth import require, write_auth
from .common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS

router = Router(tags=["budget"])


class ImportRowErrorOut(Schema):
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
    errors: list[ImportRowErrorOut] = Field(description="前200处问题 · the first 200 problems")
    preview: list[list[str]] = Field(description="前20行：部门编码、功能分类、经济分类、金额（元）")
    new_departments: dict[str, str]


class BudgetImportCheckedOut(BudgetImportDetailOut):
    """What ``budget_import_check`` answers (the fields of ``budget_import_detail``)."""


class BudgetImportListOut(Schema):
    count: int
    items: list[BudgetImportOut]


class ImportQuery(PageQuery):
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
def budget_imports_list(request, query: Query[ImportQuery]):
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


class ImportCheckIn(InputSchema):
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
def budget_import_check(request, payload: Form[ImportCheckIn], workbook: File[UploadedFile]):
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


class ClassificationOut(Schema):
    id: int
    kind: str
    code: str
    name: str
    level: int = Field(description="1 类 · 2 款 · 3 项")
    parent_code: str | None
    retired_in: int | None
    sample: bool = Field(description="示例数据 · sample data, not the official table")


class ClassificationListOut(Schema):
    count: int
    items: list[ClassificationOut]


class ClassificationQuery(PageQuery):
    kind: choice(Classification.Kind) = Classification.Kind.FUNCTIONAL
    q: str = Field("", max_length=40, description="编码前缀或名称 · code prefix or name")


@router.get(
    "/budget/classifications", response={200: ClassificationListOut, **READ_ERRORS},
    auth=write_auth(VIEW), operation_id="budget_classifications_list",
    summary="收支分类科目 · The classification of expenditure", description="依据 · rule: S7, §4.8.",
)  # fmt: skip
def budget_classifications_list(request, query: Query[ClassificationQuery]):
    require(request, VIEW)
    rows = Classification.objects.filter(kind=query.kind).select_related("parent")
    if query.q.strip():
        rows = rows.filter(Q(code__startswith=query.q.strip()) | Q(name__contains=query.q.strip()))
    return page(rows.order_by("code"), query, lambda c: {
        "id": c.pk, "kind": c.kind, "code": c.code, "name": c.name, "level": c.level,
        "parent_code": c.parent.code if c.parent_id else None, "retired_in": c.retired_in, "sample": c.sample,
    })  # fmt: skip


class ClassificationImportIn(InputSchema):
    kind: choice(Classification.Kind)
    year: Year


class ClassificationImportOut(Schema):
    kind: str
    year: int
    rows: int
    added: int
    renamed: int
    restored: int
    retired: int


@router.post(
    "/budget/classifications/import", response={200: ClassificationImportOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE), operation_id="budget_classification_import",
    summary="导入收支分类科目 · Import the year's classification table · budget.classification.import",
    description="依据 · rule: S7, §4.8. multipart/form-data with `kind`, `year` and `workbook` "
    "(xlsx; first row 科目编码, 科目名称). Codes no longer listed are retired from that year.",
)  # fmt: skip
def budget_classification_import(request, payload: Form[ClassificationImportIn], workbook: File[UploadedFile]):  # fmt: skip
    user = require(request, MANAGE)
    return services.classification_import(actor=user, kind=payload.kind, year=payload.year, workbook=workbook)  # fmt: skip


class DepartmentOut(Schema):
    id: int
    code: str
    name: str
    organization_id: int | None
    organization: str | None
    active: bool


class DepartmentListOut(Schema):
    count: int
    items: list[DepartmentOut]


def department_out(d: Department) -> dict[str, Any]:
    return {"id": d.pk, "code": d.code, "name": d.name, "organization_id": d.organization_id,
            "organization": d.organization.name if d.organization_id else None, "active": d.active}  # fmt: skip


@router.get(
    "/budget/departments", response={200: DepartmentListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_departments_list", summary="预算部门 · Budget departments",
    description="依据 · rule: S7.",
)  # fmt: skip
def budget_departments_list(request, query: Query[PageQuery]):
    require(request, VIEW)
    return page(
        Department.objects.select_related("organization").order_by("code"), query, department_out
    )


class DepartmentCreateIn(InputSchema):
    code: text(20)
    name: text(100)
    organization_id: Id | None = None


class DepartmentUpdateIn(InputSchema):
    name: text(100)
    organization_id: Id | None = None
    active: bool = True


expose(router, services.department_create, "/budget/departments", schema=DepartmentCreateIn, status=201,
       refs={"organization": Organization}, response=DepartmentOut, out=department_out,
       summary="登记预算部门 · Add a budget department · budget.department.create")  # fmt: skip
expose(router, services.department_update, "/budget/departments/{department_id}/update", schema=DepartmentUpdateIn,
       refs={"organization": Organization}, response=DepartmentOut, out=department_out,
       summary="修改预算部门 · Change a budget department · budget.department.update")  # fmt: skip


class MappingOut(Schema):
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


class MappingListOut(Schema):
    count: int
    items: list[MappingOut]


@router.get(
    "/budget/mappings", response={200: MappingListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_mappings_list", summary="导入列对应 · Column mappings", description="依据 · rule: S7, §4.8.",
)  # fmt: skip
def budget_mappings_list(request, query: Query[PageQuery]):
    require(request, VIEW)
    return page(Mapping.objects.order_by("name"), query, mapping_out)


class MappingSaveIn(InputSchema):
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


expose(router, services.mapping_save, "/budget/mappings", schema=MappingSaveIn, refs={"mapping": Mapping},
       response=MappingOut, out=mapping_out,
       summary="保存导入列对应 · Create or change a column mapping · budget.mapping.save")  # fmt: skip


class MonitorRowOut(Schema):
    key: str = Field(
        description="部门编码、科目编码或明细编码 · department code, class code or line codes"
    )
    name: str
    department_id: int | None
    budget_yuan: str
    executed_yuan: str
    rate: str | None = Field(description="执行率（%）· spent / budget, per cent")
    deviation: str | None = Field(description="执行率减时间进度（百分点）· rate minus time elapsed, points")  # fmt: skip
    last_year_yuan: str | None
    growth: str | None = Field(description="同比（%）· against the same month a year before")
    flag: str = Field(description="slow 滞后 · fast 超前 · empty")


class MonitorQuery(Schema):
    year: Year | None = Field(
        None, description="默认最近一年 · default: the latest year with figures"
    )
    month: int | None = Field(
        None, ge=1, le=12, description="默认最近导入的月份 · default: the latest month"
    )


def _row(r) -> dict[str, Any]:
    return {
        "key": r.key, "name": r.name, "department_id": r.pk if r.kind == "department" else None,
        "budget_yuan": r.budget_yuan, "executed_yuan": r.executed_yuan,
        "rate": None if r.rate is None else str(r.rate), "deviation": None if r.deviation is None else str(r.deviation),
        "last_year_yuan": None if r.last_year_fen is None else r.last_year_yuan,
        "growth": None if r.growth is None else str(r.growth), "flag": r.flag,
    }  # fmt: skip


def _period(query: MonitorQuery):
    from renda.budget import monitoring

    year = query.year or next(iter(monitoring.years()), None)
    if year is None:
        return monitoring.Period(0, 0, None, None, None)
    return monitoring.period(year, query.month)


def _head(p) -> dict[str, Any]:
    from renda.core.statute import param

    return {"year": p.year, "month": p.month, "elapsed": str(p.elapsed), "threshold": param("budget.deviation_points"),
            "base_import_id": p.base.pk if p.base else None, "execution_import_id": p.execution.pk if p.execution else None}  # fmt: skip


class MonitoringOut(Schema):
    year: int
    month: int
    elapsed: str = Field(description="时间进度（%）· time elapsed, month / 12")
    threshold: int = Field(description="budget.deviation_points")
    base_import_id: int | None
    execution_import_id: int | None
    total: MonitorRowOut
    classes: list[MonitorRowOut]
    departments: list[MonitorRowOut]


@router.get(
    "/budget/monitoring", response={200: MonitoringOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_monitoring", summary="预算执行监督 · Execution against the budget and the time elapsed",
    description="依据 · rule: §4.8. The whole budget, each functional class (类) and each department.",
)  # fmt: skip
def budget_monitoring(request, query: Query[MonitorQuery]):
    from renda.budget import monitoring

    require(request, VIEW)
    p = _period(query)
    return {**_head(p), "total": _row(monitoring.total(p)), "classes": [_row(r) for r in monitoring.by_class(p)],
            "departments": [_row(r) for r in monitoring.by_department(p)]}  # fmt: skip


class MonitoringDepartmentOut(Schema):
    year: int
    month: int
    elapsed: str
    threshold: int
    base_import_id: int | None
    execution_import_id: int | None
    department: DepartmentOut
    classes: list[MonitorRowOut] = Field(description="按功能分类（款）· by functional section")
    lines: list[MonitorRowOut] = Field(description="功能分类 × 经济分类 · by line")


@router.get(
    "/budget/monitoring/departments/{department_id}", response={200: MonitoringDepartmentOut, **DETAIL_ERRORS},
    auth=write_auth(VIEW), operation_id="budget_monitoring_department",
    summary="一个部门的预算执行 · A department's execution", description="依据 · rule: §4.8.",
)  # fmt: skip
def budget_monitoring_department(request, department_id: PathId, query: Query[MonitorQuery]):
    from renda.budget import monitoring

    require(request, VIEW)
    department = get_object_or_404(
        Department.objects.select_related("organization"), pk=department_id
    )
    p = _period(query)
    return {**_head(p), "department": department_out(department),
            "classes": [_row(r) for r in monitoring.by_class(p, digits=5, department=department)],
            "lines": [_row(r) for r in monitoring.by_line(p, department)]}  # fmt: skip


class MonitoringDeviationsOut(Schema):
    year: int
    month: int
    elapsed: str
    threshold: int
    base_import_id: int | None
    execution_import_id: int | None
    items: list[MonitorRowOut]


@router.get(
    "/budget/monitoring/deviations", response={200: MonitoringDeviationsOut, **READ_ERRORS},
    auth=write_auth(VIEW), operation_id="budget_monitoring_deviations",
    summary="执行偏离预警 · Departments and classes past the threshold",
    description="依据 · rule: §4.8. The largest deviation first.",
)  # fmt: skip
def budget_monitoring_deviations(request, query: Query[MonitorQuery]):
    from renda.budget import monitoring

    require(request, VIEW)
    p = _period(query)
    return {**_head(p), "items": [_row(r) for r in monitoring.deviations(p)]}


class MilestoneOut(Schema):
    id: int
    year: int
    kind: str
    rule: str
    status: str = Field(description="planned · submitted · heard")
    meeting_id: int | None
    meeting_day: dt.date | None
    due_on: dt.date | None = Field(description="报送或审议期限 · the document's deadline, else the last day to hear it")  # fmt: skip
    submitted_on: dt.date | None
    document: str
    heard_on: dt.date | None
    state: str = Field(description="done · late · out_of_window · overdue · due_soon · pending")
    window: list[dt.date] | None = Field(description="法定审议期间 · the window of the law")


def milestone_out(m) -> dict[str, Any]:
    from django.utils import timezone

    from renda.budget import calendar

    span = calendar.window(m.kind, m.year)
    return {
        "id": m.pk, "year": m.year, "kind": m.kind, "rule": calendar.RULES[m.kind], "status": m.status,
        "meeting_id": m.meeting_id, "meeting_day": m.meeting.starts_on if m.meeting_id else None,
        "due_on": m.due_on, "submitted_on": m.submitted_on, "document": m.document, "heard_on": m.heard_on,
        "state": calendar.state(m, timezone.localdate()), "window": list(span) if span else None,
    }  # fmt: skip


class MilestoneListOut(Schema):
    count: int
    items: list[MilestoneOut]


class YearQuery(PageQuery):
    year: Year


@router.get(
    "/budget/milestones", response={200: MilestoneListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_milestones_list", summary="预算工作日程 · The budget year's milestones",
    description="依据 · rule: §4.1–§4.6. Deadlines computed from the rules; `state` as of today.",
)  # fmt: skip
def budget_milestones_list(request, query: Query[YearQuery]):
    require(request, VIEW)
    return page(Milestone.objects.filter(year=query.year).select_related("meeting").order_by("due_on", "id"), query, milestone_out)  # fmt: skip


class MilestonePlanIn(InputSchema):
    year: Year
    kind: str = Field(description="budget_draft · adjustment · final_accounts · mid_year · audit_report · rectification · state_assets · government_debt")  # fmt: skip
    meeting_id: Id | None = None
    note: text(300) = ""


class MilestoneScheduleIn(InputSchema):
    meeting_id: Id


class MilestoneSubmitIn(InputSchema):
    submitted_on: dt.date
    document: text(200)


class MilestoneHearIn(InputSchema):
    heard_on: dt.date


expose(router, services.milestone_plan, "/budget/milestones", schema=MilestonePlanIn, status=201, refs={"meeting": Meeting},
       response=MilestoneOut, out=milestone_out, summary="安排预算工作节点 · Put a step on the calendar · budget.milestone.plan")  # fmt: skip
for act, path, schema in (
    (services.milestone_schedule, "schedule", MilestoneScheduleIn),
    (services.milestone_submit, "submit", MilestoneSubmitIn),
    (services.milestone_hear, "hear", MilestoneHearIn),
):
    expose(router, act, f"/budget/milestones/{{milestone_id}}/{path}", schema=schema, refs={"meeting": Meeting},
           response=MilestoneOut, out=milestone_out, summary=f"{act.label} · {act.name}",
           description=f"依据 · rule: {act.rule}.")  # fmt: skip


class PublicationOut(Schema):
    id: int
    year: int
    kind: str
    department_id: int | None
    department: str | None
    approved_on: dt.date
    due_on: dt.date
    published_on: dt.date | None
    url: str
    state: str = Field(description="done · late · overdue · due_soon · pending")


def publication_out(p) -> dict[str, Any]:
    from django.utils import timezone

    return {
        "id": p.pk, "year": p.year, "kind": p.kind, "department_id": p.department_id,
        "department": p.department.name if p.department_id else None, "approved_on": p.approved_on,
        "due_on": p.due_on, "published_on": p.published_on, "url": p.url,
        "state": services.publication_state(p, timezone.localdate()),
    }  # fmt: skip


class PublicationListOut(Schema):
    count: int
    items: list[PublicationOut]


@router.get(
    "/budget/publications", response={200: PublicationListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_publications_list", summary="预决算公开 · Publication within the statutory days",
    description="依据 · rule: §4.7.",
)  # fmt: skip
def budget_publications_list(request, query: Query[YearQuery]):
    require(request, VIEW)
    return page(Publication.objects.filter(year=query.year).select_related("department").order_by("due_on", "id"), query, publication_out)  # fmt: skip


class PublicationRecordIn(InputSchema):
    year: Year
    kind: str = Field(description="budget · adjustment · final_accounts · execution · department_budget · department_accounts")  # fmt: skip
    approved_on: dt.date
    department_id: Id | None = None


class PublicationPublishIn(InputSchema):
    published_on: dt.date
    url: text(300) = ""


expose(router, services.publication_record, "/budget/publications", schema=PublicationRecordIn, status=201,
       refs={"department": Department}, response=PublicationOut, out=publication_out,
       summary="登记应公开事项 · Record a document due for publication · budget.publication.record")  # fmt: skip
expose(router, services.publication_publish, "/budget/publications/{publication_id}/publish", schema=PublicationPublishIn,
       response=PublicationOut, out=publication_out,
       summary="登记已公开 · Record its publication · budget.publication.publish")  # fmt: skip
