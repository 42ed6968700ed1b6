"""The numbers of meetings (rules.md §3.2, §7.7, §8), registered once each."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "meeting.congress_min_per_year",
        "§8.1",
        _("人代会每年至少举行次数"),
        1,
        "组织法 第14条; 意见 二(八)1 (S14)",
        configurable=False,
    ),
    Param(
        "meeting.sc_max_gap_months",
        "§8.7",
        _("常委会会议最长间隔（月）"),
        2,
        "组织法 第51条; 意见 二(八)1 (S14)",
        configurable=False,
    ),
    Param(
        "meeting.congress_min_days_without_election",
        "S14",
        _("无选举事项时人代会会期下限（天）"),
        2,
        "意见 二(八)1; rules.md §8.6 [UNCONFIRMED as law]",
    ),
    Param(
        "quorum.sc_share_exceeds",
        "§8.8",
        _("常委会会议法定人数：全体组成人员过半数出席"),
        Fraction(1, 2),
        "组织法 第51条; 常委会议事规则 第7条",
        configurable=False,
    ),
    Param(
        "quorum.congress_share_at_least",
        "§8.2",
        _("人代会法定人数：全体代表三分之二以上出席"),
        Fraction(2, 3),
        "组织法 第14条",
        configurable=False,
    ),
    Param(
        "lead.sc_meeting_notice_days",
        "§8.9",
        _("常委会会议通知提前天数"),
        7,
        "广东 议事规则 第8条; 重庆 第10条; 浙江 第7条 (local)",
    ),
    Param(
        "lead.congress_notice_months",
        "§8.4",
        _("人代会会议通知提前月数"),
        1,
        "北京、广东、山东 人代会议事规则 (local)",
    ),
    Param(
        "lead.special_report_to_committee_days",
        "§3.2",
        _("专项工作报告送专门委员会征求意见提前天数"),
        20,
        "监督法 第15条",
        configurable=False,
    ),
    Param(
        "lead.special_report_to_sc_days",
        "§3.2",
        _("专项工作报告送交常委会提前天数"),
        10,
        "监督法 第15条",
        configurable=False,
    ),
    Param(
        "lead.special_report_to_members_days",
        "§3.2",
        _("专项工作报告印发常委会组成人员提前天数"),
        7,
        "监督法 第15条",
        configurable=False,
    ),
    Param(
        "lead.motion_days",
        "§8.9",
        _("议案提请常委会审议提前天数"),
        20,
        "重庆 议事规则 第23条 (local)",
    ),
    Param(
        "lead.major_matter_motion_days",
        "§6.3",
        _("重大事项议案提请常委会审议提前天数"),
        30,
        "浙江 2018 第10条 (local; 济南为10天)",
    ),
    Param(
        "lead.appointment_motion_days",
        "§7.7",
        _("任免议案提请提前天数"),
        7,
        "重庆 任免办法 第17条 (local; 北京、深圳、浙江为10天)",
    ),
    Param(
        "lead.documents_to_members_days",
        "§8.9",
        _("会议材料送达组成人员提前天数"),
        5,
        "浙江 议事规则 第7条 (local)",
    ),
)

if "meeting.congress_min_per_year" not in REGISTRY:
    register(*PARAMS)
