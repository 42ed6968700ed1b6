"""Filing review of normative documents (备案审查) API: filings, reviews and review suggestions.

Anonymous callers (and signed-in users without ``filings.view``) see the registered,
public filings only; an enacting body's officer sees their body's filings and files
new ones; the office registers, returns and reviews. Review suggestions may be made
by any signed-in caller (the anonymous channel is the public form, rate-limited) and
followed by anyone holding the tracking code. Writes go through
:mod:`renda.filings.services`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any, Literal

from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status

from renda.core.errors import DomainError
from renda.filings import selectors, services, workflow
from renda.filings.models import (
    CHECKLIST_KEYS,
    Filing,
    Outcome,
    Review,
    ReviewItem,
    ReviewSuggestion,
)
from renda.people.models import Organization

from .auth import OPTIONAL_AUTH, READ_AUTH, BearerAuth, SessionAuth, require, write_auth
from .common import Id, InputSchema, PageQuery, PathId, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference

router = Router(tags=["filings"])

FILE = "filings.file"
MANAGE = "filings.manage"
SUGGEST = "filings.suggest"
REPORT = "filings.report_amendment"
PRIVATE_AUTH = [BearerAuth(), SessionAuth()]
#: A base64 file of at most the page's upload limit (4 characters per 3 bytes).
MAX_BASE64 = (workflow.MAX_UPLOAD_BYTES + 2) // 3 * 4


def _readable(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm("filings.view")


def filings_for(user) -> QuerySet[Filing]:
    return selectors.filings_visible_to(user) if _readable(user) else selectors.public_filings()


# --------------------------------------------------------------------------- filings


class FilingListItemOut(Schema):
    id: int
    title: str
    document_number: str
    enacting_body_id: int
    enacting_body_name: str
    published_on: dt.date
    filed_at: dt.datetime
    filing_due_on: dt.date
    is_late: bool
    status: str
    registration_number: str


class FilingListOut(Schema):
    count: int
    items: list[FilingListItemOut]


class FilingListQuery(PageQuery):
    q: text(100) | None = None
    status: choice(Filing.Status) | None = None
    late: bool | None = None
    enacting_body_id: Id | None = None


def _row(f: Filing) -> dict[str, Any]:
    return {
        "id": f.pk,
        "title": f.title,
        "document_number": f.document_number,
        "enacting_body_id": f.enacting_body_id,
        "enacting_body_name": f.enacting_body.name,
        "published_on": f.published_on,
        "filed_at": f.filed_at,
        "filing_due_on": f.filing_due_on,
        "is_late": f.is_late,
        "status": f.status,
        "registration_number": f.registration_number,
    }


@router.get(
    "/filings",
    response={200: FilingListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="filings_list",
    summary="列出备案文件 · List filed normative documents",
    description="Newest first. Anonymous callers see registered public documents; a body's officer their own.",
    openapi_extra=OPTIONAL_AUTH,
)
def filings_list(request, filters: Query[FilingListQuery]):
    qs = filings_for(request.auth)
    if filters.q:
        from renda.core.search import search

        qs = search(qs, filters.q)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.late is not None:
        qs = qs.filter(is_late=filters.late)
    if filters.enacting_body_id:
        qs = qs.filter(enacting_body_id=filters.enacting_body_id)
    return page(qs.order_by("-filed_at", "-id"), filters, _row)


class FilingReviewOut(Schema):
    review_id: int
    kind: str
    status: str
    due_on: dt.date
    outcome: str
    correction_case_id: int | None


class FilingDetailOut(Schema):
    id: int
    title: str
    document_number: str
    enacting_body_id: int
    enacting_body_name: str
    adopted_on: dt.date | None
    published_on: dt.date
    effective_on: dt.date | None
    filed_at: dt.datetime
    filing_due_on: dt.date
    is_late: bool
    status: str
    registration_number: str
    legal_basis: str
    drafting_explanation: str
    text: str
    review_status: str
    reviews: list[FilingReviewOut]


@router.get(
    "/filings/{filing_id}",
    response={200: FilingDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="filings_detail",
    summary="备案文件详情 · Get a filed document",
    description="With its review status; the drafting explanation only for the office and the filer.",
    openapi_extra=OPTIONAL_AUTH,
)
def filings_detail(request, filing_id: PathId):
    user = request.auth
    f = get_object_or_404(filings_for(user).defer(None), pk=filing_id)
    items = list(f.review_items.select_related("review").order_by("-id"))
    private = _readable(user)
    return {
        **_row(f),
        "adopted_on": f.adopted_on,
        "effective_on": f.effective_on,
        "legal_basis": f.legal_basis,
        "drafting_explanation": f.drafting_explanation if private else "",
        "text": f.text,
        "review_status": selectors.public_review_status(f),
        "reviews": [
            {
                "review_id": i.review_id,
                "kind": i.review.kind,
                "status": i.review.status,
                "due_on": i.review.due_on,
                "outcome": i.outcome,
                "correction_case_id": i.correction_case_id if private else None,
            }
            for i in items
        ],
    }


#: The bounded string types of the create schema, named here because its field ``text`` shadows ``text()``.
_Title, _Number, _Explanation = (
    text(services.MAX_TITLE),
    text(services.MAX_NUMBER),
    text(services.MAX_TEXT),
)
_Basis, _FullText, _FileName = text(5000), text(200_000), text(200)


class FilingCreateIn(InputSchema):
    """The full text as plain text, or as a docx/PDF file in ``file_base64`` (named by ``file_name``),
    read and refused exactly as on the filer's page."""

    title: _Title
    document_number: _Number
    published_on: dt.date
    adopted_on: dt.date | None = None
    effective_on: dt.date | None = None
    drafting_explanation: _Explanation
    legal_basis: _Basis
    text: _FullText = Field("", description="The full text; leave empty when a file is sent.")
    file_name: _FileName = Field(
        "", description="The file's name ending .docx or .pdf, with file_base64."
    )
    file_base64: str = Field(
        "", max_length=MAX_BASE64, description="The docx or PDF file, base64-encoded."
    )
    enacting_body_id: Id | None = Field(
        None, description="Office staff entering on behalf of a body."
    )


