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


class RuleState(models.Model):
    """The last status seen of a rule for a year: the daily watch compares each evaluation
    with it and tells the office and the leaders when it changes."""

    code = models.CharField(_("规则编号"), max_length=12)
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=16)
    summary = models.CharField(_("情况"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("变化时间"))

    class Meta:
        ordering = ["year", "code"]
        verbose_name = _("规则落实状态")
        verbose_name_plural = _("规则落实状态")
        constraints = [
            models.UniqueConstraint(fields=["code", "year"], name="compliance_state_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.code} {self.status}"


class PublishedRule(models.Model):
    """A rule whose status the office has chosen to show on the public site (its status and
    summary for each year; the evidence stays with the office, its links lead to office pages)."""

    code = models.CharField(_("规则编号"), max_length=12, unique=True)
    published = models.BooleanField(_("公开"), default=True)
    #: Since when it is shown (or, once taken off, when it was taken off).
    changed_at = models.DateTimeField(_("变更时间"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("公开的规则落实情况")
        verbose_name_plural = _("公开的规则落实情况")

    def __str__(self) -> str:
        return self.code
