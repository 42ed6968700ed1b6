"""'My work' items of budget review for the budget staff: execution flagged past the
threshold and not yet asked about, the calendar's steps due soon or overdue and those still
waiting for the party committee's consent, publications overdue, audit findings to assess or
past their day."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core import approvals
from renda.core.work import WorkItem

from . import calendar, monitoring
from .models import AuditFinding, DebtFigure, Inquiry, Milestone, Publication
from .rules import MANAGE
from .services.calendar import PARTY_CONSENT, publication_state
from .services.debt import year_rows

#: At most this many deviation alerts are listed one by one; the rest are counted.
ALERTS = 8


def deviation_items(today: dt.date) -> list[WorkItem]:
    """The latest month's flagged departments and classes nobody has asked about yet."""
    years = monitoring.years()
    if not years:
        return []
    p = monitoring.period(years[0])
    if p.execution is None:
        return []
    asked = set(Inquiry.objects.filter(year=p.year, month=p.month).values_list("subject", flat=True))  # fmt: skip
    rows = [r for r in monitoring.deviations(p) if (r.name if r.kind == "department" else f"{r.key} {r.name}") not in asked]  # fmt: skip
    base = reverse("budget:inquiry_new")
    items = []
    for r in rows[:ALERTS]:
        target = f"department={r.pk}" if r.kind == "department" else f"class={r.key}"
        items.append(
            WorkItem(
                title=format_lazy(
                    _("执行偏离：{name}"),
                    name=r.name if r.kind == "department" else f"{r.key} {r.name}",
                ),  # fmt: skip
                url=f"{base}?year={p.year}&month={p.month}&{target}",
                kind=_("预算执行预警"),
                rule="§4.8",
                detail=format_lazy(
                    _("截至{month}月执行率 {rate}，时间进度 {elapsed}%，偏离 {deviation} 个百分点"),
                    month=p.month,
                    rate=f"{r.rate}%" if r.rate is not None else "—",
                    elapsed=p.elapsed,
                    deviation=f"{r.deviation:+}" if r.deviation is not None else "—",
                ),  # fmt: skip
                action=_("询问"),
            )
        )
    if len(rows) > ALERTS:
        items.append(
            WorkItem(
                title=format_lazy(_("另有 {n} 项执行偏离"), n=len(rows) - ALERTS),
                url=f"{reverse('budget:deviations')}?year={p.year}&month={p.month}",
                kind=_("预算执行预警"),
                rule="§4.8",
            )
        )
    return items


def calendar_items(today: dt.date) -> list[WorkItem]:
    items = []
    open_steps = list(Milestone.objects.filter(year__in=(today.year, today.year + 1)).exclude(status=Milestone.Status.HEARD).select_related("meeting"))  # fmt: skip
    for m in open_steps:
        state = calendar.state(m, today)
        if state in ("overdue", "due_soon"):
            items.append(
                WorkItem(
                    title=format_lazy(
                        _("{year}年{kind}：文件报送期限"), year=m.year, kind=m.get_kind_display()
                    )
                    if m.kind in calendar.LEAD_DAYS
                    else format_lazy(
                        _("{year}年{kind}：审议期限"), year=m.year, kind=m.get_kind_display()
                    ),  # fmt: skip
                    url=reverse("budget:milestone_detail", args=[m.pk]),
                    kind=_("预算工作日程"),
                    due=m.due_on,
                    rule=calendar.RULES[m.kind],
                )
            )
    soon = [m for m in open_steps if m.kind in calendar.CONSENT and m.meeting_id and today <= m.meeting.starts_on <= today + dt.timedelta(days=calendar.CONSENT_NOTICE_DAYS)]  # fmt: skip
    agreed = approvals.approved_among(soon, PARTY_CONSENT)
    for m in soon:
        if m.pk not in agreed:
            items.append(
                WorkItem(
                    title=format_lazy(
                        _("{year}年{kind}：报党委同意"), year=m.year, kind=m.get_kind_display()
                    ),  # fmt: skip
                    url=reverse("budget:milestone_detail", args=[m.pk]),
                    kind=_("党委同意"),
                    due=m.meeting.starts_on,
                    rule="S2",
                )
            )
    return items


def publication_items(today: dt.date) -> list[WorkItem]:
    items = []
    for p in Publication.objects.filter(published_on__isnull=True, due_on__lte=today + dt.timedelta(days=7)).select_related("department").order_by("due_on")[:50]:  # fmt: skip
        what = (
            f"{p.get_kind_display()}：{p.department.name}"
            if p.department_id
            else p.get_kind_display()
        )
        items.append(
            WorkItem(
                title=format_lazy(_("督促公开：{what}"), what=what),
                url=f"{reverse('budget:publications')}?year={p.year}",
                kind=_("预决算公开"),
                due=p.due_on,
                rule="§4.7",
                detail=_("已逾期") if publication_state(p, today) == "overdue" else "",
            )
        )
    return items


def finding_items(today: dt.date) -> list[WorkItem]:
    F = AuditFinding.Status
    items = []
    rows = AuditFinding.objects.filter(status=F.REPORTED) | AuditFinding.objects.filter(status=F.OPEN, due_on__lt=today)  # fmt: skip
    for f in rows.select_related("department").order_by("due_on", "id")[:50]:
        items.append(
            WorkItem(
                title=format_lazy(
                    _("评估整改情况：{title}")
                    if f.status == F.REPORTED
                    else _("整改逾期：{title}"),
                    title=f.title,
                ),  # fmt: skip
                url=f"{reverse('budget:findings')}?year={f.year}",
                kind=_("审计查出问题整改"),
                due=f.due_on,
                rule="§4.5",
                detail=f.department.name,
            )
        )
    return items


def debt_items(today: dt.date) -> list[WorkItem]:
    """The latest recorded year's kinds of debt near or past their limit."""
    latest = DebtFigure.objects.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return []
    items = []
    for r in year_rows(latest):
        if r.kind != "total" and r.state != "ok":
            items.append(
                WorkItem(
                    title=format_lazy(
                        _("政府债务超过限额：{year}年{kind}")
                        if r.state == "over"
                        else _("政府债务接近限额：{year}年{kind}"),
                        year=latest,
                        kind=r.label,
                    ),  # fmt: skip
                    url=f"{reverse('budget:debt')}?year={latest}",
                    kind=_("政府债务"),
                    rule="§4.6",
                    detail=format_lazy(_("年末余额占限额 {used}%"), used=r.used),
                )
            )
    return items


def budget_work(user, today: dt.date) -> list[WorkItem]:
    if not user.has_perm(MANAGE):
        return []
    return deviation_items(today) + debt_items(today) + calendar_items(today) + publication_items(today) + finding_items(today)  # fmt: skip
