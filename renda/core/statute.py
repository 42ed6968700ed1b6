"""Every statutory or practice number Renda enforces, each in one place.

A :class:`Param` names its rule code from ``rules.md`` (an S-code for a clause of
the seed, or a §-number for a statute or local practice), its default (the
seed's value where the seed gives one) and whether local practice may change
it. Local values are stored in :class:`renda.core.models.RuleSetting`; read a
number with :func:`param`, never by writing it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from .errors import DomainError


@dataclass(frozen=True)
class Param:
    key: str
    rule: str
    label: Any
    default: Any
    source: str
    configurable: bool = True
    unit: str = ""

    def parse(self, raw: str) -> Any:
        kind = type(self.default)
        if kind is Fraction:
            return Fraction(raw.strip())
        if kind is bool:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if kind is int:
            return int(raw)
        if kind is tuple:
            return tuple(int(part) for part in raw.split(","))
        return raw


REGISTRY: dict[str, Param] = {}


def register(*params: Param) -> None:
    for p in params:
        if p.key in REGISTRY:
            raise ValueError(f"duplicate statute parameter {p.key}")
        REGISTRY[p.key] = p


register(
    # Composition of the congress (seed 三(十)1, 三(十)3) and of the standing committee.
    Param(
        "composition.leading_cadre_max_share",
        "S20",
        _("党政领导干部代表比例上限"),
        Fraction(1, 3),
        "意见 三(十)1; rules.md §2.10 [UNCONFIRMED as law]",
        unit="≤",
    ),
    Param(
        "composition.reelected_min_share",
        "S21",
        _("连任代表比例下限"),
        Fraction(1, 3),
        "意见 三(十)3; rules.md §2.10 [UNCONFIRMED as law]",
        unit="≥",
    ),
    Param(
        "composition.sc_full_time_min_share",
        "S28",
        _("常委会专职组成人员比例下限"),
        Fraction(3, 5),
        "意见 四(十四)1; rules.md §8.16 [UNCONFIRMED as law]",
        unit="≥",
    ),
    Param(
        "sc_size.city",
        "§8.15",
        _("设区的市常委会组成人员人数范围"),
        (29, 51),
        "组织法 第47条",
        configurable=False,
    ),
    Param(
        "sc_size.city_large",
        "§8.15",
        _("人口超过八百万的设区的市常委会组成人员人数上限"),
        61,
        "组织法 第47条",
        configurable=False,
    ),
    Param(
        "sc_size.city_large_population",
        "§8.15",
        _("设区的市人口超过此数可增至上限"),
        8_000_000,
        "组织法 第47条",
        configurable=False,
    ),
    Param(
        "sc_size.county",
        "§8.15",
        _("县级常委会组成人员人数范围"),
        (15, 35),
        "组织法 第47条",
        configurable=False,
    ),
    Param(
        "sc_size.county_large",
        "§8.15",
        _("人口超过一百万的县常委会组成人员人数上限"),
        45,
        "组织法 第47条",
        configurable=False,
    ),
    Param(
        "sc_size.county_large_population",
        "§8.15",
        _("县人口超过此数可增至上限"),
        1_000_000,
        "组织法 第47条",
        configurable=False,
    ),
    Param(
        "deputy.unapproved_absence_limit",
        "S22",
        _("未经批准不出席人代会会议终止代表资格的次数"),
        2,
        "代表法 第62条 (2025); 意见 三(十)5",
        configurable=False,
    ),
    Param(
        "deputy.training_per_term",
        "S24",
        _("每届任期内每名代表至少轮训次数"),
        1,
        "意见 三(十一)3 [UNCONFIRMED as law]",
    ),
    Param(
        "deputy.voter_reports_per_term",
        "§2.5",
        _("每届任期内每名代表至少向选民或原选举单位述职次数"),
        1,
        "代表法 第58条; 意见 三(十一)7 [frequency UNCONFIRMED nationally]",
    ),
    Param(
        "deputy.recall_petition_county",
        "§2.11",
        _("原选区选民联名提出罢免县级人大代表要求的最低人数"),
        50,
        "选举法 第50条",
        configurable=False,
    ),
    Param(
        "deputy.recall_petition_township",
        "§2.11",
        _("原选区选民联名提出罢免乡级人大代表要求的最低人数"),
        30,
        "选举法 第50条",
        configurable=False,
    ),
    Param(
        "deputy.recall_majority",
        "§2.11",
        _("罢免由选民直接选出的代表须经原选区选民通过的比例（超过）"),
        Fraction(1, 2),
        "选举法 第53条",
        configurable=False,
    ),
    Param(
        "deputy.forwarded_letter_reply_days",
        "S25",
        _("转交有关单位的群众来信办理期限（日）"),
        60,
        "信访工作条例 第三十二条 [local practice]",
    ),
    Param(
        "contact.sc_member_per_quarter",
        "§2.9",
        _("常委会组成人员每季度至少联系代表次数"),
        1,
        "意见 三(十一)2; 地方代表法实施办法 [local]",
    ),
    Param(
        "contact.deputy_per_quarter",
        "§2.9",
        _("代表每季度至少联系群众次数（含进站接待）"),
        1,
        "意见 三(十一)2; 山东：代表小组每年不少于4次 [local]",
    ),
    Param(
        "contact.reception_days_per_year",
        "§2.9",
        _("代表每年至少进站接待选民次数"),
        2,
        "北京：代表接待选民日每年不少于2次 [local]",
    ),
    Param(
        "calendar.count_start_day",
        "counting",
        _("按工作日计算的期限是否计入起算当日"),
        False,
        "民法典 第201条 [UNCONFIRMED for these procedures]",
    ),
)


def _overrides() -> dict[str, str]:
    from .models import RuleSetting

    return dict(RuleSetting.objects.values_list("key", "value"))


def param(key: str, overrides: dict[str, str] | None = None) -> Any:
    """Return the value of one parameter, local setting first, then the default."""
    try:
        definition = REGISTRY[key]
    except KeyError as exc:
        raise KeyError(f"unknown statute parameter {key}") from exc
    if not definition.configurable:
        return definition.default
    values = _overrides() if overrides is None else overrides
    raw = values.get(key)
    if raw is None:
        return definition.default
    return definition.parse(raw)


def params(*keys: str) -> dict[str, Any]:
    """Return several parameters with one query."""
    values = _overrides()
    return {key: param(key, values) for key in keys}


def validate_setting(key: str, raw: str) -> Any:
    """Parse a proposed local value or raise a :class:`DomainError`."""
    definition = REGISTRY.get(key)
    if definition is None:
        raise DomainError("rule_unknown", _("未知的规则参数：{key}。"), field="key", key=key)
    if not definition.configurable:
        raise DomainError(
            "rule_not_configurable",
            _("参数 {key} 由法律规定，不能在本地修改。"),
            field="key",
            key=key,
        )
    try:
        return definition.parse(raw)
    except (ValueError, ZeroDivisionError) as exc:
        raise DomainError(
            "rule_value_invalid",
            _("参数 {key} 的取值“{raw}”格式不正确。"),
            field="value",
            key=key,
            raw=raw,
        ) from exc


def format_value(value: Any) -> str:
    if isinstance(value, Fraction):
        if value.denominator in (3, 2):
            return f"{value.numerator}/{value.denominator}"
        return f"{float(value) * 100:.0f}%"
    if isinstance(value, tuple):
        return "–".join(str(v) for v in value)
    return str(value)
