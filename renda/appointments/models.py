"""Elections and appointments (rules.md §7). So far the pre-appointment law exam (§7.8).

A person the congress or its standing committee is to elect or appoint sits the law exam
(任前法律知识考试) before the motion goes forward; a pass is valid for the term, so one who
passed need not sit again in the same term.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link


class LawExam(TimeStampedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已安排")
        HELD = "held", _("已登记成绩")
        CANCELLED = "cancelled", _("已取消")

    term = models.ForeignKey(
        "people.Term", verbose_name=_("届"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("考试名称"), max_length=120)
    held_on = models.DateField(_("考试日期"))
    place = models.CharField(_("地点"), max_length=120)
    organiser = models.CharField(_("组织单位"), max_length=120, blank=True)
    full_marks = models.PositiveSmallIntegerField(_("满分"), default=100)
    #: Copied from ``appointment.exam_pass_mark`` when the exam is set, so a later change of
    #: the setting leaves the exams already set as they were announced.
    pass_mark = models.PositiveSmallIntegerField(_("合格分数"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("任前法律知识考试")
        verbose_name_plural = _("任前法律知识考试")

    def __str__(self) -> str:
        return self.title


class ExamResult(TimeStampedModel):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("待考")
        PASSED = "passed", _("合格")
        FAILED = "failed", _("不合格")
        ABSENT = "absent", _("缺考")
        WITHDRAWN = "withdrawn", _("已撤销报名")

    exam = models.ForeignKey(
        LawExam, verbose_name=_("考试"), on_delete=models.CASCADE, related_name="results"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("应考人员"), on_delete=models.PROTECT, related_name="+"
    )
    post_sought = models.CharField(_("拟任职务"), max_length=120)
    score = models.DecimalField(_("成绩"), max_digits=4, decimal_places=1, null=True, blank=True)
    status = models.CharField(
        _("结果"), max_length=10, choices=Status.choices, default=Status.ENROLLED, db_index=True
    )

    class Meta:
        ordering = ["exam_id", "id"]
        verbose_name = _("考试成绩")
        verbose_name_plural = _("考试成绩")
        constraints = [
            models.UniqueConstraint(fields=["exam", "person"], name="exam_result_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.exam}"
