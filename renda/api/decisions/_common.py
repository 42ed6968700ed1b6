"""What the decisions API modules share: the router, the permissions and the lookups of references."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router

from renda.decisions.models import AnnualList, Category
from renda.decisions.selectors import lists_visible_to
from renda.meetings.models import Meeting
from renda.people.models import Organization

from ..auth import require, write_auth
from ..errors import unknown_reference

router = Router(tags=["decisions"])

VIEW = "decisions.view"
MATTER_READ_AUTH = write_auth(VIEW)


def _list_for(request, perm: str, annual_list_id: int) -> tuple[Any, AnnualList]:
    """The caller holding ``perm`` and the list they may see (404 otherwise): the start of every list write."""
    user = require(request, perm)
    return user, get_object_or_404(lists_visible_to(user), pk=annual_list_id)


def _meeting(pk: int | None, field: str = "meeting_id") -> Meeting | None:
    if pk is None:
        return None
    meeting = Meeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise unknown_reference(field)
    return meeting


def _category(code: str) -> Category:
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise unknown_reference("category")
    return category


def _organization(pk: int | None, field: str) -> Organization | None:
    if pk is None:
        return None
    org = Organization.objects.filter(pk=pk).first()
    if org is None:
        raise unknown_reference(field)
    return org
