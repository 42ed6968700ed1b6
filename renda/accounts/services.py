"""Writes for accounts: login bookkeeping and API tokens."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
from renda.core.errors import DomainError

from .models import ApiToken, User


def user_is_locked(*, user: User, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return bool(user.locked_until and user.locked_until > now)


def login_failure_record(*, user: User, now: dt.datetime | None = None) -> None:
    """Count a failed password; lock the account once the limit is reached."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.failed_logins += 1
        fields = ["failed_logins"]
        if locked.failed_logins >= settings.LOGIN_MAX_FAILURES:
            locked.locked_until = now + dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
            locked.failed_logins = 0
            fields.append("locked_until")
            audit_record(actor=None, action="accounts.user.locked", obj=locked)
        locked.save(update_fields=fields)


def login_success_record(*, user: User) -> None:
    if user.failed_logins or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)


def api_token_issue(*, actor: User, label: str) -> tuple[ApiToken, str]:
    """Create a bearer token for ``actor`` and return it with the secret, shown only once."""
    label = (label or "").strip()
    if not label:
        raise DomainError("token_label_required", _("请填写令牌用途。"), field="label")
    if len(label) > 60:
        raise DomainError("token_label_too_long", _("令牌用途不能超过60个字。"), field="label")
    raw = "rd_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, label=label, prefix=raw[:8], digest=ApiToken.hash(raw)
        )
        audit_record(actor=actor, action="accounts.token.issued", obj=token)
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise DomainError("token_not_yours", _("只能吊销自己的令牌。"))
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        audit_record(actor=actor, action="accounts.token.revoked", obj=token)


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
