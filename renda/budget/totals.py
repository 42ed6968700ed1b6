"""The sums an import's lines roll up to (see ``models.Total``), made once when the lines are
written and read by the monitoring pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

LEVELS = (3, 5, 7)  # 类, 款, 项 digits of the functional classification


def rollup(lines: Iterable[tuple[int, str, int]]) -> list[tuple[int | None, int, str, int]]:
    """``(department_id, functional_code, amount_fen)`` → ``(department_id or None, level,
    code, amount_fen)``: the whole, each department, each code prefix at each level."""
    sums: dict[tuple[int | None, int, str], int] = defaultdict(int)
    for department, code, amount in lines:
        sums[(None, 0, "")] += amount
        sums[(department, 0, "")] += amount
        for digits in LEVELS:
            if len(code) >= digits:
                sums[(None, digits, code[:digits])] += amount
    return [(d, level, code, amount) for (d, level, code), amount in sums.items()]


def write(imp, lines: Iterable[tuple[int, str, int]], model) -> int:
    """Write the rolled-up sums of ``lines`` for ``imp``; returns how many."""
    rows = [
        model(source=imp, department_id=d, level=level, code=code, amount_fen=amount)
        for d, level, code, amount in rollup(lines)
    ]
    model.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
