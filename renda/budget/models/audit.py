"""Problems found by audit and their rectification (§4.5; 监督法 第27条).

Each finding of the year's audit report is an item with the responsible department, the
day it must be rectified by, the department's report and the committee's assessment; the
standing committee hears the rectification report as the year's ``rectification`` milestone.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class AuditFinding(TimeStampedModel):
    class Category(models.TextChoices):
        BUDGET = "budget", _("预算管理")
        SPECIAL_FUNDS = "special_funds", _("重点专项资金")
        PROJECTS = "projects", _("政府投资项目")
        ASSETS = "assets", _("国有资产")
        DEBT = "debt", _("政府债务")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        OPEN = "open", _("整改中")
        REPORTED = "reported", _("已报告整改情况")
        ASSESSED = "assessed", _("已评估")

    class Result(models.TextChoices):
        RECTIFIED = "rectified", _("已整改")
        PARTLY = "partly", _("部分整改")
        NOT_RECTIFIED = "not_rectified", _("未整改")

    year = models.PositiveSmallIntegerField(_("审计年度"))
    number = models.PositiveIntegerField(_("序号"))
    title = models.CharField(_("问题"), max_length=200)
    detail = models.TextField(_("问题描述"), blank=True)
    category = models.CharField(
        _("类别"), max_length=16, choices=Category.choices, default=Category.BUDGET
    )
    department = models.ForeignKey(
        "budget.Department", verbose_name=_("责任部门"), on_delete=models.PROTECT, related_name="+"
    )
    amount_fen = models.BigIntegerField(_("涉及金额（分）"), default=0)
    due_on = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN)
    report = models.TextField(_("整改情况"), blank=True)
    reported_on = models.DateField(_("报告日期"), null=True, blank=True)
    result = models.CharField(_("评估结论"), max_length=16, choices=Result.choices, blank=True)
    assessment = models.TextField(_("评估意见"), blank=True)
    assessed_on = models.DateField(_("评估日期"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "number"]
        verbose_name = _("审计查出问题")
        verbose_name_plural = _("审计查出问题")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="budget_finding_number")
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.number} {self.title}"
