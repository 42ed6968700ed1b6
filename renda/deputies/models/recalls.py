"""Recall of a deputy (罢免, 选举法 Arts. 49–56; 组织法 Art. 44; rules.md §2.11).

Who recalls follows who elected: a county's deputies are recalled by the voters of their
original constituency — at least the statutory number of them petition this standing
committee in writing, with reasons; the deputy may answer in writing; the committee sends
both to the voters and has the vote presided; the recall passes with more than half of the
constituency's voters (not of those voting). A city's deputies are recalled by the county
congress that elected them (or its standing committee between sessions), whose decision the
office records with its document and date. A recall ends the mandate.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link


class Recall(TimeStampedModel):
    class Status(models.TextChoices):
        PETITIONED = "petitioned", _("已提出罢免要求")
        DISTRIBUTED = "distributed", _("已印发原选区选民")
        FILED = "filed", _("已登记罢免案")
        RECALLED = "recalled", _("罢免通过")
        NOT_RECALLED = "not_recalled", _("罢免未通过")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Route(models.TextChoices):
        VOTERS = "voters", _("原选区选民表决")
        ELECTING_BODY = "electing_body", _("原选举单位决定")

    deputy = models.ForeignKey(
        "people.Deputy", verbose_name=_("代表"), on_delete=models.PROTECT, related_name="recalls"
    )
    route = models.CharField(_("罢免方式"), max_length=16, choices=Route.choices)
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, db_index=True)
    filed_on = models.DateField(_("提出日期"))
    proposer = models.CharField(_("提出人"), max_length=120)
    petitioners = models.PositiveIntegerField(_("联名选民人数"), null=True, blank=True)
    reasons = models.TextField(_("罢免理由"))
    defence = models.TextField(_("申辩意见"), blank=True)
    distributed_on = models.DateField(_("印发选民日期"), null=True, blank=True)
    voted_on = models.DateField(_("投票日期"), null=True, blank=True)
    electorate = models.PositiveIntegerField(_("原选区选民总数"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("赞成票"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("反对票"), null=True, blank=True)
    votes_other = models.PositiveIntegerField(_("弃权票和无效票"), null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_document = models.CharField(_("决定文件"), max_length=200, blank=True)
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("罢免代表")
        verbose_name_plural = _("罢免代表")

    def __str__(self) -> str:
        return f"{self.deputy} · {self.filed_on}"
