"""Recurring obligations of the seed and of the budget law: the plan items the office cannot forget.

Each row is data: its code, the topic, the body that reports, the months in which it
must be heard (a statute parameter) and whether a satisfaction vote follows. Missing
or unheard ones show as overdue on the overview once their window has passed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.statute import params

from . import statute  # noqa: F401  (registers the parameters read below)
from .models import TopicKind


@dataclass(frozen=True)
class Obligation:
    code: str
    title: Any
    body_code: str
    rule: str
    evaluation: bool = False
    window_param: str = ""
    by_month_param: str = ""
    responsible_code: str = ""


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        "court_report",
        _("听取和审议人民法院专项工作报告"),
        "court",
        "S8",
        evaluation=True,
        by_month_param="supervision.judicial_report_by_month",
        responsible_code="wc-legal",
    ),
    Obligation(
        "procuratorate_report",
        _("听取和审议人民检察院专项工作报告"),
        "procuratorate",
        "S8",
        evaluation=True,
        by_month_param="supervision.judicial_report_by_month",
        responsible_code="wc-legal",
    ),
    Obligation(
        "environment_report",
        _("听取和审议政府环境状况和环境保护目标完成情况报告"),
        "government",
        "S9",
        by_month_param="supervision.environment_report_by_month",
        responsible_code="wc-environment",
    ),
    Obligation(
        "final_accounts",
        _("审查和批准上一年度决算"),
        "government",
        "§4.3",
        window_param="supervision.final_accounts_window",
        responsible_code="wc-finance",
    ),
    Obligation(
        "mid_year_execution",
        _("听取和审议上半年计划和预算执行情况报告"),
        "government",
        "§4.4",
        window_param="supervision.mid_year_window",
        responsible_code="wc-finance",
    ),
    Obligation(
        "state_assets_report",
        _("听取和审议国有资产管理情况报告"),
        "government",
        "§4.6",
        responsible_code="wc-finance",
    ),
    Obligation(
        "gov_debt_report",
        _("听取和审议政府债务管理情况报告"),
        "government",
        "§4.6",
        responsible_code="wc-finance",
    ),
)
BY_CODE = {o.code: o for o in OBLIGATIONS}
KIND = TopicKind.SPECIAL_REPORT


def window(
    obligation: Obligation, year: int, values: dict | None = None
) -> tuple[dt.date, dt.date]:
    """The first and last day on which the obligation may be met in ``year``."""
    values = values if values is not None else params(*_param_keys())
    first, last = 1, 12
    if obligation.window_param:
        first, last = values[obligation.window_param]
    elif obligation.by_month_param:
        last = int(values[obligation.by_month_param])
    last = max(1, min(12, last))
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _param_keys() -> list[str]:
    keys = {o.window_param for o in OBLIGATIONS} | {o.by_month_param for o in OBLIGATIONS}
    return sorted(k for k in keys if k)


def windows(year: int) -> dict[str, tuple[dt.date, dt.date]]:
    values = params(*_param_keys())
    return {o.code: window(o, year, values) for o in OBLIGATIONS}
