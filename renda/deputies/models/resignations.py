"""A deputy's resignation (辞去代表职务, 代表法 Art. 49, rules.md §2.2, §2.11).

A county's deputies resign to this standing committee, which decides by a vote of its
members (a poll through the voting core); a city's deputies resign to the standing committee
of the county congress that elected them, whose decision the office records with its
document and date. Accepted, the mandate ends on the day of the decision, and the
composition figures and the vacancies read it from the mandate.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link


class Resignation(TimeStampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提出")
        VOTING = "voting", _("已提请常委会表决")
        ACCEPTED = "accepted", _("接受辞职")
        NOT_ACCEPTED = "not_accepted", _("未接受辞职")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Decider(models.TextChoices):
        THIS_SC = "this_sc", _("本级人大常委会表决")
        ELECTING_BODY = "electing_body", _("选举该代表的人大常委会")

    deputy = models.ForeignKey(
        "people.Deputy",
        verbose_name=_("代表"),
        on_delete=models.PROTECT,
        related_name="resignations",
    )
    submitted_on = models.DateField(_("提出日期"))
    letter = models.TextField(_("辞职请求"))
    #: 责令辞职: the deputy was told to resign (代表法 Art. 62 counts an accepted one as a
    #: resignation); the request and its decision follow the same procedure.
    ordered = models.BooleanField(_("被责令辞职"), default=False)
    decider = models.CharField(_("决定机关"), max_length=16, choices=Decider.choices)
    status = models.CharField(
        _("状态"), max_length=14, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
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
    decision_document = models.CharField(_("决定文件"), max_length=200, blank=True)
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("辞去代表职务")
        verbose_name_plural = _("辞去代表职务")

    def __str__(self) -> str:
        return f"{self.deputy} · {self.submitted_on}"
