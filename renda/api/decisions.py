"""Major matters, the annual list, decisions and resolutions (重大事项决定) API.

Published annual lists and published decisions are public; anonymous callers (and
signed-in users without ``decisions.view``) see only those. Matters are read by the
SC side and by the government for its own (see :mod:`renda.decisions.selectors`).
Writes go through :mod:`renda.decisions.services`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from renda.decisions import services
from renda.decisions.models import (
    AnnualList,
    Category,
    Decision,
    ListItem,
    ListStatus,
    Matter,
    MatterKind,
)
from renda.decisions.selectors import (
    decisions_visible_to,
    lists_visible_to,
    matters_visible_to,
    overdue_q,
    public_decisions,
    public_lists,
)
from renda.meetings.models import Meeting
from renda.people.models import Organization

from .auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from .common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference

router = Router(tags=["decisions"])

VIEW = "decisions.view"
MATTER_READ_AUTH = write_auth(VIEW)


def _viewer(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm(VIEW)


def lists_for(user) -> QuerySet[AnnualList]:
    return lists_visible_to(user) if _viewer(user) else public_lists()


def decisions_for(user) -> QuerySet[Decision]:
    return decisions_visible_to(user) if _viewer(user) else public_decisions()


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


# --------------------------------------------------------------------------- matters


class MatterListItemOut(Schema):
    id: int
    title: str
    category: str
    kind: str
    status: str
    year: int
    planned_quarter: int | None
    proposing_body_name: str
    meeting_id: int | None
    overdue: bool


class MatterListOut(Schema):
    count: int
    items: list[MatterListItemOut]


class MatterListQuery(PageQuery):
    category: text(40) | None = None
    kind: choice(MatterKind) | None = None
    year: Year | None = None
    overdue: bool = False


def _matter_row(m: Matter, today: dt.date) -> dict[str, Any]:
    return {
        "id": m.pk,
        "title": m.title,
        "category": m.category.code,
        "kind": m.kind,
        "status": m.status,
        "year": m.year,
        "planned_quarter": m.planned_quarter,
        "proposing_body_name": m.proposing_body.name,
        "meeting_id": m.agenda_item.meeting_id if m.agenda_item_id else None,
        "overdue": m.is_overdue(today),
    }


@router.get(
    "/decisions/matters",
    response={200: MatterListOut, **WRITE_ERRORS},
    auth=MATTER_READ_AUTH,
    operation_id="decisions_matters_list",
    summary="列出重大事项 · List major matters",
    description="The SC side sees every matter; the government's officer its own. Not public.",
)
def decisions_matters_list(request, filters: Query[MatterListQuery]):
    user = require(request, VIEW)
    today = timezone.localdate()
    qs = matters_visible_to(user)
    if filters.category:
        qs = qs.filter(category__code=filters.category)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.overdue:
        qs = qs.filter(overdue_q(today))
    return page(
        qs.order_by("-year", "planned_quarter", "id"), filters, lambda m: _matter_row(m, today)
    )


class MatterDecisionOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    poll_id: int | None
    decided_on: dt.date | None


class MatterMaterialOut(Schema):
    id: int
    kind: str
    title: str
    received_on: dt.date


class MatterDetailOut(Schema):
    id: int
    title: str
    description: str
    category: str
    kind: str
    status: str
    year: int
    planned_quarter: int | None
    proposing_body_name: str
    meeting_id: int | None
    agenda_item_id: int | None
    case_id: int | None
    overdue: bool
    revoked_title: str
    revoked_number: str
    grounds: str
    materials: list[MatterMaterialOut]
    decisions: list[MatterDecisionOut]


@router.get(
    "/decisions/matters/{major_matter_id}",
    response={200: MatterDetailOut, **WRITE_ERRORS},
    auth=MATTER_READ_AUTH,
    operation_id="decisions_matters_detail",
    summary="重大事项详情 · Get a major matter",
    description="With its materials, the meeting it goes to and its decisions. Not public.",
)
def decisions_matters_detail(request, major_matter_id: PathId):
    user = require(request, VIEW)
    m = get_object_or_404(matters_visible_to(user), pk=major_matter_id)
    return {
        **_matter_row(m, timezone.localdate()),
        "description": m.description,
        "agenda_item_id": m.agenda_item_id,
        "case_id": m.case_id,
        "revoked_title": m.revoked_title,
        "revoked_number": m.revoked_number,
        "grounds": m.grounds,
        "materials": [
            {"id": a.pk, "kind": a.kind, "title": a.title, "received_on": a.received_on}
            for a in m.materials.all()
        ],
        "decisions": [
            {
                "id": d.pk,
                "kind": d.kind,
                "title": d.title,
                "status": d.status,
                "poll_id": d.poll_id,
                "decided_on": d.decided_on,
            }
            for d in m.decisions.order_by("id")
        ],
    }


class MatterCreateIn(InputSchema):
    """A matter outside the annual list; ``kind`` ``revocation`` needs ``revoked_title`` and ``grounds`` (S12)."""

    category: text(40)
    kind: choice(MatterKind)
    title: text(200)
    proposing_body_id: Id
    description: text(20000) = ""
    year: Year | None = None
    planned_quarter: int | None = None
    revoked_title: text(200) = ""
    revoked_number: text(100) = ""
    revoked_issued_on: dt.date | None = None
    grounds: text(20000) = ""


class MatterCreatedOut(Schema):
    id: int
    title: str
    kind: str
    status: str


@router.post(
    "/decisions/matters",
    response={201: MatterCreatedOut, **WRITE_ERRORS},
    auth=write_auth("decisions.manage"),
    operation_id="decisions_matters_create",
    summary="登记重大事项或撤销议案 · Register a major matter or a revocation motion",
)
def decisions_matters_create(request, payload: MatterCreateIn):
    user = require(request, "decisions.manage")
    m = services.matter_create(
        actor=user,
        category=_category(payload.category),
        kind=payload.kind,
        title=payload.title,
        proposing_body=_organization(payload.proposing_body_id, "proposing_body_id"),
        description=payload.description,
        year=payload.year,
        planned_quarter=payload.planned_quarter,
        revoked_title=payload.revoked_title,
        revoked_number=payload.revoked_number,
        revoked_issued_on=payload.revoked_issued_on,
        grounds=payload.grounds,
    )
    return Status(201, {"id": m.pk, "title": m.title, "kind": m.kind, "status": m.status})


# --------------------------------------------------------------------------- annual lists


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
    qs = lists_for(request.auth)
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
    lst = get_object_or_404(lists_for(request.auth), pk=annual_list_id)
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
    lst = services.annual_list_submit(actor=user, annual_list=lst)
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


class MatterScheduleIn(InputSchema):
    meeting_id: Id


class MatterScheduledOut(Schema):
    id: int
    status: str
    meeting_id: int
    agenda_item_id: int


@router.post(
    "/decisions/matters/{major_matter_id}/schedule",
    response={200: MatterScheduledOut, **WRITE_ERRORS},
    auth=write_auth("decisions.manage"),
    operation_id="decisions_matters_schedule",
    summary="列入常委会会议议程 · Put a matter on a standing-committee meeting's agenda (the office)",
)
def decisions_matters_schedule(request, major_matter_id: PathId, payload: MatterScheduleIn):
    user = require(request, "decisions.manage")
    matter = get_object_or_404(matters_visible_to(user), pk=major_matter_id)
    matter = services.matter_schedule(
        actor=user, matter=matter, meeting=_meeting(payload.meeting_id)
    )
    return {
        "id": matter.pk,
        "status": matter.status,
        "meeting_id": matter.agenda_item.meeting_id,
        "agenda_item_id": matter.agenda_item_id,
    }


# --------------------------------------------------------------------------- decisions


class DecisionRowOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    matter_id: int
    category: str
    decided_on: dt.date | None
    published_at: dt.datetime | None


class DecisionListOut(Schema):
    count: int
    items: list[DecisionRowOut]


class DecisionListQuery(PageQuery):
    kind: choice(Decision.Kind) | None = None


def _decision_row(d: Decision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "kind": d.kind,
        "title": d.title,
        "status": d.status,
        "matter_id": d.matter_id,
        "category": d.matter.category.code,
        "decided_on": d.decided_on,
        "published_at": d.published_at,
    }


@router.get(
    "/decisions/decisions",
    response={200: DecisionListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="decisions_decisions_list",
    summary="列出决定和决议 · List decisions and resolutions",
    description="Including revocations (S12 item 4). Anonymous callers see published ones only.",
    openapi_extra=OPTIONAL_AUTH,
)
def decisions_decisions_list(request, filters: Query[DecisionListQuery]):
    qs = decisions_for(request.auth)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return page(qs.order_by("-decided_on", "-id"), filters, _decision_row)


class DecisionTallyOut(Schema):
    base: int | None = None
    threshold: int | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    not_voted: int | None = None
    result: str | None = None
    fingerprint: str | None = None


class DecisionDetailOut(Schema):
    id: int
    kind: str
    title: str
    text: str
    status: str
    matter_id: int
    matter_title: str
    category: str
    meeting_id: int | None
    poll_id: int | None
    tally: DecisionTallyOut | None
    decided_on: dt.date | None
    published_at: dt.datetime | None


@router.get(
    "/decisions/decisions/{major_decision_id}",
    response={200: DecisionDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="decisions_decisions_detail",
    summary="决定或决议详情 · Get a decision or resolution",
    description="With the sealed tally once recorded. Anonymous callers get published ones only.",
    openapi_extra=OPTIONAL_AUTH,
)
def decisions_decisions_detail(request, major_decision_id: PathId):
    d = get_object_or_404(decisions_for(request.auth), pk=major_decision_id)
    item = d.matter.agenda_item
    return {
        **_decision_row(d),
        "text": d.text,
        "matter_title": d.matter.title,
        "meeting_id": item.meeting_id if item else None,
        "poll_id": d.poll_id,
        "tally": d.tally or None,
    }
