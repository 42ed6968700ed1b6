"""Filing review of normative documents (规范性文件备案审查, rules §5, S6).

An enacting body files each normative document (:class:`Filing`) within 30 days of
its publication; the office checks its form and registers it or returns it for
correction, with an electronic :class:`Receipt` either way. Every registered
document is reviewed (:class:`Review`: active, on request from a
:class:`ReviewSuggestion`, or thematic over a set); each document of a review is a
:class:`ReviewItem` with the §5.6 checklist and its outcome. A formal correction
request is a case of the casework engine, answered by the enacting body through
its queue; a proposal to revoke becomes an agenda item of a standing-committee
meeting with a decision poll.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link
from renda.core.search import SearchableModel


class FilingStatus(models.TextChoices):
    """Where a filed document stands; the moves are in :mod:`.workflow`."""

    SUBMITTED = "submitted", _("待形式审查")
    """Received; the office checks its form within 10 days (rules §5.4)."""
    RETURNED = "returned", _("退回补正")
    """Returned for correction with reasons; the filer corrects within 10 days (rules §5.4)."""
    REGISTERED = "registered", _("已登记")
    """Registered after the formal check; its active review runs (rules §5.5)."""
    CONCLUDED = "concluded", _("审查完毕")
    """Every review of the document has an outcome."""
    TRANSFERRED = "transferred", _("已移送")
    """Outside this standing committee's jurisdiction; transferred to the competent body (rules §5.11)."""
    REVOKED = "revoked", _("已撤销")
    """The standing committee voted to revoke the document (rules §5.3)."""


