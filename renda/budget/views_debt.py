"""The government's debt (§4.6): the year's limit and balances, and their record."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.statute import param
from renda.core.views import add_domain_error, permission_required

from . import services
from .forms import DebtForm
from .models import DebtFigure
from .rules import MANAGE, VIEW
from .services.debt import AMOUNTS, report_of, wan, year_rows
from .views_calendar import _year

#: The badge of each state: its class and words.
STATES = {
    "ok": ("ok", _("限额以内")),
    "warning": ("warn", _("接近限额")),
    "over": ("overdue", _("超过限额")),
}


def _page(request, year: int, form=None, status=200):
    rows = year_rows(year)
    for r in rows:
        r.cells = [(label, wan(getattr(r, f"{name}_fen"))) for name, label in AMOUNTS]
        r.badge, r.state_label = STATES[r.state]
    years = sorted(set(DebtFigure.objects.values_list("year", flat=True)), reverse=True)
    initial = {"year": year}
    return render(
        request, "budget/debt.html",
        {"year": year, "rows": rows, "years": years, "report": report_of(year),
         "warning": param("budget.debt_warning_percent"), "heads": [label for _name, label in AMOUNTS],
         "can_manage": request.user.has_perm(MANAGE),
         "form": form or DebtForm(auto_id="debt_%s", initial=initial)},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def debt(request):
    return _page(request, _year(request))


@require_POST
@permission_required(MANAGE)
def debt_record(request):
    form = DebtForm(request.POST, auto_id="debt_%s")
    if form.is_valid():
        try:
            figure = services.debt_record(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已登记{year}年{kind}。").format(year=figure.year, kind=figure.get_kind_display()))  # fmt: skip
            return redirect(f"{reverse('budget:debt')}?year={figure.year}")
    year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
    return _page(request, year or _year(request), form=form, status=400)
