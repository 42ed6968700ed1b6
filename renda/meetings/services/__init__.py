"""Writes for meetings, one module per sub-area, each a declared action (``renda.core.actions``).

- :mod:`.scheduling`: scheduling, changing, opening and closing meetings;
- :mod:`.agenda`: agenda items, their order, reporters (S17) and dispositions (S16);
- :mod:`.documents`: meeting documents;
- :mod:`.attendance`: sign-in, absence, leave (S22), the pool and the gallery (S18).
"""

from ._common import check_open
from .agenda import (
    DISPOSE,
    ITEM_FIELDS,
    agenda_item_add,
    agenda_item_decide,
    agenda_item_defer,
    agenda_item_dispose,
    agenda_item_mark_voted,
    agenda_item_reorder,
    agenda_item_update,
    agenda_item_vote,
    disposition_check,
    statutory_post,
)
from .attendance import (
    CODE_ALPHABET,
    LEAVE_DECISIONS,
    PHONE_RE,
    attendance_mark_absent,
    attendance_sign_in,
    gallery_cancel,
    gallery_register,
    leave_decided_check,
    leave_request_approve,
    leave_request_create,
    leave_request_decide,
    leave_request_reject,
    non_voting_invite,
    pool_entry_add,
)
from .documents import check_upload, document_add
from .scheduling import (
    DEFAULT_BODY_KIND,
    MEETING_FIELDS,
    meeting_close,
    meeting_open,
    meeting_schedule,
    meeting_update,
)

__all__ = [
    "CODE_ALPHABET",
    "DEFAULT_BODY_KIND",
    "DISPOSE",
    "ITEM_FIELDS",
    "LEAVE_DECISIONS",
    "MEETING_FIELDS",
    "PHONE_RE",
    "agenda_item_add",
    "agenda_item_decide",
    "agenda_item_defer",
    "agenda_item_dispose",
    "agenda_item_mark_voted",
    "agenda_item_reorder",
    "agenda_item_update",
    "agenda_item_vote",
    "attendance_mark_absent",
    "attendance_sign_in",
    "check_open",
    "check_upload",
    "disposition_check",
    "document_add",
    "gallery_cancel",
    "gallery_register",
    "leave_decided_check",
    "leave_request_approve",
    "leave_request_create",
    "leave_request_decide",
    "leave_request_reject",
    "meeting_close",
    "meeting_open",
    "meeting_schedule",
    "meeting_update",
    "non_voting_invite",
    "pool_entry_add",
    "statutory_post",
]
