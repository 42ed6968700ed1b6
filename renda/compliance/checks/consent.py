"""The party committee's consent before the legal procedure (S2): every step the platform
makes wait for it (``approvals.requires``) is read back on the data — the rows of the year that
passed such a step, each with an agreeing answer on record; and the congress sessions held in
the year, whose consent is recorded on the session's page without gating its opening."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core import approvals
from renda.core.models import Approval

from ..registry import Evidence, Status, Verdict, check, join, worst


def _budget(year: int) -> QuerySet:
    from renda.budget.calendar import CONSENT
    from renda.budget.models import Milestone

    return Milestone.objects.filter(kind__in=CONSENT, heard_on__year=year)


def _lists(year: int) -> QuerySet:
    from renda.decisions.models import AnnualList, ListStatus

    return AnnualList.objects.filter(year=year, status__in=(ListStatus.ADOPTED, ListStatus.PUBLISHED, ListStatus.SUPERSEDED))  # fmt: skip


def _plans(year: int) -> QuerySet:
    from renda.legislation.models import Plan

    return Plan.objects.filter(published_at__year=year)


def _sessions(year: int) -> QuerySet:
    """Congress sessions held in the year (opened); their consent is recorded on the session's
    page, the opening itself does not wait for it."""
    from renda.meetings.models import Meeting

    S = Meeting.Status
    return Meeting.objects.filter(kind=Meeting.Kind.CONGRESS_SESSION, starts_on__year=year, status__in=(S.IN_PROGRESS, S.CLOSED))  # fmt: skip


def _appointments(year: int) -> QuerySet:
    from renda.appointments.models import Appointment

    A = Appointment.Status
    return Appointment.objects.filter(agenda_item__meeting__starts_on__year=year).exclude(status__in=(A.NOMINATED, A.WITHDRAWN))  # fmt: skip


#: (what passed the step, the rows of a year, the page of a row)
GATES: tuple[tuple[Any, Callable[[int], QuerySet], Callable[[Any], str]], ...] = (
    (_("预算草案、预算调整方案和决算草案提请审议"), _budget, lambda m: reverse("budget:milestone_detail", args=[m.pk])),
    (_("年度重大事项清单提请主任会议通过"), _lists, lambda x: reverse("decisions:list_detail", args=[x.pk])),
    (_("立法规划、计划向社会公布"), _plans, lambda p: reverse("legislation:plan_detail", args=[p.pk])),
    (_("任免事项提请常委会会议表决"), _appointments, lambda a: reverse("appointments:appointment_detail", args=[a.pk])),
    (_("人民代表大会会议及其议程"), _sessions, lambda m: reverse("meetings:detail", args=[m.pk])),
)  # fmt: skip


@check("S2", "party")
def party_consent(year, today) -> Verdict:
    statuses, lines, evidence = [], [], []
    for label, rows_of, url in GATES:
        rows = list(rows_of(year))
        if not rows:
            continue
        agreed = approvals.approved_among(rows, Approval.Kind.PARTY_CONSENT)
        missing = [x for x in rows if x.pk not in agreed]
        statuses.append(Status.BROKEN if missing else Status.MET)
        lines.append(
            format_lazy(_("{label}：{n} 项，{m} 项未见党委同意"), label=label, n=len(rows), m=len(missing))
            if missing
            else format_lazy(_("{label}：{n} 项，均经党委同意"), label=label, n=len(rows))
        )  # fmt: skip
        evidence += [Evidence(str(x), url(x), "missing") for x in missing]
    if not statuses:
        return Verdict(
            Status.NOT_APPLICABLE, _("本年度没有须报党委同意后进行的事项。"), [], str(year)
        )
    return Verdict(worst(*statuses), join(lines), evidence, str(year))