class Filing(SearchableModel, TimeStampedModel):
    """A normative document filed by its enacting body (规范性文件备案)."""

    Status = FilingStatus

    title = models.CharField(_("文件名称"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=80)
    enacting_body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("制定机关"),
        on_delete=models.PROTECT,
        related_name="filings",
    )
    adopted_on = models.DateField(_("通过日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"))
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    filed_at = models.DateTimeField(_("报送时间"))
    filing_due_on = models.DateField(_("报备期限"), help_text=_("公布之日起30日内（规则5.2）。"))
    is_late = models.BooleanField(_("逾期报备"), default=False, db_index=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("文件正文"), upload_to="filings/%Y/", blank=True)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    text = models.TextField(_("正文"))
    drafting_explanation = models.TextField(_("起草说明"))
    legal_basis = models.TextField(_("制定依据"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    formal_check_due_on = models.DateField(_("形式审查期限"))
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    returned_count = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    registered_at = models.DateTimeField(_("登记时间"), null=True, blank=True, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registration_number = models.CharField(_("登记号"), max_length=40, blank=True)
    registration_year = models.PositiveSmallIntegerField(
        _("登记年度"), null=True, blank=True, editable=False
    )
    registration_serial = models.PositiveIntegerField(
        _("登记序号"), null=True, blank=True, editable=False
    )
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("前一版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_versions",
    )
    transferred_to = models.CharField(_("移送机关"), max_length=200, blank=True)
    transferred_at = models.DateTimeField(_("移送时间"), null=True, blank=True)
    transfer_note = models.TextField(_("移送说明"), blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    is_public = models.BooleanField(_("公开"), default=True)
    # Consistency aid (a help, not a verdict): the text's MinHash signature and what it found.
    signature = models.BinaryField(_("文本签名"), blank=True, default=b"", editable=False)
    title_key = models.CharField(
        _("标题键"), max_length=200, blank=True, db_index=True, editable=False
    )
    similar = models.JSONField(_("相似文件"), default=list, blank=True, editable=False)
    highlights = models.JSONField(_("提示条款"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("备案文件")
        verbose_name_plural = _("备案文件")
        constraints = [
            models.UniqueConstraint(
                fields=["enacting_body", "document_number"], name="filings_number_once"
            ),
            models.UniqueConstraint(
                fields=["registration_year", "registration_serial"],
                name="filings_registration_serial_once",
            ),
            models.CheckConstraint(
                condition=Q(status="returned", correction_due_on__isnull=False)
                | ~Q(status="returned"),
                name="filings_returned_has_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.document_number}）"

    def search_document(self) -> str:
        return f"{self.document_number} {self.title} {self.legal_basis} {self.text[:5000]}"


class SimilarityKey(models.Model):
    """One LSH band of a filing's signature: the candidate filter of the consistency aid."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="similarity_keys")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("相似度索引")
        verbose_name_plural = _("相似度索引")

    def __str__(self) -> str:
        return f"{self.filing_id}:{self.key}"


class Receipt(TimeStampedModel):
    """The electronic receipt (电子回执) of a formal check: registered, or returned with reasons."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("登记回执")
        RETURNED = "returned", _("退回补正通知")

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="receipts")
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("回执编号"), max_length=40, unique=True)
    issued_at = models.DateTimeField(_("出具时间"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("出具人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("电子回执")
        verbose_name_plural = _("电子回执")

    def __str__(self) -> str:
        return self.number


class ReviewKind(models.TextChoices):
    """How a review started (rules §5.5, §5.7)."""

    ACTIVE = "active", _("主动审查")
    ON_REQUEST = "on_request", _("依申请审查")
    THEMATIC = "thematic", _("专项审查")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("审查中")
    CONCLUDED = "concluded", _("审查完毕")


class Review(TimeStampedModel):
    """A review (审查) of one document or, thematic, of a set; routed to a working body."""

    Kind = ReviewKind
    Status = ReviewStatus

    kind = models.CharField(_("审查方式"), max_length=12, choices=Kind.choices, db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    started_on = models.DateField(_("开始日期"))
    due_on = models.DateField(_("审查期限"))
    extended = models.BooleanField(_("已延长"), default=False)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("延长批准人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extension_reason = models.TextField(_("延长理由"), blank=True)
    route_due_on = models.DateField(_("分送期限"))
    responsible_body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("承担审查的工作机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filing_reviews",
    )
    routed_at = models.DateTimeField(_("分送时间"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suggestion = models.ForeignKey(
        "ReviewSuggestion",
        verbose_name=_("审查建议"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    concluded_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    filings = models.ManyToManyField(
        Filing, through="ReviewItem", related_name="reviews", verbose_name=_("文件")
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("审查")
        verbose_name_plural = _("审查")

    def __str__(self) -> str:
        return self.title


class Outcome(models.TextChoices):
    """What the review of one document found (rules §5.3, §5.8, §5.11)."""

    NO_PROBLEM = "no_problem", _("未发现问题")
    SELF_AMENDED = "self_amended", _("沟通后制定机关自行修改")
    CORRECTION = "correction", _("书面提出纠正意见")
    REVOCATION = "revocation", _("提请常委会撤销")
    TRANSFERRED = "transferred", _("移送有关机关")


#: The review standards of rules §5.6 (Beijing Art. 14): one checklist row each.
CHECKLIST = (
    ("conformity", _("是否符合党中央精神和国家重大决策部署（政治性）")),
    ("legality", _("是否违反宪法、法律、法规（合法性）")),
    ("procedure", _("是否违反法定程序（程序）")),
    ("proportionality", _("措施与目的是否适当（适当性）")),
    ("public_order", _("是否违背公序良俗")),
    ("outdated", _("是否因情况变化已不适宜继续施行")),
    ("conflicts", _("与其他规范性文件是否存在冲突")),
)
CHECKLIST_KEYS = tuple(key for key, _label in CHECKLIST)


class ChecklistAnswer(models.TextChoices):
    OK = "ok", _("无问题")
    PROBLEM = "problem", _("存在问题")
    NOT_APPLICABLE = "na", _("不适用")


class RevocationResult(models.TextChoices):
    PASSED = "passed", _("表决通过，予以撤销")
    FAILED = "failed", _("表决未通过")


class ReviewItem(TimeStampedModel):
    """One document of a review: the §5.6 checklist, the findings and the outcome."""

    Outcome = Outcome

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="items")
    filing = models.ForeignKey(
        Filing, verbose_name=_("文件"), on_delete=models.PROTECT, related_name="review_items"
    )
    checklist = models.JSONField(_("审查标准核对"), default=dict, blank=True)
    findings = models.TextField(_("审查意见"), blank=True)
    outcome = models.CharField(
        _("审查结果"), max_length=16, choices=Outcome.choices, blank=True, db_index=True
    )
    outcome_note = models.TextField(_("处理说明"), blank=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    correction_case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("纠正办理事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filing_review_item",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("常委会议程"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    poll = models.ForeignKey(
        "voting.Poll",
        verbose_name=_("表决"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    transferred_to = models.CharField(_("移送机关"), max_length=200, blank=True)
    # The standing committee's vote on a proposal to revoke (rules §5.3), carried from the sealed poll.
    revocation_result = models.CharField(
        _("撤销表决结果"), max_length=8, choices=RevocationResult.choices, blank=True
    )
    revocation_tally = models.JSONField(_("撤销表决计票"), default=dict, blank=True)
    revocation_recorded_at = models.DateTimeField(_("表决结果登记时间"), null=True, blank=True)
    # The report after amending (rules §5.8: within 30 days of amending).
    amend_report_due_on = models.DateField(
        _("修改后报告期限"), null=True, blank=True, db_index=True
    )
    amend_report_text = models.TextField(_("修改后报告"), blank=True)
    amend_reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)

    class Meta:
        ordering = ["review_id", "id"]
        verbose_name = _("审查文件")
        verbose_name_plural = _("审查文件")
        constraints = [
            models.UniqueConstraint(fields=["review", "filing"], name="filings_review_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.review_id}:{self.filing_id}"

    def amend_report_late(self, today) -> bool:
        """The report after amending was due and has not come (rules §5.8)."""
        return bool(
            self.amend_report_due_on
            and self.amend_reported_at is None
            and today > self.amend_report_due_on
        )

    @property
    def problems(self) -> list[str]:
        return [
            k
            for k in CHECKLIST_KEYS
            if (self.checklist or {}).get(k, {}).get("answer") == "problem"
        ]


class CommitteeView(TimeStampedModel):
    """A committee's written view on a review, due within 30 days (rules §5.5)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="committee_views")
    committee = models.ForeignKey(
        "people.Organization", verbose_name=_("委员会"), on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("征求日期"))
    due_on = models.DateField(_("反馈期限"))
    text = models.TextField(_("书面意见"), blank=True)
    submitted_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    submitted_by = user_link(_("录入人"))

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("委员会书面意见")
        verbose_name_plural = _("委员会书面意见")
        constraints = [
            models.UniqueConstraint(fields=["review", "committee"], name="filings_view_once")
        ]

    def __str__(self) -> str:
        return f"{self.review_id}:{self.committee_id}"


class Hearing(TimeStampedModel):
    """A hearing or argumentation meeting held for a review (听证会、论证会, S6)."""

    class Kind(models.TextChoices):
        HEARING = "hearing", _("听证会")
        ARGUMENTATION = "argumentation", _("论证会")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(_("类别"), max_length=14, choices=Kind.choices)
    held_on = models.DateField(_("举行日期"))
    participants = models.TextField(_("参加人员"))
    summary = models.TextField(_("主要意见"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("听证会、论证会")
        verbose_name_plural = _("听证会、论证会")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class SuggestionStatus(models.TextChoices):
    """Where a review suggestion from the public stands (rules §5.7)."""

    RECEIVED = "received", _("已收到")
    INCOMPLETE = "incomplete", _("待补充材料")
    UNDER_REVIEW = "under_review", _("审查中")
    NOT_STARTED = "not_started", _("不予启动审查")
    TRANSFERRED = "transferred", _("已移送")
    ANSWERED = "answered", _("已反馈")


class ReviewSuggestion(TimeStampedModel):
    """A citizen's or organization's suggestion to review a document (审查建议, rules §5.7)."""

    Status = SuggestionStatus

    class ProposerKind(models.TextChoices):
        CITIZEN = "citizen", _("公民")
        ORGANIZATION = "organization", _("组织")

    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True)
    proposer_kind = models.CharField(
        _("建议人类别"), max_length=14, choices=ProposerKind.choices, default=ProposerKind.CITIZEN
    )
    proposer_name = models.CharField(_("建议人"), max_length=100)
    contact = models.CharField(_("联系方式"), max_length=100)
    filing = models.ForeignKey(
        Filing,
        verbose_name=_("备案文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_suggestions",
    )
    document_reference = models.CharField(_("文件名称或文号"), max_length=200)
    enacting_body_name = models.CharField(_("制定机关"), max_length=200, blank=True)
    reasons = models.TextField(_("审查建议的理由"))
    status = models.CharField(
        _("状态"), max_length=14, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(_("收到时间"))
    completeness_due_on = models.DateField(_("补充材料告知期限"))
    decision_due_on = models.DateField(_("是否审查告知期限"))
    completeness_note = models.TextField(_("需补充的材料"), blank=True)
    completeness_requested_at = models.DateTimeField(_("告知补充时间"), null=True, blank=True)
    supplement = models.TextField(_("补充材料"), blank=True)
    supplemented_at = models.DateTimeField(_("补充时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decision_note = models.TextField(_("决定说明"), blank=True)
    transferred_to = models.CharField(_("移送机关"), max_length=200, blank=True)
    transfer_due_on = models.DateField(_("移送期限"))
    feedback = models.TextField(_("审查结果反馈"), blank=True)
    feedback_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("审查建议")
        verbose_name_plural = _("审查建议")
        constraints = [
            models.CheckConstraint(
                condition=~Q(document_reference=""), name="filings_suggestion_has_reference"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.document_reference}"


class CatalogueReminder(TimeStampedModel):
    """The yearly reminder to an enacting body to send its document catalogue (rules §5.9)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("制定机关"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("报送期限"))
    sent_at = models.DateTimeField(_("提醒时间"))
    received_on = models.DateField(_("收到目录日期"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "body_id"]
        verbose_name = _("目录报送提醒")
        verbose_name_plural = _("目录报送提醒")
        constraints = [
            models.UniqueConstraint(fields=["year", "body"], name="filings_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.body_id}"


class AnnualReport(TimeStampedModel):
    """The annual filing-review report to the standing committee (rules §5.10), published."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    summary = models.TextField(_("工作概述"), blank=True)
    figures = models.JSONField(_("统计数据"), default=dict, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    upward_due_on = models.DateField(_("向上级报告期限"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度备案审查工作报告")
        verbose_name_plural = _("年度备案审查工作报告")

    def __str__(self) -> str:
        return str(self.year)
