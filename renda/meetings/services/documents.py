"""Documents of a meeting or of one agenda item, with the day they arrived (§3.2, §8.9)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import DomainError

from ..models import AgendaItem, Meeting, MeetingDocument
from ._common import MANAGE, meeting_open_now

#: The files a meeting document may be.
UPLOAD_TYPES = ("pdf", "docx", "xlsx", "txt")


def check_upload(upload) -> str:
    """Refuse a file of the wrong type, empty or too large; return its extension."""
    return validation.upload(upload, allowed=UPLOAD_TYPES, purpose="meeting_document")


@action(
    "meetings.meeting.add_document",
    model=Meeting,
    subject="meeting",
    permission=MANAGE,
    precondition=meeting_open_now,
    precondition_hides=True,
    rule="§3.2",
    label=_("登记会议文件"),
    audit="meetings.document.added",
)
def document_add(
    ctx: ActionContext,
    *,
    meeting: Meeting,
    kind: str,
    title: str,
    item: AgendaItem | None = None,
    file=None,
    received_on: dt.date | None = None,
    is_public: bool = False,
) -> MeetingDocument:
    """Record a document of the meeting or of one item, with the day it arrived."""
    if kind not in MeetingDocument.Kind.values:
        raise DomainError("invalid_choice", _("文件类别“{value}”无效。"), field="kind", value=kind)
    title = validation.text(title, field="title", label=_("标题"), required=True, max_length=200)
    if item is not None and item.meeting_id != meeting.pk:
        raise DomainError("item_wrong_meeting", _("所选议程事项不属于本次会议。"), field="item")
    if file is not None:
        check_upload(file)
    received_on = received_on or ctx.today
    doc = MeetingDocument(
        meeting=meeting,
        item=item,
        kind=kind,
        title=title,
        received_on=received_on,
        is_public=bool(is_public),
    )
    if file is not None:
        doc.file.save(file.name, file, save=False)
    doc.save()
    ctx.changes.update(
        meeting=meeting.pk,
        item=item.pk if item else None,
        kind=kind,
        received_on=str(received_on),
        file=doc.file.name or "",
    )
    return doc
