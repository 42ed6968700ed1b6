"""Experts, consultations, hearings and evaluation after legislating (立法法 第39、57、67条).

The office keeps a pool of experts (their fields, whether they are available, and what
would put them in conflict with a project); a project's consultations (expert opinions,
argumentation meetings, symposia, hearings) name the experts invited and keep their
opinions; a hearing is announced on the public site, where people register to speak; the
office chooses the speakers and records what was said. After a regulation has been in force
for a while it is evaluated, and an evaluation that finds it wanting leads to an amendment
project.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel


class Expert(TimeStampedModel):
    name = models.CharField(_("姓名"), max_length=40)
    organisation = models.CharField(_("工作单位"), max_length=100, blank=True)
    title = models.CharField(_("职称或职务"), max_length=60, blank=True)
    fields = models.CharField(_("专业领域"), max_length=200, help_text=_("用分号分隔。"))
    #: Seen by the office only.
    contact = models.CharField(_("联系方式"), max_length=80, blank=True)
    #: Bodies the expert advises or works for: a project drafted by one of them is a conflict.
    conflicts = models.CharField(_("利益关联单位"), max_length=300, blank=True)
    available = models.BooleanField(_("可参加咨询"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("立法专家")
        verbose_name_plural = _("立法专家库")

    def __str__(self) -> str:
        return self.name

    def conflicted_with(self, body: str) -> bool:
        """Whether the expert works for or advises ``body`` (a project's drafter)."""
        body = (body or "").strip()
        if not body:
            return False
        named = [self.organisation, *self.conflicts.replace("；", ";").split(";")]
        return any(b.strip() and (b.strip() in body or body in b.strip()) for b in named)


class Consultation(TimeStampedModel):
    class Kind(models.TextChoices):
        EXPERT_OPINION = "expert_opinion", _("专家咨询")
        ARGUMENTATION = "argumentation", _("论证会")
        SYMPOSIUM = "symposium", _("座谈会")
        HEARING = "hearing", _("听证会")
        """Announced on the public site; people register to speak (立法法 第39条第3款)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("已安排")
        HELD = "held", _("已举行")
        CANCELLED = "cancelled", _("已取消")

    project = models.ForeignKey(
        "legislation.Project", verbose_name=_("立法项目"), on_delete=models.CASCADE,
        related_name="consultations",
    )  # fmt: skip
    kind = models.CharField(_("形式"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("主题"), max_length=120)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=120, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    notice = models.TextField(_("公告"), blank=True)
    registration_closes_on = models.DateField(_("报名截止日期"), null=True, blank=True)
    experts = models.ManyToManyField(Expert, verbose_name=_("邀请专家"), blank=True, related_name="consultations")  # fmt: skip
    record = models.TextField(_("情况记录"), blank=True)
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("论证咨询")
        verbose_name_plural = _("论证咨询")

    def __str__(self) -> str:
        return self.title

    @property
    def is_hearing(self) -> bool:
        return self.kind == self.Kind.HEARING


class ExpertOpinion(TimeStampedModel):
    consultation = models.ForeignKey(Consultation, verbose_name=_("论证咨询"), on_delete=models.CASCADE, related_name="opinions")  # fmt: skip
    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="opinions")  # fmt: skip
    opinion = models.TextField(_("意见"))
    received_on = models.DateField(_("收到日期"))

    class Meta:
        ordering = ["consultation", "id"]
        verbose_name = _("专家意见")
        verbose_name_plural = _("专家意见")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "expert"], name="legislation_one_opinion_per_expert"
            )  # fmt: skip
        ]


class HearingRegistration(TimeStampedModel):
    """Someone who asked to speak at a hearing; name and contact are for the office only."""

    class Side(models.TextChoices):
        FOR = "for", _("赞成")
        AGAINST = "against", _("反对")
        OTHER = "other", _("其他意见")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("已报名")
        SELECTED = "selected", _("确定为陈述人")
        NOT_SELECTED = "not_selected", _("未选为陈述人")

    consultation = models.ForeignKey(Consultation, verbose_name=_("听证会"), on_delete=models.CASCADE, related_name="registrations")  # fmt: skip
    name = models.CharField(_("姓名"), max_length=40)
    contact = models.CharField(_("联系方式"), max_length=80)
    organisation = models.CharField(_("单位或身份"), max_length=100, blank=True)
    side = models.CharField(_("观点"), max_length=10, choices=Side.choices)
    summary = models.TextField(_("陈述要点"))
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.REGISTERED)  # fmt: skip
    registered_at = models.DateTimeField(_("报名时间"))

    class Meta:
        ordering = ["consultation", "registered_at", "id"]
        verbose_name = _("听证报名")
        verbose_name_plural = _("听证报名")


class Evaluation(TimeStampedModel):
    """An evaluation after legislating (立法后评估, 立法法 第67条)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("评估中")
        REPORTED = "reported", _("已形成评估报告")

    class Conclusion(models.TextChoices):
        KEEP = "keep", _("继续施行")
        AMEND = "amend", _("建议修改")
        REPEAL = "repeal", _("建议废止")

    project = models.ForeignKey(
        "legislation.Project", verbose_name=_("法规"), on_delete=models.PROTECT, related_name="evaluations"
    )  # fmt: skip
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED)  # fmt: skip
    plan = models.TextField(_("评估方案"))
    started_on = models.DateField(_("开始日期"))
    inputs = models.TextField(_("问卷调查和征集意见情况"), blank=True)
    report = models.TextField(_("评估报告"), blank=True)
    conclusion = models.CharField(_("评估结论"), max_length=10, choices=Conclusion.choices, blank=True)  # fmt: skip
    reported_on = models.DateField(_("报告日期"), null=True, blank=True)
    follow_up = models.ForeignKey(
        "legislation.Project", verbose_name=_("后续立法项目"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="evaluated_from",
    )  # fmt: skip

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("立法后评估")
        verbose_name_plural = _("立法后评估")

    def __str__(self) -> str:
        return f"{self.project.title}（{self.started_on.year}）"


class Interpretation(TimeStampedModel):
    """A reading of a regulation in force given by its makers: the standing committee's
    interpretation (法规解释) or the legal affairs committee's answer to a question
    (法规询问答复, on the model of 立法法 第48–53、69条); both are published with it."""

    class Kind(models.TextChoices):
        INTERPRETATION = "interpretation", _("法规解释")
        ANSWER = "answer", _("法规询问答复")

    project = models.ForeignKey(
        "legislation.Project", verbose_name=_("法规"), on_delete=models.CASCADE, related_name="interpretations"
    )  # fmt: skip
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    articles = models.CharField(_("所涉条文"), max_length=60, blank=True)
    question = models.TextField(_("问题"))
    text = models.TextField(_("解释或答复"))
    adopted_on = models.DateField(_("通过或答复日期"))

    class Meta:
        ordering = ["project", "-adopted_on", "-id"]
        verbose_name = _("法规解释和询问答复")
        verbose_name_plural = _("法规解释和询问答复")

    def __str__(self) -> str:
        return f"{self.project.title} {self.get_kind_display()}"
