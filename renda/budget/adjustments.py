"""Adjustments and transfers between items (§4.8; 预算法 第67、69、72条): how far the
adjustment moved each department's budget from the one approved, and how much it shifted
between the department's functional items (科目流用), flagged past
``budget.adjustment_points`` and ``budget.transfer_points`` per cent of the approved budget.

A department's transfers are the smaller of what its items gained and what they lost: the
amount moved from some items to others, whatever the net change. Read from the lines of the
two imports in three queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Sum

from renda.core.statute import param

from .models import Department, Import, Line
from .scan import yuan

D = Import.Dataset


@dataclass
class Change:
    department: Department
    approved_fen: int
    adjusted_fen: int
    moved_fen: int
    adjustment_points: int
    transfer_points: int

    @property
    def change_fen(self) -> int:
        return self.adjusted_fen - self.approved_fen

    def _pct(self, amount: int) -> Decimal | None:
        if not self.approved_fen:
            return None
        return (Decimal(amount) * 100 / self.approved_fen).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @cached_property
    def change_pct(self) -> Decimal | None:
        return self._pct(self.change_fen)

    @cached_property
    def moved_pct(self) -> Decimal | None:
        return self._pct(self.moved_fen)

    @cached_property
    def adjusted_flag(self) -> bool:
        if self.change_pct is None:
            return self.adjusted_fen != 0
        return abs(self.change_pct) > self.adjustment_points

    @cached_property
    def transferred_flag(self) -> bool:
        return self.moved_pct is not None and self.moved_pct > self.transfer_points

    @property
    def flagged(self) -> bool:
        return self.adjusted_flag or self.transferred_flag

    def cells(self) -> list:
        pct = lambda v: "—" if v is None else f"{v:+}%"  # noqa: E731
        return [
            self.department.code, self.department.name, yuan(self.approved_fen), yuan(self.adjusted_fen),
            yuan(self.change_fen), pct(self.change_pct), yuan(self.moved_fen),
            "—" if self.moved_pct is None else f"{self.moved_pct}%",
        ]  # fmt: skip


def imports(year: int) -> tuple[Import | None, Import | None]:
    found = {i.dataset: i for i in Import.objects.filter(year=year, month=0, dataset__in=(D.BUDGET, D.ADJUSTMENT), status=Import.Status.COMMITTED)}  # fmt: skip
    return found.get(D.BUDGET), found.get(D.ADJUSTMENT)


def _items(imp: Import) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for d, code, t in Line.objects.filter(source=imp).values_list("department", "functional__code").annotate(t=Sum("amount_fen")).order_by():  # fmt: skip
        out[d][code] = t
    return out


def changes(year: int) -> list[Change]:
    """One row per department of the approved budget or the adjustment, flagged first, then
    the largest change."""
    approved, adjusted = imports(year)
    if approved is None or adjusted is None:
        return []
    before, after = _items(approved), _items(adjusted)
    points, transfer = param("budget.adjustment_points"), param("budget.transfer_points")
    depts = Department.objects.in_bulk(set(before) | set(after))
    rows = []
    for pk, dept in depts.items():
        old, new = before.get(pk, {}), after.get(pk, {})
        gained = sum(max(0, new.get(c, 0) - old.get(c, 0)) for c in set(old) | set(new))
        lost = sum(max(0, old.get(c, 0) - new.get(c, 0)) for c in set(old) | set(new))
        rows.append(Change(dept, sum(old.values()), sum(new.values()), min(gained, lost), points, transfer))  # fmt: skip
    return sorted(rows, key=lambda r: (not r.flagged, -abs(r.change_fen), r.department.code))
