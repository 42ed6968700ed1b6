"""Pages of qualification matters and suspensions: lists, the record of each, the office's steps.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import Action, available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required

from .. import selectors, services
from ..forms import (
    AnnounceForm,
    DismissForm,
    MatterFilterForm,
    MatterOpenForm,
    ReportForm,
    SuspensionEndForm,
    SuspensionFilterForm,
    SuspensionStartForm,
)
from ..models import QualificationMatter, Suspension

MATTER_FORMS = {"report": ReportForm, "announce": AnnounceForm, "dismiss": DismissForm}


def _run(request, act: Action, form, **kwargs: Any):
    """Perform ``act`` with the form's data: the result, or None with the errors on the form."""
    if not act.permits(request.user, kwargs.get(act.subject) if act.subject else None):
        raise PermissionDenied
    if not form.is_valid():
        return None
    try:
        return act(actor=request.user, **form.cleaned_data, **kwargs)
    except DomainError as error:
        add_domain_error(form, error, request.LANGUAGE_CODE)
        return None


# -- qualification matters -----------------------------------------------------------------


@permission_required("deputies.view")
def matter_list(request):
    form = MatterFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") if form.is_valid() else None
    return render(
        request,
        "deputies/matter_list.html",
        {
            "form": form,
            "can_manage": request.user.has_perm("deputies.manage"),
            "open_count": QualificationMatter.objects.filter(
                status__in=QualificationMatter.OPEN
            ).count(),
            **paginate(request, selectors.matters(status)),
        },
    )


@permission_required("deputies.manage")
def matter_create(request):
    if request.method == "POST":
        form = MatterOpenForm(request.POST)
        matter = _run(request, services.qualification_open, form)
        if matter is not None:
            messages.success(request, _("代表资格事项已提出，待资格审查委员会审查。"))
            return redirect("deputies:matter_detail", pk=matter.pk)
        status = 400
    else:
        deputy = request.GET.get("deputy", "")
        form = MatterOpenForm(initial={"deputy": deputy} if deputy.isdigit() else None)
        status = 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("提出代表资格事项"),
            "cancel_url": "deputies:matters",
            "help": _(
                "代表法第六十二条所列情形之一的，由资格审查委员会审查，常务委员会予以公告（第六十三条）。"
            ),
        },
        status=status,
    )


def _matter_page(request, matter: QualificationMatter, bound: dict | None = None, status=200):
    allowed = available(request.user, matter, services.QUALIFICATION_ACTIONS)
    bound = bound or {}
    forms = {
        verb: bound.get(verb) or form_class(auto_id=f"{verb}_%s")
        for verb, form_class in MATTER_FORMS.items()
        if verb in allowed
    }
    return render(
        request,
        "deputies/matter_detail.html",
        {
            "m": matter,
            "sessions": (matter.evidence or {}).get("sessions", []),
            "allowed": allowed,
            "forms": forms,
            "see_meetings": request.user.has_perm("meetings.view"),
        },
        status=status,
    )


def _matter(pk: int) -> QualificationMatter:
    return get_object_or_404(
        QualificationMatter.objects.select_related(
            "deputy__person", "deputy__term", "raised_by__person"
        ),
        pk=pk,
    )


@permission_required("deputies.view")
def matter_detail(request, pk: int):
    return _matter_page(request, _matter(pk))


SUCCESS = {
    "report": _("资格审查委员会的报告已登记。"),
    "announce": _("已公告终止代表资格，公告已在公众网站发布。"),
    "dismiss": _("已作出不终止代表资格的结论。"),
}


@require_POST
@permission_required("deputies.manage")
def matter_act(request, pk: int, verb: str):
    matter = _matter(pk)
    act = {a.verb: a for a in services.QUALIFICATION_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = MATTER_FORMS[verb](request.POST, auto_id=f"{verb}_%s")
    if _run(request, act, form, matter=matter) is not None:
        messages.success(request, SUCCESS[verb])
        return redirect("deputies:matter_detail", pk=pk)
    return _matter_page(request, _matter(pk), {verb: form}, status=400)


# -- suspensions ---------------------------------------------------------------------------


@permission_required("deputies.view")
def suspension_list(request):
    form = SuspensionFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") if form.is_valid() else None
    return render(
        request,
        "deputies/suspension_list.html",
        {
            "form": form,
            "can_manage": request.user.has_perm("deputies.manage"),
            **paginate(request, selectors.suspensions(status)),
        },
    )


@permission_required("deputies.manage")
def suspension_create(request):
    if request.method == "POST":
        form = SuspensionStartForm(request.POST)
        suspension = _run(request, services.suspension_start, form)
        if suspension is not None:
            messages.success(request, _("已暂停执行代表职务。"))
            return redirect("deputies:suspension_detail", pk=suspension.pk)
        status = 400
    else:
        deputy = request.GET.get("deputy", "")
        form = SuspensionStartForm(initial={"deputy": deputy} if deputy.isdigit() else None)
        status = 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("暂停执行代表职务"),
            "cancel_url": "deputies:suspensions",
            "help": _(
                "代表因刑事案件被羁押正在受侦查、起诉、审判，或被依法判处管制、拘役、有期徒刑而没有附加剥夺政治权利正在服刑的，暂时停止执行代表职务（代表法第六十一条）；情形消失后自动恢复。"
            ),
        },
        status=status,
    )


def _suspension(pk: int) -> Suspension:
    return get_object_or_404(
        Suspension.objects.select_related("deputy__person", "deputy__term", "recorded_by__person"),
        pk=pk,
    )


def _suspension_page(request, suspension: Suspension, form=None, status=200):
    allowed = available(request.user, suspension, services.SUSPENSION_ACTIONS)
    if "set_end" in allowed and form is None:
        form = SuspensionEndForm(
            initial={"ends_on": suspension.ends_on, "end_basis": suspension.end_basis}
        )
    return render(
        request,
        "deputies/suspension_detail.html",
        {"s": suspension, "allowed": allowed, "end_form": form},
        status=status,
    )


@permission_required("deputies.view")
def suspension_detail(request, pk: int):
    return _suspension_page(request, _suspension(pk))


@require_POST
@permission_required("deputies.manage")
def suspension_set_end(request, pk: int):
    suspension = _suspension(pk)
    form = SuspensionEndForm(request.POST)
    result = _run(request, services.suspension_set_end, form, suspension=suspension)
    if result is not None:
        result.refresh_from_db()
        messages.success(
            request,
            _("已恢复执行代表职务。")
            if result.status == Suspension.Status.ENDED
            else _("已登记，到日自动恢复执行代表职务。"),
        )
        return redirect("deputies:suspension_detail", pk=pk)
    return _suspension_page(request, _suspension(pk), form, status=400)
