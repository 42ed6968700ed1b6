"""Budget review (S7, §4.1–§4.7): the budget calendar's own states of each step and of each
document to publish."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.budget import calendar
from renda.budget.models import Milestone, Publication
from renda.budget.services.calendar import publication_state
from renda.budget.services.debt import year_rows

from ..registry import Evidence, Status, Verdict, check, join, worst

K = Milestone.Kind
STATES = {
    "done": Status.MET, "late": Status.BROKEN, "out_of_window": Status.BROKEN, "overdue": Status.BROKEN,
    "due_soon": Status.AT_RISK, "pending": Status.NOT_DUE,
}  # fmt: skip
WORDS = {
    "done": _("按期完成"), "late": _("逾期完成"), "out_of_window": _("未在法定期间审议"), "overdue": _("已逾期"),
    "due_soon": _("即将到期"), "pending": _("尚未到期"),
}  # fmt: skip


def _steps(year: int, today: dt.date, *kinds: str) -> Verdict:
    found = {m.kind: m for m in Milestone.objects.filter(year=year, kind__in=kinds)}
    statuses, lines, evidence = [], [], []
    for kind in kinds:
        m = found.get(kind)
        if m is None:
            span = calendar.window(kind, year)
            past = year < today.year or (span is not None and today > span[1])
            statuses.append(Status.BROKEN if past else Status.AT_RISK)
            lines.append(format_lazy(_("{kind}：未列入预算工作日程"), kind=K(kind).label))
            continue
        state = calendar.state(m, today)
        statuses.append(STATES[state])
        lines.append(
            format_lazy(_("{kind}：{state}"), kind=m.get_kind_display(), state=WORDS[state])
        )
        evidence.append(Evidence(f"{m.year} {m.get_kind_display()}", reverse("budget:milestone_detail", args=[m.pk]), state))  # fmt: skip
    return Verdict(worst(*statuses), join(str(x) for x in lines), evidence, str(year))


@check("§4.1", "budget")
def budget_draft(year, today) -> Verdict:
    return _steps(year, today, K.BUDGET_DRAFT)


@check("§4.2", "budget")
def adjustment(year, today) -> Verdict:
    if not Milestone.objects.filter(year=year, kind=K.ADJUSTMENT).exists():
        # Not every year has an adjustment: its absence is no breach.
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有预算调整。"), [], str(year))
    return _steps(year, today, K.ADJUSTMENT)


@check("§4.3", "budget")
def final_accounts(year, today) -> Verdict:
    return _steps(year, today, K.FINAL_ACCOUNTS)


@check("§4.4", "budget")
def mid_year(year, today) -> Verdict:
    return _steps(year, today, K.MID_YEAR)


@check("§4.5", "budget")
def audit(year, today) -> Verdict:
    return _steps(year, today, K.AUDIT_REPORT, K.RECTIFICATION)


@check("§4.6", "budget")
def assets_and_debt(year, today) -> Verdict:
    v = _steps(year, today, K.STATE_ASSETS, K.GOVERNMENT_DEBT)
    over = [r for r in year_rows(year) if r.kind != "total" and r.state == "over"]
    if over:
        names = "、".join(r.label for r in over)
        v.summary = format_lazy(_("{steps}；{names}年末余额超过限额"), steps=v.summary, names=names)
        v.status = Status.BROKEN
        v.evidence.append(Evidence(_("政府债务"), f"{reverse('budget:debt')}?year={year}", "over"))
    return v


@check("§4.7", "budget")
def publication(year, today) -> Verdict:
    rows = list(Publication.objects.filter(year=year).select_related("department").order_by("due_on", "id"))  # fmt: skip
    link = f"{reverse('budget:publications')}?year={year}"
    if not rows:
        status = Status.BROKEN if year < today.year else Status.AT_RISK
        return Verdict(status, _("尚未登记应公开的预决算文件。"), [Evidence(_("预决算公开"), link)], str(year))  # fmt: skip
    states = [publication_state(p, today) for p in rows]
    counts = {s: states.count(s) for s in set(states)}
    summary = format_lazy(
        _("应公开 {n} 项：按期 {done}，逾期公开 {late}，逾期未公开 {overdue}"), n=len(rows),
        done=counts.get("done", 0), late=counts.get("late", 0), overdue=counts.get("overdue", 0),
    )  # fmt: skip
    evidence = [Evidence(_("预决算公开"), link)]
    return Verdict(worst(*(STATES[s] for s in states)), summary, evidence, str(year))


@check("S7", "budget")
def budget_review(year, today) -> Verdict:
    parts = [fn(year, today) for fn in (budget_draft, adjustment, final_accounts, mid_year, audit, assets_and_debt, publication)]  # fmt: skip
    status = worst(*(p.status for p in parts))
    summary = join(str(p.summary) for p in parts if p.status == status)
    return Verdict(status, summary, [e for p in parts for e in p.evidence], str(year))
