"""Who may download a suggestion's files: its attachments, and the reply letters of its case
(the co-signers and the office's readers of suggestions see them as they see the suggestion)."""

from renda.casework.models import Reply
from renda.core.files import register

from .models import Attachment
from .selectors import suggestions_visible_to


def _attachment(user, attachment) -> bool:
    return user.has_perm("suggestions.view") and (
        suggestions_visible_to(user).filter(pk=attachment.suggestion_id).exists()
    )


register(Attachment, "file", _attachment)


def _reply(user, reply) -> bool:
    return user.has_perm("suggestions.view") and (
        suggestions_visible_to(user).filter(case_id=reply.case_id).exists()
    )


register(Reply, "attachment", _reply)
