"""Filing review API: filed documents, filing, the formal check, transfer and correction."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Form, Query, Schema, Status, UploadedFile

from renda.core.errors import DomainError
from renda.filings import selectors, services
from renda.filings.models import Filing
from renda.people.models import Organization

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference
from ._common import FILE, MANAGE, MAX_BASE64, SimilarDocumentOut, router

filings_for = selectors.filings_for


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
    private = selectors.can_read_back_office(user)
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
_Basis, _FullText, _FileName, _Note = text(5000), text(200_000), text(200), text(2000)


class FilingUploadIn(InputSchema):
    """The fields of a filing; with ``filings_create_upload`` the file travels as multipart
    ``file``."""

    title: _Title
    document_number: _Number
    published_on: dt.date
    adopted_on: dt.date | None = None
    effective_on: dt.date | None = None
    drafting_explanation: _Explanation
    legal_basis: _Basis
    text: _FullText = Field("", description="The full text; leave empty when a file is sent.")
    enacting_body_id: Id | None = Field(
        None, description="Office staff entering on behalf of a body."
    )


class FilingCreateIn(FilingUploadIn):
    """The full text as plain text, or as a docx/PDF file in ``file_base64`` (named by ``file_name``),
    read and refused exactly as on the filer's page."""

    file_name: _FileName = Field(
        "", description="The file's name ending .docx or .pdf, with file_base64."
    )
    file_base64: str = Field(
        "", max_length=MAX_BASE64, description="The docx or PDF file, base64-encoded."
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
    return _create(services.filing_create, user, payload, upload)


class FilingUploadCreatedOut(FilingCreatedOut):
    """What ``filings_create_upload`` answers (the same fields as ``filings_create``)."""


@router.post(
    "/filing-uploads",
    response={201: FilingUploadCreatedOut, **WRITE_ERRORS},
    auth=write_auth(FILE),
    operation_id="filings_create_upload",
    summary="报送备案（文件上传）· File a normative document with a multipart file",
    description="As filings_create, with the docx/PDF as multipart field `file` (no base64 size overhead).",
)
def filings_create_upload(request, payload: Form[FilingUploadIn], file: File[UploadedFile]):
    user = require(request, FILE)
    return _create(services.filing_create, user, payload, file)


def _create(act, user, payload, upload):
    body = None
    if payload.enacting_body_id is not None:
        body = Organization.objects.filter(pk=payload.enacting_body_id).first()
        if body is None:
            raise unknown_reference("enacting_body_id")
    f = act(
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


class FilingTransferIn(InputSchema):
    to: text(200)
    note: text(2000) = ""


expose(
    router,
    services.filing_transfer,
    "/filings/{filing_id}/transfer",
    schema=FilingTransferIn,
    description="Outside this jurisdiction: to the competent body (rules §5.11).",
)


class FilingCorrectIn(InputSchema):
    """Fields left out stay as filed; a new full text as plain text."""

    title: _Title | None = None
    drafting_explanation: _Explanation | None = None
    legal_basis: _Basis | None = None
    note: _Note = ""
    text: _FullText = ""


expose(
    router,
    services.filing_correct,
    "/filings/{filing_id}/correct",
    schema=FilingCorrectIn,
    visible=selectors.filings_visible_to,
    description="The filer sends a returned filing back corrected; the formal check starts again (rules §5.4).",
)
