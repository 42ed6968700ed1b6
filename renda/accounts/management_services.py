"""The administrator's writes on accounts: create, change role and body, deactivate and
reactivate, reset a password. Each is a declared action (audited, with no secret in the
record). Deactivating or resetting ends the account's sessions and voting terminals at
once: sessions carry the password's hash and the account's active flag, and a terminal's
grant checks both on every cast (see ``renda/voting/terminals.py``); a reset also revokes
the account's API tokens.
"""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError

from .models import ApiToken, Role, User
from .services import check_password_policy

MANAGE_USERS = "accounts.manage_users"
#: Roles narrowed to one body, and the body each needs.
SCOPED = {Role.UNIT_OFFICER: _("承办单位工作人员须指定所在单位。")}


def _fields(user: User, *, role, person, scope, display_name) -> None:
    if role not in Role.values:
        raise DomainError("invalid_role", _("角色无效。"), field="role")
    if role in SCOPED and scope is None:
        raise DomainError("scope_required", SCOPED[role], field="scope")
    if person is not None:
        taken = User.objects.filter(person=person).exclude(pk=user.pk).first()
        if taken is not None:
            raise Conflict(
                "person_has_account",
                _("{name} 已有账户，一人只能有一个账户。"),
                field="person",
                name=person.name,
            )
    user.role, user.person, user.scope = role, person, scope
    user.display_name = (display_name or "").strip()[:40]


def end_sessions(user: User) -> int:
    """Delete every stored session of ``user`` (each is signed in as them)."""
    ended = 0
    for session in Session.objects.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@action(
    "accounts.user.create",
    model=User,
    permission=MANAGE_USERS,
    label=_("新建账户"),
)
def user_create(
    ctx: ActionContext,
    *,
    username: str,
    password: str,
    role: str,
    person=None,
    scope=None,
    display_name: str = "",
) -> User:
    """A new account with its role, the person it belongs to and the body it is narrowed to."""
    username = (username or "").strip()
    if not username:
        raise DomainError("field_required", _("请填写登录名。"), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict("username_taken", _("登录名“{u}”已被使用。"), field="username", u=username)
    user = User(username=username)
    _fields(user, role=role, person=person, scope=scope, display_name=display_name)
    user.set_password(check_password_policy(password, user))
    user.save()
    ctx.audit_object = user
    ctx.changes.update(
        role=role, person=getattr(person, "pk", None), scope=getattr(scope, "pk", None)
    )
    return user


@action(
    "accounts.user.update",
    model=User,
    subject="user",
    permission=MANAGE_USERS,
    label=_("修改角色与所属机构"),
)
def user_update(
    ctx: ActionContext, *, user: User, role: str, person=None, scope=None, display_name: str = ""
) -> User:
    before = (user.role, user.person_id, user.scope_id)
    _fields(user, role=role, person=person, scope=scope, display_name=display_name)
    if user.pk == ctx.user.pk and user.role != Role.ADMIN and not user.is_superuser:
        raise Conflict("own_admin_role", _("不能取消本人的系统管理员角色。"), field="role")
    user.save(update_fields=["role", "person", "scope", "display_name"])
    ctx.changes.update(before=list(before), after=[user.role, user.person_id, user.scope_id])
    return user


def _not_self(ctx: ActionContext, user: User) -> None:
    if user.pk == getattr(ctx.user, "pk", None):
        raise Conflict("own_account", _("不能停用本人的账户。"))


@action(
    "accounts.user.deactivate",
    model=User,
    subject="user",
    permission=MANAGE_USERS,
    precondition=_not_self,
    label=_("停用账户"),
)
def user_deactivate(ctx: ActionContext, *, user: User) -> User:
    """The account can no longer sign in; its sessions, terminals and tokens end at once."""
    if not user.is_active:
        ctx.audited = False
        return user
    user.is_active = False
    user.save(update_fields=["is_active"])
    ctx.changes.update(sessions_ended=end_sessions(user))
    return user


@action(
    "accounts.user.reactivate",
    model=User,
    subject="user",
    permission=MANAGE_USERS,
    label=_("恢复账户"),
)
def user_reactivate(ctx: ActionContext, *, user: User) -> User:
    if user.is_active:
        ctx.audited = False
        return user
    user.is_active = True
    user.failed_logins, user.locked_until = 0, None
    user.save(update_fields=["is_active", "failed_logins", "locked_until"])
    return user


@action(
    "accounts.user.password_reset",
    model=User,
    subject="user",
    permission=MANAGE_USERS,
    label=_("重设密码"),
)
def user_password_reset(ctx: ActionContext, *, user: User, password: str) -> User:
    """A new password the administrator hands over; the old sessions, terminals and API
    tokens end. The record names no secret."""
    user.set_password(check_password_policy(password, user))
    user.failed_logins, user.locked_until = 0, None
    user.save(update_fields=["password", "failed_logins", "locked_until"])
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=ctx.now)
    ctx.changes.update(sessions_ended=end_sessions(user), tokens_revoked=revoked)
    return user
