"""Back-office pages of supervision: judicial."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.casework.selectors import cases_visible_to
from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import paginate, permission_required

from .. import forms, services
from ..models import (
    JudicialRecord,
)
from ._common import _error, _run

# -- judicial supervision ----------------------------------------------------------------------

#: A record's actions, as the list offers them on each row (``act/<verb>/``).
JUDICIAL_ACTIONS = (services.judicial_lead_forward, services.judicial_decision_record)


@permission_required("supervision.view_overview")
def judicial_list(request):
    qs = JudicialRecord.objects.select_related("body", "case", "meeting").order_by(
        "-received_on", "-id"
    )
    context = paginate(request, qs)
    # Link a record's case only for those who may open it (the chair sees the status).
    ids = [row.case_id for row in context["rows"] if row.case_id]
    visible = set(cases_visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    for row in context["rows"]:
        row.actions = available(request.user, row, JUDICIAL_ACTIONS)
        row.case_visible = row.case_id in visible
    return render(
        request,
        "supervision/judicial_list.html",
        {
            **context,
            "form": forms.JudicialForm(),
            "decision_form": forms.DecisionForm(),
            "can_create": services.judicial_record_create.allows(request.user),
        },
    )


@require_POST
@permission_required("supervision.manage")
def judicial_create(request):
    _run(
        request,
        forms.JudicialForm(request.POST),
        lambda d: services.judicial_record_create(actor=request.user, **d),
        _("已登记。"),
    )
    return redirect("supervision:judicial")


@require_POST
@permission_required("supervision.manage")
def judicial_act(request, pk: int, action: str):
    record = get_object_or_404(JudicialRecord, pk=pk)
    act = next((a for a in JUDICIAL_ACTIONS if a.verb == action), None)
    if act is None:
        raise Http404
    if not act.permits(request.user, record):
        raise PermissionDenied
    if action == "forward":
        try:
            services.judicial_lead_forward(actor=request.user, record=record)
            messages.success(request, _("线索已转办。"))
        except DomainError as error:
            _error(request, error)
    elif action == "decide":
        _run(
            request,
            forms.DecisionForm(request.POST),
            lambda d: services.judicial_decision_record(
                actor=request.user, record=record, decision=d["decision"]
            ),
            _("已登记常委会决定。"),
        )
    return redirect("supervision:judicial")
