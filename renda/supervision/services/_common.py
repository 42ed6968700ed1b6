"""Writes of supervision, one service per step (rules §3, §4.3–§4.6, S8–S11).

Each service checks the actor's permission and its rules (a
:class:`~renda.core.errors.DomainError` with a stable code), locks the row, checks the
workflow table, writes and audits inside one transaction. Agenda items go through
:mod:`renda.meetings.services`, polls through :mod:`renda.voting.services` and the
handling of opinions through :mod:`renda.casework.services`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.casework.kinds import ensure_kind
from renda.casework.models import CaseKind, DeadlineUnit
from renda.core import validation
from renda.core.errors import Conflict, DomainError
from renda.people.models import Organization

from .. import (
    statute,  # noqa: F401  (registers the parameters)
    workflow,
)
from ..models import (
    Opinion,
)

O = Opinion.Status  # noqa: E741
#: The office keeps the records; the chairpersons' council decides (see ``rules.py``).
MANAGE = "supervision.manage"
DECIDE = "supervision.decide"
MAX_TEXT = 20_000
SOURCE_TYPE = "supervision.opinion_round"
#: Result classes of a handling report (研究处理情况), marked for translation.
RESULT_CLASSES = {"A": "已落实", "B": "正在落实", "C": "列入计划逐步落实"}
_RESULT_LABELS = (_("已落实"), _("正在落实"), _("列入计划逐步落实"))
#: Casework kinds: code → (name, reply-months parameter).
CASE_KINDS = {
    Opinion.Origin.REPORT: ("deliberation_opinion", "审议意见", "supervision.opinion_reply_months"),
    Opinion.Origin.INSPECTION: (
        "inspection_opinion",
        "执法检查审议意见",
        "supervision.inspection_reply_months",
    ),
    Opinion.Origin.INQUIRY: ("inquiry_opinion", "专题询问意见", "supervision.inquiry_reply_months"),
    Opinion.Origin.RESEARCH: (
        "research_opinion",
        "专题调研报告审议意见",
        "supervision.opinion_reply_months",
    ),
    "lead": ("misconduct_lead", "司法人员违法违纪线索", "supervision.lead_feedback_months"),
}
_KIND_NAMES = (
    _("审议意见"),
    _("执法检查审议意见"),
    _("专题询问意见"),
    _("司法人员违法违纪线索"),
    _("专题调研报告审议意见"),
)


# -- helpers ------------------------------------------------------------------------------


def _text(
    value: Any, *, field: str, label, required: bool = True, max_length: int = MAX_TEXT
) -> str:
    return validation.text(
        value, field=field, label=label, required=required, max_length=max_length
    )


def _choice(value: Any, choices, *, field: str) -> str:
    if value not in choices.values:
        raise DomainError(
            "invalid_choice", _("选项“{value}”无效。"), field=field, value=value or ""
        )
    return value


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _day(now: dt.datetime) -> dt.date:
    return timezone.localdate(now) if timezone.is_aware(now) else now.date()


def _status_conflict(obj) -> Conflict:
    return Conflict(
        "status_not_allowed",
        _("当前状态为“{status}”，不能执行此操作。"),
        status=obj.get_status_display(),
    )


def _check(table: dict, action: str, obj) -> None:
    if not workflow.allows(table, action, obj.status):
        raise _status_conflict(obj)


def _sc() -> Organization:
    body = (
        Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE)
        .order_by("id")
        .first()
    )
    if body is None:
        raise Conflict("standing_committee_missing", _("尚未设置常务委员会机构。"))
    return body


def case_kind(key: str) -> CaseKind:
    """The casework kind of an opinion origin (or of a misconduct lead), created on first use."""
    code, name, months_key = CASE_KINDS[key]
    return ensure_kind(
        code=code,
        name=name,
        follows={"reply_amount": months_key, "rehandle_amount": months_key},
        reply_unit=DeadlineUnit.MONTHS,
        extended_amount=0,
        requester_rates=False,
        contact_required=False,
        result_classes=dict(RESULT_CLASSES),
        follow_up_classes=["B", "C"],
        rehandle_unit=DeadlineUnit.MONTHS,
    )


def _month(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        month = int(value)
    except (TypeError, ValueError):
        month = 0
    if not 1 <= month <= 12:
        raise DomainError("invalid_month", _("月份应为 1 至 12。"), field="planned_month")
    return month
