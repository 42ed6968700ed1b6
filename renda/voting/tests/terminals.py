"""Open a member's voting terminal in tests as the terminal page does: a signed-in session
and a grant tied to it (``fastpath.grant_terminal``)."""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from renda.voting.fastpath import grant_terminal


def signed_in_session(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def terminal_token(user, meeting) -> str:
    return grant_terminal(user=user, meeting_id=meeting.pk, session_key=signed_in_session(user))
