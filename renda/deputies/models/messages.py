"""Voters' messages to a deputy or a liaison station (群众意见, S25, S26).

A citizen writes on the public site, with a name if they like and a way to reach them that
is kept private: it is on no public page, in no API answer anyone but the addressee and the
office reads, and never in an audit event. They get a tracking code and follow the answer
with it. The deputy (or, for a station, the office) acknowledges, answers, forwards to a
unit or turns the message into a suggestion (keeping the link); the office moderates what
is published: only with the writer's consent, and the text as the office approved it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link


class VoterMessage(TimeStampedModel):
    class Status(models.TextChoices):
        RECEIVED = "received", _("待处理")
        ACKNOWLEDGED = "acknowledged", _("已受理")
        FORWARDED = "forwarded", _("已转交有关单位")
        ANSWERED = "answered", _("已答复")
        SUGGESTION = "suggestion", _("已转为代表建议")
        DISMISSED = "dismissed", _("不予处理")

    #: What the writer types to follow the answer; never derived from anything guessable.
    code = models.CharField(_("查询码"), max_length=20, unique=True)
    deputy = models.ForeignKey(
        "people.Deputy",
        verbose_name=_("代表"),
        on_delete=models.PROTECT,
        related_name="messages",
        null=True,
        blank=True,
    )
    station = models.ForeignKey(
        "deputies.LiaisonStation",
        verbose_name=_("联络站"),
        on_delete=models.PROTECT,
        related_name="messages",
        null=True,
        blank=True,
    )
    subject = models.CharField(_("标题"), max_length=80)
    body = models.TextField(_("内容"))
    area = models.CharField(_("所在街道或社区"), max_length=60, blank=True)
    #: The writer's name and how to reach them: for the addressee and the office only.
    writer_name = models.CharField(_("姓名"), max_length=40, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    consent_publish = models.BooleanField(_("同意公开"), default=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(_("收到时间"), db_index=True)
    acknowledged_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = user_link(_("答复人"))
    forwarded_to = models.ForeignKey(
        "people.Organization",
        verbose_name=_("转交单位"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    forward_note = models.TextField(_("转交说明"), blank=True)
    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("转办事项"),
        on_delete=models.PROTECT,
        related_name="voter_message",
        null=True,
        blank=True,
    )
    suggestion = models.ForeignKey(
        "suggestions.Suggestion",
        verbose_name=_("转成的代表建议"),
        on_delete=models.SET_NULL,
        related_name="voter_messages",
        null=True,
        blank=True,
    )
    dismiss_reason = models.CharField(_("不予处理的理由"), max_length=200, blank=True)
    #: Published by the office, with the text as approved (personal details taken out).
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, db_index=True)
    public_body = models.TextField(_("公开的内容"), blank=True)
    public_answer = models.TextField(_("公开的答复"), blank=True)
    published_by = user_link(_("公开审核人"))

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("群众来信")
        verbose_name_plural = _("群众来信")
        constraints = [
            models.CheckConstraint(
                condition=Q(deputy__isnull=False, station__isnull=True)
                | Q(deputy__isnull=True, station__isnull=False),
                name="voter_message_one_addressee",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def addressee(self) -> str:
        return self.deputy.person.name if self.deputy_id else self.station.name

    @property
    def open(self) -> bool:
        """Still waiting for the deputy or the office to do something with it."""
        return self.status in OPEN_STATUSES


#: A letter still waiting for its addressee to act.
OPEN_STATUSES = (VoterMessage.Status.RECEIVED, VoterMessage.Status.ACKNOWLEDGED)
