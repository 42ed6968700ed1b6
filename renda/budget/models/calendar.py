"""The year's budget calendar (§4.1–§4.6) and the publication tracker (§4.7).

A milestone is one statutory step of a budget year — the budget draft before the congress
session, an adjustment, the final accounts, the mid-year execution report, the audit report
and the report on rectifying what it found, the state-assets and government-debt reports —
with the meeting it goes to, the day it is due (computed from the rules), the day the
government's document arrived and the day the meeting heard it. A publication record is one
document the government must publish within the statutory days of its approval.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class Milestone(TimeStampedModel):
    class Kind(models.TextChoices):
        BUDGET_DRAFT = "budget_draft", _("预算草案初步审查")
        ADJUSTMENT = "adjustment", _("预算调整方案审查")
        FINAL_ACCOUNTS = "final_accounts", _("决算草案审查")
        MID_YEAR = "mid_year", _("上半年预算执行情况报告")
        AUDIT_REPORT = "audit_report", _("审计工作报告")
        RECTIFICATION = "rectification", _("审计查出问题整改情况报告")
        STATE_ASSETS = "state_assets", _("国有资产管理情况报告")
        GOVERNMENT_DEBT = "government_debt", _("政府债务管理情况报告")

    class Status(models.TextChoices):
        PLANNED = "planned", _("已安排")
        SUBMITTED = "submitted", _("已收到文件")
        HEARD = "heard", _("已审议")

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("会议"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    due_on = models.DateField(_("报送期限"), null=True, blank=True)
    submitted_on = models.DateField(_("收到文件日期"), null=True, blank=True)
    document = models.CharField(_("文件名称"), max_length=200, blank=True)
    heard_on = models.DateField(_("审议日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    #: The report the meeting heard, in supervision: its deliberation opinions are compiled,
    #: sent and followed there through casework like every other deliberation opinion.
    report = models.OneToOneField(
        "supervision.Report", verbose_name=_("审议报告"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="budget_milestone",
    )  # fmt: skip

    class Meta:
        ordering = ["year", "due_on", "id"]
        verbose_name = _("预算工作节点")
        verbose_name_plural = _("预算工作节点")
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="budget_one_milestone_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}"


class Publication(TimeStampedModel):
    """A document the government must publish within the statutory days (§4.7)."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("本级预算")
        ADJUSTMENT = "adjustment", _("预算调整方案")
        FINAL_ACCOUNTS = "final_accounts", _("本级决算")
        EXECUTION = "execution", _("预算执行情况报告")
        DEPARTMENT_BUDGET = "department_budget", _("部门预算")
        DEPARTMENT_ACCOUNTS = "department_accounts", _("部门决算")

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("公开事项"), max_length=24, choices=Kind.choices)
    department = models.ForeignKey(
        "budget.Department", verbose_name=_("预算部门"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    approved_on = models.DateField(_("批准或批复日期"))
    due_on = models.DateField(_("公开期限"))
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    url = models.URLField(_("公开链接"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "due_on", "id"]
        verbose_name = _("预决算公开")
        verbose_name_plural = _("预决算公开")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "department"], name="budget_one_publication"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}"
