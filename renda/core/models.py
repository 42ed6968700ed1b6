"""Base model, audit log, working-day calendar and rule settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base with creation and last-change times."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One business action, append-only and chained to the one before it by hash."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("操作人名称"), max_length=150, blank=True)
    action = models.CharField(_("操作代码"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=80, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    changes = models.JSONField(_("变更摘要"), default=dict, blank=True)
    prev_hash = models.CharField(_("前一哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only.")


class AuditHead(models.Model):
    """The single row holding the chain head; locked while an event is appended."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class CalendarDay(models.Model):
    """A day whose working status differs from the Monday–Friday default.

    Public holidays that fall on weekdays are non-working; make-up working days
    (调休) that fall on weekends are working. Rows come from the
    ``chinese-calendar`` package and staff may correct them.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        MAKEUP_WORKDAY = "makeup", _("调休上班")

    class Source(models.TextChoices):
        PACKAGE = "package", _("日历数据包")
        MANUAL = "manual", _("人工校正")

    date = models.DateField(_("日期"), primary_key=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=40, blank=True)
    source = models.CharField(
        _("来源"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("工作日历调整")
        verbose_name_plural = _("工作日历调整")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"

    @property
    def is_working_day(self) -> bool:
        return self.kind == self.Kind.MAKEUP_WORKDAY


class RuleSetting(TimeStampedModel):
    """A local value for a statutory or practice parameter of :mod:`renda.core.statute`."""

    key = models.CharField(_("参数"), max_length=80, unique=True)
    value = models.CharField(_("取值"), max_length=200)
    note = models.CharField(_("依据或说明"), max_length=255, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("规则参数")
        verbose_name_plural = _("规则参数")

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class Effect(models.Model):
    """One effect of a committed change on another domain, stored with the change itself.

    A domain registers handlers for a hook (``voting.poll_sealed``) with
    :func:`renda.core.effects.on`; emitting the hook inside a transaction stores one row
    per handler, so the effect exists exactly when the change committed. It runs after
    commit, in its own transaction; a failure is kept here with its error and retried by
    the daily sweep until it succeeds, and the audit page lists what is still pending.
    """

    hook = models.CharField(_("事件"), max_length=80)
    handler = models.CharField(_("处理程序"), max_length=120)
    payload = models.JSONField(_("参数"), default=dict)
    created_at = models.DateTimeField(_("产生时间"), auto_now_add=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    last_tried_at = models.DateTimeField(_("最近尝试"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("跨领域后续处理")
        verbose_name_plural = _("跨领域后续处理")
        indexes = [models.Index(fields=["done_at", "id"])]

    def __str__(self) -> str:
        return f"{self.hook} → {self.handler}"


class Approval(models.Model):
    """An external approval a step waits for: the party committee's consent (S2), and the like.

    Any domain's action may require one as a precondition
    (:func:`renda.core.approvals.requires`). The office records what was sent, when, and
    the answer with its date and reference, so the record shows the consent the law asks
    for, not only a tick.
    """

    class Kind(models.TextChoices):
        PARTY_CONSENT = "party_consent", _("党委同意")
        """The same-level party committee's consent (报同级党委研究同意, S2)."""
        PROVINCIAL_APPROVAL = "provincial_approval", _("省级人大常委会批准")
        """The provincial standing committee's approval of a local regulation (立法法)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("等待答复")
        """Sent; no answer recorded yet."""
        APPROVED = "approved", _("已同意")
        """The body agreed; the step that waited for it may go on."""
        RETURNED = "returned", _("退回修改")
        """The body asked for changes; a new request follows the changes."""

    subject_type = models.CharField(_("事项类型"), max_length=80)
    subject_id = models.CharField(_("事项编号"), max_length=64)
    subject_repr = models.CharField(_("事项"), max_length=255, blank=True)
    kind = models.CharField(_("审批类型"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    purpose = models.CharField(_("报请事项"), max_length=200)
    document_title = models.CharField(_("报送文件"), max_length=200, blank=True)
    document_reference = models.CharField(_("报送文号"), max_length=100, blank=True)
    sent_on = models.DateField(_("报送日期"))
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answer_reference = models.CharField(_("答复文号"), max_length=100, blank=True)
    note = models.TextField(_("答复意见"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("外部审批")
        verbose_name_plural = _("外部审批")
        indexes = [models.Index(fields=["subject_type", "subject_id", "kind", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "kind"],
                condition=models.Q(status="pending"),
                name="one_pending_approval_per_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.purpose}"


def user_link(verbose_name, *, blank: bool = True) -> models.ForeignKey:
    """The account that recorded or decided something: kept as null when the account is deleted.

    The same field as writing the ``ForeignKey`` out, so using it needs no migration.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
    )
