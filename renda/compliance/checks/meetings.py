"""Meetings (S14, §8.1, §8.6, §8.7): read from the meeting calendar's own frequency checks."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.meetings import selectors as ms

from ..registry import Evidence, Status, Verdict, check, join, shared, worst

STATUS = {ms.PASS: Status.MET, ms.WARN: Status.AT_RISK, ms.FAIL: Status.BROKEN}


def _evidence(rows) -> list[Evidence]:
    seen, out = set(), []
    for row in rows:
        for m in row.meetings:
            if m.pk not in seen:
                seen.add(m.pk)
                label = f"{m.title} · {m.starts_on.isoformat()}"
                out.append(Evidence(label, reverse("meetings:detail", args=[m.pk])))
    return out


def _verdict(year, today, rule: str, empty) -> Verdict:
    # A past year is judged once it is over (the calendar's checks warn until then).
    day = min(today, dt.date(year + 1, 1, 1))
    found = shared(("frequency", day), lambda: ms.frequency_checks(day))
    rows = [r for r in found if r.rule == rule and r.year == year]
    if not rows:
        return Verdict(Status.MET, empty, period=str(year))
    status = worst(*(STATUS[r.status] for r in rows))
    findings = [r for r in rows if STATUS[r.status] == status]
    summary = join(str(r.detail) for r in findings)
    return Verdict(status, summary, _evidence(rows), str(year))


@check("§8.1", "meetings")
def congress_per_year(year, today) -> Verdict:
    return _verdict(year, today, "§8.1", _("本年度无记录。"))


@check("§8.7", "meetings")
def sc_meeting_gap(year, today) -> Verdict:
    return _verdict(year, today, "§8.7", _("本年度常委会会议间隔均符合要求。"))


@check("S14", "meetings")
def meeting_frequency(year, today) -> Verdict:
    """The seed's clause: the congress every year, the SC every two months, sessions long enough."""
    parts = [_verdict(year, today, rule, _("符合要求。")) for rule in ("§8.1", "§8.7", "S14")]
    status = worst(*(p.status for p in parts))
    summary = join(str(p.summary) for p in parts if p.status == status)
    evidence = [e for p in parts for e in p.evidence]
    return Verdict(status, summary, list({e.url: e for e in evidence}.values()), str(year))


@check("§8.6", "meetings")
def session_length(year, today) -> Verdict:
    return _verdict(year, today, "S14", _("本年度人民代表大会会议会期符合要求。"))
