"""The numbers of the party committee's own obligations (S1), registered once each."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "party.conference_per_term",
        "S1",
        _("党委人大工作会议每届至少召开次数"),
        1,
        "意见 一(一)1（党委每届至少召开一次人大工作会议）",
    ),
    Param(
        "party.group_report_per_year",
        "S1",
        _("党委常委会每年至少听取常委会党组工作汇报次数"),
        1,
        "意见 一(一)1（党委常委会每年至少听取一次人大常委会党组工作汇报）",
    ),
)

if "party.conference_per_term" not in REGISTRY:
    register(*PARAMS)
