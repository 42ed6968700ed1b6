"""Back-office pages of filing review: the filer's page, intake and formal check, the late list, the review
desk with the checklist and similar documents, outcomes, review suggestions, the yearly work."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response

from . import documents, forms, selectors, services
from .models import (
    CHECKLIST,
    AnnualReport,
    CatalogueReminder,
    CommitteeView,
    Filing,
    Receipt,
    Review,
    ReviewItem,
    ReviewSuggestion,
)
from .similarity import counts as highlight_counts

KIND_LABELS = {
    "penalty": _("处罚"),
    "licence": _("许可"),
    "fee": _("收费"),
    "coercive": _("强制措施"),
}


def _error(request, error: DomainError) -> None:
    messages.error(request, error.message_in(request.LANGUAGE_CODE))


def _visible(request, pk: int) -> Filing:
    return get_object_or_404(selectors.filings_visible_to(request.user).defer(None), pk=pk)


def _docx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response


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
    manage = request.user.has_perm("filings.manage")
    items = list(
        filing.review_items.select_related(
            "review", "correction_case", "agenda_item__meeting", "poll"
        ).order_by("-id")
    )
    for item in items:
        item.can_report = (
            item.amend_report_due_on is not None
            and item.amend_reported_at is None
            and services.can_report_amendment(request.user, item)
        )
    return render(
        request,
        "filings/detail.html",
        {
            "f": filing,
            "receipts": filing.receipts.order_by("issued_at", "id"),
            "items": items,
            "can_check": manage and filing.status == Filing.Status.SUBMITTED,
            "can_transfer": manage
            and filing.status in (Filing.Status.SUBMITTED, Filing.Status.REGISTERED),
            "can_correct": (
                filing.status == Filing.Status.RETURNED
                and request.user.has_perm("filings.file")
                and (manage or request.user.scope_id == filing.enacting_body_id)
            ),
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
    try:
        receipt = services.filing_register(
            actor=request.user, filing=filing, note=request.POST.get("note", "")
        )
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("已登记，回执编号 {number}。").format(number=receipt.number))
    return redirect("filings:detail", pk)


@permission_required("filings.manage")
@require_POST
def filing_return(request, pk: int):
    filing = _visible(request, pk)
    form = forms.ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(
                "field_required", _("请填写{label}。"), field="reason", label=_("退回理由")
            )
        receipt = services.filing_return(
            actor=request.user, filing=filing, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(
            request, _("已退回补正，通知编号 {number}。").format(number=receipt.number)
        )
    return redirect("filings:detail", pk)


@permission_required("filings.manage")
@require_POST
def filing_transfer(request, pk: int):
    filing = _visible(request, pk)
    form = forms.TransferForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(
                "field_required", _("请填写{label}。"), field="to", label=_("移送机关")
            )
        services.filing_transfer(actor=request.user, filing=filing, **form.cleaned_data)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("已移送。"))
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


# -- reviews ------------------------------------------------------------------------------


@permission_required("filings.manage")
def review_list(request):
    """The review desk: open reviews by deadline, then the concluded ones."""
    status = request.GET.get("status") or Review.Status.OPEN
    qs = selectors.reviews_all()
    if status in Review.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "filings/reviews.html",
        {
            "status": status,
            "statuses": Review.Status.choices,
            "today": timezone.localdate(),
            **paginate(request, qs.order_by("due_on", "id")),
        },
    )


@permission_required("filings.manage")
@require_http_methods(["GET", "POST"])
def review_create(request):
    """Start a thematic review of a set of documents (专项审查)."""
    form = forms.ThematicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_start(
                actor=request.user,
                kind=Review.Kind.THEMATIC,
                filings=list(form.cleaned_data["filings"]),
                title=form.cleaned_data["title"],
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            return redirect("filings:review", review.pk)
    return render(
        request,
        "filings/form.html",
        {"form": form, "title": _("专项审查")},
        status=400 if request.method == "POST" else 200,
    )


@permission_required("filings.manage")
def review_detail(request, pk: int):
    review = get_object_or_404(
        Review.objects.select_related("responsible_body", "reviewer", "suggestion"), pk=pk
    )
    items = list(
        review.items.select_related(
            "filing__enacting_body", "correction_case", "agenda_item__meeting", "poll"
        ).order_by("id")
    )
    rows = []
    for item in items:
        rows.append(
            {
                "item": item,
                "checklist": forms.ChecklistForm(item=item, prefix=f"i{item.pk}"),
                "labels": dict(CHECKLIST),
                "highlight_counts": highlight_counts(item.filing.highlights),
            }
        )
    views = list(review.committee_views.select_related("committee"))
    return render(
        request,
        "filings/review.html",
        {
            "review": review,
            "rows": rows,
            "views": views,
            "hearings": review.hearings.all(),
            "route_form": forms.RouteForm(),
            "view_form": forms.ViewRequestForm(),
            "hearing_form": forms.HearingForm(),
            "extend_form": forms.ExtendForm(),
            "outcome_form": forms.OutcomeForm(),
            "can_extend": request.user.has_perm("filings.approve") and not review.extended,
            "open": review.status == Review.Status.OPEN,
            "kind_labels": KIND_LABELS,
            "today": timezone.localdate(),
        },
    )


@permission_required("filings.manage")
@require_POST
def review_action(request, pk: int, action: str):
    review = get_object_or_404(Review, pk=pk)
    try:
        if action == "route":
            form = forms.RouteForm(request.POST)
            if not form.is_valid():
                raise DomainError(
                    "field_required",
                    _("请填写{label}。"),
                    field="body",
                    label=_("承担审查的工作机构"),
                )
            services.review_route(
                actor=request.user,
                review=review,
                body=form.cleaned_data["body"],
                reviewer=request.user,
            )
        elif action == "extend":
            services.review_extend(
                actor=request.user, review=review, reason=request.POST.get("reason", "")
            )
        elif action == "view_request":
            form = forms.ViewRequestForm(request.POST)
            if not form.is_valid():
                raise DomainError(
                    "field_required", _("请填写{label}。"), field="committee", label=_("委员会")
                )
            services.committee_view_request(
                actor=request.user, review=review, committee=form.cleaned_data["committee"]
            )
        elif action == "view_submit":
            form = forms.ViewSubmitForm(request.POST)
            if not form.is_valid():
                raise DomainError(
                    "field_required", _("请填写{label}。"), field="text", label=_("书面意见")
                )
            view = get_object_or_404(CommitteeView, pk=form.cleaned_data["view"], review=review)
            services.committee_view_submit(
                actor=request.user, view=view, text=form.cleaned_data["text"]
            )
        elif action == "hearing":
            form = forms.HearingForm(request.POST)
            if not form.is_valid():
                raise DomainError(
                    "hearing_invalid", _("请完整填写听证会、论证会的日期、参加人员和主要意见。")
                )
            services.hearing_record(actor=request.user, review=review, **form.cleaned_data)
        else:
            raise Http404
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("已保存。"))
    return redirect("filings:review", pk)


@permission_required("filings.manage")
@require_POST
def checklist_save(request, pk: int):
    item = get_object_or_404(ReviewItem, pk=pk)
    form = forms.ChecklistForm(request.POST, item=item, prefix=f"i{item.pk}")
    try:
        if not form.is_valid():
            raise DomainError("checklist_invalid", _("核对表填写有误。"))
        services.checklist_save(
            actor=request.user,
            item=item,
            answers=form.answers(),
            findings=form.cleaned_data.get("findings", ""),
        )
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("核对表已保存。"))
    return redirect(reverse("filings:review", args=[item.review_id]) + f"#item-{item.pk}")


@permission_required("filings.manage")
@require_POST
def outcome_record(request, pk: int):
    item = get_object_or_404(ReviewItem, pk=pk)
    form = forms.OutcomeForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("invalid_outcome", _("审查结果无效。"), field="outcome")
        data = form.cleaned_data
        item = services.outcome_record(
            actor=request.user,
            item=item,
            outcome=data["outcome"],
            note=data["note"],
            meeting=data.get("meeting"),
            transferred_to=data.get("transferred_to", ""),
        )
    except DomainError as error:
        _error(request, error)
    else:
        if item.correction_case_id:
            messages.success(
                request,
                _("已书面提出纠正意见，交由制定机关办理，答复期限 {due}。").format(
                    due=item.correction_case.due_on.isoformat()
                ),
            )
        else:
            messages.success(request, _("审查结果已记录。"))
    return redirect(reverse("filings:review", args=[item.review_id]) + f"#item-{item.pk}")


@permission_required("filings.manage")
@require_POST
def revocation_record(request, pk: int):
    """Fallback for a manual count: carry the sealed revocation vote onto the filing (rules §5.3)."""
    item = get_object_or_404(ReviewItem, pk=pk)
    try:
        item = services.revocation_record(actor=request.user, item=item)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            _("表决结果已登记：{result}。").format(result=item.get_revocation_result_display()),
        )
    return redirect(reverse("filings:review", args=[item.review_id]) + f"#item-{item.pk}")


@permission_required("filings.view")
def amend_report_list(request):
    """Reports after amending (rules §5.8): due, late, received; a body sees its own."""
    qs = selectors.amend_reports(request.user)
    return render(
        request,
        "filings/amend_reports.html",
        {"title": _("修改后报告"), "today": timezone.localdate(), **paginate(request, qs)},
    )


@permission_required("filings.report_amendment")
@require_POST
def amend_report_record(request, pk: int):
    item = get_object_or_404(
        ReviewItem.objects.select_related("filing"),
        pk=pk,
        filing_id__in=selectors.filings_visible_to(request.user).values("pk"),
    )
    if not services.can_report_amendment(request.user, item):
        raise PermissionDenied
    form = forms.AmendReportForm(request.POST)
    try:
        services.amend_report_record(
            actor=request.user, item=item, text=form.cleaned_data["text"] if form.is_valid() else ""
        )
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("修改后报告已登记。"))
    return redirect(reverse("filings:detail", args=[item.filing_id]) + f"#item-{item.pk}")


# -- review suggestions -------------------------------------------------------------------------


@permission_required("filings.manage")
def suggestion_list(request):
    status = request.GET.get("status", "")
    qs = selectors.suggestions_pending()
    if status in ReviewSuggestion.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "filings/suggestions.html",
        {
            "status": status,
            "statuses": ReviewSuggestion.Status.choices,
            "today": timezone.localdate(),
            **paginate(request, qs),
        },
    )


@permission_required("filings.manage")
def suggestion_detail(request, pk: int):
    s = get_object_or_404(ReviewSuggestion.objects.select_related("filing"), pk=pk)
    return render(
        request,
        "filings/suggestion.html",
        {
            "s": s,
            "decide_form": forms.SuggestionDecideForm(initial={"filing": s.filing_id}),
            "note_form": forms.NoteForm(),
            "reviews": s.reviews.all(),
            "today": timezone.localdate(),
        },
    )


@permission_required("filings.manage")
@require_POST
def suggestion_action(request, pk: int, action: str):
    s = get_object_or_404(ReviewSuggestion, pk=pk)
    note = request.POST.get("note", "")
    try:
        if action == "complete":
            services.review_suggestion_request_completion(
                actor=request.user, suggestion=s, note=note
            )
        elif action in ("start", "not_start"):
            form = forms.SuggestionDecideForm(request.POST)
            filing = form.cleaned_data.get("filing") if form.is_valid() else None
            services.review_suggestion_decide(
                actor=request.user, suggestion=s, start=action == "start", note=note, filing=filing
            )
        elif action == "transfer":
            services.review_suggestion_transfer(
                actor=request.user, suggestion=s, to=request.POST.get("to", ""), note=note
            )
        elif action == "feedback":
            services.review_suggestion_feedback(actor=request.user, suggestion=s, text=note)
        else:
            raise Http404
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("已保存。"))
    return redirect("filings:suggestion", pk)


# -- yearly --------------------------------------------------------------------------------------


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


@permission_required("filings.manage")
@require_POST
def reminders_send(request):
    form = forms.ReminderForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("invalid_year", _("年度无效。"), field="year")
        rows = services.catalogue_reminders_send(actor=request.user, year=form.cleaned_data["year"])
    except DomainError as error:
        _error(request, error)
    else:
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
    try:
        if not form.is_valid():
            raise DomainError("invalid_year", _("年度无效。"), field="year")
        services.annual_report_prepare(actor=request.user, **form.cleaned_data)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("年度报告已生成。"))
    return redirect("filings:annual")


@permission_required("filings.manage")
@require_POST
def report_publish(request, pk: int):
    report = get_object_or_404(AnnualReport, pk=pk)
    try:
        services.annual_report_publish(actor=request.user, report=report)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("年度报告已公布。"))
    return redirect("filings:annual")


@permission_required("filings.view_all")
def report_docx(request, pk: int):
    report = get_object_or_404(AnnualReport, pk=pk)
    return _docx(documents.annual_report_docx(report), f"filing-review-report-{report.year}")
