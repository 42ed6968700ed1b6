"""Back-office pages of supervision: reports."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.statute import params
from renda.core.views import paginate, permission_required

from .. import forms, selectors, services
from ..models import (
    Report,
)
from ._common import _run

# -- reports -----------------------------------------------------------------------------------


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
            "can_manage": request.user.has_perm("supervision.manage"),
        },
    )


@require_POST
@permission_required("supervision.manage")
def report_create(request):
    made = {}

    def call(d):
        made["r"] = services.report_create(actor=request.user, title=d["title"], body=d["body"])

    if _run(request, forms.ReportForm(request.POST), call, _("已建立专项工作报告。")):
        return redirect("supervision:report_detail", pk=made["r"].pk)
    return redirect("supervision:reports")


@permission_required("supervision.view_overview")
def report_detail(request, pk: int):
    report = get_object_or_404(
        selectors.reports_for(request.user).select_related("agenda_item__reporter"), pk=pk
    )
    today = timezone.localdate()
    manage = request.user.has_perm("supervision.manage")
    return render(
        request,
        "supervision/report_detail.html",
        {
            "report": report,
            "today": today,
            "can_manage": manage,
            "milestones": selectors.milestones(report, today) if report.meeting_id else [],
            "opinions": report.opinions.select_related("body"),
            "schedule_form": forms.ScheduleForm(body=report.body),
            "milestone_form": forms.MilestoneForm(),
            "deliberate_form": forms.DeliberateForm(),
            "opinion_form": forms.OpinionForm(),
        },
    )


@require_POST
@permission_required("supervision.manage")
def report_act(request, pk: int, action: str):
    report = get_object_or_404(Report, pk=pk)
    user, post = request.user, request.POST
    if action == "schedule":
        _run(
            request,
            forms.ScheduleForm(post, body=report.body),
            lambda d: services.report_schedule(
                actor=user, report=report, meeting=d["meeting"], reporter=d["reporter"]
            ),
            _("报告已列入会议议程。"),
        )
    elif action == "milestone":
        _run(
            request,
            forms.MilestoneForm(post),
            lambda d: services.report_milestone(
                actor=user, report=report, step=d["step"], on=d["on"]
            ),
            _("已登记。"),
        )
    elif action == "deliberate":
        _run(
            request,
            forms.DeliberateForm(post),
            lambda d: services.report_deliberate(
                actor=user, report=report, summary=d["summary"], publish=d["publish"]
            ),
            _("已登记审议。"),
        )
    elif action == "compile":
        made = {}

        def call(d):
            made["o"] = services.opinion_compile(
                actor=user, report=report, text=d["text"], title=d["title"]
            )

        if _run(request, forms.OpinionForm(post), call, _("审议意见已整理。")):
            return redirect("supervision:opinion_detail", pk=made["o"].pk)
    else:
        raise Http404
    return redirect("supervision:report_detail", pk=report.pk)