def _upload(name: str, data: str) -> ContentFile | None:
    """The base64 file as an upload for the service, which checks its type, size and text."""
    if not data and not name:
        return None
    if not data or not name:
        raise DomainError(
            "file_incomplete", _("上传文件须同时提供文件名和文件内容。"), field="file_base64"
        )
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DomainError(
            "file_base64_invalid", _("文件内容不是有效的 base64 编码。"), field="file_base64"
        ) from exc
    return ContentFile(raw, name=name)


class FilingCreatedOut(Schema):
    id: int
    status: str
    is_late: bool
    filing_due_on: dt.date
    formal_check_due_on: dt.date
    highlights: int


@router.post(
    "/filings",
    response={201: FilingCreatedOut, **WRITE_ERRORS},
    auth=write_auth(FILE),
    operation_id="filings_create",
    summary="报送备案 · File a normative document (enacting bodies)",
    description="Filed later than 30 days after publication is marked late (rules §5.2); a duplicate is refused.",
)
def filings_create(request, payload: FilingCreateIn):
    user = require(request, FILE)
    upload = _upload(payload.file_name, payload.file_base64)
    body = None
    if payload.enacting_body_id is not None:
        body = Organization.objects.filter(pk=payload.enacting_body_id).first()
        if body is None:
            raise unknown_reference("enacting_body_id")
    f = services.filing_create(
        actor=user,
        title=payload.title,
        document_number=payload.document_number,
        published_on=payload.published_on,
        adopted_on=payload.adopted_on,
        effective_on=payload.effective_on,
        drafting_explanation=payload.drafting_explanation,
        legal_basis=payload.legal_basis,
        text=payload.text,
        upload=upload,
        enacting_body=body,
    )
    return Status(
        201,
        {
            "id": f.pk,
            "status": f.status,
            "is_late": f.is_late,
            "filing_due_on": f.filing_due_on,
            "formal_check_due_on": f.formal_check_due_on,
            "highlights": len(f.highlights),
        },
    )


class SimilarDocumentOut(Schema):
    id: int
    title: str
    document_number: str
    enacting_body: str
    published_on: str
    status: str
    score: float
    earlier_version: bool


class FilingRegisterIn(InputSchema):
    note: text(2000) = ""


class FilingRegisteredOut(Schema):
    id: int
    status: str
    registration_number: str
    receipt_number: str
    review_id: int
    similar: list[SimilarDocumentOut]


