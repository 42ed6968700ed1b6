"""Accounts API: the caller's own API tokens and password (declared actions of accounts)."""

from __future__ import annotations

from ninja import Router, Schema

from renda.accounts import services
from renda.accounts.models import ApiToken

from .actions import expose
from .common import InputSchema, text

router = Router(tags=["accounts"])


class TokenIssueIn(InputSchema):
    label: text(60)


class TokenIssueOut(Schema):
    id: int
    label: str
    prefix: str
    #: The bearer secret: shown this once, never stored.
    secret: str


class PasswordChangeIn(InputSchema):
    old_password: text(128)
    new_password: text(128)


def _own_tokens(user):
    return ApiToken.objects.filter(user=user)


expose(
    router,
    services.api_token_issue,
    "/tokens",
    schema=TokenIssueIn,
    response=TokenIssueOut,
    status=201,
    out=lambda r: {"id": r[0].pk, "label": r[0].label, "prefix": r[0].prefix, "secret": r[1]},
)
expose(
    router,
    services.api_token_revoke,
    "/tokens/{token_id}/revoke",
    visible=_own_tokens,
    out=lambda t: {"id": t.pk, "status": "revoked"},
)
expose(
    router,
    services.password_change,
    "/account/{user_id}/password",
    schema=PasswordChangeIn,
    visible=lambda user: type(user)._default_manager.filter(pk=user.pk),
    out=lambda u: {"id": u.pk, "status": "changed"},
)
