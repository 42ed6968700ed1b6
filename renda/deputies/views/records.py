"""Duty records (履职档案, §2.4): a deputy's own, a delegation's list with its export, the
printable record, and the activities a deputy adds and the office reviews."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response
from renda.people.models import Deputy, Membership, Organization
from renda.people.selectors import current_term

from .. import documents, services
from ..duty_record import FIGURE_KEYS, FIGURE_LABELS, Period, duty_record, figures_for
from ..forms import ActivityForm, RecordFilterForm, ReviewForm
from ..models import DutyActivity
from ..rules import delegations_led_by

A = DutyActivity.Status


def _deputy(request, pk: int) -> Deputy:
    """The mandate whose record the user may read; 404 to anyone else (no hint it exists)."""
    deputy = get_object_or_404(Deputy.objects.select_related("person", "term"), pk=pk)
    if not request.user.has_perm("deputies.view_record", deputy):
        raise Http404
    return deputy


def _years(deputy: Deputy) -> list[int]:
    end = deputy.term.end_date or timezone.localdate()
    last = min(end, timezone.localdate()).year
    return list(range(last, deputy.term.start_date.year - 1, -1))


def _year(request, deputy: Deputy) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and int(raw) in _years(deputy) else None


def _delegation(deputy: Deputy) -> Membership | None:
    return (
        Membership.objects.filter(
            person_id=deputy.person_id,
            term_id=deputy.term_id,
            organization__kind=Organization.Kind.DELEGATION,
        )
        .select_related("organization")
        .order_by("-start_date")
        .first()
    )


def _record_page(request, deputy: Deputy, activity_form=None, status=200):
    year = _year(request, deputy)
    record = duty_record(deputy, year)
    figures = record.figures()
    user = request.user
    pending = list(
        DutyActivity.objects.filter(deputy=deputy)
        .exclude(status=A.ACCEPTED)
        .select_related("reviewed_by__person")
        .order_by("-held_on", "-id")
    )
    for a in pending:
        a.allowed = available(user, a, services.ACTIVITY_ACTIONS)
    may_add = user.has_perm("deputies.record_activity_for", deputy)
    membership = _delegation(deputy)
    return render(
        request,
        "deputies/record.html",
        {
            "deputy": deputy,
            "record": record,
            "year": year,
            "years": _years(deputy),
            "figures": [(key, FIGURE_LABELS[key], figures[key]) for key in FIGURE_KEYS],
            "pending": pending,
            "review_form": ReviewForm(auto_id="review_%s"),
            "activity_form": activity_form
            or (ActivityForm(auto_id="activity_%s") if may_add else None),
            "delegation": membership.organization if membership else None,
            "is_own": deputy.person_id == user.person_id,
            "see_meetings": user.has_perm("meetings.view"),
        },
        status=status,
    )


@permission_required("deputies.own_record")
def my_record(request):
    """The signed-in deputy's record for the current term."""
    deputy = (
        Deputy.objects.filter(person_id=request.user.person_id, term=current_term())
        .select_related("person", "term")
        .first()
        if request.user.person_id
        else None
    )
    if deputy is None:
        raise Http404
    return redirect("deputies:record", pk=deputy.pk)


@permission_required("core.access_office")
def record(request, pk: int):
    return _record_page(request, _deputy(request, pk))


@permission_required("core.access_office")
def record_docx(request, pk: int):
    deputy = _deputy(request, pk)
    year = _year(request, deputy)
    membership = _delegation(deputy)
    body = documents.record_docx(
        duty_record(deputy, year), membership.organization.name if membership else ""
    )
    response = HttpResponse(body, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="duty-record-{deputy.pk}-{year or "term"}.docx"'
    )
    return response


