"""Audit findings and their rectification (§4.5)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.pages import perform
from renda.core.views import add_domain_error, permission_required

from . import forms as f
from . import scan, services
from .models import AuditFinding
from .rules import MANAGE, VIEW
from .services.audit import summary
from .views_calendar import _year

STEP_FORMS = {"report": f.FindingReportForm, "assess": f.FindingAssessForm}
STEP_SUCCESS = {"report": _("已登记整改情况。"), "assess": _("已评估。")}


def _findings(request, year: int, form=None, bound=None, status=200):
    today = timezone.localdate()
    rows = list(
        AuditFinding.objects.filter(year=year).select_related("department").order_by("number")
    )
    for row in rows:
        row.amount = scan.yuan(row.amount_fen)
        row.overdue = row.status == AuditFinding.Status.OPEN and row.due_on < today
        row.allowed = available(request.user, row, services.FINDING_ACTIONS)
        row.forms = {
            verb: (
                bound[2]
                if bound and bound[0] == row.pk and bound[1] == verb
                else STEP_FORMS[verb](auto_id=f"f{row.pk}-{verb}-%s")
            )  # fmt: skip
            for verb in STEP_FORMS
            if verb in row.allowed
        }
    figures = summary(year, today)
    figures["amount_yuan"] = scan.yuan(figures["amount"])
    return render(
        request, "budget/findings.html",
        {"year": year, "rows": rows, "figures": figures, "can_manage": request.user.has_perm(MANAGE),
         "form": form or f.FindingForm(auto_id="finding_%s", initial={"year": year})},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def findings(request):
    return _findings(request, _year(request))


@require_POST
@permission_required(MANAGE)
def finding_record(request):
    form = f.FindingForm(request.POST, auto_id="finding_%s")
    if form.is_valid():
        try:
            finding = services.finding_record(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(
                request, _("已登记，整改期限为{day}。").format(day=finding.due_on.isoformat())
            )
            return redirect(f"{request.path.rsplit('record/', 1)[0]}?year={finding.year}")
    year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
    return _findings(request, year or _year(request), form=form, status=400)


@require_POST
@permission_required(MANAGE)
def finding_act(request, pk: int, verb: str):
    finding = get_object_or_404(AuditFinding.objects.select_related("department"), pk=pk)
    act = {a.verb: a for a in services.FINDING_ACTIONS}.get(verb)
    if act is None:
        return redirect("budget:findings")
    form = STEP_FORMS[verb](request.POST, auto_id=f"f{pk}-{verb}-%s")
    if perform(request, act, form=form, success=STEP_SUCCESS[verb], finding=finding) is None:
        return _findings(request, finding.year, bound=(pk, verb, form), status=400)
    return redirect(f"{request.path.rsplit(str(pk), 1)[0]}?year={finding.year}#finding-{pk}")
