"""The numbers of budget monitoring (§4.8 联网监督), registered once each."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "budget.inquiry_reply_days",
        "§4.8",
        _("预算执行询问的答复期限（日）"),
        15,
        "各地预算审查监督条例（联网监督发现问题的询问与答复）[local]",
    ),
    Param(
        "budget.draft_days",
        "§4.1",
        _("预算草案初步方案提交初步审查的日数（人代会举行前）"),
        30,
        "预算法 第44条（会议举行的三十日前）[local: 可规定更早]",
    ),
    Param(
        "budget.adjustment_days",
        "§4.2",
        _("预算调整初步方案提交初步审查的日数（常委会会议举行前）"),
        30,
        "预算法 第69条（会议举行的三十日前）[local: 可规定更早]",
    ),
    Param(
        "budget.final_accounts_days",
        "§4.3",
        _("决算草案提交初步审查的日数（常委会会议举行前）"),
        30,
        "预算法 第78条（会议举行的三十日前）[local: 可规定更早]",
    ),
    Param(
        "budget.rectification_months",
        "§4.5",
        _("审计查出问题整改情况报告的期限（听取审计工作报告后，月）"),
        6,
        "监督法 第27条（一般在六个月内）",
        configurable=False,
    ),
    Param(
        "budget.publication_days",
        "§4.7",
        _("预算、预算调整、决算批准后向社会公开的日数"),
        20,
        "预算法 第14条（批准后二十日内）",
        configurable=False,
    ),
    Param(
        "budget.deviation_points",
        "§4.8",
        _("预算执行进度偏离时间进度超过此百分点时预警"),
        15,
        "监督法 第30条；各地预算审查监督条例（预算执行进度监督）[local]",
    ),
    Param(
        "budget.adjustment_points",
        "§4.8",
        _("预算调整使部门预算增减超过年初预算的此百分比时预警"),
        10,
        "预算法 第67条、第69条；各地预算审查监督条例（预算调整监督）[local]",
    ),
    Param(
        "budget.transfer_points",
        "§4.8",
        _("部门科目流用（款项之间调剂）超过部门预算的此百分比时预警"),
        5,
        "预算法 第72条（科目流用）；各地预算审查监督条例 [local]",
    ),
    Param(
        "budget.debt_warning_percent",
        "§4.6",
        _("政府债务余额达到限额的此百分比时预警"),
        90,
        "预算法 第35条（地方政府债务余额不得突破批准的限额）；各地预算审查监督条例 [local]",
    ),
)

if "budget.deviation_points" not in REGISTRY:
    register(*PARAMS)
