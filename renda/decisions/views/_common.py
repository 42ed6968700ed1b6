"""What the pages of major matters share: finding rows the user may see, and posting to an action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from renda.core.actions import Action
from renda.core.pages import perform

from .. import selectors
from ..models import AnnualList, Decision, Matter


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, e)


def _list(request, pk: int) -> AnnualList:
    return get_object_or_404(selectors.lists_visible_to(request.user), pk=pk)


def _matter(request, pk: int) -> Matter:
    return get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)


def _decision(request, pk: int) -> Decision:
    return get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)


def _to_list(pk: int, anchor: str = ""):
    return redirect(reverse("decisions:list_detail", args=[pk]) + anchor)


def _to_matter(pk: int):
    return redirect(reverse("decisions:matter_detail", args=[pk]))


def _act(request, act: Action, success: Any, *, form: Any = None, **kwargs: Any) -> Any:
    """Post ``form`` to ``act``: 403 without its permission, form errors and refusals as messages."""
    subject = kwargs.get(act.subject) if act.subject else None
    if not act.permits(request.user, subject):
        raise PermissionDenied
    if form is not None:
        if not form.is_valid():
            _form_errors(request, form)
            return None
        kwargs.update(form.cleaned_data)
    return perform(request, act, success=success, **kwargs)
