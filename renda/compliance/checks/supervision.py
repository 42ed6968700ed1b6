"""Supervision (S8, S9, §3.1, §3.3): the supervision plan's own item states and the
deliberation opinions' own deadlines, the handling read from casework."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.casework import selectors as cw
from renda.casework.models import Case
from renda.supervision import selectors as sv
from renda.supervision.models import Opinion, Plan
from renda.supervision.obligations import BY_CODE, windows

from ..registry import Evidence, Status, Verdict, check, join, worst

HEARD = {"deliberated", "in_handling", "evaluated", "done"}


def _obligations(year: int, today: dt.date, *codes: str) -> Verdict:
    """Each recurring obligation heard in its window: met once heard, broken once the window
    passed unheard (or it is missing from the plan), at risk within its last month."""
    plan = sv.plan_with_items(year)
    states = {s.item.obligation: s for s in sv.item_states(plan, today)} if plan else {}
    spans = windows(year)
    statuses, lines, evidence = [], [], []
    for code in codes:
        title, end = BY_CODE[code].title, spans[code][1]
        s = states.get(code)
        if s is not None and s.status in HEARD:
            statuses.append(Status.MET)
            lines.append(format_lazy(_("{title}：已审议"), title=title))
        elif (s is not None and s.status == "cancelled") or today > end:
            statuses.append(Status.BROKEN)
            lines.append(format_lazy(_("{title}：{end}前未审议"), title=title, end=end.isoformat()))
        else:
            soon = (end - today).days <= 31 or s is None
            statuses.append(Status.AT_RISK if soon else Status.NOT_DUE)
            lines.append(
                format_lazy(_("{title}：未列入监督计划"), title=title)
                if s is None
                else format_lazy(
                    _("{title}：{state}，应在{end}前审议"),
                    title=title,
                    state=s.label,
                    end=end.isoformat(),
                )  # fmt: skip
            )
        if s is not None and s.report is not None:
            evidence.append(Evidence(s.report.title, reverse("supervision:report_detail", args=[s.report.pk]), s.status))  # fmt: skip
    if plan is not None:
        evidence.append(Evidence(plan.title, reverse("supervision:plan_detail", args=[plan.pk])))
    return Verdict(worst(*statuses), join(lines), evidence, str(year))


@check("S8", "supervision")
def judicial_reports(year, today) -> Verdict:
    return _obligations(year, today, "court_report", "procuratorate_report")


@check("S9", "supervision")
def environment_report(year, today) -> Verdict:
    return _obligations(year, today, "environment_report")


@check("§3.1", "supervision")
def annual_plan(year, today) -> Verdict:
    """The year's plan, adopted by the chairpersons' council and published (监督法 第63条)."""
    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        status = Status.BROKEN if year < today.year else Status.AT_RISK
        return Verdict(status, _("尚未制定年度监督工作计划。"), [], str(year))
    link = [Evidence(plan.title, reverse("supervision:plan_detail", args=[plan.pk]))]
    if plan.status == Plan.Status.PUBLISHED:
        return Verdict(Status.MET, _("年度监督工作计划已通过并公布。"), link, str(year))
    status = Status.BROKEN if year < today.year else Status.AT_RISK
    return Verdict(status, format_lazy(_("年度监督工作计划{state}，尚未公布。"), state=plan.get_status_display()), link, str(year))  # fmt: skip


@check("§3.3", "supervision")
def opinions(year, today) -> Verdict:
    """Opinions of the year's meetings sent in time, and their handling within its deadline."""
    rows = list(
        Opinion.objects.filter(Q(report__meeting__starts_on__year=year) | Q(inquiry__meeting__starts_on__year=year))
        .order_by("id")
    )  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有审议意见。"), [], str(year))
    late_sent = [o for o in rows if o.send_due_on and (o.sent_on or today) > o.send_due_on]
    cases = Case.objects.filter(supervision_round__opinion__in=rows)
    overdue = list(cw.overdue(cases, today).values_list("supervision_round__opinion_id", flat=True))
    statuses = [Status.BROKEN if late_sent or overdue else Status.MET]
    summary = format_lazy(
        _("审议意见 {n} 件：逾期送交 {late}，办理逾期 {overdue}"), n=len(rows), late=len(late_sent), overdue=len(set(overdue)),
    )  # fmt: skip
    flagged = {o.pk for o in late_sent} | set(overdue)
    evidence = [Evidence(o.title, reverse("supervision:opinion_detail", args=[o.pk]), "late" if o.pk in flagged else o.status) for o in rows]  # fmt: skip
    return Verdict(worst(*statuses), summary, evidence, str(year))
