"""Major matters, the annual list, decisions and resolutions (重大事项决定, S12, rules §6).

The government proposes next year's list of major matters (:class:`AnnualList`, one row
per version: the annual list and each change during the year); the SC's working bodies
comment (:class:`ListComment`), the government revises, the party committee's consent is
recorded (S2), the chairpersons' council adopts and the list is published. Published
items become :class:`Matter` rows, which go onto meeting agendas and end in a
:class:`Decision` voted through the voting module, or in opinions handled as a casework
case (rules §6.5). A government decision taken without the legal procedure is revoked
through a matter of kind ``revocation`` (S12 item 4).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link
from renda.core.search import SearchableModel


class Quarter(models.IntegerChoices):
    Q1 = 1, _("第一季度")
    Q2 = 2, _("第二季度")
    Q3 = 3, _("第三季度")
    Q4 = 4, _("第四季度")


class Category(TimeStampedModel):
    """A category of major matters from the seed (S12 item 1), kept as data staff may extend."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    description = models.TextField(_("范围"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("重大事项类别")
        verbose_name_plural = _("重大事项类别")

    def __str__(self) -> str:
        return self.name


class ListStatus(models.TextChoices):
    """Where a version of the annual list stands (rules §6.2); the moves are in :mod:`.workflow`."""

    DRAFT = "draft", _("政府草拟中")
    """The government composes the proposed list; only the government sees it."""
    COMMENTING = "commenting", _("征求意见中")
    """Submitted; the SC's working bodies comment on the list or on single items."""
    REVISING = "revising", _("政府修改中")
    """Comments closed; the government revises the list."""
    AWAITING_CONSENT = "awaiting_consent", _("待党委同意")
    """The revised list went to the party committee; its consent is recorded by the office (S2)."""
    CONSENTED = "consented", _("党委已同意")
    """Waiting for adoption by the chairpersons' council."""
    ADOPTED = "adopted", _("主任会议已通过")
    """Adopted into the annual work plan; waiting for publication."""
    PUBLISHED = "published", _("已公布")
    """Published; its items are the year's major matters."""
    SUPERSEDED = "superseded", _("已调整")
    """Replaced by a published change during the year; kept as history."""


class MatterKind(models.TextChoices):
    """What the SC is asked to do with a matter (rules §6.1, §6.4, S12 item 4)."""

    DECISION = "decision", _("提请讨论决定")
    """A motion: the SC makes a decision or resolution by vote (motion lead time, §6.3)."""
    REPORT = "report", _("报告")
    """A report the SC deliberates; opinions are sent for handling (§6.5)."""
    PRIOR_REPORT = "prior_report", _("事前报告")
    """A major government decision reported before it is issued (§6.4)."""
    REVOCATION = "revocation", _("撤销议案")
    """A motion to revoke a government decision taken without the legal procedure (S12 item 4)."""


class MatterStatus(models.TextChoices):
    LISTED = "listed", _("已列入清单")
    """On the published annual list; not yet before the SC."""
    REGISTERED = "registered", _("已登记")
    """Registered outside the list (e.g. a revocation motion); not yet before the SC."""
    SCHEDULED = "scheduled", _("已列入会议议程")
    """On the agenda of an SC meeting."""
    DECIDED = "decided", _("已作出决定")
    """A decision or resolution (or revocation) was adopted by vote."""
    REJECTED = "rejected", _("表决未通过")
    """The vote failed."""
    CONCLUDED = "concluded", _("已审议")
    """A report was heard; opinions, if any, are handled as a case (§6.5)."""
    WITHDRAWN = "withdrawn", _("已移出清单")
    """Taken off the list by a published change."""


