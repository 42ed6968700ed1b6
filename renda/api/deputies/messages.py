"""Voters' messages to deputies and stations (S25, S26).

Anyone writes (no account needed, limited per address) and follows the answer with the
tracking code; anyone reads the letters the office published, which never carry the
writer's name or contact. The addressed deputy and the office read the inbox (with the
contact) and handle each message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema, Status

from renda.core.throttle import rate_limited
from renda.deputies import selectors, services
from renda.deputies.models import VoterMessage
from renda.deputies.services.messages import by_code

from ..actions import expose, kwargs_from
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, ApiError, ErrorOut
from ._common import router

HANDLE = "deputies.handle_message"
M = VoterMessage.Status


def _throttled(scope: str, request, **kw) -> None:
    if rate_limited(request, scope, **kw):
        raise ApiError(
            "rate_limited",
            "提交过于频繁，请稍后再试。",
            "Too many requests from this address; try again later.",
            status=429,
        )


class VoterMessageSubmitIn(InputSchema):
    """Exactly one of ``deputy_id`` (a serving deputy) and ``station_id`` (an open station)."""

    subject: text(80)
    body: text(3000) = Field(description="至少10个字 · at least 10 characters")
    deputy_id: Id | None = None
    station_id: Id | None = None
    writer_name: text(40) = Field("", description="不公开 · never published")
    contact: text(100) = Field("", description="不公开 · never published")
    area: text(60) = ""
    consent_publish: bool = False


class VoterMessageSubmitOut(Schema):
    id: int
    code: str = Field(description="查询码，凭此查看答复 · the tracking code")
    status: str


@router.post(
    "/voter-messages",
    response={201: VoterMessageSubmitOut, **WRITE_ERRORS, 429: ErrorOut},
    auth=READ_AUTH,
    operation_id="deputies_message_submit",
    summary="给代表写信 · Write to a deputy or a station · deputies.message.submit",
    description="依据 · rule: S25, S26. Open to everyone, no account needed; limited per "
    "address (429 `rate_limited`). Keep the returned `code` to follow the answer.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_message_submit(request, payload: VoterMessageSubmitIn):
    _throttled("voter-message", request)
    _throttled("voter-message-hour", request, limit=settings.VOTER_MESSAGES_PER_HOUR, window=3600)
    kwargs = kwargs_from(services.message_submit, payload)
    message = services.message_submit(actor=request.auth, **kwargs)
    return Status(201, {"id": message.pk, "code": message.code, "status": message.status})


class TrackIn(InputSchema):
    code: text(20)


class VoterMessageTrackOut(Schema):
    subject: str
    body: str = Field(description="写信人自己的来信 · the writer's own letter")
    addressee: str
    status: str
    received_at: dt.datetime
    forwarded_to: str | None
    became_suggestion: bool
    answer: str
    answered_at: dt.datetime | None
    dismiss_reason: str


@router.post(
    "/voter-messages/track",
    response={200: VoterMessageTrackOut, **DETAIL_ERRORS, 429: ErrorOut},
    auth=READ_AUTH,
    operation_id="deputies_message_track",
    summary="查询来信办理情况 · Follow a letter by its code",
    description="依据 · rule: S25. The code in the body (kept out of addresses and logs); the "
    "writer's own letter and its handling, never the name or contact. 404 for any wrong code.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_message_track(request, payload: TrackIn):
    _throttled("voter-message-track", request)
    m = by_code(payload.code)
    return {
        "subject": m.subject,
        "body": m.body,
        "addressee": m.addressee,
        "status": m.status,
        "received_at": m.received_at,
        "forwarded_to": m.forwarded_to.name if m.forwarded_to_id else None,
        "became_suggestion": m.suggestion_id is not None,
        "answer": m.answer,
        "answered_at": m.answered_at,
        "dismiss_reason": m.dismiss_reason,
    }


class PublishedMessageOut(Schema):
    id: int
    subject: str
    addressee: str
    deputy_id: int | None
    station_id: int | None
    area: str
    body: str = Field(description="经审核公开的内容 · the text as the office approved it")
    answer: str
    received_at: dt.datetime
    answered_at: dt.datetime | None
    published_at: dt.datetime


class PublishedMessageListOut(Schema):
    count: int
    items: list[PublishedMessageOut]


class PublishedQuery(PageQuery):
    deputy_id: Id | None = None
    station_id: Id | None = None


@router.get(
    "/voter-messages",
    response={200: PublishedMessageListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_messages_published",
    summary="公开的群众来信 · List published letters and answers",
    description="依据 · rule: S25, S26. Public: the letters whose writers agreed and the office "
    "published, as approved; never a name or a contact.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_messages_published(request, filters: Query[PublishedQuery]):
    qs = (
        VoterMessage.objects.filter(published_at__isnull=False)
        .select_related("deputy__person", "station")
        .order_by("-published_at", "-id")
    )
    if filters.deputy_id:
        qs = qs.filter(deputy_id=filters.deputy_id)
    if filters.station_id:
        qs = qs.filter(station_id=filters.station_id)

    def row(m: VoterMessage) -> dict[str, Any]:
        return {
            "id": m.pk, "subject": m.subject, "addressee": m.addressee, "deputy_id": m.deputy_id,
            "station_id": m.station_id, "area": m.area, "body": m.public_body,
            "answer": m.public_answer, "received_at": m.received_at, "answered_at": m.answered_at,
            "published_at": m.published_at,
        }  # fmt: skip

    return page(qs, filters, row)


class InboxMessageOut(Schema):
    id: int
    subject: str
    body: str
    addressee: str
    deputy_id: int | None
    station_id: int | None
    area: str
    writer_name: str = Field(description="仅收信代表和工作人员可见 · addressee and office only")
    contact: str = Field(description="仅收信代表和工作人员可见 · addressee and office only")
    consent_publish: bool
    status: str
    received_at: dt.datetime
    forwarded_to_id: int | None
    case_id: int | None = Field(description="转交单位办理的事项 · the forwarded letter's case")
    suggestion_id: int | None
    answer: str
    answered_at: dt.datetime | None
    published_at: dt.datetime | None


class InboxListOut(Schema):
    count: int
    items: list[InboxMessageOut]


class InboxQuery(PageQuery):
    status: choice(M) | None = None


def _inbox_row(m: VoterMessage) -> dict[str, Any]:
    return {
        "id": m.pk, "subject": m.subject, "body": m.body, "addressee": m.addressee,
        "deputy_id": m.deputy_id, "station_id": m.station_id, "area": m.area,
        "writer_name": m.writer_name, "contact": m.contact, "consent_publish": m.consent_publish,
        "status": m.status, "received_at": m.received_at, "forwarded_to_id": m.forwarded_to_id,
        "case_id": m.case_id, "suggestion_id": m.suggestion_id, "answer": m.answer, "answered_at": m.answered_at,
        "published_at": m.published_at,
    }  # fmt: skip


@router.get(
    "/voter-messages/inbox",
    response={200: InboxListOut, **READ_ERRORS},
    auth=write_auth(HANDLE),
    operation_id="deputies_messages_inbox",
    summary="收到的群众来信 · List the letters one handles",
    description="依据 · rule: S25. A deputy the letters written to them, the office all; with "
    "the writer's name and contact.",
)
def deputies_messages_inbox(request, filters: Query[InboxQuery]):
    user = require(request, HANDLE)
    qs = selectors.visible_messages(user).order_by("-received_at", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page(qs, filters, _inbox_row)


@router.get(
    "/voter-messages/inbox/{voter_message_id}",
    response={200: InboxMessageOut, **DETAIL_ERRORS},
    auth=write_auth(HANDLE),
    operation_id="deputies_message_detail",
    summary="来信详情 · Get a letter one handles",
    description="依据 · rule: S25. 404 unless written to the deputy asking, or asked by the office.",
)
def deputies_message_detail(request, voter_message_id: PathId):
    user = require(request, HANDLE)
    return _inbox_row(get_object_or_404(selectors.visible_messages(user), pk=voter_message_id))


def _visible(user):
    return selectors.visible_messages(user)


class AnswerIn(InputSchema):
    answer: text(5000)


class ForwardIn(InputSchema):
    unit_id: Id
    note: text(2000)


class SuggestIn(InputSchema):
    title: text(200)
    content: text(20000)


class DismissIn(InputSchema):
    reason: text(200)


class PublishIn(InputSchema):
    public_body: text(3000)
    public_answer: text(5000)


class UnpublishIn(InputSchema):
    reason: text(200)


for act, path, schema, summary in (
    (services.message_acknowledge, "acknowledge", None, "受理 · Acknowledge"),
    (services.message_answer, "answer", AnswerIn, "答复 · Answer"),
    (services.message_forward, "forward", ForwardIn, "转交有关单位 · Forward to a unit"),
    (services.message_suggest, "suggest", SuggestIn, "转为代表建议 · Turn into a suggestion"),
    (services.message_dismiss, "dismiss", DismissIn, "不予处理 · Dismiss"),
    (services.message_publish, "publish", PublishIn, "审核公开 · Publish"),
    (services.message_unpublish, "unpublish", UnpublishIn, "撤下公开 · Unpublish"),
):
    expose(
        router,
        act,
        f"/voter-messages/inbox/{{voter_message_id}}/{path}",
        visible=_visible,
        schema=schema,
        summary=f"{summary} · {act.name}",
        description=f"依据 · rule: {act.rule}. The addressed deputy or the office "
        "(publishing and dismissing: the office); 404 for a letter one does not handle.",
    )
