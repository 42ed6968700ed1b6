"""What the party committee itself does for the congress's work (S1): its congress-work
conference, at least once in each term, and its standing committee hearing the report of the
standing committee's party group, at least once a year. The office records each with its day."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class PartyMeeting(TimeStampedModel):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("党委人大工作会议")
        GROUP_REPORT = "group_report", _("党委常委会听取常委会党组工作汇报")

    kind = models.CharField(_("事项"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("召开日期"))
    title = models.CharField(_("会议名称"), max_length=200)
    note = models.TextField(_("主要内容"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("党委有关会议")
        verbose_name_plural = _("党委有关会议")

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"
