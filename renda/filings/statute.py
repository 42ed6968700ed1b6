"""The numbers of filing review (rules.md §5, S6), registered once each.

Where national law and local practice differ (the answer to a correction request,
rules §5.8; the catalogue date, §5.9) both values are registered and a setting
chooses; the default is the common local practice of rules.md.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, params, register

PARAMS = (
    Param(
        "filings.filing_days",
        "§5.2",
        _("公布后报送备案期限（日）"),
        30,
        "立法法 第109条; 北京 2024 第11条; 河南 2015 第51条",
    ),
    Param("filings.formal_check_days", "§5.4", _("形式审查期限（日）"), 10, "北京 2024 第12条"),
    Param("filings.correction_days", "§5.4", _("退回后补正期限（日）"), 10, "北京 2024 第12条"),
    Param(
        "filings.review_months", "§5.5", _("主动审查期限（月）"), 3, "北京 2024 第22条 (河南为30日)"
    ),
    Param(
        "filings.review_extension_months",
        "§5.5",
        _("经批准可延长审查期限（月）"),
        3,
        "北京 2024 第22条",
    ),
    Param(
        "filings.routing_workdays", "§5.5", _("分送工作机构期限（工作日）"), 5, "北京 2024 第23条"
    ),
    Param(
        "filings.committee_view_days",
        "§5.5",
        _("委员会提出书面意见期限（日）"),
        30,
        "北京 2024 第23条",
    ),
    Param(
        "filings.suggestion_completeness_workdays",
        "§5.7",
        _("审查建议补充材料告知期限（工作日）"),
        5,
        "北京 2024 第24条",
    ),
    Param(
        "filings.suggestion_decision_days",
        "§5.7",
        _("不予审查告知建议人期限（日）"),
        10,
        "北京 2024 第25条",
    ),
    Param(
        "filings.correction_answer_basis",
        "§5.8",
        _("纠正意见答复期限适用（national 全国 / local 地方）"),
        "local",
        "立法法 第112条（两个月）; 北京 2024 第29条（30日）",
    ),
    Param(
        "filings.correction_answer_months_national",
        "§5.8",
        _("纠正意见答复期限·全国（月）"),
        2,
        "立法法 第112条",
        configurable=False,
    ),
    Param(
        "filings.correction_answer_days_local",
        "§5.8",
        _("纠正意见答复期限·地方（日）"),
        30,
        "北京 2024 第29条",
    ),
    Param("filings.amend_report_days", "§5.8", _("修改后报告期限（日）"), 30, "北京 2024 第30条"),
    Param(
        "filings.catalogue_due",
        "§5.9",
        _("年度文件目录报送截止（月-日）"),
        "01-31",
        "北京 2024 第13条 (河南 第62条为03-31)",
    ),
    Param(
        "filings.report_upward_days",
        "§5.10",
        _("年度工作报告向上级报告期限（日）"),
        30,
        "监督法 第45条; 北京 2024 第40条",
    ),
    Param(
        "filings.transfer_days",
        "§5.11",
        _("移送有关机关期限（日）"),
        10,
        "立法法 第115条; 北京 2024 第17条",
    ),
)

if "filings.filing_days" not in REGISTRY:
    register(*PARAMS)


def values() -> dict:
    """All filing parameters with one query."""
    return params(*(p.key for p in PARAMS))
