"""Audit findings and their rectification (§4.5): recorded from the audit report, each
reported on by its department and assessed by the committee before the standing committee
hears the rectification report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import DomainError

from .. import calendar
from ..models import AuditFinding, Department, Milestone
from ..rules import MANAGE

F = AuditFinding.Status


def default_due(year: int) -> dt.date | None:
    """Six months (the setting) after the audit report was heard, once it was."""
    audit = Milestone.objects.filter(year=year, kind=Milestone.Kind.AUDIT_REPORT).first()
    return calendar.rectification_due(audit.heard_on) if audit and audit.heard_on else None


def _fen(amount) -> int:
    if amount in (None, ""):
        return 0
    try:
        value = Decimal(str(amount)) * 10_000 * 100  # 万元 to fen
    except InvalidOperation as exc:
        raise DomainError(
            "invalid_amount", _("涉及金额应为数字（万元）。"), field="amount"
        ) from exc
    if value < 0 or value != value.to_integral_value() or value > 10**15:
        raise DomainError("invalid_amount", _("涉及金额应为数字（万元）。"), field="amount")
    return int(value)


@action(
    "budget.finding.record", model=AuditFinding, permission=MANAGE, rule="§4.5", label=_("登记审计查出问题"),
    refs={"department": Department},
)  # fmt: skip
def finding_record(
    ctx: ActionContext, *, year, title: str, department: Department, category: str = AuditFinding.Category.BUDGET,
    detail: str = "", amount=None, due_on: dt.date | None = None,
) -> AuditFinding:  # fmt: skip
    """A problem of the year's audit report, with the department that must rectify it by the
    day given (by default six months after the audit report was heard)."""
    year = validation.year(year)
    validation.choice(category, AuditFinding.Category, field="category")
    due_on = due_on or default_due(year)
    if due_on is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="due_on", label=_("整改期限")
        )
    number = (AuditFinding.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1
    finding = AuditFinding.objects.create(
        year=year, number=number, department=department, category=category, due_on=due_on, amount_fen=_fen(amount),
        title=validation.text(title, field="title", label=_("问题"), max_length=200),
        detail=validation.text(detail, field="detail", label=_("问题描述"), required=False, max_length=5000),
    )  # fmt: skip
    ctx.changes.update(year=year, number=number, department=department.pk, due_on=str(due_on))
    return finding


@action(
    "budget.finding.report", model=AuditFinding, subject="finding", sources={F.OPEN, F.REPORTED},
    target=F.REPORTED, permission=MANAGE, rule="§4.5", label=_("登记整改情况"),
)  # fmt: skip
def finding_report(ctx: ActionContext, *, finding: AuditFinding, report: str, reported_on: dt.date) -> AuditFinding:  # fmt: skip
    """The department's report on what it did (a later report replaces the earlier one)."""
    if reported_on is None or reported_on > ctx.today:
        raise DomainError("invalid_date", _("报告日期不能晚于今天。"), field="reported_on")
    finding.report = validation.text(report, field="report", label=_("整改情况"), max_length=5000)
    finding.reported_on = reported_on
    finding.save(update_fields=["report", "reported_on", "status", "updated_at"])
    ctx.changes.update(reported_on=str(reported_on), late=reported_on > finding.due_on)
    return finding


@action(
    "budget.finding.assess", model=AuditFinding, subject="finding", sources={F.REPORTED}, target=F.ASSESSED,
    permission=MANAGE, rule="§4.5", label=_("评估整改情况"),
)  # fmt: skip
def finding_assess(ctx: ActionContext, *, finding: AuditFinding, result: str, assessment: str = "") -> AuditFinding:  # fmt: skip
    """The committee's assessment of the rectification: done, partly, or not."""
    validation.choice(result, AuditFinding.Result, field="result")
    finding.result = result
    finding.assessment = validation.text(assessment, field="assessment", label=_("评估意见"), required=result != AuditFinding.Result.RECTIFIED, max_length=2000)  # fmt: skip
    finding.assessed_on = ctx.today
    finding.save(update_fields=["result", "assessment", "assessed_on", "status", "updated_at"])
    ctx.changes.update(result=result)
    return finding


FINDING_ACTIONS = (finding_report, finding_assess)


def summary(year: int, today: dt.date) -> dict:
    """The year's figures for the rectification report: how many, reported, assessed as
    rectified, partly, not, and still open past their day (one query)."""
    out = AuditFinding.objects.filter(year=year).aggregate(
        total=Count("id"), amount=Sum("amount_fen"),
        reported=Count("id", filter=~Q(status=F.OPEN)),
        rectified=Count("id", filter=Q(result=AuditFinding.Result.RECTIFIED)),
        partly=Count("id", filter=Q(result=AuditFinding.Result.PARTLY)),
        not_rectified=Count("id", filter=Q(result=AuditFinding.Result.NOT_RECTIFIED)),
        overdue=Count("id", filter=Q(status=F.OPEN, due_on__lt=today)),
    )  # fmt: skip
    out["amount"] = out["amount"] or 0
    return out
