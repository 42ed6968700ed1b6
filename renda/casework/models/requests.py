"""A unit's requests to return an assignment (rules §1.8) or to extend the deadline (§1.2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link

from .cases import Assignment, Case


class _Request(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已同意")
        REJECTED = "rejected", _("未同意")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("理由"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("申请时间"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_by = user_link(_("审批人"))
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        abstract = True


class ReturnRequest(_Request):
    """A unit asks the assigning staff to take an item back (rules §1.8)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="return_requests")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="return_requests"
    )
    from_status = models.CharField(_("申请前状态"), max_length=20, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("退回申请")
        verbose_name_plural = _("退回申请")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(status="pending"),
                name="casework_one_pending_return",
            )
        ]


class ExtensionRequest(_Request):
    """The lead unit asks to extend the reply deadline (rules §1.2: 3 → 6 months)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extension_requests")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="extension_requests"
    )
    new_due_on = models.DateField(_("延期后期限"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="pending"),
                name="casework_one_pending_extension",
            )
        ]