@require_POST
@permission_required("deputies.record_activity")
def activity_add(request, pk: int):
    deputy = _deputy(request, pk)
    if not request.user.has_perm("deputies.record_activity_for", deputy):
        raise PermissionDenied
    form = ActivityForm(request.POST, request.FILES, auto_id="activity_%s")
    if form.is_valid():
        try:
            activity = services.activity_add(actor=request.user, deputy=deputy, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(
                request,
                _("已登记并计入履职档案。")
                if activity.status == A.ACCEPTED
                else _("已登记，经办公室审核后计入履职档案。"),
            )
            return redirect("deputies:record", pk=pk)
    return _record_page(request, deputy, form, status=400)


@require_POST
@permission_required("deputies.review_activity")
def activity_review(request, pk: int, verb: str):
    activity = get_object_or_404(DutyActivity.objects.select_related("deputy"), pk=pk)
    act = {a.verb: a for a in services.ACTIVITY_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = ReviewForm(request.POST)
    back = request.POST.get("next") == "queue"
    if form.is_valid():
        try:
            act(actor=request.user, activity=activity, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message_in(request.LANGUAGE_CODE))
        else:
            messages.success(request, _("已审核。"))
    if back:
        return redirect("deputies:activities")
    return redirect("deputies:record", pk=activity.deputy_id)


@permission_required("deputies.review_activity")
def activities(request):
    """The office's queue: activities deputies added, waiting for review."""
    qs = (
        DutyActivity.objects.filter(status=A.SUBMITTED)
        .select_related("deputy__person")
        .order_by("created_at", "id")
    )
    return render(
        request,
        "deputies/activities.html",
        {"review_form": ReviewForm(auto_id="review_%s"), **paginate(request, qs)},
    )


# -- a delegation's records ----------------------------------------------------------------


def _records_query(request):
    user = request.user
    term = current_term()
    delegations = Organization.objects.filter(kind=Organization.Kind.DELEGATION)
    if not user.has_perm("deputies.view"):  # a delegation's head: their delegations only
        delegations = delegations.filter(pk__in=delegations_led_by(user))
    delegations = delegations.order_by("sort_order", "id")
    years = list(range(timezone.localdate().year, term.start_date.year - 1, -1)) if term else []
    form = RecordFilterForm(request.GET or None, years=years, delegations=delegations)
    data = form.cleaned_data if form.is_valid() else {}
    delegation = data.get("delegation") or (
        None if user.has_perm("deputies.view") else delegations.first()
    )
    qs = (
        Deputy.objects.filter(term=term)
        .select_related("person", "term")
        .order_by("person__name", "id")
    )
    if delegation is not None:
        qs = qs.filter(person__memberships__organization=delegation).distinct()
    elif not user.has_perm("deputies.view"):
        qs = qs.none()
    return form, qs, term, data.get("year"), delegation


@permission_required("deputies.view_records")
def records(request):
    form, qs, term, year, delegation = _records_query(request)
    context = {
        "form": form,
        "term": term,
        "year": year,
        "delegation": delegation,
        **paginate(request, qs),
    }
    rows = list(context["rows"])
    period = Period.of(rows[0], year) if rows else None
    figures = figures_for(rows, period) if rows else {}
    context["rows"] = [(d, [figures[d.pk][k] for k in FIGURE_KEYS]) for d in rows]
    context["headers"] = [FIGURE_LABELS[k] for k in FIGURE_KEYS]
    return render(request, "deputies/records.html", context)


@permission_required("deputies.view_records")
def records_xlsx(request):
    _form, qs, term, year, delegation = _records_query(request)
    deputies = list(qs)
    figures = figures_for(deputies, Period.of(deputies[0], year)) if deputies else {}
    headers = [_("姓名"), _("状态"), *[FIGURE_LABELS[k] for k in FIGURE_KEYS]]
    rows = (
        [d.person.name, d.get_status_display(), *[figures[d.pk][k] for k in FIGURE_KEYS]]
        for d in deputies
    )
    name = delegation.name if delegation else gettext_now("全体代表")
    return xlsx_response("duty-records", f"{name} {year or ''}".strip(), headers, rows)
