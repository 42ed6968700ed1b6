"""The government's debt by year (§4.6; 预算法 第35条, 监督法 第24–25条).

Each year the standing committee approves the debt limit (限额) of general and special debt
and hears the annual government-debt report; the office records, for each kind, the limit, the
balance at the start of the year, what was issued and repaid, and the balance at its end.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class DebtFigure(TimeStampedModel):
    class Kind(models.TextChoices):
        GENERAL = "general", _("一般债务")
        SPECIAL = "special", _("专项债务")

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("债务类别"), max_length=8, choices=Kind.choices)
    limit_fen = models.BigIntegerField(_("债务限额（分）"))
    opening_fen = models.BigIntegerField(_("年初余额（分）"))
    issued_fen = models.BigIntegerField(_("本年新增（分）"))
    repaid_fen = models.BigIntegerField(_("本年偿还（分）"))
    closing_fen = models.BigIntegerField(_("年末余额（分）"))
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("政府债务数据")
        verbose_name_plural = _("政府债务数据")
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="budget_debt_year_kind")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}"
