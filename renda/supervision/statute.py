"""The numbers of supervision (rules.md §3, §4.3–§4.6, S8, S9, S11), registered once each.

The special-report lead times of §3.2 are the meetings module's (``lead.special_report_*``)
and whether 基本满意 counts as satisfied is the voting module's
(``voting.satisfaction_counts_basic``); they are read from there, not repeated here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "supervision.opinion_send_days",
        "§3.3",
        _("审议意见在会议闭会后送交的期限（日）"),
        10,
        "河南 2015 第11条 (local practice)",
    ),
    Param(
        "supervision.opinion_reply_months",
        "§3.3",
        _("审议意见研究处理情况报告期限（月）"),
        3,
        "河南 2015 第20、44条 (重庆为6个月，审计为2个月) (local practice)",
    ),
    Param(
        "supervision.inquiry_reply_months",
        "§3.5",
        _("专题询问意见研究处理情况报告期限（月）"),
        6,
        "重庆 议事规则 第34条 (local practice)",
    ),
    Param(
        "supervision.inspection_reply_months",
        "§3.6",
        _("执法检查报告审议意见研究处理期限（月）"),
        3,
        "河南 2015 第44条 (local practice)",
    ),
    Param(
        "supervision.lead_feedback_months",
        "S8",
        _("司法人员违法违纪线索转办反馈期限（月）"),
        3,
        "意见 二(五)3 [UNCONFIRMED]",
    ),
    Param(
        "supervision.inspection_plan_days",
        "§3.6",
        _("执法检查方案在检查开始前印发的天数"),
        10,
        "河南 2015 第40条 (local practice)",
    ),
    Param(
        "supervision.evaluation_failures_for_referral",
        "§3.4",
        _("满意度测评不满意达此次数，提请党委采取组织措施"),
        2,
        "石泉县 practice; rules.md §3.4 (local practice)",
    ),
    Param(
        "supervision.interpellation_signers_city",
        "§3.7",
        _("设区的市常委会质询案联名组成人员人数下限"),
        5,
        "监督法 第51条; 组织法 第53条",
        configurable=False,
    ),
    Param(
        "supervision.interpellation_signers_county",
        "§3.7",
        _("县级常委会质询案联名组成人员人数下限"),
        3,
        "监督法 第51条; 组织法 第53条",
        configurable=False,
    ),
    Param(
        "supervision.inquiry_topic_min_deputies",
        "§3.5",
        _("联名提出专题询问议题的代表人数下限"),
        5,
        "濮阳 practice (local practice)",
    ),
    Param(
        "supervision.environment_report_by_month",
        "S9",
        _("政府环境状况报告最迟在本年度此月份内听取"),
        12,
        "意见 二(五)4 (每年听取) [UNCONFIRMED: month]",
    ),
    Param(
        "supervision.judicial_report_by_month",
        "S8",
        _("法院、检察院专项工作报告最迟在本年度此月份内听取"),
        12,
        "意见 二(五)3 (每年听取) [UNCONFIRMED: month]",
    ),
    Param(
        "supervision.final_accounts_window",
        "§4.3",
        _("决算草案提请常委会审批的月份范围"),
        (6, 9),
        "监督法 第19条; 预算法 第78条",
        configurable=False,
    ),
    Param(
        "supervision.mid_year_window",
        "§4.4",
        _("上半年计划和预算执行情况报告的月份范围"),
        (6, 9),
        "监督法 第20条; 预算法 第86条",
        configurable=False,
    ),
)

if "supervision.opinion_send_days" not in REGISTRY:
    register(*PARAMS)
