"""What the public sees of the budget (S7, §4.7): the documents published in a year, the
congress's review of them, the figures of the published documents and, once its report is
heard, the audit rectification (``renda.budget.public``). No account needed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Field, Query, Schema

from renda.budget import public

from ..auth import OPTIONAL_AUTH, READ_AUTH
from ..common import Year
from ..errors import READ_ERRORS
from ._common import router


class BudgetPublicQuery(Schema):
    year: Year | None = Field(
        None, description="年度（缺省为最近一年） · year (default: the latest)"
    )


class BudgetPublicDocumentOut(Schema):
    kind: str = Field(description="budget · adjustment · final_accounts · execution · department_budget · department_accounts")  # fmt: skip
    title: str
    department: str | None
    approved_on: dt.date
    published_on: dt.date
    on_time: bool
    url: str


class BudgetPublicReviewOut(Schema):
    kind: str
    title: str
    document: str
    meeting: str | None
    heard_on: dt.date | None


class BudgetPublicCellOut(Schema):
    column: str
    yuan: str = Field(description="元，两位小数；— 为无数字 · yuan to the fen; — when none")


class BudgetPublicRowOut(Schema):
    code: str
    name: str
    cells: list[BudgetPublicCellOut]


class BudgetPublicFiguresOut(Schema):
    columns: list[str]
    rows: list[BudgetPublicRowOut]
    totals: list[BudgetPublicCellOut]


class BudgetPublicAuditOut(Schema):
    total: int
    reported: int
    rectified: int
    partly: int
    not_rectified: int
    amount_yuan: str


class BudgetPublicOut(Schema):
    year: int | None
    years: list[int]
    documents: list[BudgetPublicDocumentOut]
    reviews: list[BudgetPublicReviewOut]
    classes: BudgetPublicFiguresOut = Field(description="按功能分类（类）· by functional class")
    departments: BudgetPublicFiguresOut = Field(description="已公开的部门 · departments published")
    audit: BudgetPublicAuditOut | None = Field(description="整改情况报告审议后 · once the rectification report is heard")  # fmt: skip


def _figures(f: public.Figures) -> dict:
    def cells(pairs):
        return [{"column": c, "yuan": v} for c, v in pairs]

    return {
        "columns": f.columns,
        "rows": [{"code": code, "name": name, "cells": cells(c)} for code, name, c in f.rows],
        "totals": cells(f.totals),
    }


@router.get(
    "/budget/public", response={200: BudgetPublicOut, **READ_ERRORS}, auth=READ_AUTH,
    operation_id="budget_public", summary="公开的预决算 · The budget as published",
    description="依据 · rule: S7, §4.7. Public: the documents published in the year with their "
    "links, the congress's review, the figures of the published documents only (monthly "
    "execution stays with the committee) and the audit rectification once its report is heard.",
    openapi_extra=OPTIONAL_AUTH,
)  # fmt: skip
def budget_public(request, query: Query[BudgetPublicQuery]):
    years = public.years()
    year = query.year if query.year in years else (years[0] if years and query.year is None else None)  # fmt: skip
    empty = {"columns": [], "rows": [], "totals": []}
    if year is None:
        return {"year": query.year, "years": years, "documents": [], "reviews": [], "classes": empty, "departments": empty, "audit": None}  # fmt: skip
    data = public.overview(year, timezone.localdate())
    return {
        "year": year,
        "years": years,
        "documents": [
            {"kind": p.kind, "title": p.get_kind_display(), "department": p.department.name if p.department_id else None,
             "approved_on": p.approved_on, "published_on": p.published_on, "on_time": p.published_on <= p.due_on, "url": p.url}
            for p in data["publications"]
        ],
        "reviews": [
            {"kind": m.kind, "title": m.get_kind_display(), "document": m.document,
             "meeting": m.meeting.title if m.meeting_id and m.meeting.is_public else None, "heard_on": m.heard_on}
            for m in data["reviews"]
        ],
        "classes": _figures(data["classes"]),
        "departments": _figures(data["departments"]),
        "audit": data["audit"],
    }  # fmt: skip
