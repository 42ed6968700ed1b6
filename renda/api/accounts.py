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


# -- the administrator's accounts ---------------------------------------------------------

from renda.accounts import management_services as ms  # noqa: E402
from renda.accounts.models import User  # noqa: E402
from renda.people.models import Organization, Person  # noqa: E402

USER_REFS = {"person": Person, "scope": Organization}


class UserFieldsIn(InputSchema):
    #: One of admin, staff, leader, member, deputy, unit_officer.
    role: text(20)
    #: The person the account belongs to (null: none); one account per person.
    person_id: int | None
    #: The body the account is narrowed to (null: none); required for a unit officer.
    scope_id: int | None
    display_name: text(40) = ""


class UserCreateIn(InputSchema):
    username: text(150)
    #: The initial password; it must pass the password policy. Never returned or logged.
    password: text(128)
    role: text(20)
    person_id: int | None = None
    scope_id: int | None = None
    display_name: text(40) = ""


class PasswordResetIn(InputSchema):
    password: text(128)


def _accounts(user):
    return User.objects.all()


def _account_out(u):
    return {"id": u.pk, "status": "active" if u.is_active else "inactive"}


expose(router, ms.user_create, "/users", schema=UserCreateIn, refs=USER_REFS, status=201,
       out=_account_out)  # fmt: skip
expose(router, ms.user_update, "/users/{user_id}", schema=UserFieldsIn, refs=USER_REFS,
       visible=_accounts, out=_account_out)  # fmt: skip
expose(router, ms.user_deactivate, "/users/{user_id}/deactivate", visible=_accounts,
       out=_account_out)  # fmt: skip
expose(router, ms.user_reactivate, "/users/{user_id}/reactivate", visible=_accounts,
       out=_account_out)  # fmt: skip
expose(router, ms.user_password_reset, "/users/{user_id}/password-reset",
       schema=PasswordResetIn, visible=_accounts, out=_account_out)  # fmt: skip
