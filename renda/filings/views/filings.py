"""Back-office pages of filing review: lists, the filer's page, intake and formal check, one filing."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.pages import perform
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response

from .. import documents, forms, selectors, services
from ..models import Receipt
from ..similarity import counts as highlight_counts
from ._common import KIND_LABELS, _docx, _visible, attempt

# -- lists --------------------------------------------------------------------------------


def _filtered(request, qs):
    form = forms.FilingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("q"):
        from renda.core.search import search

        qs = search(qs, data["q"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("body"):
        qs = qs.filter(enacting_body=data["body"])
    if data.get("late"):
        qs = qs.filter(is_late=True)
    return form, qs.order_by("-filed_at", "-id")


@permission_required("filings.view_all")
def filing_list(request):
    """Every filed document, with search and filters; the export writes exactly these rows."""
    form, qs = _filtered(request, selectors.filings_visible_to(request.user))
    return render(
        request,
        "filings/list.html",
        {
            "form": form,
            "title": _("备案文件"),
            "export_query": request.GET.urlencode(),
            "can_export": request.user.has_perm("filings.manage"),
            **paginate(request, qs),
        },
    )


@permission_required("filings.manage")
def filing_export(request):
    _form, qs = _filtered(request, selectors.filings_visible_to(request.user))
    headers = [
        _("登记号"),
        _("文件名称"),
        _("文号"),
        _("制定机关"),
        _("公布日期"),
        _("报送时间"),
        _("报备期限"),
        _("逾期"),
        _("状态"),
    ]
    return xlsx_response("filings", _("备案文件"), headers, documents.filing_rows(qs))


@permission_required("filings.view")
def late_list(request):
    """Documents filed later than 30 days after publication (rules §5.2); a body sees its own."""
    qs = selectors.late_filings(request.user)
    return render(request, "filings/late.html", {"title": _("逾期报备"), **paginate(request, qs)})


@permission_required("filings.manage")
def intake(request):
    """Filings waiting for the formal check, oldest deadline first (rules §5.4)."""
    qs = selectors.intake_queue()
    return render(
        request, "filings/intake.html", {"today": timezone.localdate(), **paginate(request, qs)}
    )


@permission_required("filings.file")
def my_filings(request):
    """The filer's page: the body's filings with receipts, and its correction requests (through the queue)."""
    qs = selectors.filings_visible_to(request.user).prefetch_related(
        Prefetch("receipts", queryset=Receipt.objects.order_by("issued_at", "id"))
    )
    corrections = selectors.correction_items(request.user).order_by("-decided_at")[:50]
    return render(
        request,
        "filings/mine.html",
        {
            "corrections": corrections,
            "body": getattr(request.user, "scope", None),
            **paginate(request, qs),
        },
    )


@permission_required("filings.file")
@require_http_methods(["GET", "POST"])
def filing_create(request):
    staff = request.user.has_perm("filings.manage")
    form = forms.FilingForm(request.POST or None, request.FILES or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filing = services.filing_create(
                actor=request.user,
                title=data["title"],
                document_number=data["document_number"],
                published_on=data["published_on"],
                adopted_on=data.get("adopted_on"),
                effective_on=data.get("effective_on"),
                drafting_explanation=data["drafting_explanation"],
                legal_basis=data["legal_basis"],
                upload=data["file"],
                enacting_body=data.get("enacting_body"),
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            if filing.is_late:
                messages.warning(
                    request, _("该文件已超过公布后30日的报备期限，已列入逾期报备名单。")
                )
            messages.success(request, _("已报送备案，请等待形式审查。"))
            return redirect("filings:detail", filing.pk)
    return render(
        request,
        "filings/form.html",
        {"form": form, "title": _("报送备案")},
        status=400 if request.method == "POST" else 200,
    )


# -- one filing ---------------------------------------------------------------------------


@permission_required("filings.view")
def filing_detail(request, pk: int):
    filing = _visible(request, pk)
    user = request.user
    manage = user.has_perm("filings.manage")
    allowed = available(user, filing, services.FILING_ACTIONS)
    items = list(
        filing.review_items.select_related(
            "review", "correction_case", "agenda_item__meeting", "poll", "filing"
        ).order_by("-id")
    )
    for item in items:
        item.can_report = services.amend_report_record.allows(user, item)
    return render(
        request,
        "filings/detail.html",
        {
            "f": filing,
            "receipts": filing.receipts.order_by("issued_at", "id"),
            "items": items,
            "allowed": allowed,
            "can_check": "register" in allowed,
            "can_transfer": "transfer" in allowed,
            "can_correct": "correct" in allowed,
            "manage": manage,
            "return_form": forms.ReturnForm(),
            "transfer_form": forms.TransferForm(),
            "highlight_counts": highlight_counts(filing.highlights) if manage else {},
            "kind_labels": KIND_LABELS,
            "amend_form": forms.AmendReportForm(),
            "today": timezone.localdate(),
        },
    )


@permission_required("filings.manage")
@require_POST
def filing_register(request, pk: int):
    filing = _visible(request, pk)
    receipt = attempt(
        request, services.filing_register, filing=filing, note=request.POST.get("note", "")
    )
    if receipt is not None:
        messages.success(request, _("已登记，回执编号 {number}。").format(number=receipt.number))
    return redirect("filings:detail", pk)


@permission_required("filings.manage")
@require_POST
def filing_return(request, pk: int):
    filing = _visible(request, pk)
    form = forms.ReturnForm(request.POST)
    # An empty or invalid reason is refused by the action, with its own message.
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    receipt = attempt(request, services.filing_return, filing=filing, reason=reason)
    if receipt is not None:
        messages.success(
            request, _("已退回补正，通知编号 {number}。").format(number=receipt.number)
        )
    return redirect("filings:detail", pk)


@permission_required("filings.manage")
@require_POST
def filing_transfer(request, pk: int):
    filing = _visible(request, pk)
    form = forms.TransferForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"to": ""}
    perform(request, services.filing_transfer, filing=filing, success=_("已移送。"), **data)
    return redirect("filings:detail", pk)


@permission_required("filings.file")
@require_http_methods(["GET", "POST"])
def filing_correct(request, pk: int):
    filing = _visible(request, pk)
    form = forms.CorrectForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.filing_correct(
                actor=request.user,
                filing=filing,
                upload=data.get("file"),
                note=data.get("note", ""),
                drafting_explanation=data.get("drafting_explanation") or None,
                legal_basis=data.get("legal_basis") or None,
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已重新报送，请等待形式审查。"))
            return redirect("filings:detail", pk)
    return render(
        request,
        "filings/form.html",
        {"form": form, "title": _("补正后重新报送"), "f": filing},
        status=400 if request.method == "POST" else 200,
    )


@permission_required("filings.view")
def receipt_docx(request, pk: int, receipt_id: int):
    filing = _visible(request, pk)
    receipt = get_object_or_404(
        Receipt.objects.select_related("filing__enacting_body"), pk=receipt_id, filing=filing
    )
    return _docx(documents.receipt_docx(receipt), f"receipt-{receipt.number}")
