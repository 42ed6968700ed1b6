"""Budget-execution monitoring (§4.8 联网监督) read from the current figures.

The base of a year is its current adjusted budget, or the approved budget while there is no
adjustment; the execution is the current import of the latest month (cumulative to its end).
Each row compares what was spent with the base (the execution rate) and with the time elapsed
(month / 12): a rate further behind or ahead than ``budget.deviation_points`` percentage
points is flagged. The whole budget, each department and each functional class (类 3 digits,
款 5, 项 7) are read from the sums kept with each import (``Total``); one department's classes
and lines are summed from its own lines. The same month of the year before stands beside each
figure; each read takes a fixed number of queries, whatever the number of lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Max, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from renda.core.statute import param

from .models import Classification, Department, Import, Line, Total
from .scan import yuan

FLAGS = {"slow": _("滞后"), "fast": _("超前"), "": ""}
D = Import.Dataset
COMMITTED = Import.Status.COMMITTED


@dataclass
class Period:
    year: int
    month: int
    base: Import | None
    execution: Import | None
    last_year: Import | None

    @property
    def elapsed(self) -> Decimal:
        """Time elapsed in the year, in per cent."""
        return (Decimal(self.month) * 100 / 12).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Row:
    key: str
    name: str
    budget_fen: int
    executed_fen: int
    last_year_fen: int | None
    elapsed: Decimal
    threshold: int
    pk: int | None = None
    kind: str = ""  # department · class · line
    # rate, deviation, flag and growth are worked out once, when first read (a page reads each
    # several times), after the amounts are set.

    @cached_property
    def rate(self) -> Decimal | None:
        if not self.budget_fen:
            return None
        return (Decimal(self.executed_fen) * 100 / self.budget_fen).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    @cached_property
    def deviation(self) -> Decimal | None:
        return None if self.rate is None else self.rate - self.elapsed

    @cached_property
    def flag(self) -> str:
        """ "slow", "fast" or "" against the threshold (no budget and some spending: "fast")."""
        if self.rate is None:
            return "fast" if self.executed_fen > 0 else ""
        if self.deviation < -self.threshold:
            return "slow"
        if self.deviation > self.threshold:
            return "fast"
        return ""

    @cached_property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{self.rate}%"

    @cached_property
    def deviation_text(self) -> str:
        return "—" if self.deviation is None else f"{self.deviation:+}"

    @cached_property
    def growth_text(self) -> str:
        return "—" if self.growth is None else f"{self.growth:+}%"

    @property
    def flag_label(self) -> str:
        return str(FLAGS[self.flag])

    @property
    def budget_yuan(self) -> str:
        return yuan(self.budget_fen)

    @property
    def executed_yuan(self) -> str:
        return yuan(self.executed_fen)

    @property
    def last_year_yuan(self) -> str:
        return "—" if self.last_year_fen is None else yuan(self.last_year_fen)

    @cached_property
    def growth(self) -> Decimal | None:
        """Change of the spending against the same month of the year before, in per cent."""
        if not self.last_year_fen:
            return None
        return ((Decimal(self.executed_fen) - self.last_year_fen) * 100 / self.last_year_fen).quantize(Decimal("0.1"), ROUND_HALF_UP)  # fmt: skip


def _current(dataset: str, year: int, month: int = 0) -> Import | None:
    return Import.objects.filter(dataset=dataset, year=year, month=month, status=COMMITTED).first()


def latest_month(year: int) -> int | None:
    return Import.objects.filter(dataset=D.EXECUTION, year=year, status=COMMITTED).aggregate(m=Max("month"))["m"]  # fmt: skip


def years() -> list[int]:
    return sorted(set(Import.objects.filter(status=COMMITTED).values_list("year", flat=True)), reverse=True)  # fmt: skip


def period(year: int, month: int | None = None) -> Period:
    """The base, the execution of ``month`` (default: the latest imported) and the year
    before's same month."""
    month = month or latest_month(year) or 0
    base = _current(D.ADJUSTMENT, year) or _current(D.BUDGET, year)
    execution = _current(D.EXECUTION, year, month) if month else None
    last = _current(D.EXECUTION, year - 1, month) if month else None
    return Period(year, month, base, execution, last)


def _sums(imp: Import | None, key, **filters) -> dict:
    """Sums of an import's lines grouped by ``key`` (a field or an expression)."""
    if imp is None:
        return {}
    rows = Line.objects.filter(source=imp, **filters)
    if not isinstance(key, str):
        rows = rows.annotate(k=key)
        key = "k"
    return {r[key]: r["t"] for r in rows.values(key).annotate(t=Sum("amount_fen")).order_by()}


