"""Legislative plan pages: the plans, drafting one, a plan with its items and progress."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core import approval_views
from renda.core.errors import DomainError
from renda.core.models import Approval
from renda.core.views import add_domain_error, paginate, permission_required

from .. import forms as f
from .. import selectors, services
from ..models import Plan
from ._steps import step_forms, step_post

FORMS = {
    "add_item": f.PlanItemForm,
    "remove_item": f.RemoveItemForm,
    "adopt": f.AdoptForm,
    "publish": f.EmptyForm,
}
SUCCESS = {
    "add_item": _("项目已列入。"),
    "remove_item": _("项目已调出。"),
    "adopt": _("已登记主任会议通过。"),
    "publish": _("计划已向社会公布。"),
}


def _make(verb: str, plan: Plan, data):
    kwargs = {"plan": plan} if verb == "remove_item" else {}
    return FORMS[verb](data, auto_id=f"{verb}_%s", **kwargs)


@permission_required("legislation.view")
def plan_list(request):
    return render(
        request,
        "legislation/plan_list.html",
        {
            "can_manage": request.user.has_perm("legislation.manage"),
            **paginate(request, selectors.plans()),
        },  # fmt: skip
    )


@permission_required("legislation.manage")
def plan_create(request):
    form = f.PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("计划已建立，请列入项目。"))
            return redirect("legislation:plan_detail", pk=plan.pk)
    return render(
        request,
        "legislation/form.html",
        {
            "form": form,
            "title": _("编制立法规划计划"),
            "cancel_url": "legislation:plans",
            "help": _(
                "立法规划和年度立法计划由主任会议通过，报党委同意后向社会公布（立法法第56条）。五年立法规划覆盖二至五个年度。"
            ),
        },  # fmt: skip
        status=400 if request.method == "POST" else 200,
    )


def _page(request, plan: Plan, bound=None, status=200):
    allowed, forms = step_forms(request, plan, services.PLAN_ACTIONS, _make, bound)
    if "remove_item" in forms and not forms["remove_item"].fields["item"].queryset.exists():
        forms.pop("remove_item")
    return render(
        request,
        "legislation/plan_detail.html",
        {
            "plan": plan,
            "items": selectors.plan_items(plan),
            "progress": selectors.plan_progress(plan),
            "forms": forms,
            **(
                approval_views.panel(request.user, plan, Approval.Kind.PARTY_CONSENT)
                if plan.status != Plan.Status.DRAFT
                else {}
            ),
        },
        status=status,
    )


@permission_required("legislation.view")
def plan_detail(request, pk: int):
    return _page(request, get_object_or_404(Plan, pk=pk))


@require_POST
@permission_required("legislation.manage")
def plan_act(request, pk: int, verb: str):
    """One step on the plan: the verbs of ``services.PLAN_ACTIONS``."""
    plan = get_object_or_404(Plan, pk=pk)
    return step_post(
        request, plan, services.PLAN_ACTIONS, verb, make=_make, keyword="plan",
        success=SUCCESS, done="legislation:plan_detail", page=_page,
    )  # fmt: skip
