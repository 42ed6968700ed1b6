"""Back-office pages of filing review: catalogue reminders (rules §5.9) and the annual report (§5.10)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.pages import perform
from renda.core.views import permission_required

from .. import documents, forms, services
from ..models import AnnualReport, CatalogueReminder, Filing
from ._common import _docx, _error, attempt


@permission_required("filings.manage")
def annual(request):
    """Catalogue reminders (rules §5.9) and the annual report (§5.10)."""
    year = timezone.localdate().year
    reminders = CatalogueReminder.objects.select_related("body").order_by(
        "-year", "body__sort_order", "body_id"
    )[:200]
    return render(
        request,
        "filings/annual.html",
        {
            "reminder_form": forms.ReminderForm(initial={"year": year - 1}),
            "report_form": forms.ReportForm(initial={"year": year}),
            "reminders": reminders,
            "reports": AnnualReport.objects.all(),
            "catalogue_due": services.catalogue_due_on(year - 1),
        },
    )


def _invalid_year(request) -> None:
    _error(request, DomainError("invalid_year", _("年度无效。"), field="year"))


@permission_required("filings.manage")
@require_POST
def reminders_send(request):
    form = forms.ReminderForm(request.POST)
    if not form.is_valid():
        _invalid_year(request)
        return redirect("filings:annual")
    rows = attempt(request, services.catalogue_reminders_send, year=form.cleaned_data["year"])
    if rows is not None:
        messages.success(request, _("已向 {n} 个制定机关发出目录报送提醒。").format(n=len(rows)))
    return redirect("filings:annual")


@permission_required("filings.view")
def reminder_docx(request, pk: int):
    reminder = get_object_or_404(CatalogueReminder.objects.select_related("body"), pk=pk)
    if not request.user.has_perm("filings.view_all") and reminder.body_id != request.user.scope_id:
        raise Http404
    filings = list(
        Filing.objects.filter(enacting_body=reminder.body, published_on__year=reminder.year)
        .only("title", "document_number", "published_on", "status")
        .order_by("published_on")
    )
    return _docx(
        documents.reminder_docx(reminder, filings), f"catalogue-{reminder.year}-{reminder.body_id}"
    )


@permission_required("filings.manage")
@require_POST
def report_prepare(request):
    form = forms.ReportForm(request.POST)
    if not form.is_valid():
        _invalid_year(request)
        return redirect("filings:annual")
    perform(
        request,
        services.annual_report_prepare,
        success=_("年度报告已生成。"),
        **form.cleaned_data,
    )
    return redirect("filings:annual")


@permission_required("filings.manage")
@require_POST
def report_publish(request, pk: int):
    report = get_object_or_404(AnnualReport, pk=pk)
    perform(request, services.annual_report_publish, report=report, success=_("年度报告已公布。"))
    return redirect("filings:annual")


@permission_required("filings.view_all")
def report_docx(request, pk: int):
    report = get_object_or_404(AnnualReport, pk=pk)
    return _docx(documents.annual_report_docx(report), f"filing-review-report-{report.year}")
