"""Back-office pages of supervision: research."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import paginate, permission_required

from .. import forms, selectors, services
from ..models import (
    Research,
)
from ._common import _error, _run

# -- special research ---------------------------------------------------------------------------

#: The research project's actions, as the detail page offers them (``act/<verb>/``).
RESEARCH_ACTIONS = (
    services.research_start,
    services.research_report,
    services.research_publish,
    services.research_submit,
)


@permission_required("supervision.view_overview")
def research_list(request):
    context = paginate(request, selectors.research_list().order_by("-id"))
    item = request.GET.get("plan_item", "")
    form = forms.ResearchForm(
        initial={"plan_item": int(item)} if item.isdigit() and len(item) < 12 else None
    )
    return render(
        request,
        "supervision/research_list.html",
        {
            **context,
            "form": form,
            "can_create": services.research_create.allows(request.user),
        },
    )


@require_POST
@permission_required("supervision.manage")
def research_create(request):
    form = forms.ResearchForm(request.POST)
    made = {}

    def call(d):
        made["r"] = services.research_create(
            actor=request.user,
            title=d["title"],
            body=d["body"],
            places=d["places"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            team=form.team(),
            plan_item=d["plan_item"],
        )

    if _run(request, form, call, _("专题调研已建立。")):
        return redirect("supervision:research_detail", pk=made["r"].pk)
    return redirect("supervision:research")


@permission_required("supervision.view_overview")
def research_detail(request, pk: int):
    research = get_object_or_404(
        Research.objects.select_related("body", "plan_item", "report"), pk=pk
    )
    return render(
        request,
        "supervision/research_detail.html",
        {
            "research": research,
            "team": research.team.select_related("person"),
            "actions": available(request.user, research, RESEARCH_ACTIONS),
            "report_form": forms.ResearchReportForm(),
            "body_form": forms.BodyForm(initial={"body": research.body_id}),
        },
    )


@permission_required("supervision.view_overview")
def research_attachment(request, pk: int):
    research = get_object_or_404(Research, pk=pk)
    return selectors.attachment_response(research)


@require_POST
@permission_required("supervision.manage")
def research_act(request, pk: int, action: str):
    research = get_object_or_404(Research, pk=pk)
    user, post = request.user, request.POST
    act = next((a for a in RESEARCH_ACTIONS if a.verb == action), None)
    if act is None:
        raise Http404
    if not act.permits(user, research):
        raise PermissionDenied
    if action == "report":
        _run(
            request,
            forms.ResearchReportForm(post, request.FILES),
            lambda d: services.research_report(
                actor=user,
                research=research,
                findings=d["findings"],
                report_text=d["report_text"],
                attachment=d.get("attachment"),
            ),
            _("调研报告已登记。"),
        )
    elif action == "submit":
        made = {}

        def call(d):
            made["r"] = services.research_submit(actor=user, research=research, body=d["body"])

        if _run(request, forms.BodyForm(post), call, _("调研报告已提请常委会审议。")):
            return redirect("supervision:report_detail", pk=made["r"].pk)
    else:
        try:
            act(actor=user, research=research)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(
                request, _("已开始调研。") if action == "start" else _("调研报告已公开。")
            )
    return redirect("supervision:research_detail", pk=research.pk)
