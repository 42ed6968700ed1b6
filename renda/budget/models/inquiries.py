"""An inquiry about the execution (§4.8): the committee's question on a flagged department or
class, with the figures as they stood, sent as a casework case to the unit that answers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class Inquiry(TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("截至月份"))
    subject = models.CharField(_("询问对象"), max_length=160)
    figures = models.JSONField(_("数据"), default=dict)
    question = models.TextField(_("询问内容"))
    unit = models.ForeignKey(
        "people.Organization",
        verbose_name=_("答复单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.OneToOneField(
        "casework.Case", verbose_name=_("办理事项"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("提出人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("预算执行询问")
        verbose_name_plural = _("预算执行询问")

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.subject}"
