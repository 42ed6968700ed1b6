"""Back-office pages of filing review: the review desk, the checklist, outcomes, reports after amending."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.pages import perform
from renda.core.views import add_domain_error, paginate, permission_required

from .. import forms, selectors, services
from ..models import CHECKLIST, CommitteeView, Review, ReviewItem
from ..similarity import counts as highlight_counts
from ._common import KIND_LABELS, _error, attempt


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
    allowed = available(request.user, review, services.REVIEW_ACTIONS)
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
            "allowed": allowed,
            "can_extend": "extend" in allowed,
            "open": review.status == Review.Status.OPEN,
            "kind_labels": KIND_LABELS,
            "today": timezone.localdate(),
        },
    )


def _cleaned(form, missing: DomainError) -> dict:
    if not form.is_valid():
        raise missing
    return form.cleaned_data


#: The review desk's buttons: URL verb → its action (``review_action`` dispatches on it).
REVIEW_VERBS = {
    "route": services.review_route,
    "extend": services.review_extend,
    "view_request": services.committee_view_request,
    "view_submit": services.committee_view_submit,
    "hearing": services.hearing_record,
}


def _review_kwargs(request, review: Review, verb: str) -> dict:
    """The action's arguments from the posted form; a form left incomplete is refused as before."""
    post = request.POST
    if verb == "route":
        data = _cleaned(
            forms.RouteForm(post),
            DomainError(
                "field_required",
                _("请填写{label}。"),
                field="body",
                label=_("承担审查的工作机构"),
            ),
        )
        return {"review": review, "body": data["body"], "reviewer": request.user}
    if verb == "extend":
        return {"review": review, "reason": post.get("reason", "")}
    if verb == "view_request":
        data = _cleaned(
            forms.ViewRequestForm(post),
            DomainError(
                "field_required", _("请填写{label}。"), field="committee", label=_("委员会")
            ),
        )
        return {"review": review, "committee": data["committee"]}
    if verb == "view_submit":
        data = _cleaned(
            forms.ViewSubmitForm(post),
            DomainError("field_required", _("请填写{label}。"), field="text", label=_("书面意见")),
        )
        view = get_object_or_404(CommitteeView, pk=data["view"], review=review)
        return {"view": view, "text": data["text"]}
    data = _cleaned(
        forms.HearingForm(post),
        DomainError("hearing_invalid", _("请完整填写听证会、论证会的日期、参加人员和主要意见。")),
    )
    return {"review": review, **data}


@permission_required("filings.manage")
@require_POST
def review_action(request, pk: int, action: str):
    review = get_object_or_404(Review, pk=pk)
    act = REVIEW_VERBS.get(action)
    if act is None:
        raise Http404
    try:
        kwargs = _review_kwargs(request, review, action)
    except DomainError as error:
        _error(request, error)
    else:
        perform(request, act, success=_("已保存。"), **kwargs)
    return redirect("filings:review", pk)


def _at_item(item: ReviewItem):
    return redirect(reverse("filings:review", args=[item.review_id]) + f"#item-{item.pk}")


@permission_required("filings.manage")
@require_POST
def checklist_save(request, pk: int):
    item = get_object_or_404(ReviewItem, pk=pk)
    form = forms.ChecklistForm(request.POST, item=item, prefix=f"i{item.pk}")
    if form.is_valid():
        perform(
            request,
            services.checklist_save,
            item=item,
            answers=form.answers(),
            findings=form.cleaned_data.get("findings", ""),
            success=_("核对表已保存。"),
        )
    else:
        _error(request, DomainError("checklist_invalid", _("核对表填写有误。")))
    return _at_item(item)


@permission_required("filings.manage")
@require_POST
def outcome_record(request, pk: int):
    item = get_object_or_404(ReviewItem, pk=pk)
    form = forms.OutcomeForm(request.POST)
    if not form.is_valid():
        _error(request, DomainError("invalid_outcome", _("审查结果无效。"), field="outcome"))
        return _at_item(item)
    data = form.cleaned_data
    done = attempt(
        request,
        services.outcome_record,
        item=item,
        outcome=data["outcome"],
        note=data["note"],
        meeting=data.get("meeting"),
        transferred_to=data.get("transferred_to", ""),
    )
    if done is not None and done.correction_case_id:
        messages.success(
            request,
            _("已书面提出纠正意见，交由制定机关办理，答复期限 {due}。").format(
                due=done.correction_case.due_on.isoformat()
            ),
        )
    elif done is not None:
        messages.success(request, _("审查结果已记录。"))
    return _at_item(item)


@permission_required("filings.manage")
@require_POST
def revocation_record(request, pk: int):
    """Fallback for a manual count: carry the sealed revocation vote onto the filing (rules §5.3)."""
    item = get_object_or_404(ReviewItem, pk=pk)
    done = attempt(request, services.revocation_record, item=item)
    if done is not None:
        messages.success(
            request,
            _("表决结果已登记：{result}。").format(result=done.get_revocation_result_display()),
        )
    return _at_item(item)


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
        selectors.review_items_visible_to(request.user).select_related("filing"), pk=pk
    )
    if not services.can_report_amendment(request.user, item):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = forms.AmendReportForm(request.POST)
    perform(
        request,
        services.amend_report_record,
        item=item,
        text=form.cleaned_data["text"] if form.is_valid() else "",
        success=_("修改后报告已登记。"),
    )
    return redirect(reverse("filings:detail", args=[item.filing_id]) + f"#item-{item.pk}")
