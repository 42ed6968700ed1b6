"""Decisions API: the annual list of major matters, its items, comments and each step of its route."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Schema, Status

from renda.decisions import services, workflow
from renda.decisions.models import AnnualList, ListComment, ListItem, ListStatus, MatterKind
from renda.decisions.selectors import lists_readable_by, lists_visible_to

from ..actions import ActionOut, expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference
from ._common import _category, _list_for, _meeting, _organization, router


class AnnualListRowOut(Schema):
    id: int
    year: int
    version: int
    title: str
    status: str
    government_name: str
    due_on: dt.date | None
    published_at: dt.datetime | None


class AnnualListListOut(Schema):
    count: int
    items: list[AnnualListRowOut]


class AnnualListQuery(PageQuery):
    year: Year | None = None
    status: choice(ListStatus) | None = None


def _list_row(lst: AnnualList) -> dict[str, Any]:
    return {
        "id": lst.pk,
        "year": lst.year,
        "version": lst.version,
        "title": lst.title,
        "status": lst.status,
        "government_name": lst.government.name,
        "due_on": lst.due_on,
        "published_at": lst.published_at,
    }


@router.get(
    "/decisions/lists",
    response={200: AnnualListListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="decisions_lists_list",
    summary="列出重大事项年度清单 · List annual lists of major matters",
    description="Anonymous callers see published lists only (S12 item 3).",
    openapi_extra=OPTIONAL_AUTH,
)
def decisions_lists_list(request, filters: Query[AnnualListQuery]):
    qs = lists_readable_by(request.auth)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page(qs.order_by("-year", "-version"), filters, _list_row)


class AnnualListItemOut(Schema):
    id: int
    order: int
    category: str
    kind: str
    title: str
    description: str
    proposing_body_name: str
    planned_quarter: int
    matter_id: int | None


class AnnualListDetailOut(Schema):
    id: int
    year: int
    version: int
    base_id: int | None
    title: str
    explanation: str
    status: str
    government_name: str
    due_on: dt.date | None
    round: int
    consented_on: dt.date | None
    consent_reference: str
    adopted_at: dt.datetime | None
    published_at: dt.datetime | None
    items: list[AnnualListItemOut]


@router.get(
    "/decisions/lists/{annual_list_id}",
    response={200: AnnualListDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="decisions_lists_detail",
    summary="年度清单详情 · Get an annual list with its items",
    description="Anonymous callers get published lists only.",
    openapi_extra=OPTIONAL_AUTH,
)
def decisions_lists_detail(request, annual_list_id: PathId):
    lst = get_object_or_404(lists_readable_by(request.auth), pk=annual_list_id)
    items = lst.items.select_related("category", "proposing_body").order_by("order", "id")
    return {
        **_list_row(lst),
        "base_id": lst.base_id,
        "explanation": lst.explanation,
        "round": lst.round,
        "consented_on": lst.consented_on,
        "consent_reference": lst.consent_reference,
        "adopted_at": lst.adopted_at,
        "items": [
            {
                "id": i.pk,
                "order": i.order,
                "category": i.category.code,
                "kind": i.kind,
                "title": i.title,
                "description": i.description,
                "proposing_body_name": i.proposing_body.name,
                "planned_quarter": i.planned_quarter,
                "matter_id": i.matter_id,
            }
            for i in items
        ],
    }


class AnnualListCreateIn(InputSchema):
    year: Year
    title: text(200) = ""
    explanation: text(20000) = ""


class AnnualListCreatedOut(Schema):
    id: int
    year: int
    status: str
    due_on: dt.date | None


@router.post(
    "/decisions/lists",
    response={201: AnnualListCreatedOut, **WRITE_ERRORS},
    auth=write_auth("decisions.submit"),
    operation_id="decisions_lists_create",
    summary="新建年度清单 · Start next year's proposed list (the government)",
)
def decisions_lists_create(request, payload: AnnualListCreateIn):
    user = require(request, "decisions.submit")
    lst = services.annual_list_create(
        actor=user, year=payload.year, title=payload.title, explanation=payload.explanation
    )
    return Status(201, {"id": lst.pk, "year": lst.year, "status": lst.status, "due_on": lst.due_on})


class ListItemCreateIn(InputSchema):
    category: text(40)
    title: text(200)
    planned_quarter: int
    kind: choice(MatterKind) = MatterKind.DECISION
    description: text(20000) = ""
    proposing_body_id: Id | None = None


class ListItemCreatedOut(Schema):
    id: int
    order: int
    title: str
    planned_quarter: int


@router.post(
    "/decisions/lists/{annual_list_id}/items",
    response={201: ListItemCreatedOut, **WRITE_ERRORS},
    auth=write_auth("decisions.submit"),
    operation_id="decisions_lists_items_create",
    summary="增加清单事项 · Add an item to a list being drafted or revised (the government)",
)
def decisions_lists_items_create(request, annual_list_id: PathId, payload: ListItemCreateIn):
    user = require(request, "decisions.submit")
    lst = get_object_or_404(lists_visible_to(user), pk=annual_list_id)
    item: ListItem = services.list_item_add(
        actor=user,
        annual_list=lst,
        category=_category(payload.category),
        title=payload.title,
        planned_quarter=payload.planned_quarter,
        kind=payload.kind,
        description=payload.description,
        proposing_body=_organization(payload.proposing_body_id, "proposing_body_id"),
    )
    return Status(
        201,
        {
            "id": item.pk,
            "order": item.order,
            "title": item.title,
            "planned_quarter": item.planned_quarter,
        },
    )


class AnnualListSubmittedOut(Schema):
    id: int
    status: str
    round: int


@router.post(
    "/decisions/lists/{annual_list_id}/submit",
    response={200: AnnualListSubmittedOut, **WRITE_ERRORS},
    auth=write_auth("decisions.submit"),
    operation_id="decisions_lists_submit",
    summary="报送年度清单 · Submit the list for comments, or the revised list (the government)",
)
def decisions_lists_submit(request, annual_list_id: PathId):
    user, lst = _list_for(request, "decisions.submit", annual_list_id)
    if lst.status in workflow.REVISE_SOURCES:
        lst = services.annual_list_resubmit(actor=user, annual_list=lst)
    else:
        lst = services.annual_list_send(actor=user, annual_list=lst)
    return {"id": lst.pk, "status": lst.status, "round": lst.round}


class ListCommentIn(InputSchema):
    text: text(20000)
    item_id: Id | None = None


class ListCommentOut(Schema):
    id: int
    round: int
    item_id: int | None
    body_name: str


@router.post(
    "/decisions/lists/{annual_list_id}/comments",
    response={201: ListCommentOut, **WRITE_ERRORS},
    auth=write_auth("decisions.comment"),
    operation_id="decisions_lists_comment",
    summary="对年度清单提出意见 · Comment on a submitted list (the SC's working bodies)",
)
def decisions_lists_comment(request, annual_list_id: PathId, payload: ListCommentIn):
    user, lst = _list_for(request, "decisions.comment", annual_list_id)
    item = None
    if payload.item_id is not None:
        item = lst.items.filter(pk=payload.item_id).first()
        if item is None:
            raise unknown_reference("item_id")
    comment = services.list_comment_add(actor=user, annual_list=lst, text=payload.text, item=item)
    return Status(
        201,
        {
            "id": comment.pk,
            "round": comment.round,
            "item_id": comment.item_id,
            "body_name": comment.body.name if comment.body_id else "",
        },
    )


class ListAdoptIn(InputSchema):
    meeting_id: Id | None = None


class ListAdoptedOut(Schema):
    id: int
    status: str
    adopted_at: dt.datetime | None


@router.post(
    "/decisions/lists/{annual_list_id}/adopt",
    response={200: ListAdoptedOut, **WRITE_ERRORS},
    auth=write_auth("decisions.adopt"),
    operation_id="decisions_lists_adopt",
    summary="主任会议通过年度清单 · Adopt a consented list (chairpersons' council)",
)
def decisions_lists_adopt(request, annual_list_id: PathId, payload: ListAdoptIn):
    user, lst = _list_for(request, "decisions.adopt", annual_list_id)
    lst = services.annual_list_adopt(
        actor=user, annual_list=lst, meeting=_meeting(payload.meeting_id)
    )
    return {"id": lst.pk, "status": lst.status, "adopted_at": lst.adopted_at}


class ListConsentIn(InputSchema):
    consented_on: dt.date
    reference: text(100) = ""
    note: text(20000) = ""


class ListConsentedOut(Schema):
    id: int
    status: str
    consented_on: dt.date | None
    consent_reference: str


@router.post(
    "/decisions/lists/{annual_list_id}/consent",
    response={200: ListConsentedOut, **WRITE_ERRORS},
    auth=write_auth("decisions.manage"),
    operation_id="decisions_lists_consent",
    summary="登记党委同意 · Record the party committee's consent to the revised list (the office, S2)",
)
def decisions_lists_consent(request, annual_list_id: PathId, payload: ListConsentIn):
    user, lst = _list_for(request, "decisions.manage", annual_list_id)
    lst = services.annual_list_record_consent(
        actor=user,
        annual_list=lst,
        consented_on=payload.consented_on,
        reference=payload.reference,
        note=payload.note,
    )
    return {
        "id": lst.pk,
        "status": lst.status,
        "consented_on": lst.consented_on,
        "consent_reference": lst.consent_reference,
    }


class ListPublishedOut(Schema):
    id: int
    status: str
    published_at: dt.datetime | None
    matters: int


@router.post(
    "/decisions/lists/{annual_list_id}/publish",
    response={200: ListPublishedOut, **WRITE_ERRORS},
    auth=write_auth("decisions.manage"),
    operation_id="decisions_lists_publish",
    summary="公布年度清单 · Publish an adopted list; its items become the year's matters (the office)",
)
def decisions_lists_publish(request, annual_list_id: PathId):
    user, lst = _list_for(request, "decisions.manage", annual_list_id)
    lst = services.annual_list_publish(actor=user, annual_list=lst)
    return {
        "id": lst.pk,
        "status": lst.status,
        "published_at": lst.published_at,
        "matters": lst.items.filter(matter__isnull=False).count(),
    }


# --------------------------------------------------------------------------- items, comments, route


class ListItemUpdateIn(InputSchema):
    """Only the fields sent change."""

    category: text(40) | None = None
    title: text(200) | None = None
    planned_quarter: int | None = None
    kind: choice(MatterKind) | None = None
    description: text(20000) | None = None
    proposing_body_id: Id | None = None


class ListItemUpdatedOut(Schema):
    id: int
    order: int
    title: str
    planned_quarter: int


@router.post(
    "/decisions/list-items/{annual_list_item_id}/edit",
    response={200: ListItemUpdatedOut, **WRITE_ERRORS},
    auth=write_auth(services.list_item_update.permission),
    operation_id="decisions_list_item_edit",
    summary="修改清单事项 · Change an item of a list being drafted or revised (the government)",
    description="依据 · rule: S12",
)
def decisions_list_item_edit(request, annual_list_item_id: PathId, payload: ListItemUpdateIn):
    user = require(request, services.list_item_update.permission)
    item = get_object_or_404(
        ListItem.objects.filter(annual_list__in=lists_visible_to(user)), pk=annual_list_item_id
    )
    fields: dict[str, Any] = {}
    for name, value in payload.model_dump(exclude_unset=True).items():
        if name == "category":
            fields["category"] = _category(value or "")
        elif name == "proposing_body_id":
            fields["proposing_body"] = _organization(value, "proposing_body_id")
        else:
            fields[name] = value
    item = services.list_item_update(actor=user, item=item, **fields)
    return {
        "id": item.pk,
        "order": item.order,
        "title": item.title,
        "planned_quarter": item.planned_quarter,
    }


def _items(user):
    return ListItem.objects.filter(annual_list__in=lists_visible_to(user))


def _comments(user):
    return ListComment.objects.filter(annual_list__in=lists_visible_to(user))


class ListItemRemovedOut(ActionOut):
    """The removed item's id and its list's status."""


expose(
    router,
    services.list_item_remove,
    "/decisions/list-items/{annual_list_item_id}/remove",
    visible=_items,
    response=ListItemRemovedOut,
    out=lambda item: {"id": item.pk, "status": item.annual_list.status},
)


class ListChangeIn(InputSchema):
    explanation: text(20000)


expose(
    router,
    services.annual_list_change_start,
    "/decisions/lists/{annual_list_id}/change",
    visible=lists_visible_to,
    schema=ListChangeIn,
    status=201,
    description="依据 · rule: §6.2. The change is a new version of the list, drafted like the first.",
)


class CommentRespondIn(InputSchema):
    response: text(20000)


expose(
    router,
    services.list_comment_respond,
    "/decisions/list-comments/{annual_list_comment_id}/respond",
    visible=_comments,
    schema=CommentRespondIn,
    out=lambda comment: {"id": comment.pk, "status": comment.annual_list.status},
)
expose(
    router,
    services.annual_list_close_comments,
    "/decisions/lists/{annual_list_id}/close-comments",
    visible=lists_visible_to,
)


class ListReturnIn(InputSchema):
    reason: text(20000)


expose(
    router,
    services.annual_list_return,
    "/decisions/lists/{annual_list_id}/return",
    visible=lists_visible_to,
    schema=ListReturnIn,
    description=(
        "依据 · rule: S2. A list waiting for the party committee records its answer as "
        "returned, with the reasons."
    ),
)
