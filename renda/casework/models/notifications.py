"""Supervision notes on key cases (rules §1.4) and the users' notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel

from .cases import Case
from .choices import NotificationKind


class SupervisionNote(TimeStampedModel):
    """A supervisor's note on a key-supervised case (rules §1.4)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supervision_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("督办人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("督办意见"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("督办意见")
        verbose_name_plural = _("督办意见")


class Notification(models.Model):
    """An in-app message, also sent by e-mail; one per case, kind, key date and user.

    Most are about a case; another domain's may name its page instead (``title``, ``link``).

    ``key_date`` makes repeated sends idempotent: for reminders it is the deadline the
    reminder is about, for events it is the day of the event.
    """

    Kind = NotificationKind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="casework_notifications"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="notifications", null=True, blank=True
    )
    #: What a notification without a case is about (a letter from a voter…) and its page.
    title = models.CharField(_("事项"), max_length=200, blank=True)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    key_date = models.DateField(_("日期"))
    text = models.CharField(_("内容"), max_length=300)
    # The moment of the action that sent it (not of the write): see notify_on_commit.
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "key_date", "user"], name="casework_notification_once"
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text