class AnnualList(TimeStampedModel):
    """One version of the annual list of major matters (年度清单, S12 item 3, rules §6.2).

    Version 1 is the list the government proposes at year end; each change during
    the year is a further version that copies the published one and follows the same
    route; publishing it supersedes the previous version, which stays as history.
    """

    Status = ListStatus

    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    base = models.ForeignKey(
        "self",
        verbose_name=_("调整的清单"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changes",
    )
    government = models.ForeignKey(
        "people.Organization",
        verbose_name=_("提出机关"),
        on_delete=models.PROTECT,
        related_name="major_matter_lists",
    )
    title = models.CharField(_("名称"), max_length=200)
    explanation = models.TextField(_("说明"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=ListStatus.choices,
        default=ListStatus.DRAFT,
        db_index=True,
    )
    due_on = models.DateField(_("报送期限"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("报送次数"), default=0)
    submitted_at = models.DateTimeField(_("首次报送时间"), null=True, blank=True)
    consented_on = models.DateField(_("党委同意日期"), null=True, blank=True)
    consent_reference = models.CharField(_("党委同意文号"), max_length=100, blank=True)
    consent_note = models.TextField(_("党委意见"), blank=True)
    adopted_at = models.DateTimeField(_("主任会议通过时间"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("通过记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adoption_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("主任会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-version", "-id"]
        verbose_name = _("重大事项年度清单")
        verbose_name_plural = _("重大事项年度清单")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "version"], name="decisions_list_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(version=1) | Q(base__isnull=False), name="decisions_change_has_base"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_change(self) -> bool:
        return self.version > 1

    def late_on(self, today: dt.date) -> bool:
        """Not submitted although the configured date has passed (S12 item 3)."""
        return bool(self.due_on and self.submitted_at is None and today > self.due_on)


class ListItem(TimeStampedModel):
    """One proposed major matter on a version of the list; linked to its matter once published."""

    annual_list = models.ForeignKey(
        AnnualList, verbose_name=_("清单"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("序号"))
    category = models.ForeignKey(
        Category, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("事项类型"), max_length=16, choices=MatterKind.choices, default=MatterKind.DECISION
    )
    title = models.CharField(_("事项名称"), max_length=200)
    description = models.TextField(_("主要内容"), blank=True)
    proposing_body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("提请机关"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_quarter = models.PositiveSmallIntegerField(_("计划提请季度"), choices=Quarter.choices)
    matter = models.ForeignKey(
        "Matter",
        verbose_name=_("重大事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="list_items",
    )

    class Meta:
        ordering = ["annual_list_id", "order", "id"]
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_quarter__gte=1, planned_quarter__lte=4),
                name="decisions_item_quarter_range",
            ),
            models.UniqueConstraint(
                fields=["annual_list", "matter"],
                condition=Q(matter__isnull=False),
                name="decisions_item_matter_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class ListComment(TimeStampedModel):
    """A working body's comment on the whole list or on one item, and the government's response."""

    annual_list = models.ForeignKey(
        AnnualList, verbose_name=_("清单"), on_delete=models.CASCADE, related_name="comments"
    )
    item = models.ForeignKey(
        ListItem,
        verbose_name=_("清单事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    item_title = models.CharField(_("事项名称"), max_length=200, blank=True)
    body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("提出意见的工作机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    text = models.TextField(_("意见"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    response = models.TextField(_("政府采纳情况"), blank=True)
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        ordering = ["annual_list_id", "id"]
        verbose_name = _("清单意见")
        verbose_name_plural = _("清单意见")

    def __str__(self) -> str:
        return self.text[:40]


class ListSnapshot(models.Model):
    """The items of a list as they stood at a submission or publication; revisions are diffed from these."""

    class Stage(models.TextChoices):
        SUBMITTED = "submitted", _("报送征求意见")
        RESUBMITTED = "resubmitted", _("修改后报送")
        PUBLISHED = "published", _("公布")

    annual_list = models.ForeignKey(
        AnnualList, verbose_name=_("清单"), on_delete=models.CASCADE, related_name="snapshots"
    )
    round = models.PositiveSmallIntegerField(_("轮次"))
    stage = models.CharField(_("环节"), max_length=12, choices=Stage.choices)
    items = models.JSONField(_("事项"), default=list)
    taken_at = models.DateTimeField(_("时间"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["annual_list_id", "id"]
        verbose_name = _("清单快照")
        verbose_name_plural = _("清单快照")

    def __str__(self) -> str:
        return f"{self.annual_list_id}#{self.round} {self.stage}"


class Matter(SearchableModel, TimeStampedModel):
    """A major matter before the standing committee (重大事项, rules §6.1)."""

    Kind = MatterKind
    Status = MatterStatus

    category = models.ForeignKey(
        Category, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="matters"
    )
    kind = models.CharField(_("事项类型"), max_length=16, choices=MatterKind.choices, db_index=True)
    title = models.CharField(_("事项名称"), max_length=200)
    description = models.TextField(_("主要内容"), blank=True)
    proposing_body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("提请机关"),
        on_delete=models.PROTECT,
        related_name="major_matters",
    )
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    planned_quarter = models.PositiveSmallIntegerField(
        _("计划提请季度"), choices=Quarter.choices, null=True, blank=True
    )
    annual_list = models.ForeignKey(
        AnnualList,
        verbose_name=_("列入的清单"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matters",
    )
    status = models.CharField(_("状态"), max_length=12, choices=MatterStatus.choices, db_index=True)
    agenda_item = models.OneToOneField(
        "meetings.AgendaItem",
        verbose_name=_("议程事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="major_matter",
    )
    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("审议意见办理"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="major_matter",
    )
    conclusion = models.TextField(_("审议情况"), blank=True)
    revoked_title = models.CharField(_("拟撤销的决定"), max_length=200, blank=True)
    revoked_number = models.CharField(_("文号"), max_length=100, blank=True)
    revoked_issued_on = models.DateField(_("作出日期"), null=True, blank=True)
    grounds = models.TextField(_("撤销理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "planned_quarter", "id"]
        verbose_name = _("重大事项")
        verbose_name_plural = _("重大事项")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_quarter__isnull=True)
                | Q(planned_quarter__gte=1, planned_quarter__lte=4),
                name="decisions_matter_quarter_range",
            ),
            models.CheckConstraint(
                condition=~Q(kind="revocation") | ~Q(revoked_title=""),
                name="decisions_revocation_names_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return " ".join(
            filter(None, [self.title, self.description, self.revoked_title, self.revoked_number])
        )

    @property
    def quarter_end(self) -> dt.date | None:
        if not self.planned_quarter:
            return None
        month = self.planned_quarter * 3
        return (dt.date(self.year, month, 1) + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(
            days=1
        )

    def is_overdue(self, today: dt.date) -> bool:
        """A listed item not brought to the SC by the end of its planned quarter (S12 item 3)."""
        end = self.quarter_end
        return bool(end and self.status == MatterStatus.LISTED and today > end)


class Material(TimeStampedModel):
    """A document of a matter (议案文本, 报告, 说明…) with the day it arrived (lead times, §6.3)."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("议案文本")
        REPORT = "report", _("报告")
        EXPLANATION = "explanation", _("说明")
        OTHER = "other", _("其他材料")

    matter = models.ForeignKey(
        Matter, verbose_name=_("重大事项"), on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField(_("材料类别"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    file = models.FileField(_("文件"), upload_to="decisions/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    received_on = models.DateField(_("送达日期"))
    uploaded_by = user_link(_("上传人"), blank=False)

    class Meta:
        ordering = ["matter_id", "received_on", "id"]
        verbose_name = _("重大事项材料")
        verbose_name_plural = _("重大事项材料")

    def __str__(self) -> str:
        return self.title


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("决定")
    RESOLUTION = "resolution", _("决议")
    REVOCATION = "revocation", _("撤销决定")


class DecisionStatus(models.TextChoices):
    PENDING = "pending", _("待表决")
    """The poll exists on the agenda item; the result is not yet recorded."""
    ADOPTED = "adopted", _("已通过")
    REJECTED = "rejected", _("未通过")
    PUBLISHED = "published", _("已公布")


class Decision(TimeStampedModel):
    """A decision or resolution of the SC on a matter (决定/决议, rules §6.1), voted by poll."""

    Kind = DecisionKind
    Status = DecisionStatus

    matter = models.ForeignKey(
        Matter, verbose_name=_("重大事项"), on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(_("类别"), max_length=12, choices=DecisionKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("正文"))
    poll = models.OneToOneField(
        "voting.Poll",
        verbose_name=_("表决"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="major_matter_decision",
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=DecisionStatus.choices,
        default=DecisionStatus.PENDING,
        db_index=True,
    )
    tally = models.JSONField(_("表决结果"), default=dict, blank=True)
    decided_on = models.DateField(_("表决日期"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("结果登记时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("决定决议")
        verbose_name_plural = _("决定决议")
        constraints = [
            models.UniqueConstraint(
                fields=["matter"],
                condition=~Q(status="rejected"),
                name="decisions_one_live_decision_per_matter",
            ),
        ]

    def __str__(self) -> str:
        return self.title
