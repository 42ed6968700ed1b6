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
    Param(
        "appointment.motion_lead_days",
        "§7.7",
        _("任免议案在常委会会议举行前至少提请的日数"),
        7,
        "重庆 任免办法 第17条（7日）；北京、深圳、浙江为10日 [local]",
    ),
    Param(
        "appointment.failed_nomination_limit",
        "§7.10",
        _("同一人员提请任命同一职务未获通过后，本届内不再提请的次数"),
        2,
        "浙江 第15条；重庆 任免办法 第21条 [local]",
    ),
    Param(
        "appointment.failed_nomination_wait_months",
        "§7.10",
        _("提请任命未获通过后，再次提请同一人员任同一职务须间隔的月数（0为不限）"),
        0,
        "深圳 任免条例 第20条为6个月 [local]",
    ),
    Param(
        "appointment.department_heads_months",
        "§7.14",
        _("新一届人民政府领导人员选出后提请任命政府组成部门负责人的期限（月）"),
        2,
        "地方组织法 第71条",
        configurable=False,
    ),
    Param(
        "election.joint_nominators_city",
        "§7.3",
        _("设区的市人大代表联合提名候选人的最低人数"),
        20,
        "地方组织法 第26条",
        configurable=False,
    ),
    Param(
        "election.joint_nominators_county",
        "§7.3",
        _("县级人大代表联合提名候选人的最低人数"),
        10,
        "地方组织法 第26条",
        configurable=False,
    ),
    Param(
        "election.nomination_days",
        "§7.2",
        _("提名、酝酿候选人的最少日数"),
        2,
        "地方组织法 第27条",
        configurable=False,
    ),
    Param(
        "appointment.notice_days",
        "§7.11",
        _("任命决定作出后发布公告的期限（日）"),
        3,
        "北京 任免办法 第21条 [local]",
    ),
)

if "appointment.exam_pass_mark" not in REGISTRY:
    register(*PARAMS)
