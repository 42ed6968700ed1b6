"""Who is calling: a bearer token (integrations) or the browser session (with CSRF).

Write operations take ``auth=write_auth(perm)``: a token or a signed-in session
whose user holds ``perm`` (403 otherwise, before the body is read), and a session
must also pass Django's CSRF check. Read operations take
``auth=READ_AUTH``, which adds an anonymous fallback, so public data stays open
while a token or session still identifies staff who may see contact fields.
``request.auth`` is the acting user in every operation.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from renda.accounts.services import api_token_user

from .errors import csrf_failed, not_authenticated, permission_denied


def _permitted(user: Any, perm: str | None) -> Any:
    # Checked here, before the body is parsed, so a caller without the permission
    # learns nothing about the operation's input from validation errors.
    if perm is not None and not user.has_perm(perm):
        raise permission_denied()
    return user


class BearerAuth(HttpBearer):
    """``Authorization: Bearer rd_…``; a wrong or revoked token is refused, never ignored."""

    def __init__(self, perm: str | None = None) -> None:
        super().__init__()
        self.perm = perm

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token.strip())
        if user is None:
            raise not_authenticated()
        return _permitted(user, self.perm)


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods must carry the CSRF token."""

    param_name = "sessionid"

    def __init__(self, perm: str | None = None) -> None:
        self.param_name = settings.SESSION_COOKIE_NAME
        self.perm = perm
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise csrf_failed()
        return _permitted(user, self.perm)

    def _get_key(self, request: HttpRequest) -> str | None:  # pragma: no cover - unused
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None


def anonymous(request: HttpRequest) -> Any:
    """Let a read through without credentials, as the anonymous user."""
    return AnonymousUser()


def write_auth(perm: str) -> list:
    """Authentication for a write: a token or session whose user holds ``perm``."""
    return [BearerAuth(perm), SessionAuth(perm)]


#: Writes to people and organizations.
WRITE_AUTH = write_auth("people.manage")
READ_AUTH = [BearerAuth(), SessionAuth(), anonymous]

#: OpenAPI: reads accept a token, a session, or nothing at all.
OPTIONAL_AUTH = {"security": [{"BearerAuth": []}, {"SessionAuth": []}, {}]}


def require(request: HttpRequest, perm: str) -> Any:
    """Return the acting user if they hold ``perm``; refuse with 401 or 403 otherwise."""
    user = getattr(request, "auth", None)
    if user is None or not user.is_authenticated:
        raise not_authenticated()
    if not user.has_perm(perm):
        raise permission_denied()
    return user
