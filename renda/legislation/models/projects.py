"""A legislative project and its drafts (立法法 第58、65、87条).

A project carries one regulation to be made, amended or repealed. Its draft versions keep
their text as typed and, beside it, the text split into chapters and articles
(:class:`Provision`), so that comments attach to an article and versions compare article by
article (:mod:`renda.legislation.texts`).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link


class Project(TimeStampedModel):
    class Kind(models.TextChoices):
        ENACT = "enact", _("制定")
        AMEND = "amend", _("修改")
        REPEAL = "repeal", _("废止")

    class Proposer(models.TextChoices):
        GOVERNMENT = "government", _("人民政府")
        SPECIAL_COMMITTEE = "special_committee", _("专门委员会")
        CHAIRPERSONS_COUNCIL = "chairpersons_council", _("主任会议")
        MEMBERS = "members", _("常委会组成人员联名")
        DEPUTIES = "deputies", _("代表联名")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("已立项")
        """Listed or proposed; the argumentation before legislating (立项论证) comes next."""
        DRAFTING = "drafting", _("起草中")
        """Argued and being drafted by the drafting body."""
        SUBMITTED = "submitted", _("已提请审议")
        """The bill (法规案) with its draft and explanation has been put to the standing
        committee; the council of chairpersons places it on a meeting's agenda."""
        IN_READING = "in_reading", _("审议中")
        """Read at one or more meetings of the standing committee."""
        REVIEWED = "reviewed", _("统一审议完毕")
        """The legal committee's report on the review results and the text for the vote are
        in (立法法 第87条第2款)."""
        VOTING = "voting", _("交付表决")
        PASSED = "passed", _("已通过")
        NOT_PASSED = "not_passed", _("未通过")
        AWAITING_APPROVAL = "awaiting_approval", _("报请批准")
        """Sent to the province's standing committee, which approves within four months
        (立法法 第81条)."""
        APPROVED = "approved", _("已批准")
        PROMULGATED = "promulgated", _("已公布")
        """Announced by the standing committee (立法法 第88条); in force from its date."""
        WITHDRAWN = "withdrawn", _("已撤回")
        TERMINATED = "terminated", _("已终止审议")

    #: While the draft may still change (a new version, a comment period): before the vote.
    DRAFT_OPEN = (Status.DRAFTING, Status.SUBMITTED, Status.IN_READING, Status.REVIEWED)

    title = models.CharField(_("法规名称"), max_length=120)
    kind = models.CharField(_("立法形式"), max_length=10, choices=Kind.choices, default=Kind.ENACT)
    proposer = models.CharField(_("提案主体"), max_length=24, choices=Proposer.choices)
    proposer_name = models.CharField(_("提案人"), max_length=100, blank=True)
    drafter = models.CharField(_("起草单位"), max_length=100, blank=True)
    committee = models.CharField(_("牵头委员会"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    proposed_on = models.DateField(_("立项日期"))
    summary = models.TextField(_("立法目的和主要内容"), blank=True)
    argued_on = models.DateField(_("立项论证日期"), null=True, blank=True)
    argument = models.TextField(_("论证结论"), blank=True)
    submitted_on = models.DateField(_("提请审议日期"), null=True, blank=True)
    #: The number of readings before the vote: ``legislation.readings`` when submitted; fewer
    #: only on a recorded decision of the council of chairpersons (立法法 第33条).
    readings_required = models.PositiveSmallIntegerField(_("审议次数"), default=3)
    fewer_readings_ground = models.CharField(_("减少审议次数的理由"), max_length=300, blank=True)
    fewer_readings_on = models.DateField(_("主任会议决定日期"), null=True, blank=True)
    review_report = models.TextField(_("审议结果的报告"), blank=True)
    reviewed_on = models.DateField(_("统一审议日期"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", verbose_name=_("表决议程"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    poll = models.ForeignKey(
        "voting.Poll", verbose_name=_("表决"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    tally = models.JSONField(_("表决结果"), default=dict, blank=True)
    voted_on = models.DateField(_("表决日期"), null=True, blank=True)
    sent_for_approval_on = models.DateField(_("报请批准日期"), null=True, blank=True)
    approval_due_on = models.DateField(_("批准期限"), null=True, blank=True)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    approval_reference = models.CharField(_("批准文件"), max_length=120, blank=True)
    promulgated_on = models.DateField(_("公布日期"), null=True, blank=True)
    announcement = models.CharField(_("公告文号"), max_length=120, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    #: The summary of how public comment was handled, published once the regulation passed
    #: (立法法 第40条: 征求意见的情况应当向社会通报).
    feedback = models.TextField(_("征求意见情况通报"), blank=True)
    feedback_published_at = models.DateTimeField(_("通报公布时间"), null=True, blank=True)
    closing_note = models.CharField(_("撤回或终止理由"), max_length=300, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-proposed_on", "-id"]
        verbose_name = _("立法项目")
        verbose_name_plural = _("立法项目")

    def __str__(self) -> str:
        return self.title

    def in_force_on(self, today: dt.date) -> bool:
        return (
            self.status == self.Status.PROMULGATED
            and self.effective_on is not None
            and self.effective_on <= today
        )


class DraftVersion(TimeStampedModel):
    """One version of the draft: as submitted, after each reading, for the vote."""

    project = models.ForeignKey(
        Project, verbose_name=_("立法项目"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("版本序号"))
    label = models.CharField(_("版本名称"), max_length=40)
    text = models.TextField(_("草案文本"))
    explanation = models.TextField(_("说明"), blank=True)
    #: The day the draft went to the members (立法法 第31条: seven days before the meeting).
    sent_on = models.DateField(_("印发组成人员日期"))
    comment_opens_on = models.DateField(_("征求意见开始日期"), null=True, blank=True)
    comment_closes_on = models.DateField(_("征求意见截止日期"), null=True, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("草案版本")
        verbose_name_plural = _("草案版本")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="legislation_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.title}（{self.label}）"

    def open_for_comment(self, today: dt.date) -> bool:
        """Within its period, and only while the bill has not gone to the vote."""
        return bool(
            self.project.status in Project.DRAFT_OPEN
            and self.comment_opens_on
            and self.comment_closes_on
            and self.comment_opens_on <= today <= self.comment_closes_on
        )


class Provision(models.Model):
    """A chapter, section or article of a draft version, in document order."""

    version = models.ForeignKey(
        DraftVersion,
        verbose_name=_("草案版本"),
        on_delete=models.CASCADE,
        related_name="provisions",
    )
    ordinal = models.PositiveSmallIntegerField(_("顺序"))
    kind = models.CharField(_("层级"), max_length=10)
    key = models.CharField(_("标识"), max_length=30)
    label = models.CharField(_("序号"), max_length=30)
    heading = models.CharField(_("标题"), max_length=120, blank=True)
    text = models.TextField(_("条文"), blank=True)
    chapter = models.CharField(_("所在章"), max_length=150, blank=True)

    class Meta:
        ordering = ["version", "ordinal"]
        verbose_name = _("条文")
        verbose_name_plural = _("条文")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "ordinal"], name="legislation_provision_order_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.heading}".strip()

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


class Reading(TimeStampedModel):
    """A reading of the draft at a meeting of the standing committee (立法法 第32条)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已列入议程")
        HELD = "held", _("已审议")
        CANCELLED = "cancelled", _("已撤下")

    project = models.ForeignKey(
        Project, verbose_name=_("立法项目"), on_delete=models.CASCADE, related_name="readings"
    )
    number = models.PositiveSmallIntegerField(_("审次"))
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("常委会会议"), on_delete=models.PROTECT, related_name="+"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", verbose_name=_("议程"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    version = models.ForeignKey(
        DraftVersion, verbose_name=_("审议稿"), on_delete=models.PROTECT, related_name="readings"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    held_on = models.DateField(_("审议日期"), null=True, blank=True)
    opinions = models.TextField(_("审议意见摘要"), blank=True)

    class Meta:
        ordering = ["project", "number", "id"]
        verbose_name = _("审议")
        verbose_name_plural = _("审议")

    def __str__(self) -> str:
        return f"{self.project.title} #{self.number}"
