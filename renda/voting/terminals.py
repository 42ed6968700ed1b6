"""Members' voting terminals: the grant behind a terminal and the voter token it signs.

The terminal page (session-authenticated) opens a :class:`~renda.voting.models.TerminalGrant`
for the member and meeting and signs ``{person, meeting, expiry, grant}``; the cast route
reads the token with no database query and, once per batch, checks that the grants still
hold (:func:`grants_holding`): logout, deactivation, a password change or leaving the body
ends a terminal at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext_lazy as _

from renda.core.errors import PermissionDenied

VOTER_SALT = "renda.voting.voter"
#: A terminal page's token lasts a sitting day; the page is reloaded each day.
VOTER_TOKEN_TTL = 12 * 60 * 60


def voter_token(
    *,
    person_id: int,
    meeting_id: int,
    grant: str,
    ttl: int = VOTER_TOKEN_TTL,
    now: float | None = None,
) -> str:
    """Sign a terminal's right to cast for ``person_id`` at ``meeting_id`` until the expiry.

    ``grant`` is the :class:`~renda.voting.models.TerminalGrant` the token stands for; a
    cast is accepted only while it holds (:func:`grants_holding`).
    """
    expires = int((now if now is not None else time.time()) + ttl)
    return signing.dumps(
        {"p": int(person_id), "m": int(meeting_id), "e": expires, "g": str(grant)},
        salt=VOTER_SALT,
    )


def password_mac(password_hash: str) -> str:
    """A keyed digest of the account's password hash: a password change ends the grant."""
    from django.utils.crypto import salted_hmac

    return salted_hmac(VOTER_SALT + ".password", password_hash or "").hexdigest()


def grant_terminal(*, user, meeting_id: int, session_key: str) -> str:
    """Open a member's terminal for a meeting: a grant tied to the login session, and its token."""
    from .models import TerminalGrant

    mac = password_mac(user.password)
    grant = TerminalGrant.objects.filter(
        user=user, meeting_id=meeting_id, session_key=session_key, password_mac=mac
    ).first() or TerminalGrant.objects.create(
        user=user, meeting_id=meeting_id, session_key=session_key, password_mac=mac
    )
    return voter_token(person_id=user.person_id, meeting_id=meeting_id, grant=str(grant.pk))


def grants_holding(voters: list[Voter]) -> tuple[set[str], set[str]]:
    """Which of the voters' grants still hold, and which of those the member lost the roll of.

    A grant holds while its login session exists and has not expired, the account is
    active and still the member's, and its password unchanged. One query for the grants
    (with their meetings) and one per meeting for who is still entitled there.
    """
    from django.contrib.sessions.models import Session
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from renda.meetings.models import Meeting
    from renda.meetings.selectors import entitled_persons

    from .models import TerminalGrant

    wanted = {v.grant for v in voters if v.grant}
    if not wanted:
        return set(), set()
    live = Session.objects.filter(
        session_key=OuterRef("session_key"), expire_date__gt=timezone.now()
    )
    rows = (
        TerminalGrant.objects.filter(pk__in=wanted, user__is_active=True)
        .filter(Exists(live))
        .values_list(
            "pk",
            "user__person_id",
            "user__password",
            "password_mac",
            # The meeting's fields that decide who is entitled, read in the same query.
            "meeting_id",
            "meeting__kind",
            "meeting__term_id",
            "meeting__body_id",
            "meeting__starts_on",
            "meeting__ends_on",
        )
    )
    by_meeting: dict[int, dict[str, int]] = {}
    meetings: dict[int, Meeting] = {}
    for pk, person_id, password, mac, meeting_id, *fields in rows:
        if person_id and password_mac(password) == mac:
            by_meeting.setdefault(meeting_id, {})[str(pk)] = person_id
            kind, term_id, body_id, starts_on, ends_on = fields
            meetings[meeting_id] = Meeting(
                pk=meeting_id,
                kind=kind,
                term_id=term_id,
                body_id=body_id,
                starts_on=starts_on,
                ends_on=ends_on,
            )
    holding: set[str] = set()
    off_roll: set[str] = set()
    today = timezone.localdate()
    for meeting_id, grants in by_meeting.items():
        holding |= set(grants)
        meeting = meetings[meeting_id]
        # Entitled on the sitting day (today, within the meeting's dates).
        day = max(meeting.starts_on, min(today, meeting.ends_on or today))
        entitled = set(
            entitled_persons(meeting, day)
            .filter(pk__in=set(grants.values()))
            .values_list("pk", flat=True)
        )
        off_roll |= {g for g, person in grants.items() if person not in entitled}
    return holding, off_roll


@dataclass(frozen=True)
class Voter:
    person_id: int
    meeting_id: int
    grant: str = ""


def read_voter_token(token: str, *, now: float | None = None) -> Voter:
    """Return the voter a token names, or refuse a forged, altered or expired one."""
    try:
        data = signing.loads(token, salt=VOTER_SALT)
        person_id, meeting_id, expires = int(data["p"]), int(data["m"]), int(data["e"])
        grant = str(data["g"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise PermissionDenied(
            "invalid_voter_token", _("表决终端凭证无效，请重新打开表决页面。")
        ) from exc
    if (now if now is not None else time.time()) >= expires:
        raise PermissionDenied("voter_token_expired", _("表决终端凭证已过期，请重新打开表决页面。"))
    return Voter(person_id, meeting_id, grant)