@router.post(
    "/filings/{filing_id}/register",
    response={200: FilingRegisteredOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="filings_register",
    summary="登记备案文件 · Register a filing after the formal check (office)",
    description="Issues the receipt, opens the active review and returns the most similar filed documents "
    "and earlier versions (a help, not a verdict).",
)
def filings_register(request, filing_id: PathId, payload: FilingRegisterIn):
    user = require(request, MANAGE)
    f = get_object_or_404(Filing.objects.all(), pk=filing_id)
    receipt = services.filing_register(actor=user, filing=f, note=payload.note)
    f.refresh_from_db(fields=["status", "registration_number", "similar"])
    review = f.reviews.order_by("-id").first()
    return {
        "id": f.pk,
        "status": f.status,
        "registration_number": f.registration_number,
        "receipt_number": receipt.number,
        "review_id": review.pk,
        "similar": f.similar,
    }


class FilingReturnIn(InputSchema):
    reason: text(2000)


class FilingReturnedOut(Schema):
    id: int
    status: str
    receipt_number: str
    correction_due_on: dt.date


@router.post(
    "/filings/{filing_id}/return",
    response={200: FilingReturnedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="filings_return",
    summary="退回补正 · Return a filing for correction (office)",
    description="With reasons; the filer corrects within 10 days (rules §5.4).",
)
def filings_return(request, filing_id: PathId, payload: FilingReturnIn):
    user = require(request, MANAGE)
    f = get_object_or_404(Filing.objects.all(), pk=filing_id)
    receipt = services.filing_return(actor=user, filing=f, reason=payload.reason)
    f.refresh_from_db(fields=["status", "correction_due_on"])
    return {
        "id": f.pk,
        "status": f.status,
        "receipt_number": receipt.number,
        "correction_due_on": f.correction_due_on,
    }


# --------------------------------------------------------------------------- reviews (office)


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
        ReviewItem.objects.select_related("filing"),
        pk=item_id,
        filing_id__in=selectors.filings_visible_to(user).values("pk"),
    )
    item = services.amend_report_record(actor=user, item=item, text=payload.text)
    return {
        "id": item.pk,
        "filing_id": item.filing_id,
        "amend_report_due_on": item.amend_report_due_on,
        "amend_reported_at": item.amend_reported_at,
        "late": timezone.localdate(item.amend_reported_at) > item.amend_report_due_on,
    }


# --------------------------------------------------------------------------- review suggestions


class ReviewSuggestionCreateIn(InputSchema):
    """A document must be named: ``filing_id`` of a filed document, or its title or number."""

    proposer_kind: choice(ReviewSuggestion.ProposerKind) = "citizen"
    proposer_name: text(100)
    contact: text(100)
    document_reference: text(200) = ""
    enacting_body_name: text(200) = ""
    reasons: text(10_000)
    filing_id: Id | None = None


class ReviewSuggestionCreatedOut(Schema):
    id: int
    tracking_code: str
    status: str
    completeness_due_on: dt.date
    decision_due_on: dt.date


@router.post(
    "/review-suggestions",
    response={201: ReviewSuggestionCreatedOut, **WRITE_ERRORS},
    auth=write_auth(SUGGEST),
    operation_id="filings_suggestions_create",
    summary="提出审查建议 · Suggest reviewing a document (rules §5.7)",
    description="Any signed-in caller; the public form on the website takes anonymous suggestions. "
    "Returns the tracking code.",
)
def filings_suggestions_create(request, payload: ReviewSuggestionCreateIn):
    user = require(request, SUGGEST)
    filing = None
    if payload.filing_id is not None:
        filing = filings_for(user).filter(pk=payload.filing_id).first()
        if filing is None:
            raise unknown_reference("filing_id")
    s = services.review_suggestion_submit(
        proposer_kind=payload.proposer_kind,
        proposer_name=payload.proposer_name,
        contact=payload.contact,
        document_reference=payload.document_reference,
        enacting_body_name=payload.enacting_body_name,
        reasons=payload.reasons,
        filing=filing,
        actor=user,
    )
    return Status(
        201,
        {
            "id": s.pk,
            "tracking_code": s.tracking_code,
            "status": s.status,
            "completeness_due_on": s.completeness_due_on,
            "decision_due_on": s.decision_due_on,
        },
    )


class ReviewSuggestionStatusOut(Schema):
    tracking_code: str
    document_reference: str
    status: str
    status_label: str
    received_at: dt.datetime
    decision_due_on: dt.date
    completeness_note: str
    decision_note: str
    transferred_to: str
    feedback: str


@router.get(
    "/review-suggestions/{tracking_code}",
    response={200: ReviewSuggestionStatusOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="filings_suggestions_status",
    summary="审查建议办理情况 · Status of a review suggestion by tracking code",
    description="Anyone holding the tracking code; the proposer's name and contact are never returned.",
    openapi_extra=OPTIONAL_AUTH,
)
def filings_suggestions_status(
    request, tracking_code: str = Path(..., min_length=4, max_length=20)
):
    s = services.get_suggestion_by_code(tracking_code)
    return {
        "tracking_code": s.tracking_code,
        "document_reference": s.document_reference,
        "status": s.status,
        "status_label": str(s.get_status_display()),
        "received_at": s.received_at,
        "decision_due_on": s.decision_due_on,
        "completeness_note": s.completeness_note,
        "decision_note": s.decision_note,
        "transferred_to": s.transferred_to,
        "feedback": s.feedback,
    }
