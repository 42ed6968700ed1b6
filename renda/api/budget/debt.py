"""The government's debt (§4.6): the year's limit and balances of general and special debt,
with the use of the limit and its state; the budget staff record and correct them."""

from __future__ import annotations

from typing import Any

from ninja import Field, Query, Schema

from renda.budget import services
from renda.budget.models import DebtFigure
from renda.budget.rules import VIEW
from renda.budget.services.debt import year_rows
from renda.core.statute import param

from ..actions import expose
from ..auth import require, write_auth
from ..common import InputSchema, Year, choice, text
from ..errors import READ_ERRORS
from ._common import router

WAN = "万元，两位小数 · 10,000 yuan, two decimals"
AMOUNT = Field(max_length=24, description="万元（最多六位小数） · 10,000 yuan, up to six decimals")  # fmt: skip


class BudgetDebtRowOut(Schema):
    kind: str = Field(description="general · special · total")
    label: str
    limit: str = Field(description=f"债务限额 · limit ({WAN})")
    opening: str = Field(description=f"年初余额 · opening balance ({WAN})")
    issued: str = Field(description=f"本年新增 · issued ({WAN})")
    repaid: str = Field(description=f"本年偿还 · repaid ({WAN})")
    closing: str = Field(description=f"年末余额 · closing balance ({WAN})")
    limit_room: str = Field(description=f"距限额 · room under the limit ({WAN})")
    used_percent: str = Field(description="年末余额占限额 · closing balance as a share of the limit (%)")  # fmt: skip
    growth_percent: str | None = Field(description="余额同比 · closing balance against the year before (%)")  # fmt: skip
    state: str = Field(description="ok · warning · over")
    note: str


class BudgetDebtOut(Schema):
    year: int
    warning_percent: int = Field(description="预警比例 · budget.debt_warning_percent")
    rows: list[BudgetDebtRowOut]


class BudgetDebtQuery(Schema):
    year: Year


@router.get(
    "/budget/debt", response={200: BudgetDebtOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="budget_debt", summary="政府债务 · Government debt by year",
    description="依据 · rule: §4.6 (预算法 第35条). The total row appears once both kinds are recorded.",
)  # fmt: skip
def budget_debt(request, query: Query[BudgetDebtQuery]):
    require(request, VIEW)
    rows = [r.as_dict() for r in year_rows(query.year)]
    return {
        "year": query.year,
        "warning_percent": param("budget.debt_warning_percent"),
        "rows": rows,
    }


class BudgetDebtRecordIn(InputSchema):
    year: Year
    kind: choice(DebtFigure.Kind)
    limit: str = AMOUNT
    opening: str = AMOUNT
    issued: str = AMOUNT
    repaid: str = AMOUNT
    closing: str = AMOUNT
    note: text(2000) = ""


def debt_out(figure: DebtFigure) -> dict[str, Any]:
    row = next(r for r in year_rows(figure.year) if r.kind == figure.kind)
    return {"year": figure.year, **row.as_dict()}


class BudgetDebtRecordOut(BudgetDebtRowOut):
    year: int


expose(router, services.debt_record, "/budget/debt", schema=BudgetDebtRecordIn, status=201,
       response=BudgetDebtRecordOut, out=debt_out,
       summary="登记或更正政府债务数据 · Record or correct a year's debt figures · budget.debt.record",
       description="依据 · rule: §4.6. 年末余额须等于年初余额加本年新增减本年偿还 · the closing balance must equal opening + issued − repaid (`debt_unbalanced`).")  # fmt: skip
