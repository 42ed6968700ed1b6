"""Filing review API: the office's reviews, the checklist, outcomes, committees' views, hearings."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Schema, Status

from renda.filings import selectors, services
from renda.filings.models import CHECKLIST_KEYS, Filing, Hearing, Outcome, Review, ReviewItem
from renda.people.models import Organization

from ..actions import expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference
from ._common import MANAGE, PRIVATE_AUTH, REPORT, SimilarDocumentOut, router


class FilingSimilarOut(Schema):
    filing_id: int
    similar: list[SimilarDocumentOut]
    highlights: list[dict[str, Any]]


@router.get(
    "/filing-reviews/similar/{filing_id}",
    response={200: FilingSimilarOut, **DETAIL_ERRORS},
    auth=PRIVATE_AUTH,
    operation_id="filings_similar",
    summary="相似文件与需关注条款 · Similar documents and provisions to look at (office)",
    description="Recomputed now: other filed documents and earlier versions most similar in text, and the "
    "provisions that set penalties, licences, fees or coercive measures.",
)
def filings_similar(request, filing_id: PathId):
    require(request, MANAGE)
    f = get_object_or_404(Filing.objects.all(), pk=filing_id)
    return {
        "filing_id": f.pk,
        "similar": services.filing_refresh_similar(filing=f),
        "highlights": f.highlights,
    }


class ReviewListItemOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    started_on: dt.date
    route_due_on: dt.date
    due_on: dt.date
    extended: bool
    responsible_body_id: int | None
    items: int


class ReviewListOut(Schema):
    count: int
    items: list[ReviewListItemOut]


class ReviewListQuery(PageQuery):
    status: choice(Review.Status) | None = None
    kind: choice(Review.Kind) | None = None


@router.get(
    "/filing-reviews",
    response={200: ReviewListOut, **READ_ERRORS},
    auth=PRIVATE_AUTH,
    operation_id="filings_reviews_list",
    summary="列出审查 · List reviews (office)",
    description="Earliest deadline first (rules §5.5).",
)
def filings_reviews_list(request, filters: Query[ReviewListQuery]):
    require(request, MANAGE)
    qs = selectors.reviews_all()
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)

    def row(r: Review) -> dict[str, Any]:
        return {
            "id": r.pk,
            "kind": r.kind,
            "title": r.title,
            "status": r.status,
            "started_on": r.started_on,
            "route_due_on": r.route_due_on,
            "due_on": r.due_on,
            "extended": r.extended,
            "responsible_body_id": r.responsible_body_id,
            "items": r.n_items,
        }

    return page(qs.order_by("due_on", "id"), filters, row)


class ReviewItemOut(Schema):
    id: int
    filing_id: int
    filing_title: str
    checklist: dict[str, Any]
    findings: str
    outcome: str
    outcome_note: str
    correction_case_id: int | None
    agenda_item_id: int | None
    poll_id: int | None
    revocation_result: str = Field(
        description="passed / failed once the revocation poll is sealed (rules §5.3)."
    )
    amend_report_due_on: dt.date | None = Field(
        description="The report after amending is due (rules §5.8)."
    )
    amend_reported_at: dt.datetime | None


class ReviewDetailOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    due_on: dt.date
    route_due_on: dt.date
    responsible_body_id: int | None
    suggestion_id: int | None
    items: list[ReviewItemOut]


def _item(i: ReviewItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "filing_id": i.filing_id,
        "filing_title": i.filing.title,
        "checklist": i.checklist or {},
        "findings": i.findings,
        "outcome": i.outcome,
        "outcome_note": i.outcome_note,
        "correction_case_id": i.correction_case_id,
        "agenda_item_id": i.agenda_item_id,
        "poll_id": i.poll_id,
        "revocation_result": i.revocation_result,
        "amend_report_due_on": i.amend_report_due_on,
        "amend_reported_at": i.amend_reported_at,
    }


@router.get(
    "/filing-reviews/{review_id}",
    response={200: ReviewDetailOut, **DETAIL_ERRORS},
    auth=PRIVATE_AUTH,
    operation_id="filings_reviews_detail",
    summary="审查详情 · Get a review with its documents (office)",
)
def filings_reviews_detail(request, review_id: PathId):
    require(request, MANAGE)
    r = get_object_or_404(Review.objects.all(), pk=review_id)
    items = (
        r.items.select_related("filing")
        .only(
            "pk",
            "filing_id",
            "filing__title",
            "checklist",
            "findings",
            "outcome",
            "outcome_note",
            "correction_case_id",
            "agenda_item_id",
            "poll_id",
            "review_id",
        )
        .order_by("id")
    )
    return {
        "id": r.pk,
        "kind": r.kind,
        "title": r.title,
        "status": r.status,
        "due_on": r.due_on,
        "route_due_on": r.route_due_on,
        "responsible_body_id": r.responsible_body_id,
        "suggestion_id": r.suggestion_id,
        "items": [_item(i) for i in items],
    }


class ChecklistAnswerIn(InputSchema):
    answer: Literal["ok", "problem", "na"]
    note: text(2000) = ""


class ChecklistIn(InputSchema):
    """The §5.6 standards: conformity, legality, procedure, proportionality, public_order, outdated, conflicts."""

    answers: dict[Literal[CHECKLIST_KEYS], ChecklistAnswerIn] = Field(..., min_length=1)  # type: ignore[valid-type]
    findings: text(20_000) = ""


class ChecklistSavedOut(Schema):
    id: int
    checklist: dict[str, Any]
    problems: list[str]


@router.post(
    "/filing-reviews/items/{item_id}/checklist",
    response={200: ChecklistSavedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="filings_reviews_checklist",
    summary="填写审查标准核对表 · Fill the review checklist of a document (office)",
    description="Each standard of rules §5.6: ok, problem (with a note) or not applicable.",
)
def filings_reviews_checklist(
    request, payload: ChecklistIn, item_id: int = Path(..., ge=1, le=2**63 - 1)
):
    user = require(request, MANAGE)
    item = get_object_or_404(ReviewItem.objects.all(), pk=item_id)
    answers = {k: {"answer": v.answer, "note": v.note} for k, v in payload.answers.items()}
    item = services.checklist_save(
        actor=user, item=item, answers=answers, findings=payload.findings
    )
    return {"id": item.pk, "checklist": item.checklist, "problems": item.problems}


class OutcomeIn(InputSchema):
    outcome: choice(Outcome)
    note: text(20_000) = ""
    meeting_id: Id | None = Field(
        None, description="The standing-committee meeting, for a revocation proposal."
    )
    transferred_to: text(200) = ""


class OutcomeRecordedOut(Schema):
    id: int
    outcome: str
    review_status: str
    correction_case_id: int | None
    correction_due_on: dt.date | None
    agenda_item_id: int | None
    poll_id: int | None


@router.post(
    "/filing-reviews/items/{item_id}/outcome",
    response={200: OutcomeRecordedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="filings_reviews_outcome",
    summary="记录审查结果 · Record the outcome for a document (office)",
    description="A correction request becomes a casework case for the enacting body (rules §5.8); a revocation "
    "proposal an agenda item and a decision poll (rules §5.3).",
)
def filings_reviews_outcome(
    request, payload: OutcomeIn, item_id: int = Path(..., ge=1, le=2**63 - 1)
):
    user = require(request, MANAGE)
    item = get_object_or_404(ReviewItem.objects.all(), pk=item_id)
    meeting = None
    if payload.meeting_id is not None:
        from renda.meetings.models import Meeting

        meeting = Meeting.objects.filter(pk=payload.meeting_id).first()
        if meeting is None:
            raise unknown_reference("meeting_id")
    item = services.outcome_record(
        actor=user,
        item=item,
        outcome=payload.outcome,
        note=payload.note,
        meeting=meeting,
        transferred_to=payload.transferred_to,
    )
    case = item.correction_case
    return {
        "id": item.pk,
        "outcome": item.outcome,
        "review_status": item.review.status,
        "correction_case_id": item.correction_case_id,
        "correction_due_on": case.due_on if case else None,
        "agenda_item_id": item.agenda_item_id,
        "poll_id": item.poll_id,
    }


class AmendReportIn(InputSchema):
    text: text(10_000)


class AmendReportOut(Schema):
    id: int
    filing_id: int
    amend_report_due_on: dt.date | None
    amend_reported_at: dt.datetime | None
    late: bool


@router.post(
    "/filings/items/{item_id}/amend-report",
    response={200: AmendReportOut, **WRITE_ERRORS},
    auth=write_auth(REPORT),
    operation_id="filings_amend_reports_create",
    summary="报告修改情况 · Report the amendment after a correction (the enacting body, or the office)",
    description="Due within 30 days of the body's answer that it amends or has amended (rules §5.8).",
)
def filings_amend_reports_create(
    request, payload: AmendReportIn, item_id: int = Path(..., ge=1, le=2**63 - 1)
):
    user = require(request, REPORT)
    item = get_object_or_404(
        selectors.review_items_visible_to(user).select_related("filing"), pk=item_id
    )
    item = services.amend_report_record(actor=user, item=item, text=payload.text)
    return {
        "id": item.pk,
        "filing_id": item.filing_id,
        "amend_report_due_on": item.amend_report_due_on,
        "amend_reported_at": item.amend_reported_at,
        "late": timezone.localdate(item.amend_reported_at) > item.amend_report_due_on,
    }


# --------------------------------------------------------------------------- the review's course


class ReviewStartIn(InputSchema):
    """An on-request review of one document, or a thematic review of a set (the active review
    opens when a document is registered)."""

    kind: Literal["on_request", "thematic"]
    title: text(200) = ""
    filing_ids: list[Id] = Field(..., min_length=1, max_length=200)


class ReviewStartedOut(Schema):
    id: int
    status: str
    due_on: dt.date
    route_due_on: dt.date


@router.post(
    "/filing-reviews",
    response={201: ReviewStartedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="filings_review_start",
    summary="开始审查 · Start an on-request or thematic review (office)",
    description="The documents must be registered (or concluded: a new review reopens them); rules §5.5, §5.7.",
)
def filings_review_start(request, payload: ReviewStartIn):
    user = require(request, MANAGE)
    rows = list(Filing.objects.filter(pk__in=payload.filing_ids))
    if len(rows) != len(set(payload.filing_ids)):
        raise unknown_reference("filing_ids")
    review = services.review_start(actor=user, kind=payload.kind, filings=rows, title=payload.title)
    return Status(
        201,
        {
            "id": review.pk,
            "status": review.status,
            "due_on": review.due_on,
            "route_due_on": review.route_due_on,
        },
    )


class ReviewRouteIn(InputSchema):
    body_id: Id = Field(description="The working body or special committee that reviews.")


expose(
    router,
    services.review_route,
    "/filing-reviews/{review_id}/route",
    schema=ReviewRouteIn,
    refs={"body": Organization},
    visible=selectors.reviews_visible_to,
    description="Within 5 working days of the start (rules §5.5).",
)


class ReviewExtendIn(InputSchema):
    reason: text(2000)


expose(
    router,
    services.review_extend,
    "/filing-reviews/{review_id}/extend",
    schema=ReviewExtendIn,
    visible=selectors.reviews_visible_to,
    description="By 3 months with a leader's approval, once (rules §5.5).",
)


class ViewRequestIn(InputSchema):
    committee_id: Id


expose(
    router,
    services.committee_view_request,
    "/filing-reviews/{review_id}/committee-views",
    schema=ViewRequestIn,
    refs={"committee": Organization},
    visible=selectors.reviews_visible_to,
    out=lambda view: {"id": view.pk, "status": "requested"},
    description="The committee's written view is due within 30 days (rules §5.5).",
)

_ViewText = text(20_000)


class ViewSubmitIn(InputSchema):
    text: _ViewText


expose(
    router,
    services.committee_view_submit,
    "/filing-reviews/committee-views/{committee_view_id}/submit",
    schema=ViewSubmitIn,
    out=lambda view: {"id": view.pk, "status": "submitted"},
)


class HearingIn(InputSchema):
    kind: choice(Hearing.Kind)
    held_on: dt.date
    participants: text(2000)
    summary: text(20_000)


expose(
    router,
    services.hearing_record,
    "/filing-reviews/{review_id}/hearings",
    schema=HearingIn,
    visible=selectors.reviews_visible_to,
    out=lambda hearing: {"id": hearing.pk, "status": None},
    description="A hearing or argumentation meeting held for the review (S6).",
)

expose(
    router,
    services.revocation_record,
    "/filing-reviews/items/{item_id}/revocation",
    out=lambda item: {"id": item.pk, "status": item.revocation_result},
    description="For a manual count: the sealed result of the revocation poll (rules §5.3); "
    "the seal records it on its own.",
)
