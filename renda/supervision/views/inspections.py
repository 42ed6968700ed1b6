"""Back-office pages of supervision: inspections."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.statute import param
from renda.core.views import paginate, permission_required

from .. import forms, selectors, services
from ..models import (
    Inspection,
)
from ._common import _error, _run

# -- inspections -------------------------------------------------------------------------------

#: The inspection's actions, as the detail page offers them (``act/<verb>/``).
INSPECTION_ACTIONS = (
    services.inspection_plan_sent,
    services.inspection_start,
    services.inspection_findings,
    services.inspection_report,
)


@permission_required("supervision.view_overview")
def inspection_list(request):
    today = timezone.localdate()
    context = paginate(request, selectors.inspections_list().order_by("-starts_on", "-id"))
    days = int(param("supervision.inspection_plan_days"))
    for row in context["rows"]:
        row.plan_late = selectors.inspection_plan_late(row, today, days)
        row.plan_due = services.plan_due_on(row, days)
    return render(
        request,
        "supervision/inspection_list.html",
        {
            **context,
            "form": forms.InspectionForm(),
            "can_create": services.inspection_create.allows(request.user),
        },
    )


@require_POST
@permission_required("supervision.manage")
def inspection_create(request):
    form = forms.InspectionForm(request.POST)
    made = {}

    def call(d):
        made["i"] = services.inspection_create(
            actor=request.user,
            title=d["title"],
            law=d["law"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            places=d["places"],
            team=form.team(),
        )

    if _run(request, form, call, _("执法检查已建立。")):
        return redirect("supervision:inspection_detail", pk=made["i"].pk)
    return redirect("supervision:inspections")


@permission_required("supervision.view_overview")
def inspection_detail(request, pk: int):
    inspection = get_object_or_404(Inspection.objects.select_related("report"), pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "supervision/inspection_detail.html",
        {
            "inspection": inspection,
            "team": inspection.team.select_related("person"),
            "plan_due": services.plan_due_on(inspection),
            "plan_late": selectors.inspection_plan_late(inspection, today),
            "actions": available(request.user, inspection, INSPECTION_ACTIONS),
            "day_form": forms.DayForm(),
            "findings_form": forms.FindingsForm(),
            "findings_only_form": forms.FindingsOnlyForm(initial={"findings": inspection.findings}),
        },
    )


@require_POST
@permission_required("supervision.manage")
def inspection_act(request, pk: int, action: str):
    inspection = get_object_or_404(Inspection, pk=pk)
    user, post = request.user, request.POST
    act = next((a for a in INSPECTION_ACTIONS if a.verb == action), None)
    if act is None:
        raise Http404
    if not act.permits(user, inspection):
        raise PermissionDenied
    if action == "plan_sent":
        _run(
            request,
            forms.DayForm(post),
            lambda d: services.inspection_plan_sent(actor=user, inspection=inspection, on=d["on"]),
            _("已登记。"),
        )
    elif action == "start":
        try:
            services.inspection_start(actor=user, inspection=inspection)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, _("已开始检查。"))
    elif action == "findings":
        _run(
            request,
            forms.FindingsOnlyForm(post),
            lambda d: services.inspection_findings(
                actor=user, inspection=inspection, findings=d["findings"]
            ),
            _("发现的问题已登记。"),
        )
    elif action == "report":
        made = {}

        def call(d):
            made["r"] = services.inspection_report(
                actor=user, inspection=inspection, findings=d["findings"], body=d["body"]
            )

        if _run(request, forms.FindingsForm(post), call, _("执法检查报告已建立。")):
            return redirect("supervision:report_detail", pk=made["r"].pk)
    return redirect("supervision:inspection_detail", pk=inspection.pk)
