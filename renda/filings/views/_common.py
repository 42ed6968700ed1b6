"""What the back-office pages of filing review share."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from renda.core.actions import Action
from renda.core.errors import DomainError

from .. import documents, selectors
from ..models import Filing

KIND_LABELS = {
    "penalty": _("处罚"),
    "licence": _("许可"),
    "fee": _("收费"),
    "coercive": _("强制措施"),
}


def _error(request, error: DomainError) -> None:
    messages.error(request, error.message_in(request.LANGUAGE_CODE))


def attempt(request, act: Action, **kwargs: Any) -> Any:
    """Perform ``act`` as the user, for a page whose success message names the result.

    403 without the action's permission; the domain's refusal becomes a message and None.
    (:func:`renda.core.pages.perform` where the success message is fixed.)
    """
    subject = kwargs.get(act.subject) if act.subject else None
    if not act.permits(request.user, subject):
        raise PermissionDenied
    try:
        return act(actor=request.user, **kwargs)
    except DomainError as error:
        _error(request, error)
        return None


def _visible(request, pk: int) -> Filing:
    return get_object_or_404(selectors.filings_visible_to(request.user).defer(None), pk=pk)


def _docx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response
