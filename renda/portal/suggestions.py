"""Public suggestion pages: published suggestions with their published replies, and the public figures."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from renda.casework.models import DEFAULT_RESULT_CLASSES
from renda.casework.paging import CappedPaginator
from renda.people.models import Organization
from renda.suggestions import statistics
from renda.suggestions.selectors import (
    bounded_search,
    public_reply,
    public_suggestion_list,
    public_suggestions,
)

PER_PAGE = 20


def _units():
    return Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS).order_by(
        "sort_order", "name"
    )


class PublicSuggestionFilter(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label=_("承办单位"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("全部"),
    )
    result = forms.ChoiceField(label=_("办理结果"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()
        self.fields["result"].choices = [("", _("全部"))] + [
            (code, f"{code} {_(label)}") for code, label in DEFAULT_RESULT_CLASSES.items()
        ]


@require_safe
def suggestion_list(request):
    """Published suggestions with search and filters, and the public handling figures (rules §1.3)."""
    form = PublicSuggestionFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    unit = data.get("unit")
    qs, paging = bounded_search(
        lambda own, replies: public_suggestion_list(
            q=data.get("q", ""),
            unit_id=unit.pk if unit else None,
            result_class=data.get("result", ""),
            newest=own,
            newest_replies=replies,
        ),
        data.get("q", ""),
    )
    page = CappedPaginator(qs, PER_PAGE, **paging).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/suggestions/list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_without_page": params.urlencode(),
            "totals": statistics.cached_report(today=timezone.localdate())["totals"],
            "result_labels": DEFAULT_RESULT_CLASSES,
        },
    )


@require_safe
def suggestion_detail(request, pk: int):
    """One published suggestion with the lead unit's published reply; 404 for anything else."""
    suggestion = get_object_or_404(public_suggestions(), pk=pk)
    reply = public_reply(suggestion)
    cosigners = [
        c.deputy.person.name
        for c in suggestion.cosigners.filter(confirmed_at__isnull=False).select_related(
            "deputy__person"
        )
    ]
    return render(
        request,
        "portal/suggestions/detail.html",
        {
            "s": suggestion,
            "reply": reply,
            "cosigners": cosigners,
            "result_label": suggestion.case.kind.result_label(reply.result_class) if reply else "",
        },
    )
