"""The party committee's own obligations (S1): its congress-work conference at least once a
term and its standing committee hearing the SC party group's report at least once a year,
from the meetings the office records.

The party committee's term is read as the congress's (both five years, the party congress
held a few months before the people's congress); the page says so.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.statute import params
from renda.people.selectors import current_term

from ..models import PartyMeeting
from ..registry import Evidence, Status, Verdict, check, join, worst, year_end

K = PartyMeeting.Kind


def _evidence(rows, year: int) -> list[Evidence]:
    link = f"{reverse('compliance:party')}?year={year}"
    return [Evidence(f"{m.held_on.isoformat()} {m.title}", link) for m in rows]


@check("S1", "party")
def party_committee(year, today) -> Verdict:
    values = params("party.conference_per_term", "party.group_report_per_year")
    reports = list(PartyMeeting.objects.filter(kind=K.GROUP_REPORT, held_on__year=year))
    need = values["party.group_report_per_year"]
    if len(reports) >= need:
        report_status = Status.MET
        report_line = format_lazy(_("党委常委会本年听取常委会党组工作汇报 {n} 次"), n=len(reports))
    else:
        report_status = Status.BROKEN if year < today.year else Status.AT_RISK
        report_line = format_lazy(_("党委常委会本年听取常委会党组工作汇报 {n} 次，应至少 {need} 次"), n=len(reports), need=need)  # fmt: skip
    term = current_term(year_end(year, today))
    conferences: list[PartyMeeting] = []
    if term is None:
        conference_status, conference_line = Status.NOT_EVALUATED, _("尚未设置届次，不能计算本届党委人大工作会议。")  # fmt: skip
    else:
        end = term.end_date or dt.date(term.start_date.year + 5, term.start_date.month, term.start_date.day)  # fmt: skip
        conferences = list(PartyMeeting.objects.filter(kind=K.CONFERENCE, held_on__range=(term.start_date, end)))  # fmt: skip
        need_term = values["party.conference_per_term"]
        if len(conferences) >= need_term:
            conference_status = Status.MET
        elif today > end:
            conference_status = Status.BROKEN
        else:
            conference_status = Status.AT_RISK if (end - today).days <= 365 else Status.NOT_DUE
        conference_line = format_lazy(
            _("本届（{first}至{last}）召开党委人大工作会议 {n} 次，应至少 {need} 次"),
            first=term.start_date.isoformat(), last=end.isoformat(), n=len(conferences), need=need_term,
        )  # fmt: skip
    return Verdict(
        worst(report_status, conference_status), join([report_line, conference_line]),
        _evidence(reports + conferences, year), str(year),
    )  # fmt: skip
