"""Back-office pages of supervision: plans."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.pages import perform
from renda.core.views import paginate, permission_required
from renda.people.exports import xlsx_response

from .. import forms, selectors, services
from ..models import (
    Plan,
    PlanItem,
)

# -- plans -------------------------------------------------------------------------------------


@permission_required("supervision.view_overview")
def plan_list(request):
    qs = Plan.objects.order_by("-year")
    return render(
        request,
        "supervision/plan_list.html",
        {
            "year_form": forms.YearForm(initial={"year": timezone.localdate().year}),
            "can_manage": request.user.has_perm("supervision.manage"),
            **paginate(request, qs),
        },
    )


@require_POST
@permission_required("supervision.manage")
def plan_create(request):
    plan = perform(
        request,
        services.plan_create,
        form=forms.YearForm(request.POST),
        success=_("计划草稿已建立，法定年度事项已列入。"),
    )
    if plan is not None:
        return redirect("supervision:plan_detail", pk=plan.pk)
    return redirect("supervision:plans")


def _link(name: str):
    def url(pk: str) -> str:
        return reverse(name, args=[int(pk)]) if pk.isdigit() else ""

    return url


#: Originating records a topic may link to (监督法 Art. 12 channels), by ``source_type``.
SOURCE_LINKS = {
    "suggestions.suggestion": _link("suggestions:detail"),
    "supervision.inspection": _link("supervision:inspection_detail"),
    "supervision.opinion": _link("supervision:opinion_detail"),
}

REVISION_LABELS = {
    "drafted": _("起草"),
    "adopted": _("主任会议通过"),
    "published": _("公布"),
    "reopened": _("调整"),
}


@permission_required("supervision.view_overview")
def plan_detail(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    plan = selectors.plan_with_items(plan.year)
    today = timezone.localdate()
    user = request.user
    manage = user.has_perm("supervision.manage")
    allowed = available(user, plan, PLAN_ACTIONS)
    revisions = list(plan.revisions.select_related("actor"))
    for r in revisions:
        r.label = REVISION_LABELS.get(r.action, r.action)
    states = selectors.item_states(plan, today)
    for state in states:
        state.source_url = SOURCE_LINKS.get(state.item.source_type, lambda _pk: "")(
            state.item.source_id
        )
    return render(
        request,
        "supervision/plan_detail.html",
        {
            "plan": plan,
            "states": states,
            "today": today,
            "revisions": revisions,
            "can_edit": "add_item" in allowed,
            "can_manage": manage,
            "can_adopt": "adopt" in allowed,
            "can_publish": "publish" in allowed,
            "can_reopen": "reopen" in allowed,
            "item_form": forms.PlanItemForm(),
            "adopt_form": forms.AdoptForm(),
            "reason_form": forms.ReasonForm(),
        },
    )


#: The plan's actions, as the detail page offers them.
PLAN_ACTIONS = (
    services.plan_item_add,
    services.plan_adopt,
    services.plan_publish,
    services.plan_reopen,
)


@require_POST
@permission_required("supervision.view_overview")
def plan_act(request, pk: int, action: str):
    plan = get_object_or_404(Plan, pk=pk)
    post = request.POST
    if action == "add_item":
        perform(
            request,
            services.plan_item_add,
            form=forms.PlanItemForm(post),
            plan=plan,
            success=_("议题已加入计划。"),
        )
    elif action == "adopt":
        perform(
            request,
            services.plan_adopt,
            form=forms.AdoptForm(post),
            plan=plan,
            success=_("已登记主任会议通过。"),
        )
    elif action == "publish":
        perform(request, services.plan_publish, plan=plan, success=_("计划已在门户网站公布。"))
    elif action == "reopen":
        perform(
            request,
            services.plan_reopen,
            form=forms.ReasonForm(post),
            plan=plan,
            success=_("计划已进入调整，调整后须重新经主任会议通过。"),
        )
    elif action == "cancel_item":
        item = get_object_or_404(PlanItem, pk=post.get("item") or 0, plan=plan)
        perform(
            request,
            services.plan_item_cancel,
            form=forms.ReasonForm(post),
            item=item,
            success=_("议题已撤销。"),
        )
    elif action == "open_report":
        item = get_object_or_404(PlanItem, pk=post.get("item") or 0, plan=plan)
        report = perform(
            request,
            services.report_create,
            title=item.title,
            plan_item=item,
            body=item.supervised_body,
            success=_("已建立专项工作报告。"),
        )
        if report is not None:
            return redirect("supervision:report_detail", pk=report.pk)
    else:
        raise Http404
    return redirect("supervision:plan_detail", pk=plan.pk)


@permission_required("supervision.manage")
def plan_item_edit(request, pk: int):
    """Change a topic of a draft plan: its meeting, month, bodies, source."""
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    initial = {f: getattr(item, f) for f in services.ITEM_FIELDS}
    form = forms.PlanItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and perform(
        request, services.plan_item_update, form=form, item=item, success=_("议题已修改。")
    ):
        return redirect("supervision:plan_detail", pk=item.plan_id)
    return render(request, "supervision/plan_item_form.html", {"item": item, "form": form})


@permission_required("supervision.view_overview")
def plan_export(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    plan = selectors.plan_with_items(plan.year)
    states = selectors.item_states(plan, timezone.localdate())
    headers = [
        _("序号"),
        _("议题"),
        _("形式"),
        _("监督对象"),
        _("承担工作机构"),
        _("拟安排月份"),
        _("来源"),
        _("来源说明"),
        _("状态"),
        _("逾期"),
    ]
    rows = (
        [
            n,
            s.item.title,
            s.item.get_kind_display(),
            s.item.supervised_body.name if s.item.supervised_body_id else "",
            s.item.responsible_body.name if s.item.responsible_body_id else "",
            s.item.planned_month or "",
            s.item.get_source_display(),
            s.item.source_note,
            s.label,
            _("是") if s.overdue else "",
        ]
        for n, s in enumerate(states, start=1)
    )
    return xlsx_response(f"supervision-plan-{plan.year}", _("年度监督工作计划"), headers, rows)
