"""The casework engine: kinds, cases, assignments and everything a case collects.

One engine serves every item a body must handle and answer (代表建议, 审议意见,
询问跟踪, 执法检查报告, 备案审查纠正…). A client app creates a :class:`CaseKind`
(:func:`renda.casework.kinds.ensure_kind`) and cases of that kind through
:mod:`renda.casework.services`; the case points back at the client's object by
``source_type`` + ``source_id``. Deadlines are stored; overdue is computed on read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel
from renda.core.search import SearchableModel

#: Default result classes (rules §1.12); a kind may relabel them or use its own codes.
DEFAULT_RESULT_CLASSES = {
    "A": "已解决或采纳",
    "B": "正在解决或列入计划",
    "C": "列入规划逐步解决",
    "D": "因条件限制留作参考",
}
#: Marked for translation so a kind's default labels show in English too.
_DEFAULT_LABELS = (
    _("已解决或采纳"),
    _("正在解决或列入计划"),
    _("列入规划逐步解决"),
    _("因条件限制留作参考"),
)
#: Result classes that need a follow-up reply after implementation (rules §1.12).
DEFAULT_FOLLOW_UP_CLASSES = ["B", "C"]


class DeadlineUnit(models.TextChoices):
    """How a period is counted from its start day (rules.md, counting conventions)."""

    #: Calendar months, ending on the same day of the final month (民法典 第202条).
    MONTHS = "months", _("个月")
    #: Working days on the core calendar, holidays and 调休 make-up days included.
    WORKING_DAYS = "working_days", _("个工作日")
    #: Calendar days.
    DAYS = "days", _("日")


class CaseStatus(models.TextChoices):
    """Where a case stands; the moves between them are in :mod:`renda.casework.workflow`."""

    #: Created, not yet assigned (待交办); the requester may still withdraw it.
    NEW = "new", _("待交办")
    #: Assigned, waiting for the lead unit to receive it (待签收); the deadline runs.
    AWAITING_RECEIPT = "awaiting_receipt", _("待签收")
    #: The lead unit has received it (已签收).
    RECEIVED = "received", _("已签收")
    #: The lead unit has started handling it, at the latest with its first contact (办理中).
    IN_HANDLING = "in_handling", _("办理中")
    #: The lead unit asked the assigning staff to take it back (申请退回, rules §1.8).
    RETURN_REQUESTED = "return_requested", _("申请退回")
    #: The lead unit has replied; the requester may rate it (已答复).
    REPLIED = "replied", _("已答复")
    #: The requester is satisfied or basically satisfied (已评价).
    RATED = "rated", _("已评价")
    #: The requester is dissatisfied; staff verify (不满意待核实, S27).
    DISSATISFIED = "dissatisfied", _("不满意待核实")
    #: Handled again after verification, with a new deadline (重新办理, §1.6).
    REHANDLING = "rehandling", _("重新办理")
    #: Finished (已办结).
    CLOSED = "closed", _("已办结")
    #: Withdrawn before handling (已撤回, §1.5).
    WITHDRAWN = "withdrawn", _("已撤回")
    #: Merged into another case (已并案).
    MERGED = "merged", _("已并案")


class AssignmentRole(models.TextChoices):
    """A unit's part in a case (rules §1.9)."""

    #: The lead unit (主办) replies to the requester.
    LEAD = "lead", _("主办")
    #: A co-handler (协办/会办) sends its opinion to the lead unit.
    CO = "co", _("协办")


class AssignmentStatus(models.TextChoices):
    """Where one unit's part stands."""

    #: Assigned, not yet received (待签收).
    AWAITING = "awaiting", _("待签收")
    #: Received and being handled (办理中).
    RECEIVED = "received", _("办理中")
    #: The unit asked to return it (申请退回).
    RETURN_REQUESTED = "return_requested", _("申请退回")
    #: Taken back by the assigning staff (已退回); no longer the unit's.
    RETURNED = "returned", _("已退回")
    #: The co-handler's opinion or the lead's reply is in (已完成).
    DONE = "done", _("已完成")


