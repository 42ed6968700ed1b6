"""The step forms of a page: which declared actions the user may take now, each with its
form, and one POST view per subject that performs the chosen one.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from renda.core.actions import Action, available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error


def step_forms(request, subject, actions: Sequence[Action], make: Callable, bound: dict | None):
    """The verbs allowed now and a form for each (the bound one for a refused step)."""
    allowed = available(request.user, subject, actions)
    bound = bound or {}
    forms = {
        a.verb: bound.get(a.verb) or make(a.verb, subject, None)
        for a in actions
        if a.verb in allowed or a.verb in bound
    }
    return allowed, forms


def step_post(
    request, subject, actions: Sequence[Action], verb: str, *, make: Callable, keyword: str,
    success: dict[str, Any], done: str, page: Callable, data: Callable | None = None,
):  # fmt: skip
    """Perform the action named ``verb`` on ``subject`` with its form's data."""
    act = {a.verb: a for a in actions}.get(verb)
    if act is None or not act.permits(request.user, subject):
        raise PermissionDenied
    form = make(verb, subject, request.POST)
    if form.is_valid():
        values = data(verb, form.cleaned_data) if data else dict(form.cleaned_data)
        try:
            act(actor=request.user, **{keyword: subject}, **values)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, success.get(verb, success.get("*")))
            return redirect(done, pk=subject.pk)
    return page(
        request, type(subject)._default_manager.get(pk=subject.pk), {verb: form}, status=400
    )
