"""Kinds of case, each with its deadlines and options (rules §1.2, §1.7–§1.12)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel

from .choices import DEFAULT_FOLLOW_UP_CLASSES, DEFAULT_RESULT_CLASSES, DeadlineUnit


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
    publish_review = models.BooleanField(
        _("公开前须机关审核"),
        default=False,
        help_text=_("答复标为可以公开的，经机关审核同意后才在公众网站发布。"),
    )
    #: The deadline fields that follow a setting on the rules page: {field: parameter key}.
    #: Whenever a case of this kind is created the field takes the setting's current value,
    #: so a changed setting applies to the cases that come after it.
    follows = models.JSONField(_("随参数设置的期限"), default=dict, blank=True)

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
