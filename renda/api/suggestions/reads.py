"""Suggestions API: the list and detail, the public handling figures, a deputy's draft and its submission.

The screening, merging, splitting and assignment by the office are in :mod:`.office`.

Anonymous callers (and signed-in users without ``suggestions.view``) see published
suggestions only, with the published reply; others see what
:func:`renda.suggestions.selectors.suggestions_visible_to` gives them. Writes go
through :mod:`renda.suggestions.services`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from renda.casework.models import Reply
from renda.meetings.models import Meeting
from renda.suggestions import services, statistics
from renda.suggestions.models import Category, Suggestion
from renda.suggestions.selectors import (
    public_reply,
    public_suggestions,
    suggestion_search,
    suggestions_visible_to,
)

from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference

router = Router(tags=["suggestions"])

SUBMIT = "suggestions.submit"


def _readable(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm("suggestions.view")


def suggestions_for(user) -> QuerySet[Suggestion]:
    return suggestions_visible_to(user) if _readable(user) else public_suggestions()


# --------------------------------------------------------------------------- list and detail


class SuggestionListItemOut(Schema):
    id: int
    number: str
    title: str
    category: str
    channel: str
    status: str
    lead_deputy_name: str
    session_id: int | None
    submitted_at: dt.datetime | None


class SuggestionListOut(Schema):
    count: int
    items: list[SuggestionListItemOut]


class SuggestionListQuery(PageQuery):
    q: text(100) | None = None
    category: choice(Category) | None = None


def _row(s: Suggestion) -> dict[str, Any]:
    return {
        "id": s.pk,
        "number": s.number,
        "title": s.title,
        "category": s.category,
        "channel": s.channel,
        "status": s.status,
        "lead_deputy_name": s.lead_deputy.person.name,
        "session_id": s.session_id,
        "submitted_at": s.submitted_at,
    }


@router.get(
    "/suggestions",
    response={200: SuggestionListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="suggestions_list",
    summary="列出代表建议 · List suggestions",
    description="Newest first. Anonymous callers see published suggestions only.",
    openapi_extra=OPTIONAL_AUTH,
)
def suggestions_list(request, filters: Query[SuggestionListQuery]):
    qs = suggestions_for(request.auth)
    if filters.q:
        qs = suggestion_search(qs, filters.q, published_only=not _readable(request.auth))
    if filters.category:
        qs = qs.filter(category=filters.category)
    return page(qs.order_by("-id"), filters, _row)


class SuggestionFiguresOut(Schema):
    label: str
    total: int
    assigned: int
    replied: int
    rated: int
    satisfied: int
    solved: int
    overdue: int
    reply_rate: float | None
    satisfaction_rate: float | None
    solved_rate: float | None


class SuggestionStatisticsOut(Schema):
    totals: SuggestionFiguresOut
    sessions: list[SuggestionFiguresOut]
    years: list[SuggestionFiguresOut]


@router.get(
    "/suggestions/statistics",
    response={200: SuggestionStatisticsOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="suggestions_statistics",
    summary="建议办理统计 · Handling figures of suggestions",
    description="Reply, satisfaction and solved rates in per cent (rules §1.7, §1.12, §1.14); public.",
    openapi_extra=OPTIONAL_AUTH,
)
def suggestions_statistics(request):
    figures = statistics.cached_report(today=timezone.localdate())
    return {
        "totals": figures["totals"].as_dict(),
        "sessions": [f.as_dict() for f in figures["sessions"]],
        "years": [f.as_dict() for f in figures["years"]],
    }


class SuggestionReplyOut(Schema):
    unit_name: str
    result_class: str
    result_label: str
    text: str
    signed_by_name: str
    replied_at: dt.datetime


class SuggestionDetailOut(Schema):
    id: int
    number: str
    title: str
    content: str
    category: str
    channel: str
    status: str
    lead_deputy_name: str
    cosigner_names: list[str]
    session_id: int | None
    submitted_at: dt.datetime | None
    reply: SuggestionReplyOut | None


@router.get(
    "/suggestions/{suggestion_id}",
    response={200: SuggestionDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="suggestions_detail",
    summary="代表建议详情 · Get a suggestion",
    description="Anonymous callers get published suggestions only, with the published reply.",
    openapi_extra=OPTIONAL_AUTH,
)
def suggestions_detail(request, suggestion_id: PathId):
    user = request.auth
    s = get_object_or_404(suggestions_for(user), pk=suggestion_id)
    if _readable(user) and s.case_id:
        reply = (
            Reply.objects.filter(case_id=s.case_id, is_follow_up=False)
            .select_related("unit")
            .order_by("-round", "-replied_at", "-id")
            .first()
        )
    else:
        reply = public_reply(s)
    names = [
        c.deputy.person.name
        for c in s.cosigners.filter(confirmed_at__isnull=False).select_related("deputy__person")
    ]
    return {
        **_row(s),
        "content": s.content,
        "cosigner_names": names,
        "reply": None
        if reply is None
        else {
            "unit_name": reply.unit.name,
            "result_class": reply.result_class,
            "result_label": s.case.kind.result_label(reply.result_class),
            "text": reply.text,
            "signed_by_name": reply.signed_by_name,
            "replied_at": reply.replied_at,
        },
    }


# --------------------------------------------------------------------------- a deputy's draft


class SuggestionCreateIn(InputSchema):
    """``session_id`` marks a suggestion made during a congress session (rules §1.1)."""

    title: text(services.MAX_TITLE)
    content: text(services.MAX_CONTENT)
    category: choice(Category) | None = None
    session_id: Id | None = None
    is_public: bool = True
    withhold_reason: text(200) = ""


class SuggestionCreatedOut(Schema):
    id: int
    title: str
    category: str
    channel: str
    status: str
    is_public: bool


@router.post(
    "/suggestions",
    response={201: SuggestionCreatedOut, **WRITE_ERRORS},
    auth=write_auth(SUBMIT),
    operation_id="suggestions_create",
    summary="起草代表建议 · Create a draft suggestion (deputies)",
)
def suggestions_create(request, payload: SuggestionCreateIn):
    user = require(request, SUBMIT)
    session = None
    if payload.session_id is not None:
        session = Meeting.objects.filter(pk=payload.session_id).select_related("term").first()
        if session is None:
            raise unknown_reference("session_id")
    s = services.suggestion_create(
        actor=user,
        title=payload.title,
        content=payload.content,
        category=payload.category or "",
        session=session,
        is_public=payload.is_public,
        withhold_reason=payload.withhold_reason,
    )
    return Status(
        201,
        {
            "id": s.pk,
            "title": s.title,
            "category": s.category,
            "channel": s.channel,
            "status": s.status,
            "is_public": s.is_public,
        },
    )


class SuggestionSubmittedOut(Schema):
    id: int
    number: str
    status: str
    submitted_at: dt.datetime | None


@router.post(
    "/suggestions/{suggestion_id}/submit",
    response={200: SuggestionSubmittedOut, **WRITE_ERRORS},
    auth=write_auth(SUBMIT),
    operation_id="suggestions_submit",
    summary="提交代表建议 · Submit a draft suggestion (its lead deputy)",
    description="Numbers the suggestion; every invited co-signer must have confirmed.",
)
def suggestions_submit(request, suggestion_id: PathId):
    user = require(request, SUBMIT)
    s = get_object_or_404(suggestions_visible_to(user), pk=suggestion_id)
    s = services.suggestion_submit(actor=user, suggestion=s)
    return {"id": s.pk, "number": s.number, "status": s.status, "submitted_at": s.submitted_at}
