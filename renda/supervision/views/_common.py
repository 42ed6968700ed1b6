"""Back-office pages of supervision: overview, plan, reports, opinions, inspections, inquiries, interpellations."""

from __future__ import annotations

from django.contrib import messages
from django.utils import timezone

from renda.core.errors import DomainError
from renda.people.models import Organization


def _error(request, error: DomainError) -> None:
    messages.error(request, error.message_in(request.LANGUAGE_CODE))


def _form_error(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errors:
            messages.error(request, f"{label}：{e}" if label else str(e))


def _run(request, form, call, success) -> bool:
    """Validate ``form``, run ``call(cleaned_data)``; report success or the refusal as a message."""
    if not form.is_valid():
        _form_error(request, form)
        return False
    try:
        call(form.cleaned_data)
    except DomainError as error:
        _error(request, error)
        return False
    messages.success(request, success)
    return True


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def _sc_name() -> str:
    return (
        Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE)
        .values_list("name", flat=True)
        .first()
        or ""
    )
