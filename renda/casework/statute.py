"""The numbers of the casework engine (rules.md §1, S27), registered once each.

They are the defaults of a kind created by :func:`renda.casework.kinds.ensure_kind`;
each kind then keeps its own copy, so one kind can differ from another.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "casework.reply_months",
        "§1.2",
        _("交办后答复期限（月）"),
        3,
        "代表法 第51条",
        configurable=False,
    ),
    Param(
        "casework.extended_reply_months",
        "§1.2",
        _("延期后答复期限（月）"),
        6,
        "代表法 第51条",
        configurable=False,
    ),
    Param(
        "casework.rehandle_months",
        "S27",
        _("不满意重新办理并答复期限（月）"),
        1,
        "意见 三(十二); 浙江 2016 第24条; 山东 2017 第24条 (北京、重庆为2个月), rules.md §1.6",
    ),
    Param(
        "casework.rating_window_workdays",
        "§1.7",
        _("提出人反馈评价期限（工作日）"),
        15,
        "北京 2014 第23条 (重庆为20个工作日)",
    ),
    Param(
        "casework.return_window_workdays",
        "§1.8",
        _("承办单位申请退回期限（工作日）"),
        5,
        "青岛 2021 第19条 (上海7个、重庆10个工作日)",
    ),
    Param(
        "casework.co_opinion_months",
        "§1.9",
        _("协办单位向主办单位提交意见期限（月）"),
        1,
        "上海、青岛、山东 (浙江为2个月)",
    ),
    Param(
        "casework.assign_workdays",
        "§1.10",
        _("闭会期间建议审查交办期限（工作日）"),
        10,
        "重庆 2017 第13条",
    ),
    Param(
        "casework.contact_workdays",
        "§1.10",
        _("承办单位联系提出人期限（工作日）"),
        20,
        "重庆 2017 第18条",
    ),
)

if "casework.reply_months" not in REGISTRY:
    register(*PARAMS)
