"""Reading a finance bureau's workbook of figures: every row checked, streamed.

:func:`scan` reads the first sheet of an xlsx row by row (openpyxl's read-only mode, so the
memory it takes does not grow with the rows), maps the columns with a :class:`Mapping`, and
checks each row: a department code the register knows (or a new one with its name), a
functional code of the classification table at its lowest level and in use that year, an
economic code if the layout has one, an amount in the mapping's unit to the fen, no line
twice, and — where the sheet has a total row — a total equal to the sum of the lines. It
reports every problem with its row number and column (the first :data:`MAX_LISTED`, and how
many there were). Given a ``sink``, it hands the checked lines over in batches; the import
action writes them in one transaction only when the whole file passed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from .models import Classification, Department, Mapping

#: Row problems listed in full; the rest are counted.
MAX_LISTED = 200
#: Lines shown in the preview before the import is confirmed.
PREVIEW_ROWS = 20
BATCH = 5000
FEN_PER = {Mapping.Unit.YUAN: 100, Mapping.Unit.WAN: 1_000_000}
_SPACE = re.compile(r"[\s\u3000]+")


@dataclass
class Result:
    rows: int = 0
    total_fen: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0
    preview: list[list[str]] = field(default_factory=list)
    new_departments: dict[str, str] = field(default_factory=dict)
    declared_total_fen: int | None = None

    def error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append({"row": row, "column": column, "message": message})

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def _header(value: Any) -> str:
    return _SPACE.sub("", "" if value is None else str(value))


def code_text(value: Any) -> str:
    """A code cell as text: 2010101 typed as a number reads as "2010101", never "2010101.0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACE.sub("", str(value))


def to_fen(value: Any, unit: str) -> int | None:
    """The amount in fen, or None when the cell is not a number to the fen."""
    if value is None or value == "" or isinstance(value, bool | dt.date):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip()) * FEN_PER[unit]
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or amount != amount.to_integral_value():
        return None
    return int(amount)


def yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:,.2f}"


class Tables:
    """The classification codes and departments, loaded once per scan."""

    def __init__(self, year: int):
        rows = list(Classification.objects.values_list("id", "kind", "code", "parent_id", "retired_in"))  # fmt: skip
        parents = {parent for *_x, parent, _r in rows if parent}
        self.codes = {(kind, code): (pk, pk in parents, retired is not None and retired <= year) for pk, kind, code, _p, retired in rows}  # fmt: skip
        self.departments = dict(Department.objects.values_list("code", "id"))


def scan(
    stream,
    mapping: Mapping,
    *,
    year: int,
    sink: Callable[[list[tuple[int | str, int, int | None, int]]], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    allow_new: bool = True,
) -> Result:
    """Check every row of the workbook in ``stream``; hand the lines to ``sink`` in batches as
    (department id or new code, functional id, economic id, fen). ``allow_new=False`` refuses
    a department the register does not hold, whatever its row says."""
    from openpyxl import load_workbook

    result = Result()
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # a broken file is the user's input, never a 500
        result.error(0, "", _("无法读取该 Excel 文件。"))
        return result
    try:
        sheet = book.worksheets[0]
        estimate = sheet.max_row or 0
        tables = Tables(year)
        _scan_rows(sheet, mapping, tables, result, sink, progress, estimate, allow_new)
    finally:
        book.close()
    return result


def _scan_rows(sheet, mapping, tables, result, sink, progress, estimate, allow_new) -> None:
    wanted = mapping.columns()
    index: dict[str, int] = {}
    seen: set[tuple[str, str, str]] = set()
    batch: list[tuple[int | str, int, int | None, int]] = []
    unit = mapping.unit
    total_label = mapping.total_label.strip()
    total_row = 0
    for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if n < mapping.header_row:
            continue
        if n == mapping.header_row:
            headers = [_header(v) for v in row]
            for key, title in wanted.items():
                if _header(title) in headers:
                    index[key] = headers.index(_header(title))
                else:
                    result.error(
                        n, title, _("第{row}行找不到“{title}”列。").format(row=n, title=title)
                    )
            if not result.ok:
                return
            continue
        cells = {key: (row[i] if i < len(row) else None) for key, i in index.items()}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue
        dept = code_text(cells.get("department_code"))
        fen = to_fen(cells.get("amount"), unit)
        if total_label and dept == total_label:
            if total_row:
                result.error(n, wanted["department_code"], _("合计行只能有一行（第{row}行已是合计行）。").format(row=total_row))  # fmt: skip
            elif fen is None:
                result.error(n, wanted["amount"], _("合计行的金额不是有效数字。"))
            else:
                total_row, result.declared_total_fen = n, fen
            continue
        before = result.error_count
        department: int | str | None = None
        if not dept:
            result.error(n, wanted["department_code"], _("请填写部门编码。"))
        elif dept in tables.departments:
            department = tables.departments[dept]
        else:
            name = str(cells.get("department_name") or "").strip()
            if name and allow_new:
                department = dept
                result.new_departments.setdefault(dept, name[:100])
            else:
                result.error(n, wanted["department_code"], _("部门编码“{code}”不在预算部门名录中。").format(code=dept))  # fmt: skip
        functional = _code(result, tables, n, wanted["functional_code"], Classification.Kind.FUNCTIONAL, code_text(cells.get("functional_code")), required=True)  # fmt: skip
        economic = None
        if "economic_code" in index:
            economic = _code(result, tables, n, wanted["economic_code"], Classification.Kind.ECONOMIC, code_text(cells.get("economic_code")), required=False)  # fmt: skip
        if fen is None:
            result.error(n, wanted["amount"], _("金额“{value}”不是精确到分的数字。").format(value=cells.get("amount") if cells.get("amount") is not None else ""))  # fmt: skip
        if result.error_count > before:
            continue
        key = (dept, code_text(cells.get("functional_code")), code_text(cells.get("economic_code")))
        if key in seen:
            result.error(n, wanted["functional_code"], _("同一部门、同一科目的数据重复。"))
            continue
        seen.add(key)
        result.rows += 1
        result.total_fen += fen
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append([dept, key[1], key[2], yuan(fen)])
        if sink is not None:
            batch.append((department, functional, economic, fen))
            if len(batch) >= BATCH:
                sink(batch)
                batch = []
        if progress is not None and result.rows % 1000 == 0:
            progress(n, estimate)
    if result.ok and result.rows == 0:
        result.error(0, "", _("表格中没有数据行。"))
    if total_row and result.declared_total_fen != result.total_fen:
        result.error(
            total_row, wanted["amount"],
            _("合计行金额 {total} 元与各行之和 {sum} 元不符。").format(
                total=yuan(result.declared_total_fen or 0), sum=yuan(result.total_fen)
            ),
        )  # fmt: skip
    if sink is not None and batch and result.ok:
        sink(batch)
    if progress is not None:
        progress(estimate, estimate)


def _code(result, tables, n, column, kind, code, *, required) -> int | None:
    if not code:
        if required:
            result.error(n, column, _("请填写科目编码。"))
        return None
    found = tables.codes.get((kind, code))
    if found is None:
        result.error(n, column, _("科目编码“{code}”不在{kind}表中。").format(code=code, kind=Classification.Kind(kind).label))  # fmt: skip
        return None
    pk, has_children, retired = found
    if has_children:
        result.error(n, column, _("科目“{code}”有下级科目，请填写到最末级。").format(code=code))
        return None
    if retired:
        result.error(n, column, _("科目“{code}”在该年度已停用。").format(code=code))
        return None
    return pk
