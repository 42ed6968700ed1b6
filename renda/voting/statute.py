"""The numbers of voting and elections (rules.md §7.1, §7.2, §7.4, §7.6, §8.3, §8.8), each once."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, Param, register

PARAMS = (
    Param(
        "voting.majority_share_exceeds",
        "§8.8",
        _("表决通过：超过全体组成人员（代表）的半数"),
        Fraction(1, 2),
        "组织法 第25、51条; 常委会议事规则 第45条 (§8.3, §7.6)",
        configurable=False,
    ),
    Param(
        "voting.election_share_exceeds",
        "§7.4",
        _("当选：获得全体代表过半数选票"),
        Fraction(1, 2),
        "组织法 第25、29条",
        configurable=False,
    ),
    Param(
        "voting.satisfaction_counts_basic",
        "§3.4",
        _("满意度测评中“基本满意”计入满意票"),
        True,
        "地方监督法实施办法 (local practice) [UNCONFIRMED]",
    ),
    Param(
        "voting.slate.deputy_direct_min",
        "§7.1",
        _("直接选举代表：候选人多于应选人数的下限比例"),
        Fraction(1, 3),
        "选举法 第31条",
        configurable=False,
    ),
    Param(
        "voting.slate.deputy_direct_max",
        "§7.1",
        _("直接选举代表：候选人多于应选人数的上限比例"),
        Fraction(1),
        "选举法 第31条",
        configurable=False,
    ),
    Param(
        "voting.slate.deputy_indirect_min",
        "§7.1",
        _("间接选举代表：候选人多于应选人数的下限比例"),
        Fraction(1, 5),
        "选举法 第31条",
        configurable=False,
    ),
    Param(
        "voting.slate.deputy_indirect_max",
        "§7.1",
        _("间接选举代表：候选人多于应选人数的上限比例"),
        Fraction(1, 2),
        "选举法 第31条",
        configurable=False,
    ),
    Param(
        "voting.slate.head_extra",
        "§7.2",
        _("正职领导人员差额人数（候选人一人时可等额）"),
        (0, 1),
        "组织法 第27条",
        configurable=False,
    ),
    Param(
        "voting.slate.deputy_head_extra",
        "§7.2",
        _("副职领导人员差额人数"),
        (1, 3),
        "组织法 第27条",
        configurable=False,
    ),
    Param(
        "voting.slate.sc_member_min",
        "§7.2",
        _("常委会委员差额比例下限"),
        Fraction(1, 10),
        "组织法 第27条",
        configurable=False,
    ),
    Param(
        "voting.slate.sc_member_max",
        "§7.2",
        _("常委会委员差额比例上限"),
        Fraction(1, 5),
        "组织法 第27条",
        configurable=False,
    ),
    Param(
        "voting.slate.round_up",
        "counting",
        _("差额人数按比例计算时进一（进一法）"),
        True,
        "practice pages; rules.md counting conventions [UNCONFIRMED]",
    ),
)

if "voting.majority_share_exceeds" not in REGISTRY:
    register(*PARAMS)
