"""新闻公告: the congress's news and notices that the office publishes on the public site (S4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class NewsItem(TimeStampedModel):
    class Kind(models.TextChoices):
        NEWS = "news", _("新闻")
        NOTICE = "notice", _("公告")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    kind = models.CharField(_("类别"), max_length=8, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("标题"), max_length=120)
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    body = models.TextField(_("正文"))
    image = models.FileField(_("图片"), upload_to="news/%Y/", blank=True)
    image_alt = models.CharField(_("图片说明"), max_length=120, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    #: What published it when the platform did (``deputies.qualification:12``): one notice each.
    source = models.CharField(_("来源"), max_length=60, blank=True, db_index=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编辑"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("新闻公告")
        verbose_name_plural = _("新闻公告")

    def __str__(self) -> str:
        return self.title
