"""The legislative plans: the five-year 立法规划 and the year's 立法计划 (立法法 第56条)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link


class Plan(TimeStampedModel):
    """A legislative plan, drafted by the office, adopted by the council of chairpersons and
    published (立法法 第56条); a change after publication is a new version of it."""

    class Kind(models.TextChoices):
        FIVE_YEAR = "five_year", _("五年立法规划")
        """The plan of a term (立法规划)."""
        ANNUAL = "annual", _("年度立法计划")
        """The year's plan (立法计划)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草拟中")
        """The office is drafting it; items may be added and removed freely."""
        ADOPTED = "adopted", _("主任会议已通过")
        """The council of chairpersons adopted it; not yet public."""
        PUBLISHED = "published", _("已公布")
        """Public on the website; later changes are versions, each one recorded."""

    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=120)
    year_from = models.PositiveSmallIntegerField(_("起始年度"))
    year_to = models.PositiveSmallIntegerField(_("截止年度"))
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    adopted_on = models.DateField(_("主任会议通过日期"), null=True, blank=True)
    adopted_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("主任会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    #: 1 when first adopted; each adopted change after publication adds one.
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    note = models.TextField(_("说明"), blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-year_from", "kind", "-id"]
        verbose_name = _("立法规划计划")
        verbose_name_plural = _("立法规划计划")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_to__gte=models.F("year_from")),
                name="legislation_plan_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_from)
        return f"{self.year_from}–{self.year_to}"


class PlanItem(TimeStampedModel):
    """A project the plan lists, in one of its three categories."""

    class Category(models.TextChoices):
        FORMAL = "formal", _("审议项目")
        """To be put to the standing committee within the plan's period (正式项目)."""
        PREPARATORY = "preparatory", _("预备项目")
        """To be drafted and put forward when ready."""
        RESEARCH = "research", _("调研项目")
        """To be studied before anything is drafted."""

    class Status(models.TextChoices):
        LISTED = "listed", _("列入")
        REMOVED = "removed", _("调出")

    plan = models.ForeignKey(
        Plan, verbose_name=_("计划"), on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField(_("项目名称"), max_length=120)
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices)
    drafter = models.CharField(_("起草单位"), max_length=100, blank=True)
    committee = models.CharField(_("牵头委员会"), max_length=100, blank=True)
    expected_month = models.PositiveSmallIntegerField(_("拟提请审议月份"), null=True, blank=True)
    project = models.ForeignKey(
        "legislation.Project",
        verbose_name=_("立法项目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.LISTED, db_index=True
    )
    #: The plan's version in which the item was added (1 for the adopted plan itself).
    added_in = models.PositiveSmallIntegerField(_("列入版本"), default=1)
    removed_in = models.PositiveSmallIntegerField(_("调出版本"), null=True, blank=True)
    change_reason = models.CharField(_("调整理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "category", "id"]
        verbose_name = _("计划项目")
        verbose_name_plural = _("计划项目")

    def __str__(self) -> str:
        return self.title