class NotificationKind(models.TextChoices):
    """What a notification is about."""

    ASSIGNED = "assigned", _("交办")
    DUE_30 = "due_30", _("30天内到期")
    DUE_7 = "due_7", _("7天内到期")
    OVERDUE = "overdue", _("已逾期")
    CO_DUE_7 = "co_due_7", _("协办意见7天内到期")
    CO_OVERDUE = "co_overdue", _("协办意见已逾期")
    REPLIED = "replied", _("已答复")
    RATING_DUE = "rating_due", _("待评价")
    RATED = "rated", _("已评价")
    DISSATISFIED = "dissatisfied", _("不满意待核实")
    REHANDLE = "rehandle", _("重新办理")
    RETURN_REQUESTED = "return_req", _("退回申请")
    RETURN_DECIDED = "return_done", _("退回申请审批")
    EXTENSION_REQUESTED = "ext_req", _("延期申请")
    EXTENSION_DECIDED = "ext_done", _("延期申请审批")
    CO_OPINION = "co_opinion", _("协办意见")
    KEY_MARKED = "key_marked", _("重点督办")
    SUPERVISION_NOTE = "supervision", _("督办意见")
    CLOSED = "closed", _("办结")
    CONTACT_LATE = "contact_late", _("未按期联系提出人")


def _default_result_classes() -> dict:
    return dict(DEFAULT_RESULT_CLASSES)


def _default_follow_up_classes() -> list:
    return list(DEFAULT_FOLLOW_UP_CLASSES)


class CaseKind(TimeStampedModel):
    """A kind of case with its deadlines and options; registered by a client app."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    reply_amount = models.PositiveSmallIntegerField(_("答复期限"), default=3)
    reply_unit = models.CharField(
        _("答复期限单位"), max_length=12, choices=DeadlineUnit.choices, default=DeadlineUnit.MONTHS
    )
    extended_amount = models.PositiveSmallIntegerField(
        _("延期后答复期限"), default=6, help_text=_("与答复期限同一单位；0 表示不可延期。")
    )
    return_window_workdays = models.PositiveSmallIntegerField(
        _("申请退回期限（工作日）"), default=5
    )
    co_amount = models.PositiveSmallIntegerField(_("协办意见期限"), default=1)
    co_unit = models.CharField(
        _("协办意见期限单位"),
        max_length=12,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.MONTHS,
    )
    rating_window_workdays = models.PositiveSmallIntegerField(_("评价期限（工作日）"), default=15)
    rehandle_amount = models.PositiveSmallIntegerField(_("重新办理期限"), default=1)
    rehandle_unit = models.CharField(
        _("重新办理期限单位"),
        max_length=12,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.MONTHS,
    )
    contact_workdays = models.PositiveSmallIntegerField(
        _("首次联系提出方期限（工作日）"),
        default=20,
        help_text=_(
            "自交办之日起，主办单位须在此期限内与提出方首次联系（规则1.10）；0 表示不设期限。"
        ),
    )
    requester_rates = models.BooleanField(_("提出方评价办理结果"), default=True)
    contact_required = models.BooleanField(_("答复前须联系提出方"), default=True)
    result_classes = models.JSONField(_("办理结果分类"), default=_default_result_classes)
    follow_up_classes = models.JSONField(_("须跟踪答复的分类"), default=_default_follow_up_classes)
    publish_default = models.BooleanField(_("答复默认公开"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("办理事项类型")
        verbose_name_plural = _("办理事项类型")

    def __str__(self) -> str:
        return self.name

    def result_label(self, code: str) -> str:
        label = (self.result_classes or {}).get(code, code)
        return gettext(label) if label else code

    def result_choices(self) -> list[tuple[str, str]]:
        return [(code, f"{code} {self.result_label(code)}") for code in (self.result_classes or {})]


class Case(SearchableModel, TimeStampedModel):
    """One item assigned to units for handling and an answer (交办件)."""

    Status = CaseStatus

    kind = models.ForeignKey(
        CaseKind, verbose_name=_("类型"), on_delete=models.PROTECT, related_name="cases"
    )
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("内容摘要"), blank=True)
    source_type = models.CharField(_("来源类型"), max_length=60, blank=True)
    source_id = models.CharField(_("来源编号"), max_length=64, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    requesters = models.ManyToManyField(
        "people.Person",
        through="CaseRequester",
        verbose_name=_("提出人"),
        related_name="casework_cases",
        blank=True,
    )
    requester_body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("提出机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="casework_requested",
    )
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("交办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    extended = models.BooleanField(_("已延期"), default=False)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    rating_due_on = models.DateField(_("评价截止日期"), null=True, blank=True)
    co_override_reason = models.TextField(_("协办未完成时准予答复的理由"), blank=True)
    co_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("准予人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_key = models.BooleanField(_("重点督办"), default=False, db_index=True)
    key_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("牵头督办领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="casework_key_cases",
    )
    key_committee = models.ForeignKey(
        "people.Organization",
        verbose_name=_("督办委员会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="casework_supervised",
    )
    key_marked_at = models.DateTimeField(_("列为重点督办时间"), null=True, blank=True)
    published = models.BooleanField(_("答复公开"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    close_reason = models.TextField(_("办结或撤回说明"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("办理事项")
        verbose_name_plural = _("办理事项")
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            # The overdue list and the statistics at a million cases (docs/performance.md).
            models.Index(fields=["status", "due_on"], name="casework_case_status_due"),
            models.Index(fields=["replied_at"], name="casework_case_replied"),
            # Lets a unit's queue check its cases' status without reading the (long) case rows.
            models.Index(fields=["id", "status"], name="casework_case_id_status"),
            # Lets the public list of suggestions check a case's published flag the same way.
            models.Index(fields=["id", "published"], name="casework_case_id_published"),
            models.Index(
                fields=["due_on"],
                name="casework_case_handling_due",
                condition=Q(
                    status__in=sorted(
                        [
                            "awaiting_receipt",
                            "received",
                            "in_handling",
                            "rehandling",
                            "return_requested",
                        ]
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return f"{self.title} {self.summary}"


class CaseRequester(models.Model):
    """A person on the requester side; the lead requester's rating moves the case (rules §1.11)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="requester_rows")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+"
    )
    is_lead = models.BooleanField(_("领衔"), default=False)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("提出人")
        verbose_name_plural = _("提出人")
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="casework_requester_once"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(is_lead=True), name="casework_one_lead_requester"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.person_id}"


