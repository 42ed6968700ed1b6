"""Budget figures (S7, §4.8 联网监督): the classification tables, the budget departments, the
column mappings of the finance bureau's workbooks, and each import with its lines.

Amounts are kept in fen (分) as integers, so that sums are exact on every database. A figure
import is one dataset for one period — the approved budget, an adjustment or the final
accounts of a year, or the execution to the end of a month — checked in full before anything
is written; committing it makes it the period's current version, and a correction is a new
version that supersedes the old one, whose lines stay for the record.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class Classification(TimeStampedModel):
    """One code of the government revenue and expenditure classification (政府收支分类科目):
    the functional classification (支出功能分类, 类 3 digits, 款 5, 项 7) or the economic
    classification (支出经济分类, 类 3, 款 5)."""

    class Kind(models.TextChoices):
        FUNCTIONAL = "functional", _("支出功能分类")
        ECONOMIC = "economic", _("支出经济分类")

    kind = models.CharField(_("分类"), max_length=12, choices=Kind.choices)
    code = models.CharField(_("科目编码"), max_length=12)
    name = models.CharField(_("科目名称"), max_length=120)
    level = models.PositiveSmallIntegerField(_("级次"))
    parent = models.ForeignKey(
        "self", verbose_name=_("上级科目"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )  # fmt: skip
    retired_in = models.PositiveSmallIntegerField(_("停用年度"), null=True, blank=True)
    sample = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("收支分类科目")
        verbose_name_plural = _("收支分类科目")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="budget_classification_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Department(TimeStampedModel):
    """A budget department (预算部门) as the finance bureau codes it; linked to the handling
    unit it is in the people register, so that an inquiry reaches it through casework."""

    code = models.CharField(_("部门编码"), max_length=20, unique=True)
    name = models.CharField(_("部门名称"), max_length=100)
    organization = models.ForeignKey(
        "people.Organization", verbose_name=_("对应单位"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("预算部门")
        verbose_name_plural = _("预算部门")

    def __str__(self) -> str:
        return self.name


class Mapping(TimeStampedModel):
    """Which column of the finance bureau's workbook holds what (a mapping the office can
    adjust to each layout it receives): the header text of each column, the row the headers
    are on, and the unit the amounts are in."""

    class Unit(models.TextChoices):
        YUAN = "yuan", _("元")
        WAN = "wan", _("万元")

    name = models.CharField(_("名称"), max_length=60, unique=True)
    header_row = models.PositiveSmallIntegerField(_("表头所在行"), default=1)
    department_code = models.CharField(_("部门编码列"), max_length=40, default="部门编码")
    department_name = models.CharField(_("部门名称列"), max_length=40, default="部门名称", blank=True)  # fmt: skip
    functional_code = models.CharField(_("功能分类编码列"), max_length=40, default="功能分类科目编码")  # fmt: skip
    economic_code = models.CharField(_("经济分类编码列"), max_length=40, default="经济分类科目编码", blank=True)  # fmt: skip
    amount = models.CharField(_("金额列"), max_length=40, default="金额")
    unit = models.CharField(_("金额单位"), max_length=4, choices=Unit.choices, default=Unit.WAN)
    total_label = models.CharField(
        _("合计行标志"), max_length=20, default="合计", blank=True,
        help_text=_("部门编码列为此文字的行是合计行，其金额须等于各行之和。"),
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = _("导入列对应")
        verbose_name_plural = _("导入列对应")

    def __str__(self) -> str:
        return self.name

    def columns(self) -> dict[str, str]:
        """Field → header text, for the columns this mapping reads."""
        out = {
            "department_code": self.department_code,
            "department_name": self.department_name,
            "functional_code": self.functional_code,
            "economic_code": self.economic_code,
            "amount": self.amount,
        }
        return {k: v.strip() for k, v in out.items() if v and v.strip()}


class Import(TimeStampedModel):
    """One workbook of figures for one dataset and period, and what became of it."""

    class Dataset(models.TextChoices):
        BUDGET = "budget", _("年初预算")
        ADJUSTMENT = "adjustment", _("调整预算")
        FINAL = "final", _("决算")
        EXECUTION = "execution", _("月度执行")

    class Status(models.TextChoices):
        CHECKED = "checked", _("已校验，待导入")
        FAILED = "failed", _("校验未通过")
        COMMITTED = "committed", _("已导入（现行）")
        SUPERSEDED = "superseded", _("已被更正")
        DISCARDED = "discarded", _("已放弃")

    dataset = models.CharField(_("数据类别"), max_length=12, choices=Dataset.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    # 0 for a dataset of the whole year; 1–12 for the execution to the end of that month.
    month = models.PositiveSmallIntegerField(_("月份"), default=0)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices)
    mapping = models.ForeignKey(Mapping, verbose_name=_("列对应"), on_delete=models.PROTECT)
    workbook = models.FileField(_("工作簿"), upload_to="budget/imports/%Y/")
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    sha256 = models.CharField(_("文件摘要"), max_length=64)
    row_count = models.PositiveIntegerField(_("数据行数"), default=0)
    total_fen = models.BigIntegerField(_("合计（分）"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    preview = models.JSONField(_("预览"), default=dict, blank=True)
    reason = models.CharField(_("更正原因"), max_length=200, blank=True)
    supersedes = models.ForeignKey(
        "self", verbose_name=_("更正的版本"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("导入人"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    committed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-month", "dataset", "-version"]
        verbose_name = _("预算数据导入")
        verbose_name_plural = _("预算数据导入")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "year", "month"], condition=models.Q(status="committed"),
                name="budget_one_current_import",
            ),
            models.CheckConstraint(
                condition=models.Q(month__lte=12),
                name="budget_import_month",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["dataset", "year", "status"])]

    def __str__(self) -> str:
        return f"{self.period_label} {self.get_dataset_display()} v{self.version}"

    @property
    def period_label(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


class Line(models.Model):
    """One figure of an import: a department's amount under a functional (and economic) code."""

    # No index of their own: the two composite indexes below lead with the import, and a
    # single-column index on the department would tempt SQLite's planner (without statistics)
    # into reading every year's lines of a department.
    source = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="lines", db_index=False)  # fmt: skip
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", db_index=False)  # fmt: skip
    functional = models.ForeignKey(Classification, on_delete=models.PROTECT, related_name="+")
    economic = models.ForeignKey(
        Classification, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount_fen = models.BigIntegerField()

    class Meta:
        verbose_name = _("预算数据行")
        verbose_name_plural = _("预算数据行")
        indexes = [
            models.Index(fields=["source", "department"], name="budget_line_department"),
            models.Index(fields=["source", "functional"], name="budget_line_functional"),
        ]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.functional_id}: {self.amount_fen}"


class Total(models.Model):
    """A sum of an import's lines, written with them: the whole (no department, level 0), each
    department (level 0), and each functional code at the 类, 款 and 项 levels over all
    departments (``level`` 3, 5 or 7 digits). The monitoring pages read these, so that their
    cost does not grow with the number of lines; ``totals.rollup`` makes them and a test holds
    them equal to a recount of the lines."""

    # Indexed only through the composite index and the constraint, both led by the import.
    source = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="totals", db_index=False)  # fmt: skip
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    level = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(max_length=7, blank=True)
    amount_fen = models.BigIntegerField()

    class Meta:
        verbose_name = _("预算数据汇总")
        verbose_name_plural = _("预算数据汇总")
        indexes = [models.Index(fields=["source", "level", "code"], name="budget_total_level")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "department", "level", "code"], name="budget_total_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id}/{self.department_id or '*'}/{self.code or '*'}: {self.amount_fen}"
