"""The numbers of elections and appointments (rules.md §7), registered once each."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "appointment.exam_pass_mark",
        "§7.8",
        _("任前法律知识考试合格分数（百分制）"),
        60,
        "重庆 任免办法 第16条；浙江 第10条 [local]",
    ),
)

if "appointment.exam_pass_mark" not in REGISTRY:
    register(*PARAMS)
