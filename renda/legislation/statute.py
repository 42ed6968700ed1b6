"""The numbers of local legislation (S5; 立法法 2023), registered once each."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "legislation.readings",
        "S5",
        _("法规案交付表决前常委会会议审议的次数"),
        3,
        "立法法 第32、87条（一般三审）；各地立法条例 [local]",
    ),
    Param(
        "legislation.reading_interval_days",
        "S5",
        _("两次审议之间至少间隔的日数（0为不限）"),
        0,
        "各地立法条例（如“一般间隔一次常委会会议”）[local]",
    ),
    Param(
        "legislation.draft_to_members_days",
        "S5",
        _("法规草案在常委会会议举行前发给组成人员的日数"),
        7,
        "立法法 第31条；各地立法条例 [local]",
    ),
    Param(
        "legislation.comment_days",
        "S5",
        _("法规草案向社会公布征求意见的最少日数"),
        30,
        "立法法 第40条（一般不少于三十日）",
    ),
    Param(
        "legislation.approval_months",
        "S5",
        _("省级人大常委会对报请批准的设区的市地方性法规作出批准的期限（月）"),
        4,
        "立法法 第81条",
        configurable=False,
    ),
    Param(
        "legislation.shelved_years",
        "S5",
        _("搁置审议满此年数的法规案，主任会议可以决定终止审议"),
        2,
        "立法法 第45条",
        configurable=False,
    ),
)

if "legislation.readings" not in REGISTRY:
    register(*PARAMS)
