"""Back-office pages of filing review: review suggestions from the public (rules §5.7)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.pages import perform
from renda.core.views import paginate, permission_required

from .. import forms, selectors, services
from ..models import ReviewSuggestion


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
            "allowed": available(request.user, s, services.SUGGESTION_ACTIONS),
            "decide_form": forms.SuggestionDecideForm(initial={"filing": s.filing_id}),
            "note_form": forms.NoteForm(),
            "reviews": s.reviews.all(),
            "today": timezone.localdate(),
        },
    )


#: The suggestion page's buttons: URL verb → its action.
SUGGESTION_VERBS = {
    "complete": services.review_suggestion_request_completion,
    "start": services.review_suggestion_start,
    "not_start": services.review_suggestion_not_start,
    "transfer": services.review_suggestion_transfer,
    "feedback": services.review_suggestion_feedback,
}


@permission_required("filings.manage")
@require_POST
def suggestion_action(request, pk: int, action: str):
    s = get_object_or_404(ReviewSuggestion, pk=pk)
    act = SUGGESTION_VERBS.get(action)
    if act is None:
        raise Http404
    note = request.POST.get("note", "")
    kwargs: dict = {"suggestion": s}
    if action == "feedback":
        kwargs["text"] = note
    else:
        kwargs["note"] = note
    if action == "start":
        form = forms.SuggestionDecideForm(request.POST)
        kwargs["filing"] = form.cleaned_data.get("filing") if form.is_valid() else None
    elif action == "transfer":
        kwargs["to"] = request.POST.get("to", "")
    perform(request, act, success=_("已保存。"), **kwargs)
    return redirect("filings:suggestion", pk)
