"""Sign-in at the door (扫码签到): each person on a meeting's roll has a code, shown as a QR
code on their own meeting page or on a printed card; the door clerk scans it (a handheld
scanner types it, or the page reads it through the camera) and the person is signed in.

A code names the meeting and the person and carries a keyed check (HMAC over the server's
secret), so it cannot be made up or moved to another meeting or person. It is not a
secret ballot credential: it only lets the office record that someone came.
"""

from __future__ import annotations

import re

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from renda.core.errors import DomainError
from renda.people.models import Person

from .models import Meeting
from .services.attendance import CODE_ALPHABET as ALPHABET

SALT = "renda.meetings.door"
PREFIX = "RD"
CODE_RE = re.compile(r"^RD-(\d+)-(\d+)-([A-Z2-9]{8})$")


def _check(meeting_id: int, person_id: int) -> str:
    digest = salted_hmac(SALT, f"{meeting_id}:{person_id}", algorithm="sha256").digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:8])


def door_code(meeting: Meeting, person: Person | int) -> str:
    """The sign-in code of ``person`` for ``meeting``: RD-<meeting>-<person>-<check>."""
    person_id = person if isinstance(person, int) else person.pk
    return f"{PREFIX}-{meeting.pk}-{person_id}-{_check(meeting.pk, person_id)}"


def normalise(text: str) -> str:
    """What a scanner or a hand typed, made comparable: case, spaces, full-width dashes."""
    text = (text or "").strip().upper()
    for dash in ("－", "—", "–", "_", " "):
        text = text.replace(dash, "-")
    return re.sub(r"-+", "-", text)


def person_for_code(meeting: Meeting, text: str) -> Person:
    """The person whose code ``text`` is, for this meeting; a clear refusal otherwise."""
    unknown = DomainError("door_code_invalid", _("无法识别的签到码。"), field="code")
    match = CODE_RE.match(normalise(text))
    if not match:
        raise unknown
    meeting_id, person_id, check = int(match[1]), int(match[2]), match[3]
    if not constant_time_compare(check, _check(meeting_id, person_id)):
        raise unknown
    if meeting_id != meeting.pk:
        raise DomainError("door_code_other_meeting", _("这是另一次会议的签到码。"), field="code")
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise unknown
    return person


def qr_svg(text: str, *, scale: int = 5) -> str:
    """``text`` as an inline SVG QR code (a full QR code, which every phone camera reads)."""
    import segno

    return segno.make(text, error="m", micro=False).svg_inline(scale=scale, border=2)
