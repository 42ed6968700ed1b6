"""Public comment on a draft (立法法 第40、90条): citizens on the website, and the grassroots
legislative contact points (基层立法联系点) passing on what they heard.

A comment names the draft version and, when it is about one article, that article. The
writer's name is optional and the contact is private: neither reaches a public page, the
public API or an audit event. The office moderates each comment before it is shown, groups
comments by question and records how each group was handled.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class ContactPoint(TimeStampedModel):
    """A grassroots legislative contact point (基层立法联系点, 立法法 第90条)."""

    name = models.CharField(_("名称"), max_length=100)
    organisation = models.CharField(_("依托单位"), max_length=100, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    established_on = models.DateField(_("设立日期"), null=True, blank=True)
    description = models.TextField(_("简介"), blank=True)
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("基层立法联系点")
        verbose_name_plural = _("基层立法联系点")

    def __str__(self) -> str:
        return self.name


class CommentGroup(TimeStampedModel):
    """Comments raising one question, and how the office handled it."""

    class Handling(models.TextChoices):
        PENDING = "pending", _("研究中")
        ADOPTED = "adopted", _("已采纳")
        PARTLY = "partly", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    project = models.ForeignKey(
        "legislation.Project", verbose_name=_("立法项目"), on_delete=models.CASCADE,
        related_name="comment_groups",
    )  # fmt: skip
    title = models.CharField(_("问题"), max_length=120)
    handling = models.CharField(
        _("处理情况"), max_length=12, choices=Handling.choices, default=Handling.PENDING
    )
    reason = models.TextField(_("理由"), blank=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("意见归类")
        verbose_name_plural = _("意见归类")

    def __str__(self) -> str:
        return self.title


class PublicComment(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        """Received; nobody but the office sees it yet."""
        PUBLISHED = "published", _("已公开")
        """Shown on the public page of the draft, without the writer's name or contact."""
        WITHHELD = "withheld", _("不予公开")
        """Kept and counted for the handling, never shown (abuse, personal data, off topic)."""

    class Source(models.TextChoices):
        WEBSITE = "website", _("网站")
        CONTACT_POINT = "contact_point", _("基层立法联系点")
        LETTER = "letter", _("来信")

    version = models.ForeignKey(
        "legislation.DraftVersion", verbose_name=_("草案版本"), on_delete=models.PROTECT,
        related_name="comments",
    )  # fmt: skip
    provision = models.ForeignKey(
        "legislation.Provision", verbose_name=_("条文"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="comments",
    )  # fmt: skip
    code = models.CharField(_("查询码"), max_length=20, unique=True)
    body = models.TextField(_("意见内容"))
    #: Optional; shown to the office only.
    name = models.CharField(_("姓名"), max_length=40, blank=True)
    #: Optional; shown to the office only, never published.
    contact = models.CharField(_("联系方式"), max_length=80, blank=True)
    source = models.CharField(
        _("来源"), max_length=16, choices=Source.choices, default=Source.WEBSITE
    )
    contact_point = models.ForeignKey(
        ContactPoint, verbose_name=_("基层立法联系点"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="comments",
    )  # fmt: skip
    received_at = models.DateTimeField(_("收到时间"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    withheld_reason = models.CharField(_("不予公开的理由"), max_length=200, blank=True)
    group = models.ForeignKey(
        CommentGroup, verbose_name=_("归类"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="comments",
    )  # fmt: skip

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
        indexes = [models.Index(fields=["version", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source="contact_point") | models.Q(contact_point__isnull=False),
                name="legislation_comment_contact_point_named",
            )
        ]

    def __str__(self) -> str:
        return self.code
