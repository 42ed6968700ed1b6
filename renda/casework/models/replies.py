"""Replies, ratings and the verification of a dissatisfied rating (rules §1.6, §1.7, §1.11, S27)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel
from renda.core.search import SearchableModel

from .cases import Case


class Reply(SearchableModel, TimeStampedModel):
    """The unit's answer, signed by its head (rules §1.11), or a follow-up for B/C (§1.12).

    Its text is searchable, so a list finds an item by words that only its reply holds.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="replies")
    unit = models.ForeignKey(
        "people.Organization",
        verbose_name=_("答复单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    text = models.TextField(_("答复内容"))
    attachment = models.FileField(_("答复函"), upload_to="casework/replies/%Y/", blank=True)
    result_class = models.CharField(_("办理结果分类"), max_length=8)
    signed_by_name = models.CharField(_("签发负责人"), max_length=60)
    publishable = models.BooleanField(_("可以公开"), default=True)
    withhold_reason = models.TextField(_("不公开理由"), blank=True)
    is_follow_up = models.BooleanField(_("跟踪答复"), default=False)
    #: When the reply went public: at once, or when the office approved it (the kind's
    #: ``publish_review``); empty while it waits, and for a reply that is not public.
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核同意公开"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("答复时间"))
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["replied_at", "id"]
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        constraints = [
            models.CheckConstraint(
                condition=Q(publishable=True) | ~Q(withhold_reason=""),
                name="casework_withhold_has_reason",
            ),
        ]
        indexes = [
            # The office's list of replies waiting for its approval (few among many).
            models.Index(
                fields=["case"],
                condition=Q(publishable=True, published_at__isnull=True, is_follow_up=False),
                name="casework_reply_awaiting",
            ),
        ]

    def search_document(self) -> str:
        return self.text


class Rating(TimeStampedModel):
    """The requester's evaluation of a reply (rules §1.7); late ones stay out of statistics."""

    class Value(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY = "basically", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    round = models.PositiveSmallIntegerField(_("办理轮次"))
    requester = models.ForeignKey(
        "people.Person",
        verbose_name=_("评价人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.CharField(_("评价"), max_length=12, choices=Value.choices)
    comment = models.TextField(_("意见"), blank=True)
    rated_at = models.DateTimeField(_("评价时间"))
    late = models.BooleanField(_("逾期评价"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["rated_at", "id"]
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "round", "requester"], name="casework_rate_once"
            ),
            models.UniqueConstraint(
                fields=["case", "round"],
                condition=Q(requester__isnull=True),
                name="casework_body_rates_once",
            ),
        ]


class Verification(TimeStampedModel):
    """Staff verify a dissatisfied rating: re-handling with a new deadline, or closure (S27, §1.6)."""

    class Outcome(models.TextChoices):
        REHANDLE = "rehandle", _("重新办理")
        CLOSE = "close", _("办结")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="verifications")
    round = models.PositiveSmallIntegerField(_("办理轮次"))
    outcome = models.CharField(_("核实结果"), max_length=10, choices=Outcome.choices)
    finding = models.TextField(_("核实情况"))
    new_due_on = models.DateField(_("重新办理期限"), null=True, blank=True)
    verified_at = models.DateTimeField(_("核实时间"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核实人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["verified_at", "id"]
        verbose_name = _("不满意核实")
        verbose_name_plural = _("不满意核实")
