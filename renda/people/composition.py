"""Composition figures of the congress and its standing committee.

Each figure carries its threshold, the rule code from rules.md and pass/fail,
so the composition page and the compliance view read the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, format_value, params

from .models import Deputy, Jurisdiction, Membership, Organization, Person, Term
from .selectors import current_term, jurisdiction, standing_committee

AGE_BANDS = (
    (0, 35, "35岁以下"),
    (35, 45, "35–44岁"),
    (45, 55, "45–54岁"),
    (55, 65, "55–64岁"),
    (65, 200, "65岁及以上"),
)


@dataclass
class Figure:
    key: str
    label: Any
    count: int
    total: int
    rule: str = ""
    comparator: str = ""  # "≤", "≥", "range" or "" for tracked-only figures
    threshold: Any = None
    threshold_text: str = ""
    source: str = ""
    passed: bool | None = None
    breakdown: list[tuple[str, int]] = field(default_factory=list)

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.count, self.total) if self.total else None

    @property
    def percent(self) -> str:
        return "—" if self.share is None else f"{float(self.share) * 100:.1f}%"


def _share_figure(key, label, count, total, param_key, values) -> Figure:
    definition = REGISTRY[param_key]
    threshold = values[param_key]
    share = Fraction(count, total) if total else None
    if share is None:
        passed = None
    elif definition.unit == "≤":
        passed = share <= threshold
    else:
        passed = share >= threshold
    return Figure(
        key=key,
        label=label,
        count=count,
        total=total,
        rule=definition.rule,
        comparator=definition.unit,
        threshold=threshold,
        threshold_text=f"{definition.unit} {format_value(threshold)}",
        source=definition.source,
        passed=passed,
    )


def congress_figures(term: Term | None = None, today: dt.date | None = None) -> list[Figure]:
    """Figures on the seated deputies of a term (default: the current term)."""
    today = today or timezone.localdate()
    term = term or current_term(today)
    values = params(
        "composition.leading_cadre_max_share",
        "composition.reelected_min_share",
    )
    if term is None:
        return []
    seated = Deputy.objects.filter(
        term=term, status__in=[Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED]
    )
    agg = seated.aggregate(
        total=Count("id"),
        cadres=Count("id", filter=Q(occupation_category=Deputy.Occupation.LEADING_CADRE)),
        reelected=Count("id", filter=Q(is_reelected=True)),
        workers=Count("id", filter=Q(occupation_category=Deputy.Occupation.WORKER)),
        farmers=Count("id", filter=Q(occupation_category=Deputy.Occupation.FARMER)),
        professionals=Count("id", filter=Q(occupation_category=Deputy.Occupation.PROFESSIONAL)),
        women=Count("id", filter=Q(person__gender=Person.Gender.FEMALE)),
        minorities=Count("id", filter=~Q(person__ethnicity="汉族") & ~Q(person__ethnicity="")),
    )
    total = agg["total"]
    years = Counter(seated.values_list("person__birth_year", flat=True))
    bands = []
    for lo, hi, label in AGE_BANDS:
        n = sum(c for year, c in years.items() if year and lo <= today.year - year < hi)
        bands.append((label, n))
    occupation = dict(
        seated.values_list("occupation_category")
        .annotate(n=Count("id"))
        .values_list("occupation_category", "n")
    )
    figures = [
        _share_figure(
            "leading_cadres",
            _("党政领导干部代表比例"),
            agg["cadres"],
            total,
            "composition.leading_cadre_max_share",
            values,
        ),
        _share_figure(
            "reelected",
            _("连任代表比例"),
            agg["reelected"],
            total,
            "composition.reelected_min_share",
            values,
        ),
        Figure(
            "workers",
            _("一线工人代表比例"),
            agg["workers"],
            total,
            rule="S20",
            source="意见 三(十)1",
        ),
        Figure(
            "farmers", _("农民代表比例"), agg["farmers"], total, rule="S20", source="意见 三(十)1"
        ),
        Figure(
            "professionals",
            _("专业技术人员代表比例"),
            agg["professionals"],
            total,
            rule="S20",
            source="意见 三(十)1",
        ),
        Figure("women", _("女性代表比例"), agg["women"], total),
        Figure("minorities", _("少数民族代表比例"), agg["minorities"], total),
        Figure("age", _("年龄结构"), total, total, breakdown=bands),
        Figure(
            "occupation",
            _("代表构成"),
            total,
            total,
            breakdown=[
                (str(label), occupation.get(value, 0)) for value, label in Deputy.Occupation.choices
            ],
        ),
    ]
    return figures


def sc_size_range(j: Jurisdiction | None) -> tuple[int, int]:
    """Return the lawful size range of the SC for the jurisdiction (组织法 Art. 47)."""
    level = j.level if j else Jurisdiction.Level.CITY
    population = j.population if j else 0
    if level == Jurisdiction.Level.COUNTY:
        lo, hi = REGISTRY["sc_size.county"].default
        if population > REGISTRY["sc_size.county_large_population"].default:
            hi = REGISTRY["sc_size.county_large"].default
    else:
        lo, hi = REGISTRY["sc_size.city"].default
        if population > REGISTRY["sc_size.city_large_population"].default:
            hi = REGISTRY["sc_size.city_large"].default
    return lo, hi


def standing_committee_figures(today: dt.date | None = None) -> list[Figure]:
    today = today or timezone.localdate()
    sc = standing_committee()
    if sc is None:
        return []
    members = Membership.objects.filter(organization=sc, start_date__lte=today).exclude(
        end_date__lt=today
    )
    agg = members.aggregate(
        total=Count("person", distinct=True),
        full_time=Count("person", distinct=True, filter=Q(is_full_time=True)),
    )
    lo, hi = sc_size_range(jurisdiction())
    size = Figure(
        key="sc_size",
        label=_("常委会组成人员人数"),
        count=agg["total"],
        total=agg["total"],
        rule="§8.15",
        comparator="range",
        threshold=(lo, hi),
        threshold_text=f"{lo}–{hi}",
        source=REGISTRY["sc_size.city"].source,
        passed=lo <= agg["total"] <= hi,
    )
    values = params("composition.sc_full_time_min_share")
    full_time = _share_figure(
        "sc_full_time",
        _("常委会专职组成人员比例"),
        agg["full_time"],
        agg["total"],
        "composition.sc_full_time_min_share",
        values,
    )
    return [size, full_time]


def organization_counts() -> dict[str, int]:
    return dict(
        Organization.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
