"""Deputies (S23, S24, S26, §2.5, §2.6): the deputies' own coverage selectors — training and
reports to voters per term, contacts per quarter — against their local settings."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.deputies import selectors as ds
from renda.people.selectors import current_term

from ..registry import Evidence, Status, Verdict, check, join, worst, year_end


def _per_term(year, today, total_of, short_of, required: int, what, link: str) -> Verdict:
    term = current_term(year_end(year, today))
    evidence = [Evidence(what, link)]
    if term is None:
        return Verdict(Status.NOT_EVALUATED, _("尚未设置届次。"), evidence, str(year))
    total = total_of(term).count()
    if not total:
        return Verdict(Status.NOT_EVALUATED, _("本届尚无在职代表。"), evidence, str(year))
    short = short_of(term, required).count()
    end = term.end_date
    if not short:
        status = Status.MET
    elif end and today > end:
        status = Status.BROKEN
    elif end and (end - today).days <= 365:
        status = Status.AT_RISK
    else:
        status = Status.NOT_DUE
    summary = format_lazy(
        _("{what}：本届每名代表应至少 {required} 次，{total} 名在职代表中 {short} 名尚未达到（本届至{end}）"),
        what=what, required=required, total=total, short=short, end=end.isoformat() if end else "—",
    )  # fmt: skip
    return Verdict(status, summary, evidence, str(year))


@check("S24", "deputies")
def training(year, today) -> Verdict:
    return _per_term(year, today, ds.training_coverage, ds.untrained, ds.training_required(), _("代表履职学习培训"), reverse("deputies:training_coverage"))  # fmt: skip


@check("§2.6", "deputies")
def training_statute(year, today) -> Verdict:
    return training(year, today)


@check("S26", "deputies")
def voter_reports(year, today) -> Verdict:
    return _per_term(year, today, ds.report_coverage, ds.unreported, ds.reports_required(), _("代表向选民述职"), reverse("deputies:report_coverage"))  # fmt: skip


@check("§2.5", "deputies")
def voter_reports_statute(year, today) -> Verdict:
    return voter_reports(year, today)


@check("S23", "deputies")
def contacts(year, today) -> Verdict:
    """双联系: each SC member's contacts with deputies and each deputy's with voters, every
    quarter of the year so far; a quarter still running can only be at risk."""
    need = ds.contact_required()
    term = current_term(year_end(year, today))
    statuses, lines = [], []
    for quarter in range(1, 5):
        start, end = ds.quarter_bounds(year, quarter)
        if start > today:
            break
        members = [row for row in ds.sc_contact_counts(year, quarter) if row["contacts"] < need["sc_member"]]  # fmt: skip
        deputies = ds.deputy_contact_counts(term, year, quarter) if term else []
        short = [d for d in deputies if d.contacts + d.received < need["deputy"]]
        if members or short:
            statuses.append(Status.BROKEN if today > end else Status.AT_RISK)
            lines.append(format_lazy(_("第{q}季度：{m} 名常委会组成人员、{d} 名代表联系次数不足"), q=quarter, m=len(members), d=len(short)))  # fmt: skip
        else:
            statuses.append(Status.MET)
    if not statuses:
        return Verdict(Status.NOT_DUE, _("该年度尚未开始。"), [], str(year))
    summary = join(lines) if lines else format_lazy(_("各季度联系次数均达到要求（常委会组成人员每季度 {m} 次，代表每季度 {d} 次）"), m=need["sc_member"], d=need["deputy"])  # fmt: skip
    return Verdict(
        worst(*statuses), summary, [Evidence(_("双联系"), reverse("deputies:contacts"))], str(year)
    )
