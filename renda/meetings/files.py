"""Who may download meeting documents: public documents of a published meeting are open to
everyone; the others follow the meeting in the office."""

from renda.core.files import register

from .models import MeetingDocument
from .selectors import meetings_public, meetings_visible_to


def _document(user, document) -> bool:
    if document.is_public and meetings_public().filter(pk=document.meeting_id).exists():
        return True
    return user.has_perm("meetings.view") and (
        meetings_visible_to(user).filter(pk=document.meeting_id).exists()
    )


register(MeetingDocument, "file", _document)
