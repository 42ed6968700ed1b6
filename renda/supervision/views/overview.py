"""Back-office pages of supervision: overview."""

from __future__ import annotations

from collections import Counter

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.statute import params
from renda.core.views import permission_required

from .. import documents, selectors
from ..models import (
    Opinion,
    Report,
)
from ._common import _sc_name, _year

# -- overview --------------------------------------------------------------------------------


def _chart(states, evaluation_rows) -> tuple[dict, dict]:
    counts = Counter(str(s.label) for s in states)
    status_option = {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "pie",
                "radius": "65%",
                "data": [{"name": k, "value": v} for k, v in counts.items()],
            }
        ],
    }
    names = [ev.round.opinion.body.name for ev, _t in evaluation_rows]
    eval_option = {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "xAxis": {"type": "category", "data": names},
        "yAxis": {"type": "value"},
        "series": [
            {
                "name": str(label),
                "type": "bar",
                "stack": "v",
                "data": [(t or {}).get(key, 0) for _e, t in evaluation_rows],
            }
            for key, label in (
                ("satisfied", _("满意")),
                ("basically_satisfied", _("基本满意")),
                ("dissatisfied", _("不满意")),
                ("not_voted", _("未按")),
            )
        ],
    }
    return status_option, eval_option


@permission_required("supervision.view_overview")
def overview(request):
    """The year's plan with a status per topic, overdue and missing obligations, evaluations and charts."""
    year, today = _year(request), timezone.localdate()
    plan = selectors.plan_with_items(year)
    states = selectors.item_states(plan, today) if plan else []
    missing = selectors.missing_obligations(year, plan, today)
    evaluation_rows = [(ev, selectors.sealed_result(ev)) for ev in selectors.evaluations(year)]
    late_reports = []
    values = params(*(step[2] for step in selectors.MILESTONE_STEPS))
    for report in Report.objects.filter(
        status=Report.Status.SCHEDULED, meeting__starts_on__year=year
    ).select_related("meeting", "body"):
        late = selectors.late_milestones(report, today, values)
        if late:
            late_reports.append((report, late))
    status_option, eval_option = _chart(states, evaluation_rows)
    opinions = Opinion.objects.filter(created_at__year=year)
    context = {
        "year": year,
        "today": today,
        "plan": plan,
        "states": states,
        "missing": missing,
        "overdue": [s for s in states if s.overdue],
        "evaluations": evaluation_rows,
        "late_reports": late_reports,
        "opinion_counts": selectors.opinion_counts(opinions),
        "flagged": opinions.filter(referral_flagged=True),
        "unsent": Opinion.objects.filter(
            status=Opinion.Status.DRAFT, send_due_on__lt=today
        ).order_by("send_due_on"),
        "status_option": status_option,
        "eval_option": eval_option,
    }
    return render(request, "supervision/overview.html", context)


@permission_required("supervision.view_overview")
def summary_docx(request):
    year, today = _year(request), timezone.localdate()
    plan = selectors.plan_with_items(year)
    states = selectors.item_states(plan, today) if plan else []
    evaluation_rows = [(ev, selectors.sealed_result(ev)) for ev in selectors.evaluations(year)]
    data = documents.annual_summary(
        year=year,
        states=states,
        evaluations=evaluation_rows,
        opinions=list(Opinion.objects.filter(created_at__year=year)),
        today=today,
        sc_name=_sc_name(),
    )
    response = HttpResponse(data, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="supervision-summary-{year}.docx"'
    return response