def _totals(p: Period, key: str, **filters) -> tuple[dict, dict, dict]:
    """The kept sums (``Total``) of the base, the execution and the year before, by ``key``,
    in one query."""
    imports = {imp.pk: i for i, imp in enumerate((p.base, p.execution, p.last_year)) if imp}
    out: tuple[dict, dict, dict] = ({}, {}, {})
    if imports:
        for source, k, t in Total.objects.filter(source__in=imports, **filters).values_list("source", key, "amount_fen"):  # fmt: skip
            out[imports[source]][k] = t
    return out


def _rows(p: Period, sums: tuple[dict, dict, dict]) -> list[Row]:
    budget, spent, last = sums
    threshold = param("budget.deviation_points")
    return [
        Row(
            str(k),
            "",
            budget.get(k, 0),
            spent.get(k, 0),
            last.get(k) if p.last_year else None,
            p.elapsed,
            threshold,
        )  # fmt: skip
        for k in set(budget) | set(spent)
    ]


def total(p: Period) -> Row:
    """The whole budget in one row."""
    budget, spent, last = _totals(p, "level", department=None, level=0)
    threshold = param("budget.deviation_points")
    return Row("", "", budget.get(0, 0), spent.get(0, 0), last.get(0, 0) if p.last_year else None, p.elapsed, threshold)  # fmt: skip


def by_department(p: Period) -> list[Row]:
    """One row per department, the furthest behind first."""
    sums = _rows(p, _totals(p, "department", department__isnull=False, level=0))
    depts = {d.pk: d for d in Department.objects.filter(pk__in=[int(r.key) for r in sums])}
    for r in sums:
        d = depts.get(int(r.key))
        r.pk, r.name, r.key = (d.pk, d.name, d.code) if d else (None, "", r.key)
        r.kind = "department"
    return sorted(sums, key=_order)


def by_class(p: Period, *, digits: int = 3, within: str = "", department: Department | None = None) -> list[Row]:  # fmt: skip
    """One row per functional class at ``digits`` (3 类, 5 款, 7 项), inside the code prefix
    ``within`` and the ``department`` if given, in code order. The whole budget's classes
    come from the kept sums; one department's from its own lines."""
    if department is None:
        filters = {"department": None, "level": digits}
        if within:
            filters["code__startswith"] = within
        sums = _rows(p, _totals(p, "code", **filters))
    else:
        filters = {"department": department}
        if within:
            filters["functional__code__startswith"] = within
        key = Substr("functional__code", 1, digits)
        sums = _rows(p, tuple(_sums(imp, key, **filters) for imp in (p.base, p.execution, p.last_year)))  # fmt: skip
    names = dict(Classification.objects.filter(kind=Classification.Kind.FUNCTIONAL, code__in=[r.key for r in sums]).values_list("code", "name"))  # fmt: skip
    for r in sums:
        r.name, r.kind = names.get(r.key, ""), "class"
    return sorted(sums, key=lambda r: r.key)


def by_line(p: Period, department: Department) -> list[Row]:
    """A department's lines (functional × economic code), the largest budget first."""
    key = ("functional__code", "economic__code")
    out: dict[tuple, Row] = {}
    threshold = param("budget.deviation_points")
    for label, imp in (("budget", p.base), ("spent", p.execution), ("last", p.last_year)):
        if imp is None:
            continue
        for r in Line.objects.filter(source=imp, department=department).values(*key, "functional__name", "economic__name").annotate(t=Sum("amount_fen")).order_by():  # fmt: skip
            k = (r["functional__code"], r["economic__code"] or "")
            row = out.setdefault(k, Row(f"{k[0]} {k[1]}".strip(), f"{r['functional__name']}{' / ' + r['economic__name'] if r['economic__name'] else ''}", 0, 0, 0 if p.last_year else None, p.elapsed, threshold, kind="line"))  # fmt: skip
            if label == "budget":
                row.budget_fen = r["t"]
            elif label == "spent":
                row.executed_fen = r["t"]
            else:
                row.last_year_fen = r["t"]
    return sorted(out.values(), key=lambda r: (-r.budget_fen, r.key))


def row_for(p: Period, *, department: Department | None = None, code: str = "") -> Row | None:
    """The one row of a department, or of a functional code at its own level."""
    if department is not None:
        return next((r for r in by_department(p) if r.pk == department.pk), None)
    return next((r for r in by_class(p, digits=len(code), within=code[:3]) if r.key == code), None)


def deviations(p: Period) -> list[Row]:
    """Departments and functional classes (类) flagged, the largest deviation first."""
    rows = [r for r in by_department(p) + by_class(p) if r.flag]
    return sorted(rows, key=lambda r: -abs(r.deviation) if r.deviation is not None else -(10**9))


def _order(r: Row):
    return (r.deviation if r.deviation is not None else Decimal(10**6), r.key)
