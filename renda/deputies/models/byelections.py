"""By-elections (补选) and the credentials committee's review of the deputies they return.

A seat left vacant during the term is filled by a by-election in the original constituency
or by the original electing unit (选举法 Art. 57). The standing committee's credentials
committee (代表资格审查委员会) reviews the election and reports whether it is valid; the
standing committee decides on the report by a vote of its members (a poll through the voting
core) and announces the result (代表法 Art. 48; 选举法 Art. 49). Only a confirmed deputy
holds a mandate: the composition figures and the vacancies read it from the mandate.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link


class ByElection(TimeStampedModel):
    class Status(models.TextChoices):
        ELECTED = "elected", _("待资格审查")
        REPORTED = "reported", _("资格审查委员会已报告")
        VOTING = "voting", _("已提请常委会表决")
        CONFIRMED = "confirmed", _("确认代表资格有效")
        VOID = "void", _("确定当选无效")
        CANCELLED = "cancelled", _("已撤销登记")

    class Finding(models.TextChoices):
        VALID = "valid", _("当选有效")
        INVALID = "invalid", _("当选无效")

    term = models.ForeignKey(
        "people.Term", verbose_name=_("届"), on_delete=models.PROTECT, related_name="+"
    )
    vacated = models.ForeignKey(
        "people.Deputy",
        verbose_name=_("补选的缺额"),
        on_delete=models.PROTECT,
        related_name="by_elections",
        null=True,
        blank=True,
        help_text=_("出缺的代表，如适用"),
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("当选人"), on_delete=models.PROTECT, related_name="+"
    )
    constituency = models.CharField(_("选区"), max_length=80, blank=True)
    electing_unit = models.CharField(_("原选举单位"), max_length=80, blank=True)
    delegation = models.ForeignKey(
        "people.Organization",
        verbose_name=_("代表团"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    occupation_category = models.CharField(_("代表构成类别"), max_length=20, default="other")
    held_on = models.DateField(_("补选日期"))
    candidates = models.PositiveSmallIntegerField(_("候选人数"), default=1)
    result = models.TextField(_("选举结果"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.ELECTED, db_index=True
    )
    finding = models.CharField(_("审查意见"), max_length=8, choices=Finding.choices, blank=True)
    report = models.TextField(_("资格审查报告"), blank=True)
    reported_on = models.DateField(_("报告日期"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("议程事项"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    poll = models.ForeignKey(
        "voting.Poll",
        verbose_name=_("表决"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    tally = models.JSONField(_("表决结果"), default=dict, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    deputy = models.OneToOneField(
        "people.Deputy",
        verbose_name=_("代表"),
        on_delete=models.PROTECT,
        related_name="by_election",
        null=True,
        blank=True,
    )
    announcement = models.TextField(_("公告"), blank=True)
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("补选代表")
        verbose_name_plural = _("补选代表")

    def __str__(self) -> str:
        return f"{self.person} · {self.held_on}"
