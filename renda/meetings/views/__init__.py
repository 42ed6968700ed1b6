"""Back-office pages of meetings, one module per sub-area; ``urls`` reads them from here."""

from .agenda import document_create, item_create, item_dispose, item_edit, item_move
from .attendance import (
    invite,
    leave_create,
    leave_decide,
    mark_absent,
    pool,
    sign_in,
    sign_in_bulk,
)
from .door import door, door_cards, door_scan
from .meetings import (
    agenda_pdf,
    attendance_xlsx,
    meeting_calendar,
    meeting_close,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_list,
    meeting_open,
    overview,
    quorum_fragment,
)

__all__ = [
    "agenda_pdf",
    "attendance_xlsx",
    "document_create",
    "door",
    "door_cards",
    "door_scan",
    "invite",
    "item_create",
    "item_dispose",
    "item_edit",
    "item_move",
    "leave_create",
    "leave_decide",
    "mark_absent",
    "meeting_calendar",
    "meeting_close",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_list",
    "meeting_open",
    "overview",
    "pool",
    "quorum_fragment",
    "sign_in",
    "sign_in_bulk",
]
