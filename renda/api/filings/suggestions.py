"""Filing review API: review suggestions (rules §5.7) and the yearly work (§5.9, §5.10)."""

from __future__ import annotations

import datetime as dt

from ninja import Path, Schema, Status

from renda.core.throttle import rate_limited
from renda.filings import selectors, services
from renda.filings.models import Filing, ReviewSuggestion

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, choice, text
from ..errors import DETAIL_ERRORS, WRITE_ERRORS, ApiError, ErrorOut, unknown_reference
from ._common import SUGGEST, router

_Supplement = text(10_000)

#: Looking up a tracking code shares the per-address limit of the public page.
_TRACK_SCOPE = "filings-track"


def _track_throttle(request) -> None:
    if rate_limited(request, _TRACK_SCOPE):
        raise ApiError(
            "tracking_throttled",
            "查询过于频繁，请一分钟后再试。",
            "Too many tracking-code lookups from this address; try again in a minute.",
            status=429,
        )


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
        filing = selectors.filings_for(user).filter(pk=payload.filing_id).first()
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
    response={200: ReviewSuggestionStatusOut, **DETAIL_ERRORS, 429: ErrorOut},
    auth=READ_AUTH,
    operation_id="filings_suggestions_status",
    summary="审查建议办理情况 · Status of a review suggestion by tracking code",
    description="Anyone holding the tracking code; the proposer's name and contact are never returned.",
    openapi_extra=OPTIONAL_AUTH,
)
def filings_suggestions_status(
    request, tracking_code: str = Path(..., min_length=4, max_length=20)
):
    _track_throttle(request)
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


class ReviewSuggestionSupplementIn(InputSchema):
    text: _Supplement


class ReviewSuggestionSupplementedOut(Schema):
    tracking_code: str
    status: str
    decision_due_on: dt.date


@router.post(
    "/review-suggestions/{tracking_code}/supplement",
    response={200: ReviewSuggestionSupplementedOut, **WRITE_ERRORS, 429: ErrorOut},
    auth=write_auth(SUGGEST),
    operation_id="filings_suggestion_supplement",
    summary="补充审查建议材料 · Add the missing material with the tracking code (rules §5.7)",
    description="Only while the office asks for completion; the decision deadline runs again.",
)
def filings_suggestion_supplement(
    request,
    payload: ReviewSuggestionSupplementIn,
    tracking_code: str = Path(..., min_length=4, max_length=20),
):
    user = require(request, SUGGEST)
    _track_throttle(request)
    found = services.get_suggestion_by_code(tracking_code)
    s = services.review_suggestion_supplement(actor=user, suggestion=found, text=payload.text)
    return {
        "tracking_code": s.tracking_code,
        "status": s.status,
        "decision_due_on": s.decision_due_on,
    }


# --------------------------------------------------------------------------- the office's decisions

_Note = text(2000)
_Feedback = text(5000)


class SuggestionNoteIn(InputSchema):
    note: _Note


class SuggestionStartIn(InputSchema):
    note: _Note = ""
    filing_id: Id | None = None


class SuggestionTransferIn(InputSchema):
    to: text(200)
    note: _Note = ""


class SuggestionFeedbackIn(InputSchema):
    text: _Feedback


_SUGGESTION = "/review-suggestions/{review_suggestion_id}"
_visible = selectors.suggestions_visible_to
_refs = {"filing": Filing}

expose(
    router,
    services.review_suggestion_request_completion,
    f"{_SUGGESTION}/request-completion",
    schema=SuggestionNoteIn,
    visible=_visible,
    description="Within 5 working days of receipt (rules §5.7).",
)
expose(
    router,
    services.review_suggestion_start,
    f"{_SUGGESTION}/start-review",
    schema=SuggestionStartIn,
    refs=_refs,
    visible=_visible,
    description="Opens an on-request review of the filed document (rules §5.7).",
)
expose(
    router,
    services.review_suggestion_not_start,
    f"{_SUGGESTION}/not-start",
    schema=SuggestionNoteIn,
    visible=_visible,
    description="With the reasons the proposer is told (rules §5.7).",
)
expose(
    router,
    services.review_suggestion_transfer,
    f"{_SUGGESTION}/transfer",
    schema=SuggestionTransferIn,
    visible=_visible,
    description="To the competent body, within 10 days (rules §5.11).",
)
expose(
    router,
    services.review_suggestion_feedback,
    f"{_SUGGESTION}/feedback",
    schema=SuggestionFeedbackIn,
    visible=_visible,
    description="What the review found, once it is concluded (rules §5.7).",
)


# --------------------------------------------------------------------------- the yearly work


class CatalogueRemindIn(InputSchema):
    year: int


class CatalogueRemindedOut(Schema):
    year: int
    reminded: int
    due_on: dt.date | None


expose(
    router,
    services.catalogue_reminders_send,
    "/filing-reports/catalogue-reminders",
    schema=CatalogueRemindIn,
    response=CatalogueRemindedOut,
    out=lambda rows: {
        "year": rows[0].year if rows else 0,
        "reminded": len(rows),
        "due_on": rows[0].due_on if rows else None,
    },
    description="Every enacting body, once per year (rules §5.9).",
)


class ReportPrepareIn(InputSchema):
    year: int
    summary: text(20_000) = ""


expose(
    router,
    services.annual_report_prepare,
    "/filing-reports",
    schema=ReportPrepareIn,
    out=lambda report: {"id": report.pk, "status": "published" if report.published_at else "draft"},
    description="Drafts or refreshes the year's report with its figures (rules §5.10).",
)
expose(
    router,
    services.annual_report_publish,
    "/filing-reports/{filing_report_id}/publish",
    out=lambda report: {"id": report.pk, "status": "published"},
    description="Reported upward within 30 days (rules §5.10).",
)
