"""Major matters (S12, §6.2), filing review (§5.2) and deputies' suggestions (§1.2): the
domains' own late lists and deadlines."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.casework import selectors as cw
from renda.casework.models import Case
from renda.decisions import selectors as ds
from renda.decisions.models import AnnualList, ListStatus
from renda.filings.models import Filing

from ..registry import Evidence, Status, Verdict, check, join, worst


@check("§6.2", "decisions")
def annual_list(year, today) -> Verdict:
    """The year's list of major matters submitted by its day, and published."""
    lst = AnnualList.objects.filter(year=year, version=1).first()
    if lst is None:
        return Verdict(Status.BROKEN if year <= today.year else Status.AT_RISK, _("尚未建立本年度重大事项清单。"), [], str(year))  # fmt: skip
    link = [Evidence(lst.title, reverse("decisions:list_detail", args=[lst.pk]))]
    if ds.late_lists(today).filter(pk=lst.pk).exists():
        return Verdict(Status.BROKEN, format_lazy(_("政府应于{day}前报送清单，尚未报送。"), day=lst.due_on.isoformat()), link, str(year))  # fmt: skip
    published = AnnualList.objects.filter(year=year, status__in=(ListStatus.PUBLISHED, ListStatus.SUPERSEDED)).exists()  # fmt: skip
    if published:
        return Verdict(Status.MET, _("清单已报送并公布。"), link, str(year))
    status = Status.BROKEN if year < today.year else Status.AT_RISK
    return Verdict(status, format_lazy(_("清单{state}，尚未公布。"), state=lst.get_status_display()), link, str(year))  # fmt: skip


@check("S12", "decisions")
def major_matters(year, today) -> Verdict:
    """The list (§6.2) and its matters brought before the SC in their planned quarter."""
    listed = annual_list(year, today)
    overdue = list(ds.overdue_matters(today=today).filter(year=year)[:50])
    status = worst(listed.status, Status.BROKEN if overdue else Status.MET)
    lines = [listed.summary]
    if overdue:
        lines.append(format_lazy(_("{n} 项重大事项逾期未提请审议"), n=len(overdue)))
    evidence = listed.evidence + [Evidence(m.title, reverse("decisions:matter_detail", args=[m.pk]), "overdue") for m in overdue]  # fmt: skip
    return Verdict(status, join(lines), evidence, str(year))


@check("§5.2", "filings")
def filing_on_time(year, today) -> Verdict:
    """Documents filed within the days after their publication (the filings' own flag)."""
    filed = Filing.objects.filter(filed_at__year=year)
    total, late = filed.count(), list(filed.filter(is_late=True).order_by("filed_at")[:50])
    if not total:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有报送备案的文件。"), [], str(year))
    summary = format_lazy(_("报送备案 {n} 件，逾期报备 {late} 件"), n=total, late=filed.filter(is_late=True).count())  # fmt: skip
    evidence = [Evidence(_("逾期报备"), reverse("filings:late"))] + [Evidence(f.title, reverse("filings:detail", args=[f.pk]), "late") for f in late]  # fmt: skip
    return Verdict(Status.BROKEN if late else Status.MET, summary, evidence, str(year))


@check("§1.2", "suggestions")
def suggestion_replies(year, today) -> Verdict:
    """Suggestions of the year answered within their deadline (the casework deadline engine)."""
    cases = Case.objects.filter(suggestion__isnull=False, created_at__year=year)
    total = cases.count()
    if not total:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有交办的代表建议。"), [], str(year))
    overdue = cw.overdue(cases, today).count()
    summary = format_lazy(_("代表建议 {n} 件，逾期未答复 {overdue} 件"), n=total, overdue=overdue)
    evidence = [Evidence(_("逾期事项"), reverse("casework:overdue"))]
    return Verdict(Status.BROKEN if overdue else Status.MET, summary, evidence, str(year))
