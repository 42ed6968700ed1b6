"""What the meeting pages share: finding the meeting or item, going back to its page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from renda.core.errors import DomainError

from ..models import AgendaItem, Meeting
from ..selectors import meetings_visible_to


def _meeting(request, pk: int) -> Meeting:
    return get_object_or_404(meetings_visible_to(request.user), pk=pk)


def _managed_meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("term", "body"), pk=pk)


def _item(pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)


def _error(request, error: DomainError) -> None:
    messages.error(request, error.message_in(request.LANGUAGE_CODE))


def _back(meeting_pk: int, anchor: str = ""):
    return redirect(
        reverse("meetings:detail", args=[meeting_pk]) + (f"#{anchor}" if anchor else "")
    )
