"""Users, their roles and scopes, API tokens and login-failure records."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user does in Renda; the scope field narrows it to one body."""

    ADMIN = "admin", _("系统管理员")
    #: Staff of the SC's offices, scoped to a working body.
    STAFF = "staff", _("机关工作人员")
    #: Member of the chairpersons' council (主任会议成员).
    LEADER = "leader", _("主任会议成员")
    #: Standing-committee member (常委会组成人员).
    MEMBER = "member", _("常委会组成人员")
    DEPUTY = "deputy", _("人大代表")
    #: Officer of a handling unit, scoped to that unit (承办单位).
    UNIT_OFFICER = "unit_officer", _("承办单位工作人员")


class User(AbstractUser):
    """A login. Linked to a person where the user is one (deputy, member, officer)."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.STAFF)
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("对应人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    scope = models.ForeignKey(
        "people.Organization",
        verbose_name=_("所属机构"),
        help_text=_("机关工作人员所在的工作机构，或承办单位工作人员所在的单位。"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    display_name = models.CharField(_("显示名称"), max_length=40, blank=True)
    failed_logins = models.PositiveSmallIntegerField(_("连续登录失败次数"), default=0)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        # No query here: the display name, else the role (the login name is not a name).
        return self.display_name or str(self.get_role_display())

    @property
    def name(self) -> str:
        if self.display_name:
            return self.display_name
        if self.person_id:
            return self.person.name
        # An account without a person or a display name (an administrator made from the
        # command line) reads as its role, never as its login name.
        return str(self.get_role_display())


class ApiToken(models.Model):
    """A bearer token for integrations; only its hash is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(_("用途"), max_length=60)
    prefix = models.CharField(_("前缀"), max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
