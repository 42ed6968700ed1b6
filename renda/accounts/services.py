"""Writes for accounts: login bookkeeping, API tokens and password changes.

Issuing and revoking a token and changing one's password are declared actions (audited);
the login bookkeeping (failure counts, lockout) is the platform's own and stays a plain
write on the login path.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.audit import audit_record
from renda.core.errors import DomainError, PermissionDenied
from renda.core.history import register_labels

from .models import ApiToken, User

#: Changing one's own password: any signed-in user.
PASSWORD = "core.access_office"


register_labels(
    {
        "accounts.user.locked": _("账户暂缓登录"),
        "accounts.user.superuser_created": _("以命令行创建系统管理员"),
        "accounts.user.password_changed": _("以命令行修改密码"),
    }
)


def user_is_locked(*, user: User, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return bool(user.locked_until and user.locked_until > now)


def login_failure_record(*, user: User, now: dt.datetime | None = None) -> None:
    """Count a failed password; hold the account for a short delay once the limit is reached
    (``LOGIN_ACCOUNT_DELAY_SECONDS``: a delay, not a hard lock, so that nobody can keep a
    member out; the per-address limit is what stops one attacker)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.failed_logins += 1
        fields = ["failed_logins"]
        if locked.failed_logins >= settings.LOGIN_MAX_FAILURES:
            locked.locked_until = now + dt.timedelta(seconds=settings.LOGIN_ACCOUNT_DELAY_SECONDS)
            locked.failed_logins = 0
            fields.append("locked_until")
            audit_record(actor=None, action="accounts.user.locked", obj=locked)
        locked.save(update_fields=fields)


def login_address_throttled_record(*, address: str) -> None:
    """Audit that an address reached the login failure limit (once per window)."""
    with transaction.atomic():
        audit_record(
            actor=None,
            action="accounts.login.address_throttled",
            object_type="address",
            object_id=address[:64],
            object_repr=address[:64],
        )


def login_success_record(*, user: User) -> None:
    if user.failed_logins or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)


TOKENS = "accounts.manage_tokens"


def _own_token(ctx: ActionContext, token: ApiToken) -> None:
    if token.user_id != getattr(ctx.user, "pk", None):
        raise DomainError("token_not_yours", _("只能吊销自己的令牌。"))


@action(
    "accounts.token.issue",
    model=ApiToken,
    permission=TOKENS,
    label=_("生成令牌"),
    audit="accounts.token.issued",
)
def api_token_issue(ctx: ActionContext, *, label: str) -> tuple[ApiToken, str]:
    """Create a bearer token for the actor and return it with the secret, shown only once."""
    label = (label or "").strip()
    if not label:
        raise DomainError("token_label_required", _("请填写令牌用途。"), field="label")
    if len(label) > 60:
        raise DomainError("token_label_too_long", _("令牌用途不能超过60个字。"), field="label")
    raw = "rd_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=ctx.user, label=label, prefix=raw[:8], digest=ApiToken.hash(raw)
    )
    ctx.audit_object = token
    return token, raw


@action(
    "accounts.token.revoke",
    model=ApiToken,
    subject="token",
    permission=TOKENS,
    precondition=_own_token,
    precondition_hides=True,
    label=_("吊销"),
    audit="accounts.token.revoked",
)
def api_token_revoke(ctx: ActionContext, *, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; it stops working at once."""
    token.revoked_at = ctx.now
    token.save(update_fields=["revoked_at"])
    return token


def _own_account(ctx: ActionContext, user: User) -> None:
    if user.pk != getattr(ctx.user, "pk", None):
        raise PermissionDenied()


@action(
    "accounts.user.password_change",
    model=User,
    subject="user",
    permission=PASSWORD,
    precondition=_own_account,
    precondition_hides=True,
    label=_("修改密码"),
)
def password_change(
    ctx: ActionContext, *, user: User, old_password: str, new_password: str
) -> User:
    """Change a signed-in user's own password: the old one must match and the new one pass
    the password validators. The audit event names no secret."""
    if not user.check_password(old_password or ""):
        raise DomainError("password_incorrect", _("原密码不正确。"), field="old_password")
    check_password_policy(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    return user


def check_password_policy(raw: str, user: User, *, field: str = "password") -> str:
    """The password, once the configured validators (``AUTH_PASSWORD_VALIDATORS``) pass it."""
    try:
        password_validation.validate_password(raw or "", user)
    except ValidationError as error:
        raise DomainError(
            "password_invalid",
            _("新密码不符合要求：{reasons}"),
            field=field,
            reasons=" ".join(error.messages),
        ) from error
    return raw


def password_policy_text() -> str:
    """What the validators require, in the reader's language (from the validators themselves)."""
    return " ".join(str(t) for t in password_validation.password_validators_help_texts())


def api_token_user(raw: str) -> User | None:
    """Return the active user behind a bearer token, or None."""
    if not raw or not raw.startswith("rd_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
