"""Pages performing declared actions: one way to run a form through an action and report back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .actions import Action
from .errors import DomainError


def form_errors(request: HttpRequest, form: Any) -> None:
    """Report each field error as a message naming the field."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else str(error))


def perform(
    request: HttpRequest,
    act: Action,
    *,
    success: Any,
    form: Any = None,
    data: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    **kwargs: Any,
) -> Any:
    """Perform ``act`` as the signed-in user with the form's cleaned data and ``kwargs``.

    Refuses with 403 before reading the form when the user lacks the action's permission;
    reports form errors and the domain's refusal as messages and returns None; on success
    reports ``success`` and returns the action's result.
    """
    subject = kwargs.get(act.subject) if act.subject else None
    if not act.permits(request.user, subject):
        raise PermissionDenied
    values: dict[str, Any] = {}
    if form is not None:
        if not form.is_valid():
            form_errors(request, form)
            return None
        values = data(form.cleaned_data) if data else dict(form.cleaned_data)
    try:
        result = act(actor=request.user, **values, **kwargs)
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
        return None
    messages.success(request, success)
    return result if result is not None else True
