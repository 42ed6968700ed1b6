"""Public pages of filing review: search of filed documents and their review status, the review-suggestion
form (rules §5.7, rate-limited), the status page by tracking code, and the published annual reports."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from renda.core.errors import DomainError
from renda.core.throttle import rate_limited
from renda.filings import documents, selectors, services
from renda.filings.forms import PublicSuggestionForm, SupplementForm, TrackForm
from renda.filings.models import AnnualReport

PER_PAGE = 20


class PublicFilingFilter(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    body = forms.ModelChoiceField(
        label=_("制定机关"), required=False, queryset=None, empty_label=_("全部")
    )
    year = forms.IntegerField(label=_("公布年度"), required=False, min_value=1949, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = (
            services.enacting_bodies().filter(is_public=True).order_by("sort_order", "name")
        )


@require_safe
def filing_list(request):
    """Filed documents on record with their review status (rules §5, S4)."""
    form = PublicFilingFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    body = data.get("body")
    qs = selectors.public_filings(
        q=data.get("q") or "", body_id=body.pk if body else None, year=data.get("year")
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/filings/list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_without_page": params.urlencode(),
            "reports": AnnualReport.objects.filter(published_at__isnull=False).order_by("-year"),
        },
    )


@require_safe
def filing_detail(request, pk: int):
    filing = get_object_or_404(selectors.public_filings().defer(None), pk=pk)
    return render(
        request,
        "portal/filings/detail.html",
        {"f": filing, "review_status": selectors.public_review_status(filing)},
    )


@require_http_methods(["GET", "POST"])
def suggest(request):
    """The public review-suggestion form; a suggestion must name the document (rules §5.7)."""
    initial = {}
    filing = None
    if request.GET.get("filing", "").isdigit():
        filing = selectors.public_filings().filter(pk=int(request.GET["filing"])).first()
        if filing:
            initial = {
                "filing": filing.pk,
                "document_reference": f"{filing.title}（{filing.document_number}）",
                "enacting_body_name": filing.enacting_body.name,
            }
    form = PublicSuggestionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if rate_limited(request, "filings-suggest"):
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            return render(request, "portal/filings/suggest.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            target = None
            if data.get("filing"):
                target = selectors.public_filings().filter(pk=data["filing"]).first()
            try:
                s = services.review_suggestion_submit(
                    proposer_kind=data["proposer_kind"],
                    proposer_name=data["proposer_name"],
                    contact=data["contact"],
                    document_reference=data.get("document_reference", ""),
                    enacting_body_name=data.get("enacting_body_name", ""),
                    reasons=data["reasons"],
                    filing=target,
                    actor=request.user,
                )
            except DomainError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message_in(request.LANGUAGE_CODE))
            else:
                return render(request, "portal/filings/submitted.html", {"s": s})
        return render(
            request, "portal/filings/suggest.html", {"form": form, "filing": filing}, status=400
        )
    return render(request, "portal/filings/suggest.html", {"form": form, "filing": filing})


@require_http_methods(["GET", "POST"])
def track(request):
    """The proposer follows the suggestion by its tracking code; an incomplete one can be supplemented."""
    suggestion = None
    error = None
    supplement_form = None
    if request.method == "POST":
        form = TrackForm(request.POST)
        supplement_form = SupplementForm(request.POST)
        if rate_limited(request, "filings-track"):
            return render(
                request,
                "portal/filings/track.html",
                {"form": form, "error": _("查询过于频繁，请一分钟后再试。")},
                status=429,
            )
        if supplement_form.is_valid():
            try:
                suggestion = services.get_suggestion_by_code(supplement_form.cleaned_data["code"])
                services.review_suggestion_supplement(
                    suggestion=suggestion, text=supplement_form.cleaned_data["supplement"]
                )
            except DomainError as exc:
                error = exc.message_in(request.LANGUAGE_CODE)
            else:
                return redirect(
                    reverse("portal:filing_track") + f"?code={suggestion.tracking_code}"
                )
        else:
            error = _("请填写补充材料。")
    form = TrackForm(request.GET or None)
    if request.method == "GET" and form.is_valid():
        if rate_limited(request, "filings-track"):
            return render(
                request,
                "portal/filings/track.html",
                {"form": form, "error": _("查询过于频繁，请一分钟后再试。")},
                status=429,
            )
        try:
            suggestion = services.get_suggestion_by_code(form.cleaned_data["code"])
        except DomainError as exc:
            error = exc.message_in(request.LANGUAGE_CODE)
    if suggestion is not None and suggestion.status == "incomplete":
        supplement_form = SupplementForm(initial={"code": suggestion.tracking_code})
    else:
        supplement_form = None
    return render(
        request,
        "portal/filings/track.html",
        {
            "form": form,
            "s": suggestion,
            "error": error,
            "supplement_form": supplement_form,
        },
        status=404 if error and request.method == "GET" and suggestion is None else 200,
    )


@require_safe
def report_docx(request, year: int):
    report = get_object_or_404(AnnualReport, year=year, published_at__isnull=False)
    response = HttpResponse(documents.annual_report_docx(report), content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="filing-review-report-{year}.docx"'
    return response


urlpatterns = [
    path("filings/", filing_list, name="filings"),
    path("filings/<int:pk>/", filing_detail, name="filing_detail"),
    path("filings/suggest/", suggest, name="filing_suggest"),
    path("filings/track/", track, name="filing_track"),
    path("filings/reports/<int:year>.docx", report_docx, name="filing_report"),
]
