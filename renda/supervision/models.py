"""Supervision by the standing committee (rules.md §3, S6–S11).

The annual plan (§3.1) lists topics; a topic becomes a :class:`Report` heard at a
meeting (an agenda item with a statutory reporter, §3.2), a law-enforcement
:class:`Inspection` (§3.6) or a special :class:`InquirySession` (§3.5). The
deliberation :class:`Opinion` that follows is handled by the supervised body as a
casework case, one :class:`OpinionRound` per round; its handling report is judged by a
satisfaction :class:`Evaluation`, which is a voting poll (§3.4). Interpellations
(§3.7) and judicial-supervision records (S8) complete the picture.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel
from renda.core.search import SearchableModel


class TopicKind(models.TextChoices):
    """The four kinds of topic of the annual plan (监督法 Art. 63)."""

    SPECIAL_REPORT = "special_report", _("专项工作报告")
    INSPECTION = "inspection", _("执法检查")
    INQUIRY = "inquiry", _("专题询问")
    RESEARCH = "research", _("专题调研")


class TopicSource(models.TextChoices):
    """Where a topic came from (监督法 Art. 12)."""

    STATUTORY = "statutory", _("法定或年度例行事项")
    SUGGESTIONS = "suggestions", _("代表建议")
    INSPECTION = "inspection", _("执法检查发现的问题")
    PETITIONS = "petitions", _("人民来信来访")
    MEMBERS = "members", _("常委会组成人员提出")
    COMMITTEES = "committees", _("专门委员会、工作机构提出")
    PUBLIC = "public", _("社会普遍关注")


class Plan(TimeStampedModel):
    """The annual supervision plan (年度监督工作计划, rules §3.1)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("起草中")
        ADOPTED = "adopted", _("主任会议已通过")
        PUBLISHED = "published", _("已公布")

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    council_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("通过的主任会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adopted_at = models.DateTimeField(_("通过时间"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    party_consent = models.BooleanField(_("已报党委同意"), default=False)
    party_consent_note = models.CharField(_("党委同意情况"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度监督工作计划")
        verbose_name_plural = _("年度监督工作计划")

    def __str__(self) -> str:
        return self.title


class PlanRevision(models.Model):
    """One step in a plan's history: drafted, adopted, published, reopened for change."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveSmallIntegerField(_("版本"))
    action = models.CharField(_("操作"), max_length=20)
    note = models.TextField(_("说明"), blank=True)
    snapshot = models.JSONField(_("计划内容快照"), default=list)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("计划修订记录")
        verbose_name_plural = _("计划修订记录")

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version} {self.action}"


class PlanItem(TimeStampedModel):
    """One topic of the plan; a recurring obligation carries its ``obligation`` code."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("形式"), max_length=16, choices=TopicKind.choices)
    title = models.CharField(_("议题"), max_length=200)
    supervised_body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("监督对象"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("承担工作机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("拟提请会议"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    planned_month = models.PositiveSmallIntegerField(_("拟安排月份"), null=True, blank=True)
    source = models.CharField(
        _("来源"), max_length=16, choices=TopicSource.choices, default=TopicSource.MEMBERS
    )
    source_type = models.CharField(_("来源记录类型"), max_length=60, blank=True)
    source_id = models.CharField(_("来源记录编号"), max_length=64, blank=True)
    source_note = models.CharField(_("来源说明"), max_length=300, blank=True)
    obligation = models.CharField(_("法定年度事项"), max_length=30, blank=True, db_index=True)
    with_evaluation = models.BooleanField(_("开展满意度测评"), default=False)
    cancelled = models.BooleanField(_("已撤销"), default=False)
    order = models.PositiveSmallIntegerField(_("序号"), default=0)

    class Meta:
        ordering = ["plan_id", "planned_month", "order", "id"]
        verbose_name = _("监督议题")
        verbose_name_plural = _("监督议题")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "obligation"],
                condition=~Q(obligation=""),
                name="supervision_obligation_once_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Report(SearchableModel, TimeStampedModel):
    """A report heard by the standing committee: special work report and the annual ones (§3.2, §4)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("待安排")
        SCHEDULED = "scheduled", _("已列入会议议程")
        DELIBERATED = "deliberated", _("已审议")

    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("计划议题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    title = models.CharField(_("报告名称"), max_length=200)
    body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("报告机关"),
        on_delete=models.PROTECT,
        related_name="supervision_reports",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_reports",
    )
    agenda_item = models.OneToOneField(
        "meetings.AgendaItem",
        verbose_name=_("议程事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_report",
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    draft_to_committee_on = models.DateField(
        _("报告稿送专门委员会（工作机构）日期"), null=True, blank=True
    )
    revised_to_sc_on = models.DateField(_("修改后报告送交常委会日期"), null=True, blank=True)
    to_members_on = models.DateField(_("报告印发组成人员日期"), null=True, blank=True)
    deliberated_at = models.DateTimeField(_("审议时间"), null=True, blank=True)
    deliberation_summary = models.TextField(_("审议情况"), blank=True)
    published = models.BooleanField(_("公开"), default=False)
    text = models.TextField(_("报告全文或摘要"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("专项工作报告")
        verbose_name_plural = _("专项工作报告")

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return f"{self.title} {self.text}"


class Inspection(SearchableModel, TimeStampedModel):
    """A law-enforcement inspection project (执法检查, rules §3.6)."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("筹备中")
        UNDERWAY = "underway", _("检查中")
        FINDINGS = "findings", _("检查结束，汇总问题")
        REPORTED = "reported", _("已形成报告")

    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("计划议题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    title = models.CharField(_("检查名称"), max_length=200)
    law = models.CharField(_("检查的法律法规"), max_length=200)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    places = models.TextField(_("检查地点和方式"), blank=True)
    plan_sent_on = models.DateField(_("检查方案印发日期"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始检查时间"), null=True, blank=True)
    findings = models.TextField(_("发现的问题"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PLANNING
    )
    report = models.OneToOneField(
        Report,
        verbose_name=_("执法检查报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection",
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("执法检查")
        verbose_name_plural = _("执法检查")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="supervision_inspection_dates"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return f"{self.title} {self.law} {self.findings}"


class TeamRole(models.TextChoices):
    """A member's place on an inspection or research team."""

    LEADER = "leader", _("组长")
    MEMBER = "member", _("组成人员")
    DEPUTY = "deputy", _("代表")


class InspectionMember(models.Model):
    """A member of the inspection team: a standing-committee member or a deputy."""

    Role = TeamRole

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=8, choices=Role.choices)

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("检查组成员")
        verbose_name_plural = _("检查组成员")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "person"], name="supervision_team_once")
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id}:{self.person_id}"


class Research(SearchableModel, TimeStampedModel):
    """A special research topic (专题调研, rules §3.1): team, places and dates, findings and the report.

    The report may be published on the public site; when the standing committee hears it, it
    becomes a :class:`Report` and the opinions follow the same path as any report's.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("筹备中")
        UNDERWAY = "underway", _("调研中")
        REPORTED = "reported", _("已形成调研报告")

    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("计划议题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="researches",
    )
    title = models.CharField(_("调研课题"), max_length=200)
    body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("调研涉及的机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    places = models.TextField(_("调研地点和方式"), blank=True)
    starts_on = models.DateField(_("开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    started_at = models.DateTimeField(_("开始调研时间"), null=True, blank=True)
    findings = models.TextField(_("调研发现的问题"), blank=True)
    report_text = models.TextField(_("调研报告"), blank=True)
    attachment = models.FileField(
        _("调研报告附件"), upload_to="supervision/research/%Y/", blank=True
    )
    reported_at = models.DateTimeField(_("形成报告时间"), null=True, blank=True)
    published = models.BooleanField(_("公开"), default=False)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    report = models.OneToOneField(
        Report,
        verbose_name=_("提请常委会审议的报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research",
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("专题调研")
        verbose_name_plural = _("专题调研")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="supervision_research_dates",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return f"{self.title} {self.findings} {self.report_text}"


class ResearchMember(models.Model):
    """A member of the research team: a standing-committee member or a deputy."""

    Role = TeamRole

    research = models.ForeignKey(Research, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=8, choices=Role.choices)

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("调研组成员")
        verbose_name_plural = _("调研组成员")
        constraints = [
            models.UniqueConstraint(
                fields=["research", "person"], name="supervision_research_team_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.research_id}:{self.person_id}"


class InquirySession(SearchableModel, TimeStampedModel):
    """A special inquiry (专题询问, rules §3.5) held at a meeting on a report."""

    class Form(models.TextChoices):
        PLENARY = "plenary", _("全体会议")
        JOINT_GROUP = "joint_group", _("联组会议")
        GROUP = "group", _("分组会议")

    class Status(models.TextChoices):
        PLANNED = "planned", _("筹备中")
        HELD = "held", _("已举行")

    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("计划议题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    title = models.CharField(_("询问议题"), max_length=200)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("会议"),
        on_delete=models.PROTECT,
        related_name="supervision_inquiries",
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("结合审议的报告"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiries",
    )
    form = models.CharField(
        _("询问形式"), max_length=12, choices=Form.choices, default=Form.JOINT_GROUP
    )
    status = models.CharField(
        _("状态"), max_length=8, choices=Status.choices, default=Status.PLANNED
    )
    held_at = models.DateTimeField(_("举行时间"), null=True, blank=True)
    summary = models.TextField(_("询问情况"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("专题询问")
        verbose_name_plural = _("专题询问")

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return f"{self.title} {self.summary}"


class InquiryRespondent(models.Model):
    """A head of a body who must attend and answer (应询人)."""

    session = models.ForeignKey(
        InquirySession, on_delete=models.CASCADE, related_name="respondents"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("应询人"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "people.Organization",
        verbose_name=_("所在机关"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    post_label = models.CharField(_("职务"), max_length=60, blank=True)
    attended = models.BooleanField(_("到会应询"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("应询人")
        verbose_name_plural = _("应询人")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="supervision_respondent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization.name}{self.post_label} {self.person.name}"


class InquiryQuestion(models.Model):
    """A member's question and the answer given (询问与应询)."""

    session = models.ForeignKey(InquirySession, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(
        "people.Person", verbose_name=_("询问人"), on_delete=models.PROTECT, related_name="+"
    )
    respondent = models.ForeignKey(
        InquiryRespondent,
        verbose_name=_("应询人"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    question = models.TextField(_("询问内容"))
    answer = models.TextField(_("应询回答"), blank=True)
    answered_at = models.DateTimeField(_("回答时间"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("序号"), default=0)

    class Meta:
        ordering = ["session_id", "order", "id"]
        verbose_name = _("询问")
        verbose_name_plural = _("询问")

    def __str__(self) -> str:
        return self.question[:40]


class InquiryTopic(TimeStampedModel):
    """A topic for a special inquiry proposed jointly by deputies (§3.5: ≥ 5 deputies)."""

    year = models.PositiveSmallIntegerField(_("拟询问年度"))
    title = models.CharField(_("议题"), max_length=200)
    reason = models.TextField(_("理由"), blank=True)
    proposers = models.ManyToManyField(
        "people.Person", verbose_name=_("提出代表"), related_name="+"
    )
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("列入计划的议题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("专题询问议题建议")
        verbose_name_plural = _("专题询问议题建议")

    def __str__(self) -> str:
        return self.title


class OpinionStatus(models.TextChoices):
    """Where a deliberation opinion stands; handling itself is the casework case's."""

    DRAFT = "draft", _("整理中")
    IN_HANDLING = "in_handling", _("交办研究处理中")
    REPORT_SCHEDULED = "report_scheduled", _("处理情况报告已列入会议")
    EVALUATING = "evaluating", _("满意度测评中")
    SATISFIED = "satisfied", _("测评满意")
    UNSATISFIED = "unsatisfied", _("测评不满意，待重新办理")
    CLOSED = "closed", _("已办结")


class Opinion(SearchableModel, TimeStampedModel):
    """Deliberation opinions (审议意见, rules §3.3) on a report, an inspection or an inquiry."""

    class Origin(models.TextChoices):
        REPORT = "report", _("专项工作报告审议意见")
        INSPECTION = "inspection", _("执法检查报告审议意见")
        INQUIRY = "inquiry", _("专题询问意见")
        RESEARCH = "research", _("专题调研报告审议意见")

    Status = OpinionStatus

    origin = models.CharField(_("类别"), max_length=12, choices=Origin.choices)
    report = models.ForeignKey(
        Report,
        verbose_name=_("报告"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    inquiry = models.ForeignKey(
        InquirySession,
        verbose_name=_("专题询问"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("研究处理机关"),
        on_delete=models.PROTECT,
        related_name="supervision_opinions",
    )
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("审议意见"))
    status = models.CharField(
        _("状态"),
        max_length=18,
        choices=OpinionStatus.choices,
        default=OpinionStatus.DRAFT,
        db_index=True,
    )
    send_due_on = models.DateField(_("送交期限"), null=True, blank=True)
    sent_on = models.DateField(_("送交日期"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(_("测评不满意次数"), default=0)
    referral_flagged = models.BooleanField(_("提请党委采取组织措施"), default=False)
    published = models.BooleanField(_("公开"), default=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("审议意见")
        verbose_name_plural = _("审议意见")

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return f"{self.title} {self.text}"


class OpinionRound(models.Model):
    """One round of handling: the first, a re-handling after an unsatisfied vote, or follow-up."""

    class Reason(models.TextChoices):
        FIRST = "first", _("首次交办")
        REHANDLE = "rehandle", _("测评不满意重新办理")
        FOLLOW_UP = "follow_up", _("跟踪监督")

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("轮次"))
    reason = models.CharField(_("原因"), max_length=10, choices=Reason.choices)
    note = models.TextField(_("要求"), blank=True)
    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("办理事项"),
        on_delete=models.PROTECT,
        related_name="supervision_round",
    )
    sent_at = models.DateTimeField(_("交办时间"))
    report_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("报告研究处理情况的会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report_item = models.OneToOneField(
        "meetings.AgendaItem",
        verbose_name=_("议程事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_round",
    )

    class Meta:
        ordering = ["opinion_id", "number"]
        verbose_name = _("办理轮次")
        verbose_name_plural = _("办理轮次")
        constraints = [
            models.UniqueConstraint(fields=["opinion", "number"], name="supervision_round_once")
        ]

    def __str__(self) -> str:
        return f"{self.opinion_id}#{self.number}"


class Evaluation(TimeStampedModel):
    """A satisfaction vote on a handling report (满意度测评, rules §3.4), run as a voting poll."""

    class Result(models.TextChoices):
        PENDING = "pending", _("待测评")
        SATISFIED = "satisfied", _("满意")
        NOT_SATISFIED = "not_satisfied", _("不满意")

    round = models.OneToOneField(OpinionRound, on_delete=models.PROTECT, related_name="evaluation")
    poll = models.OneToOneField(
        "voting.Poll",
        verbose_name=_("表决"),
        on_delete=models.PROTECT,
        related_name="supervision_evaluation",
    )
    result = models.CharField(
        _("测评结果"), max_length=14, choices=Result.choices, default=Result.PENDING
    )
    tally = models.JSONField(_("计票结果"), default=dict, blank=True)
    concluded_at = models.DateTimeField(_("登记时间"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("满意度测评")
        verbose_name_plural = _("满意度测评")

    def __str__(self) -> str:
        return f"{self.round_id} {self.result}"


class Interpellation(SearchableModel, TimeStampedModel):
    """A written interpellation (质询案, rules §3.7)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提出")
        MODE_DECIDED = "mode_decided", _("主任会议已决定答复方式")
        ANSWERED = "answered", _("已答复")
        REANSWER = "reanswer", _("提出人过半数不满意，再作答复")
        CLOSED = "closed", _("已办结")

    class Mode(models.TextChoices):
        ORAL = "oral", _("在会议上口头答复")
        WRITTEN = "written", _("书面答复")

    title = models.CharField(_("案由"), max_length=200)
    text = models.TextField(_("质询的问题和内容"))
    body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("质询对象"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("提出时的会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signers = models.ManyToManyField(
        "people.Person", through="InterpellationSigner", verbose_name=_("联名人"), related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=14, choices=Status.choices, default=Status.SUBMITTED
    )
    mode = models.CharField(_("答复方式"), max_length=8, choices=Mode.choices, blank=True)
    answer_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("答复会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_by = models.CharField(_("答复人"), max_length=60, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("答复轮次"), default=1)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("质询案")
        verbose_name_plural = _("质询案")

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return f"{self.title} {self.text}"


class InterpellationSigner(models.Model):
    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="signer_rows"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("联名人"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    dissatisfied = models.BooleanField(_("对答复不满意"), null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interpellation", "person"], name="supervision_signer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.interpellation_id}:{self.person_id}"


class JudicialRecord(TimeStampedModel):
    """Judicial supervision records (S8): petition reports, misconduct leads, major-case reports."""

    class Kind(models.TextChoices):
        PETITION_REPORT = "petition_report", _("涉法涉诉信访情况报告")
        MISCONDUCT_LEAD = "misconduct_lead", _("司法人员违法违纪线索")
        MAJOR_CASE = "major_case", _("重大案件专题报告")

    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    body = models.ForeignKey(
        "people.Organization", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("内容"), blank=True)
    received_on = models.DateField(_("收到日期"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.TextField(_("常委会决定"), blank=True)
    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("转办事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_judicial",
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("司法监督记录")
        verbose_name_plural = _("司法监督记录")

    def __str__(self) -> str:
        return self.title
