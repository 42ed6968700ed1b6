"""Execution monitoring and inquiries (§4.8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.budget import services
from renda.budget.models import Department
from renda.budget.rules import VIEW
from renda.people.models import Organization

from ..actions import expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, Year, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS
from ._common import router
from .tables import BudgetDepartmentOut, department_out


class BudgetMonitorRowOut(Schema):
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


class BudgetMonitorQuery(Schema):
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


def _period(query: BudgetMonitorQuery):
    from renda.budget import monitoring

    year = query.year or next(iter(monitoring.years()), None)
    if year is None:
        return monitoring.Period(0, 0, None, None, None)
    return monitoring.period(year, query.month)


def _head(p) -> dict[str, Any]:
    from renda.core.statute import param

    return {"year": p.year, "month": p.month, "elapsed": str(p.elapsed), "threshold": param("budget.deviation_points"),
            "base_import_id": p.base.pk if p.base else None, "execution_import_id": p.execution.pk if p.execution else None}  # fmt: skip


class BudgetMonitoringOut(Schema):
    year: int
    month: int
    elapsed: str = Field(description="时间进度（%）· time elapsed, month / 12")
    threshold: int = Field(description="budget.deviation_points")
    base_import_id: int | None
    execution_import_id: int | None
    total: BudgetMonitorRowOut
    classes: list[BudgetMonitorRowOut]
    departments: list[BudgetMonitorRowOut]


@router.get(
    "/budget/monitoring", response={200: BudgetMonitoringOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_monitoring", summary="预算执行监督 · Execution against the budget and the time elapsed",
    description="依据 · rule: §4.8. The whole budget, each functional class (类) and each department.",
)  # fmt: skip
def budget_monitoring(request, query: Query[BudgetMonitorQuery]):
    from renda.budget import monitoring

    require(request, VIEW)
    p = _period(query)
    return {**_head(p), "total": _row(monitoring.total(p)), "classes": [_row(r) for r in monitoring.by_class(p)],
            "departments": [_row(r) for r in monitoring.by_department(p)]}  # fmt: skip


class BudgetMonitoringDepartmentOut(Schema):
    year: int
    month: int
    elapsed: str
    threshold: int
    base_import_id: int | None
    execution_import_id: int | None
    department: BudgetDepartmentOut
    classes: list[BudgetMonitorRowOut] = Field(
        description="按功能分类（款）· by functional section"
    )
    lines: list[BudgetMonitorRowOut] = Field(description="功能分类 × 经济分类 · by line")


@router.get(
    "/budget/monitoring/departments/{department_id}", response={200: BudgetMonitoringDepartmentOut, **DETAIL_ERRORS},
    auth=write_auth(VIEW), operation_id="budget_monitoring_department",
    summary="一个部门的预算执行 · A department's execution", description="依据 · rule: §4.8.",
)  # fmt: skip
def budget_monitoring_department(request, department_id: PathId, query: Query[BudgetMonitorQuery]):
    from renda.budget import monitoring

    require(request, VIEW)
    department = get_object_or_404(
        Department.objects.select_related("organization"), pk=department_id
    )
    p = _period(query)
    return {**_head(p), "department": department_out(department),
            "classes": [_row(r) for r in monitoring.by_class(p, digits=5, department=department)],
            "lines": [_row(r) for r in monitoring.by_line(p, department)]}  # fmt: skip


class BudgetMonitoringDeviationsOut(Schema):
    year: int
    month: int
    elapsed: str
    threshold: int
    base_import_id: int | None
    execution_import_id: int | None
    items: list[BudgetMonitorRowOut]


@router.get(
    "/budget/monitoring/deviations", response={200: BudgetMonitoringDeviationsOut, **READ_ERRORS},
    auth=write_auth(VIEW), operation_id="budget_monitoring_deviations",
    summary="执行偏离预警 · Departments and classes past the threshold",
    description="依据 · rule: §4.8. The largest deviation first.",
)  # fmt: skip
def budget_monitoring_deviations(request, query: Query[BudgetMonitorQuery]):
    from renda.budget import monitoring

    require(request, VIEW)
    p = _period(query)
    return {**_head(p), "items": [_row(r) for r in monitoring.deviations(p)]}


class BudgetAdjustmentQuery(Schema):
    year: Year


class BudgetAdjustmentOut(Schema):
    department_id: int
    department: str
    approved_yuan: str
    adjusted_yuan: str
    change_yuan: str
    change_percent: str | None
    moved_yuan: str = Field(description="科目流用额 · moved between the department's items")
    moved_percent: str | None
    adjusted_flag: bool = Field(description="调整幅度超过 budget.adjustment_points · change past the setting")  # fmt: skip
    transferred_flag: bool = Field(description="流用超过 budget.transfer_points · transfers past the setting")  # fmt: skip


class BudgetAdjustmentsOut(Schema):
    year: int
    adjustment_points: int
    transfer_points: int
    items: list[BudgetAdjustmentOut]


@router.get(
    "/budget/monitoring/adjustments", response={200: BudgetAdjustmentsOut, **READ_ERRORS},
    auth=write_auth(VIEW), operation_id="budget_monitoring_adjustments",
    summary="预算调整和科目流用 · Adjustments and transfers between items",
    description="依据 · rule: §4.8 (预算法 第67、69、72条). Each department's approved and adjusted budget, "
    "the amount moved between its functional items, flagged past the local settings; empty "
    "until the year has an adjustment.",
)  # fmt: skip
def budget_monitoring_adjustments(request, query: Query[BudgetAdjustmentQuery]):
    from renda.budget import adjustments
    from renda.budget.scan import yuan
    from renda.core.statute import param

    require(request, VIEW)
    return {
        "year": query.year, "adjustment_points": param("budget.adjustment_points"), "transfer_points": param("budget.transfer_points"),
        "items": [
            {"department_id": r.department.pk, "department": r.department.name, "approved_yuan": yuan(r.approved_fen),
             "adjusted_yuan": yuan(r.adjusted_fen), "change_yuan": yuan(r.change_fen),
             "change_percent": None if r.change_pct is None else str(r.change_pct), "moved_yuan": yuan(r.moved_fen),
             "moved_percent": None if r.moved_pct is None else str(r.moved_pct),
             "adjusted_flag": r.adjusted_flag, "transferred_flag": r.transferred_flag}
            for r in adjustments.changes(query.year)
        ],
    }  # fmt: skip


class BudgetInquiryOut(Schema):
    id: int
    year: int
    month: int
    subject: str
    question: str
    figures: str = Field(description="随询问附送的数据 · the figures sent with it")
    unit_id: int
    unit: str
    case_id: int | None = Field(
        description="办理事项（在 /cases 中答复）· the casework case the unit answers"
    )
    case_status: str | None
    created_at: dt.datetime


def inquiry_out(q) -> dict[str, Any]:
    return {
        "id": q.pk, "year": q.year, "month": q.month, "subject": q.subject, "question": q.question,
        "figures": q.figures.get("text", ""), "unit_id": q.unit_id, "unit": q.unit.name, "case_id": q.case_id,
        "case_status": q.case.status if q.case_id else None, "created_at": q.created_at,
    }  # fmt: skip


class BudgetInquiryListOut(Schema):
    count: int
    items: list[BudgetInquiryOut]


@router.get(
    "/budget/inquiries", response={200: BudgetInquiryListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_inquiries_list", summary="预算执行询问 · Inquiries about the execution",
    description="依据 · rule: §4.8. Newest first; each answered through its casework case.",
)  # fmt: skip
def budget_inquiries_list(request, query: Query[PageQuery]):
    from renda.budget.models import Inquiry

    require(request, VIEW)
    return page(
        Inquiry.objects.select_related("unit", "case").order_by("-created_at", "-id"),
        query,
        inquiry_out,
    )


class BudgetInquiryRaiseIn(InputSchema):
    year: Year
    month: int = Field(ge=1, le=12)
    question: text(2000)
    department_id: Id | None = Field(
        None, description="询问的预算部门 · the department asked about"
    )
    class_code: text(12) = Field("", description="或功能分类编码 · or a functional code")
    unit_id: Id | None = Field(None, description="答复单位；部门询问默认为其对应单位 · defaults to the department's unit")  # fmt: skip


expose(router, services.inquiry_raise, "/budget/inquiries", schema=BudgetInquiryRaiseIn, status=201,
       refs={"department": Department, "unit": Organization}, response=BudgetInquiryOut, out=inquiry_out,
       summary="发出预算执行询问 · Ask a unit about its execution · budget.inquiry.raise")  # fmt: skip
