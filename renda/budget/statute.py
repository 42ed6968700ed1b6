"""The numbers of budget monitoring (§4.8 联网监督), registered once each."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "budget.deviation_points",
        "§4.8",
        _("预算执行进度偏离时间进度超过此百分点时预警"),
        15,
        "监督法 第30条；各地预算审查监督条例（预算执行进度监督）[local]",
    ),
)

if "budget.deviation_points" not in REGISTRY:
    register(*PARAMS)
