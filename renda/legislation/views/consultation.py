"""Pages of experts, consultations and hearings, and evaluations after legislating."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required

from .. import forms as f
from .. import services
from ..models import Consultation, Evaluation, Expert
from ._steps import step_forms, step_post

CONSULTATION_FORMS = {
    "add_opinion": f.OpinionForm,
    "select_speakers": f.SpeakersForm,
    "record": f.RecordForm,
    "cancel": f.ReasonForm,
}
CONSULTATION_SUCCESS = {
    "add_opinion": _("专家意见已登记。"),
    "select_speakers": _("陈述人已确定。"),
    "record": _("举行情况已登记。"),
    "cancel": _("已取消。"),
}


def _make_consultation(verb: str, consultation: Consultation, data):
    kwargs = {"consultation": consultation} if verb in ("add_opinion", "select_speakers") else {}
    return CONSULTATION_FORMS[verb](data, auto_id=f"{verb}_%s", **kwargs)


def _consultation_page(request, consultation: Consultation, bound=None, status=200):
    allowed, forms = step_forms(request, consultation, services.CONSULTATION_ACTIONS, _make_consultation, bound)  # fmt: skip
    if "add_opinion" in forms and not forms["add_opinion"].fields["expert"].queryset.exists():
        forms.pop("add_opinion")
    if "select_speakers" in forms and (not consultation.is_hearing or not consultation.registrations.exists()):  # fmt: skip
        forms.pop("select_speakers")
    return render(
        request,
        "legislation/consultation_detail.html",
        {
            "c": consultation,
            "forms": forms,
            "experts": consultation.experts.order_by("name"),
            "opinions": consultation.opinions.select_related("expert").order_by("id"),
            "registrations": consultation.registrations.order_by("registered_at"),
        },
        status=status,
    )


@permission_required("legislation.view")
def consultation_detail(request, pk: int):
    return _consultation_page(request, get_object_or_404(Consultation.objects.select_related("project"), pk=pk))  # fmt: skip


@require_POST
@permission_required("legislation.manage")
def consultation_act(request, pk: int, verb: str):
    """One step: the verbs of ``services.CONSULTATION_ACTIONS``."""
    consultation = get_object_or_404(Consultation, pk=pk)
    return step_post(
        request, consultation, services.CONSULTATION_ACTIONS, verb, make=_make_consultation,
        keyword="consultation", success=CONSULTATION_SUCCESS, done="legislation:consultation_detail",
        page=_consultation_page,
    )  # fmt: skip


EVALUATION_FORMS = {"report": f.EvaluationReportForm, "follow_up": f.EmptyForm}
EVALUATION_SUCCESS = {"report": _("评估报告已登记。"), "follow_up": _("后续立法项目已登记。")}


def _make_evaluation(verb: str, evaluation: Evaluation, data):
    return EVALUATION_FORMS[verb](data, auto_id=f"{verb}_%s")


def _evaluation_page(request, evaluation: Evaluation, bound=None, status=200):
    allowed, forms = step_forms(request, evaluation, services.EVALUATION_ACTIONS, _make_evaluation, bound)  # fmt: skip
    return render(request, "legislation/evaluation_detail.html", {"e": evaluation, "forms": forms}, status=status)  # fmt: skip


@permission_required("legislation.view")
def evaluation_detail(request, pk: int):
    return _evaluation_page(request, get_object_or_404(Evaluation.objects.select_related("project", "follow_up"), pk=pk))  # fmt: skip


@require_POST
@permission_required("legislation.manage")
def evaluation_act(request, pk: int, verb: str):
    """One step: the verbs of ``services.EVALUATION_ACTIONS``."""
    evaluation = get_object_or_404(Evaluation, pk=pk)
    return step_post(
        request, evaluation, services.EVALUATION_ACTIONS, verb, make=_make_evaluation,
        keyword="evaluation", success=EVALUATION_SUCCESS, done="legislation:evaluation_detail",
        page=_evaluation_page,
    )  # fmt: skip


def _experts(request, form=None, bound=None, status=200):
    return render(
        request,
        "legislation/expert_list.html",
        {
            "can_manage": request.user.has_perm("legislation.manage"),
            "form": form or f.ExpertForm(auto_id="expert_%s"),
            "bound": bound,
            **paginate(
                request,
                Expert.objects.annotate(n=Count("consultations")).order_by("-available", "name"),
            ),
        },
        status=status,
    )


@permission_required("legislation.view")
def expert_list(request):
    """The expert pool; the office adds experts and marks who is available."""
    return _experts(request)


@require_POST
@permission_required("legislation.manage")
def expert_create(request):
    form = f.ExpertForm(request.POST, auto_id="expert_%s")
    if form.is_valid():
        try:
            services.expert_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("专家已登记。"))
            return redirect("legislation:experts")
    return _experts(request, form=form, status=400)


@require_POST
@permission_required("legislation.manage")
def expert_availability(request, pk: int):
    expert = get_object_or_404(Expert, pk=pk)
    if not services.expert_set_availability.permits(request.user, expert):
        raise PermissionDenied
    form = f.AvailabilityForm(request.POST)
    if form.is_valid():
        try:
            services.expert_set_availability(actor=request.user, expert=expert, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message_in(request.LANGUAGE_CODE))
        else:
            messages.success(request, _("已更新。"))
            return redirect("legislation:experts")
    return _experts(request, bound=expert.pk, status=400)
