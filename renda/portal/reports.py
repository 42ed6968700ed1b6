"""Public pages of the year's deputy-work plans (§2.8) and deputies' reports to voters (述职,
S26, §2.5).

A plan is public once published, in full. A report to voters is public once arranged (who,
to which constituency or electoral unit, when and where), called off with its reason, and
once held with the report, how many came and the voters' evaluation. Person rows are read
with their names only.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from renda.deputies.models import VoterReport, WorkPlan
from renda.people.models import Deputy
from renda.people.selectors import current_term

from .stations import PERSON_NAME_FIELDS, PUBLIC_STATUSES

REPORTS_PER_PAGE = 30


@require_safe
def work_plans(request):
    plans = list(WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED).order_by("-year"))
    return render(
        request,
        "portal/work_plans.html",
        {"plans": plans, "updated": max((p.updated_at for p in plans), default=None)},
    )


@require_safe
def work_plan_detail(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404
    plan = WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED, year=year).first()
    if plan is None:
        raise Http404
    return render(request, "portal/work_plan_detail.html", {"plan": plan})


class ReportFilterForm(forms.Form):
    """The list's filters: the year, and one deputy (linked from a deputy's page)."""

    year = forms.TypedChoiceField(label=_("年度"), coerce=int, required=False, empty_value=None)
    deputy = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("全部年度")), *((y, str(y)) for y in years)]

    def chosen(self) -> dict:
        self.is_valid()
        return getattr(self, "cleaned_data", {})


@require_safe
def voter_reports(request):
    """Reports arranged from today on first, then those held or called off, newest first."""
    today = timezone.localdate()
    years = sorted({d.year for d in VoterReport.objects.dates("held_on", "year")}, reverse=True)
    form = ReportFilterForm(request.GET, years=years)
    chosen = form.chosen()
    rows = VoterReport.objects.select_related("deputy__person").only(
        "id", "deputy_id", "unit", "held_on", "place", "status", "closing_note", "attendance",
        "satisfied", "basically", "unsatisfied", "report", "updated_at",
        "deputy__id", "deputy__term_id", "deputy__status", *(f"deputy__{f}" for f in PERSON_NAME_FIELDS),
    )  # fmt: skip
    if chosen.get("year"):
        rows = rows.filter(held_on__year=chosen["year"])
    deputy = None
    if chosen.get("deputy"):
        deputy = (
            Deputy.objects.select_related("person")
            .only("id", "term_id", "status", *PERSON_NAME_FIELDS)
            .filter(pk=chosen["deputy"])
            .first()
        )
        rows = rows.filter(deputy_id=chosen["deputy"])
    upcoming = list(
        rows.filter(status=VoterReport.Status.PLANNED, held_on__gte=today).order_by("held_on", "id")
    )
    past = Paginator(
        rows.exclude(status=VoterReport.Status.PLANNED).order_by("-held_on", "-id"),
        REPORTS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    term = current_term(today)
    for r in [*upcoming, *past.object_list]:
        r.deputy.public = term is not None and (
            r.deputy.term_id == term.pk and r.deputy.status in PUBLIC_STATUSES
        )
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return render(
        request,
        "portal/voter_reports.html",
        {
            "form": form,
            "deputy": deputy,
            "upcoming": upcoming,
            "page_obj": past,
            "updated": max(
                [*(r.updated_at for r in upcoming), *(r.updated_at for r in past.object_list)],
                default=None,
            ),
            "querystring_without_page": f"{encoded}&" if encoded else "",
        },
    )
