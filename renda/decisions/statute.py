"""The numbers of major-matter decisions (rules.md §6, S12), registered once each."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "decisions.annual_list_due",
        "S12",
        _("政府报送下一年度重大事项建议清单的日期（月-日，上一年度）"),
        "12-31",
        "意见 二(六)3 “每年底”; rules.md §6.2 (济南：原则上年初) [UNCONFIRMED date]",
    ),
    # The §6.3 lead time of motions is the meetings' ``lead.major_matter_motion_days``: the
    # agenda checks it too.
    Param(
        "decisions.lead.report_days",
        "§6.3",
        _("重大事项报告提请常委会审议提前天数"),
        20,
        "浙江 2018 第10条 (local; 济南为10天)",
    ),
    Param(
        "decisions.opinion_reply_months",
        "§6.5",
        _("重大事项报告审议意见研究处理并报告期限（月）"),
        3,
        "山东 2018 第18条 (local)",
    ),
    Param(
        "decisions.opinion_max_months",
        "§6.5",
        _("重大事项报告审议意见研究处理最长期限（月）"),
        6,
        "山东 2018 第18条 (local)",
    ),
)

if "decisions.annual_list_due" not in REGISTRY:
    register(*PARAMS)
