"""Deputies' suggestions (代表建议, rules §1): intake, co-signers, screening, merging, splitting.

A suggestion is written and submitted by a deputy, screened by the office and, once
accepted, assigned to handling units. From the assignment on, the handling (reply,
rating, re-handling, supervision) is the casework engine's: the suggestion points at
its :class:`renda.casework.models.Case`, and reads the handling status from there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link
from renda.core.search import SearchableModel


class SuggestionStatus(models.TextChoices):
    """Where a suggestion stands before and at its assignment; the moves are in :mod:`.workflow`."""

    DRAFT = "draft", _("草稿")
    """Written by the deputy, seen only by the deputy and the invited co-signers."""
    SUBMITTED = "submitted", _("待审查")
    """Submitted to the office; waiting for screening (审查, rules §1.5)."""
    ACCEPTED = "accepted", _("已立案")
    """Accepted by screening; waiting for assignment (交办)."""
    NOT_ACCEPTED = "not_accepted", _("不予立案")
    """Refused by screening with reason codes (rules §1.5); the deputy was told why."""
    WITHDRAWN = "withdrawn", _("已撤回")
    """Withdrawn by the deputy before assignment (rules §1.5)."""
    MERGED = "merged", _("已并案")
    """Merged into another suggestion (并案); its deputies became co-signers there."""
    SPLIT = "split", _("已拆分")
    """Split into several suggestions, one per handling area; the parts carry on."""
    ASSIGNED = "assigned", _("已交办")
    """Assigned to handling units; the handling is followed on the linked case."""


class Channel(models.TextChoices):
    """When a suggestion was made (rules §1.1)."""

    SESSION = "session", _("会议期间")
    """During a session of the congress; the suggestion names the session."""
    BETWEEN = "between", _("闭会期间")
    """Between sessions."""


class Category(models.TextChoices):
    """Policy area of a suggestion, used for statistics and filters."""

    EDUCATION = "education", _("教育")
    TRANSPORT = "transport", _("交通")
    HEALTH = "health", _("医疗卫生")
    CONSTRUCTION = "construction", _("城乡建设")
    ENVIRONMENT = "environment", _("生态环保")
    SOCIAL_SECURITY = "social_security", _("社会保障")
    CIVIL_AFFAIRS = "civil_affairs", _("民政")
    PUBLIC_SAFETY = "public_safety", _("公共安全")
    AGRICULTURE = "agriculture", _("农业农村")
    URBAN_MANAGEMENT = "urban_management", _("城市管理")
    ECONOMY = "economy", _("经济发展")
    CULTURE_TOURISM = "culture_tourism", _("文化旅游")
    OTHER = "other", _("其他")


class NotAcceptedReason(models.TextChoices):
    """Why screening refused a suggestion (rules §1.5, Beijing 2014 Arts. 12, 14)."""

    PERSONAL = "personal", _("涉及解决代表本人及其亲属个人问题")
    FORWARDED_LETTER = "forwarded_letter", _("转交来信")
    COMPLAINT = "complaint", _("属于申诉、控告或检举")
    PENDING_CASE = "pending_case", _("涉及尚未审结的诉讼案件")
    TENDER = "tender", _("干预招标投标等具体经济活动")
    PROMOTION = "promotion", _("推销产品或宣传企业")
    NOT_SPECIFIC = "not_specific", _("内容不明确具体")
    OTHER = "other", _("其他")


class Suggestion(SearchableModel, TimeStampedModel):
    """A deputy's suggestion, criticism or opinion (代表建议、批评和意见)."""

    Status = SuggestionStatus
    Channel = Channel
    Category = Category
    Reason = NotAcceptedReason

    number = models.CharField(_("编号"), max_length=40, blank=True, db_index=True)
    serial = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    term = models.ForeignKey(
        "people.Term", verbose_name=_("届"), on_delete=models.PROTECT, related_name="suggestions"
    )
    session = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("人代会会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggestions",
        help_text=_("会议期间提出的建议所属的人民代表大会会议；闭会期间提出的为空。"),
    )
    channel = models.CharField(
        _("提出时间"), max_length=10, choices=Channel.choices, default=Channel.BETWEEN
    )
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容"))
    category = models.CharField(
        _("类别"), max_length=20, choices=Category.choices, default=Category.OTHER, db_index=True
    )
    lead_deputy = models.ForeignKey(
        "people.Deputy",
        verbose_name=_("领衔代表"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    screened_at = models.DateTimeField(_("审查时间"), null=True, blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    not_accepted_reasons = models.JSONField(_("不予立案理由"), default=list, blank=True)
    screening_note = models.TextField(_("审查意见"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("拆分自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )
    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("办理事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggestion",
    )
    proposed_lead = models.ForeignKey(
        "people.Organization",
        verbose_name=_("系统建议主办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_confidence = models.FloatField(_("建议置信度"), null=True, blank=True)
    proposed_co_handlers = models.JSONField(_("系统建议协办单位"), default=list, blank=True)
    is_public = models.BooleanField(
        _("公开"),
        default=True,
        help_text=_("涉及国家秘密、商业秘密或个人隐私的不公开（规则1.13）。"),
    )
    withhold_reason = models.CharField(_("不公开理由"), max_length=200, blank=True)
    created_by = user_link(_("录入人"))

    class Meta:
        ordering = ["-id"]
        verbose_name = _("代表建议")
        verbose_name_plural = _("代表建议")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "session", "serial"],
                condition=Q(session__isnull=False),
                name="suggestions_serial_in_session",
            ),
            models.UniqueConstraint(
                fields=["term", "serial"],
                condition=Q(session__isnull=True),
                name="suggestions_serial_between_sessions",
            ),
            models.CheckConstraint(
                condition=Q(channel="session", session__isnull=False)
                | Q(channel="between", session__isnull=True),
                name="suggestions_channel_matches_session",
            ),
            models.CheckConstraint(
                condition=Q(is_public=True) | ~Q(withhold_reason=""),
                name="suggestions_withhold_has_reason",
            ),
        ]
        indexes = [
            # The public list (published suggestions newest first) counts and pages on this index
            # alone, with the case's flag read from casework_case_id_published: no long rows read.
            models.Index(
                fields=["status", "is_public", "id", "case"], name="suggestions_public_list"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def search_document(self) -> str:
        return f"{self.number} {self.title} {self.content}"


class CoSigner(TimeStampedModel):
    """A deputy who joins a suggestion (联名); counted only once confirmed."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="cosigners")
    deputy = models.ForeignKey(
        "people.Deputy",
        verbose_name=_("联名代表"),
        on_delete=models.PROTECT,
        related_name="cosigned_suggestions",
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("联名代表")
        verbose_name_plural = _("联名代表")
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "deputy"], name="suggestions_cosign_once")
        ]

    def __str__(self) -> str:
        return f"{self.suggestion_id} {self.deputy_id}"


class Attachment(TimeStampedModel):
    """A file attached to a suggestion; type- and size-checked by the service."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="suggestions/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = user_link(_("上传人"), blank=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name


# --------------------------------------------------------------------------- statistics read model


class StatisticsFact(models.Model):
    """What one counted suggestion adds to the statistics tallies, as last tallied.

    Kept by :mod:`renda.suggestions.tallies` in the transaction of every audited change, so
    a change subtracts the suggestion's old contribution and adds its new one.
    """

    suggestion = models.OneToOneField(
        Suggestion, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField(max_length=32)
    year_key = models.CharField(max_length=8)
    unit_key = models.CharField(max_length=24, blank=True)  # "" while it has no case
    assigned = models.PositiveSmallIntegerField(default=0)
    replied = models.PositiveSmallIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    solved = models.PositiveSmallIntegerField(default=0)
    overdue_from = models.DateField(null=True, blank=True)  # reply deadline while in handling

    class Meta:
        verbose_name = _("统计明细")
        verbose_name_plural = _("统计明细")

    def __str__(self) -> str:
        return str(self.suggestion_id)


class StatisticsTally(models.Model):
    """The summed figures of one group: a session (``term:session`` or ``term:between``), a year or a lead unit."""

    dimension = models.CharField(max_length=8)
    key = models.CharField(max_length=32)
    total = models.IntegerField(default=0)
    assigned = models.IntegerField(default=0)
    replied = models.IntegerField(default=0)
    rated = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    solved = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("统计汇总")
        verbose_name_plural = _("统计汇总")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "key"], name="suggestions_tally_group")
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.key}"


class StatisticsDue(models.Model):
    """How many suggestions of a group are in handling with a given reply deadline (for 逾期 on any day)."""

    dimension = models.CharField(max_length=8)
    key = models.CharField(max_length=32)
    due_on = models.DateField()
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("统计期限")
        verbose_name_plural = _("统计期限")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "key", "due_on"], name="suggestions_due_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.key} {self.due_on}"


class StatisticsState(models.Model):
    """The one row saying which data the tallies reflect (:func:`renda.suggestions.tallies.data_stamp`)."""

    stamp = models.CharField(max_length=200, blank=True)
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("统计状态")
        verbose_name_plural = _("统计状态")

    def __str__(self) -> str:
        return self.stamp
