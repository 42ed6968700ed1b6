"""Writes for major matters: the annual list, matters and materials, decisions and opinions.

Every state change is a declared action (:mod:`renda.core.actions`): ``decisions.annual_list.*``
and ``decisions.list_item.*``/``decisions.list_comment.*`` in :mod:`.annual_list`,
``decisions.matter.*`` in :mod:`.matters`, ``decisions.decision.*`` in :mod:`.decisions`.
Callers keep calling them as services, ``services.annual_list_adopt(actor=user, ...)``.
"""

from ._common import (
    AGENDA_ITEM_KIND,
    MAX_TEXT,
    MAX_TITLE,
    MEETING_DOCUMENT_KIND,
    annual_list_due,
    default_government,
    government_of,
    owns_list,
    owns_matter,
)
from .annual_list import (
    PARTY_CONSENT,
    annual_list_adopt,
    annual_list_change_start,
    annual_list_close_comments,
    annual_list_create,
    annual_list_publish,
    annual_list_record_consent,
    annual_list_resubmit,
    annual_list_return,
    annual_list_send,
    annual_list_submit,
    annual_list_supersede,
)
from .decisions import (
    decision_propose,
    decision_publish,
    decision_record_outcome,
    decision_record_sealed,
)
from .list_items import (
    ITEM_FIELDS,
    list_comment_add,
    list_comment_respond,
    list_item_add,
    list_item_remove,
    list_item_update,
)
from .matters import (
    check_upload,
    material_add,
    matter_conclude,
    matter_create,
    matter_schedule,
    opinion_kind,
    opinions_send,
)

__all__ = [
    "AGENDA_ITEM_KIND",
    "ITEM_FIELDS",
    "MAX_TEXT",
    "MAX_TITLE",
    "MEETING_DOCUMENT_KIND",
    "PARTY_CONSENT",
    "annual_list_adopt",
    "annual_list_change_start",
    "annual_list_close_comments",
    "annual_list_create",
    "annual_list_due",
    "annual_list_publish",
    "annual_list_record_consent",
    "annual_list_resubmit",
    "annual_list_return",
    "annual_list_send",
    "annual_list_submit",
    "annual_list_supersede",
    "check_upload",
    "decision_propose",
    "decision_publish",
    "decision_record_outcome",
    "decision_record_sealed",
    "default_government",
    "government_of",
    "list_comment_add",
    "list_comment_respond",
    "list_item_add",
    "list_item_remove",
    "list_item_update",
    "material_add",
    "matter_conclude",
    "matter_create",
    "matter_schedule",
    "opinion_kind",
    "opinions_send",
    "owns_list",
    "owns_matter",
]