class Assignment(TimeStampedModel):
    """A unit's part in a case: the lead unit (主办) or a co-handler (协办/会办)."""

    Role = AssignmentRole
    Status = AssignmentStatus

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "people.Organization",
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        related_name="casework_assignments",
    )
    role = models.CharField(_("承办方式"), max_length=8, choices=Role.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.AWAITING, db_index=True
    )
    assigned_at = models.DateTimeField(_("交办时间"))
    due_on = models.DateField(_("期限"), db_index=True)
    received_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签收人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opinion = models.TextField(_("协办意见"), blank=True)
    opinion_at = models.DateTimeField(_("协办意见提交时间"), null=True, blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("协办意见提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    #: The lead unit's first-contact deadline (rules §1.10), counted in working days from the assignment.
    contact_due_on = models.DateField(_("首次联系期限"), null=True, blank=True)
    #: The day of the unit's first logged contact with the requester.
    first_contact_on = models.DateField(_("首次联系日期"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "role", "id"]
        verbose_name = _("交办单位")
        verbose_name_plural = _("交办单位")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(role="lead") & ~Q(status="returned"),
                name="casework_one_active_lead",
            ),
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=~Q(status="returned"),
                name="casework_unit_once_per_case",
            ),
        ]
        # A unit's queue and its counts read only its live rows (docs/performance.md).
        # Covering: the queue's counts and pages read no assignment row.
        indexes = [
            models.Index(
                fields=[
                    "unit",
                    "status",
                    "due_on",
                    "case",
                    "role",
                    "contact_due_on",
                    "first_contact_on",
                ],
                name="casework_asg_unit_live",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.unit_id} {self.role}"

    def contact_late_on(self, today) -> bool:
        """Whether the first contact was not made in time (rules §1.10): none by the deadline, or later."""
        if self.contact_due_on is None:
            return False
        if self.first_contact_on is None:
            return today > self.contact_due_on
        return self.first_contact_on > self.contact_due_on


class Contact(TimeStampedModel):
    """A contact of the unit with the requester before replying (rules §1.10)."""

    class Method(models.TextChoices):
        VISIT = "visit", _("走访面商")
        MEETING = "meeting", _("座谈会商")
        PHONE = "phone", _("电话沟通")
        LETTER = "letter", _("书面联系")
        ONLINE = "online", _("网络平台")
        OTHER = "other", _("其他方式")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    unit = models.ForeignKey(
        "people.Organization",
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    contacted_on = models.DateField(_("联系日期"))
    method = models.CharField(_("联系方式"), max_length=10, choices=Method.choices)
    note = models.TextField(_("沟通情况"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["contacted_on", "id"]
        verbose_name = _("沟通联系")
        verbose_name_plural = _("沟通联系")


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
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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


class SupervisionNote(TimeStampedModel):
    """A supervisor's note on a key-supervised case (rules §1.4)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supervision_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("督办人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("督办意见"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("督办意见")
        verbose_name_plural = _("督办意见")


class Notification(models.Model):
    """An in-app message, also sent by e-mail; one per case, kind, key date and user.

    ``key_date`` makes repeated sends idempotent: for reminders it is the deadline the
    reminder is about, for events it is the day of the event.
    """

    Kind = NotificationKind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="casework_notifications"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    key_date = models.DateField(_("日期"))
    text = models.CharField(_("内容"), max_length=300)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "key_date", "user"], name="casework_notification_once"
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text
