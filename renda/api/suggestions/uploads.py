"""Suggestions API: the writes whose input is a file (multipart/form-data).

A deputy attaches a file to their draft; the office imports a congress session's
suggestions from an xlsx workbook. Both perform the same declared actions as the pages,
with the same error codes; a refused workbook answers 422 with every row's problem.
"""

from __future__ import annotations

from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile

from renda.core import validation
from renda.core.errors import NotFound
from renda.meetings.models import Meeting
from renda.suggestions import services
from renda.suggestions.imports import ImportFailed, suggestions_import
from renda.suggestions.selectors import suggestions_visible_to

from ..auth import require, write_auth
from ..common import PathId
from ..errors import WRITE_ERRORS, ErrorOut
from .reads import router


class AttachmentAddedOut(Schema):
    id: int
    suggestion_id: int
    name: str
    size: int


@router.post(
    "/suggestions/{suggestion_id}/attachments",
    response={200: AttachmentAddedOut, **WRITE_ERRORS},
    auth=write_auth(services.SUBMIT),
    operation_id="suggestions_attachment_add",
    summary="上传附件 · Attach a file to a draft · suggestions.attachment.add",
    description=(
        "依据 · rule: §1.1. multipart/form-data with one `file`: PDF, docx, xlsx, jpg, png or "
        "text, at most 10 MB, at most 10 per suggestion; the lead deputy's draft only."
    ),
)
def suggestions_attachment_add(request, suggestion_id: PathId, file: File[UploadedFile]):
    user = require(request, services.SUBMIT)
    s = suggestions_visible_to(user).filter(pk=suggestion_id).first()
    if s is None:
        raise NotFound()
    attachment = services.attachment_add(actor=user, suggestion=s, upload=file)
    return {
        "id": attachment.pk,
        "suggestion_id": s.pk,
        "name": attachment.name,
        "size": attachment.size,
    }


class SuggestionsImportedOut(Schema):
    session_id: int
    count: int
    ids: list[int]
    numbers: list[str]


@router.post(
    "/suggestion-imports",
    response={200: SuggestionsImportedOut, 422: ErrorOut, **WRITE_ERRORS},
    auth=write_auth(services.MANAGE),
    operation_id="suggestions_suggestion_import",
    summary="导入建议 · Import a session's suggestions from xlsx · suggestions.suggestion.import",
    description=(
        "依据 · rule: §1.1. multipart/form-data with `session_id` (a congress session) and "
        "`file` (xlsx, at most 5 MB; first row 标题、内容、类别、领衔代表、联名代表). Every row "
        "is checked; all are imported in one transaction or none, and a refusal (422, code "
        "`import_failed`) lists each problem with its row and column."
    ),
)
def suggestions_suggestion_import(request, session_id: Form[int], file: File[UploadedFile]):
    user = require(request, services.MANAGE)
    session = validation.ref(Meeting, session_id, field="session_id")
    try:
        created = suggestions_import(actor=user, session=session, upload=file)
    except ImportFailed as failed:
        return Status(
            422,
            {
                "code": "import_failed",
                "message": "工作簿有误，未导入任何建议。",
                "message_en": "The workbook has errors; no suggestion was imported.",
                "field": "file",
                "errors": [
                    {"row": e.row, "column": e.column, "message": str(e.message)}
                    for e in failed.errors
                ],
            },
        )
    return {
        "session_id": session.pk,
        "count": len(created),
        "ids": [s.pk for s in created],
        "numbers": [s.number for s in created],
    }
