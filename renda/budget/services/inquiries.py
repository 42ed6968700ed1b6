"""Inquiries about the execution (§4.8): a flagged department or class becomes a casework
case for the unit that answers, with the figures attached; the reply comes back through
casework."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import DomainError
from renda.people.models import Organization

from .. import monitoring
from ..models import Classification, Department, Inquiry
from ..rules import MANAGE


def inquiry_kind():
    """The casework kind of an inquiry, created on first use: the unit answers within
    ``budget.inquiry_reply_days``; nobody rates it."""
    from renda.casework.kinds import ensure_kind
    from renda.casework.models import DeadlineUnit

    return ensure_kind(
        code="budget_inquiry", name="预算执行询问", follows={"reply_amount": "budget.inquiry_reply_days"},
        reply_unit=DeadlineUnit.DAYS, extended_amount=0, requester_rates=False, contact_required=False,
    )  # fmt: skip


def _asker() -> Organization:
    body = (
        Organization.objects.filter(code="wc-finance").first()
        or Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE)
        .order_by("id")
        .first()
    )
    if body is None:
        raise DomainError("standing_committee_missing", _("尚未设置常务委员会机构。"))
    return body


def figures_text(row: monitoring.Row, p: monitoring.Period) -> str:
    lines = [
        str(
            _(
                "{year}年截至{month}月：预算数 {budget} 元，执行数 {spent} 元，执行率 {rate}，时间进度 {elapsed}%，偏离 {deviation} 个百分点。"
            )
        ).format(  # fmt: skip
            year=p.year,
            month=p.month,
            budget=row.budget_yuan,
            spent=row.executed_yuan,
            rate=f"{row.rate}%" if row.rate is not None else "—",
            elapsed=p.elapsed,
            deviation=f"{row.deviation:+}" if row.deviation is not None else "—",
        )  # fmt: skip
    ]
    if row.last_year_fen is not None:
        lines.append(str(_("上年同期执行数 {last} 元，同比 {growth}。")).format(last=row.last_year_yuan, growth=f"{row.growth:+}%" if row.growth is not None else "—"))  # fmt: skip
    return "\n".join(lines)


@action(
    "budget.inquiry.raise", model=Inquiry, permission=MANAGE, rule="§4.8", label=_("发出预算执行询问"),
    refs={"department": Department, "unit": Organization},
)  # fmt: skip
def inquiry_raise(
    ctx: ActionContext, *, year, month, question: str, department: Department | None = None,
    class_code: str = "", unit: Organization | None = None,
) -> Inquiry:  # fmt: skip
    """Ask a department (or, for a class, the unit named) why its execution is off, with the
    figures as they stand; the unit answers through casework."""
    from renda.casework import services as cw

    year = validation.year(year)
    month = validation.month(month)
    if month is None:
        raise DomainError("field_required", _("请填写{label}。"), field="month", label=_("月份"))
    question = validation.text(question, field="question", label=_("询问内容"), max_length=2000)
    p = monitoring.period(year, month)
    if p.execution is None:
        raise DomainError("no_figures", _("该月尚未导入执行数。"), field="month")
    if department is not None:
        row = monitoring.row_for(p, department=department)
        subject = department.name
        unit = unit or department.organization
    else:
        code = validation.text(class_code, field="class_code", label=_("功能分类"), max_length=12)
        item = Classification.objects.filter(kind=Classification.Kind.FUNCTIONAL, code=code).first()
        if item is None:
            raise DomainError("unknown_code", _("科目编码“{code}”不在支出功能分类表中。"), field="class_code", code=code)  # fmt: skip
        row = monitoring.row_for(p, code=code)
        subject = f"{item.code} {item.name}"
    if unit is None:
        raise DomainError("field_required", _("请填写{label}。"), field="unit", label=_("答复单位"))
    if row is None:
        raise DomainError("no_figures", _("该部门或科目在该月没有数据。"), field="month")
    figures = figures_text(row, p)
    inquiry = Inquiry.objects.create(
        year=year, month=month, subject=subject, question=question, unit=unit, created_by=ctx.user,
        figures={"rate": str(row.rate) if row.rate is not None else None, "deviation": str(row.deviation) if row.deviation is not None else None,
                 "budget_fen": row.budget_fen, "executed_fen": row.executed_fen, "flag": row.flag, "text": figures},
    )  # fmt: skip
    case = ctx.perform(
        cw.case_create, kind=inquiry_kind(), title=str(_("预算执行询问：{subject}")).format(subject=subject)[:200],
        summary=f"{question}\n\n{figures}", requester_body=_asker(), source_type="budget.inquiry", source_id=inquiry.pk,
    )  # fmt: skip
    inquiry.case = ctx.perform(cw.case_assign, case=case, lead=unit)
    inquiry.save(update_fields=["case", "updated_at"])
    ctx.changes.update(year=year, month=month, subject=subject, unit=unit.pk, case=case.pk)
    return inquiry
