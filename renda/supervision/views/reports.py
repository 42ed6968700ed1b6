"""Back-office pages of supervision: reports."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.pages import perform
from renda.core.statute import params
from renda.core.views import paginate, permission_required

from .. import forms, selectors, services
from ..models import (
    Report,
)

# -- reports -----------------------------------------------------------------------------------

#: The report's actions, as the detail page offers them (``act/<verb>/``).
REPORT_ACTIONS = (
    services.report_schedule,
    services.report_milestone,
    services.report_deliberate,
)


def report_actions(user, report: Report) -> frozenset[str]:
    """The verbs ``user`` may take on ``report`` now, compiling its opinions included."""
    allowed = set(available(user, report, REPORT_ACTIONS))
    if services.opinion_compilable(report) and services.opinion_compile.allows(user):
        allowed.add("compile")
    return frozenset(allowed)


@permission_required("supervision.view_overview")
def report_list(request):
    today = timezone.localdate()
    qs = selectors.reports_for(request.user).order_by("-id")
    context = paginate(request, qs)
    values = params(*(step[2] for step in selectors.MILESTONE_STEPS))
    for r in context["rows"]:
        r.late = (
            selectors.late_milestones(r, today, values)
            if r.status == Report.Status.SCHEDULED
            else []
        )
    return render(
        request,
        "supervision/report_list.html",
        {
            **context,
            "form": forms.ReportForm(),
            "can_create": services.report_create.allows(request.user),
        },
    )


@require_POST
@permission_required("supervision.view_overview")
def report_create(request):
    report = perform(
        request,
        services.report_create,
        form=forms.ReportForm(request.POST),
        success=_("已建立专项工作报告。"),
    )
    if report is not None:
        return redirect("supervision:report_detail", pk=report.pk)
    return redirect("supervision:reports")


@permission_required("supervision.view_overview")
def report_detail(request, pk: int):
    report = get_object_or_404(
        selectors.reports_for(request.user).select_related("agenda_item__reporter"), pk=pk
    )
    today = timezone.localdate()
    return render(
        request,
        "supervision/report_detail.html",
        {
            "report": report,
            "today": today,
            "actions": report_actions(request.user, report),
            "milestones": selectors.milestones(report, today) if report.meeting_id else [],
            "opinions": report.opinions.select_related("body"),
            "schedule_form": forms.ScheduleForm(body=report.body),
            "milestone_form": forms.MilestoneForm(),
            "deliberate_form": forms.DeliberateForm(),
            "opinion_form": forms.OpinionForm(),
        },
    )


@require_POST
@permission_required("supervision.view_overview")
def report_act(request, pk: int, action: str):
    report = get_object_or_404(Report, pk=pk)
    post = request.POST
    if action == "schedule":
        perform(
            request,
            services.report_schedule,
            form=forms.ScheduleForm(post, body=report.body),
            report=report,
            success=_("报告已列入会议议程。"),
        )
    elif action == "milestone":
        perform(
            request,
            services.report_milestone,
            form=forms.MilestoneForm(post),
            report=report,
            success=_("已登记。"),
        )
    elif action == "deliberate":
        perform(
            request,
            services.report_deliberate,
            form=forms.DeliberateForm(post),
            report=report,
            success=_("已登记审议。"),
        )
    elif action == "compile":
        opinion = perform(
            request,
            services.opinion_compile,
            form=forms.OpinionForm(post),
            report=report,
            success=_("审议意见已整理。"),
        )
        if opinion is not None:
            return redirect("supervision:opinion_detail", pk=opinion.pk)
    else:
        raise Http404
    return redirect("supervision:report_detail", pk=report.pk)
