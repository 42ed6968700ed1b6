"""Route and API walker expectations for the suggestion pages and operations added with the
draft editing, attachments, merging and splitting (see tests/walkers/__init__.py).

The older suggestion routes are listed in tests/test_permissions.py. Here the walker's
deputy has a draft of their own (only they edit it and attach files to it), and a
submitted suggestion waits for screening (only the office merges and splits it).
"""

from __future__ import annotations

from tests.walkers import OFFICE_STAFF

LEAD_DEPUTY = frozenset({"deputy"})

ROUTES: dict = {
    # Drafts are their lead deputy's alone: everyone else (the office too) gets 404.
    "suggestions:update": ("GET", LEAD_DEPUTY, "suggestion_draft"),
    "suggestions:attachment_add": ("GET", LEAD_DEPUTY, "suggestion_draft"),
    # The walker's attachment row has no stored file (the walker writes none to disk): its
    # download is 404 for everyone here; renda/suggestions/tests/test_pages.py downloads one.
    "suggestions:attachment": ("GET", frozenset(), "suggestion_attachment"),
    "suggestions:merge": ("GET", OFFICE_STAFF, "suggestion_pending"),
    "suggestions:split": ("GET", OFFICE_STAFF, "suggestion_pending"),
}
OPERATIONS: dict = {
    # A JSON body instead of the file is refused with 422; the roles that may not, 401/403.
    "suggestions_attachment_add": frozenset({"admin", "deputy"}),
    "suggestions_suggestion_import": OFFICE_STAFF,
}
#: Both take multipart/form-data, not JSON.
REQUEST_BODIES = 0
PRIVATE_READS: tuple[str, ...] = ()


def objects(users, term) -> dict:
    from renda.suggestions import services
    from renda.suggestions.models import Attachment

    deputy = users["deputy"]
    draft = services.suggestion_create(
        actor=deputy, title="关于增设社区食堂的建议", content="建议增设社区食堂。"
    )
    attachment = Attachment.objects.create(
        suggestion=draft, name="说明.txt", size=3, file="suggestions/walker-missing.txt"
    )
    pending = services.suggestion_create(
        actor=deputy, title="关于改善路灯照明的建议", content="建议改善路灯照明。"
    )
    services.suggestion_submit(actor=deputy, suggestion=pending)
    return {
        "suggestion_draft": {"pk": draft.pk},
        "suggestion_pending": {"pk": pending.pk},
        "suggestion_attachment": {"pk": draft.pk, "attachment_id": attachment.pk},
    }


def ids(users, term) -> dict:
    return {}
