"""The tables figures are read against: the classification of expenditure (imported from the
published table and updated each year), the budget departments, and the column mappings."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.people.models import Organization

from ..models import Classification, Department, Mapping
from ..rules import MANAGE
from ..scan import code_text

K = Classification.Kind
#: Digits of a code at each level (类, 款, 项).
LEVELS = {K.FUNCTIONAL: (3, 5, 7), K.ECONOMIC: (3, 5)}
TABLE_COLUMNS = ("科目编码", "科目名称")


def level_of(kind: str, code: str) -> int | None:
    lengths = LEVELS[kind]
    return lengths.index(len(code)) + 1 if code.isdigit() and len(code) in lengths else None


def parent_code(kind: str, code: str) -> str | None:
    level = level_of(kind, code)
    return code[: LEVELS[kind][level - 2]] if level and level > 1 else None


def read_table(kind: str, workbook) -> list[tuple[str, str]]:
    """(code, name) of every row of a classification workbook (columns 科目编码, 科目名称),
    each checked; refused with every problem listed."""
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(workbook, read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    except Exception as exc:
        raise DomainError("upload_unreadable", _("无法读取该 Excel 文件。"), field="workbook") from exc  # fmt: skip
    headers = [code_text(v) for v in (rows[0] if rows else ())]
    if headers[:2] != list(TABLE_COLUMNS):
        raise DomainError("import_headers", _("第一行应为列名：{columns}。"), field="workbook", columns="、".join(TABLE_COLUMNS))  # fmt: skip
    out, problems, seen = [], [], set()
    for n, row in enumerate(rows[1:], start=2):
        code, name = code_text(row[0] if row else None), str((row[1] if len(row) > 1 else "") or "").strip()  # fmt: skip
        if not code and not name:
            continue
        if level_of(kind, code) is None:
            problems.append(str(_("第{row}行：编码“{code}”不是{kind}的编码。")).format(row=n, code=code, kind=K(kind).label))  # fmt: skip
        elif not name or len(name) > 120:
            problems.append(str(_("第{row}行：请填写科目名称（不超过120字）。")).format(row=n))
        elif code in seen:
            problems.append(str(_("第{row}行：编码“{code}”重复。")).format(row=n, code=code))
        else:
            seen.add(code)
            out.append((code, name))
    for code, _name in out:
        parent = parent_code(kind, code)
        if parent and parent not in seen:
            problems.append(str(_("编码“{code}”的上级科目“{parent}”不在表中。")).format(code=code, parent=parent))  # fmt: skip
    if not out and not problems:
        problems.append(str(_("表格中没有科目。")))
    if problems:
        more = len(problems) - 20
        raise DomainError(
            "import_rows", _("表格有{count}处问题，未作任何更改：{list}"), field="workbook",
            count=len(problems), list="；".join(problems[:20]) + (f"……（另{more}处）" if more > 0 else ""),
        )  # fmt: skip
    return sorted(out, key=lambda row: (len(row[0]), row[0]))


@action("budget.classification.import", model=Classification, permission=MANAGE, rule="S7, §4.8", label=_("导入收支分类科目"))  # fmt: skip
def classification_import(
    ctx: ActionContext, *, kind: str, year, workbook, sample: bool = False
) -> dict:
    """Bring the table up to the year's edition: new codes added, renamed ones renamed, codes
    no longer in it retired from that year (kept for the years they were used)."""
    validation.choice(kind, K, field="kind")
    year = validation.year(year)
    validation.upload(workbook, field="workbook", allowed=("xlsx",), purpose="budget_workbook")
    rows = read_table(kind, workbook)
    existing = {c.code: c for c in Classification.objects.filter(kind=kind)}
    added = renamed = restored = 0
    for code, name in rows:  # parents first: sorted by length
        parent = existing.get(parent_code(kind, code) or "")
        row = existing.get(code)
        if row is None:
            existing[code] = Classification.objects.create(
                kind=kind,
                code=code,
                name=name,
                level=level_of(kind, code),
                parent=parent,
                sample=sample,
            )
            added += 1
            continue
        changed = []
        if row.name != name:
            row.name, renamed = name, renamed + 1
            changed.append("name")
        if row.retired_in is not None:
            row.retired_in, restored = None, restored + 1
            changed.append("retired_in")
        if changed:
            row.save(update_fields=[*changed, "updated_at"])
    listed = {code for code, _n in rows}
    retired = (
        Classification.objects.filter(kind=kind, retired_in__isnull=True)
        .exclude(code__in=listed)
        .update(retired_in=year)
    )
    out = {"kind": kind, "year": year, "rows": len(rows), "added": added, "renamed": renamed, "restored": restored, "retired": retired}  # fmt: skip
    ctx.changes.update(out)
    return out


@action("budget.department.create", model=Department, permission=MANAGE, rule="S7", label=_("登记预算部门"), refs={"organization": Organization})  # fmt: skip
def department_create(ctx: ActionContext, *, code: str, name: str, organization: Organization | None = None) -> Department:  # fmt: skip
    """Add a budget department under the finance bureau's code."""
    code = validation.text(code, field="code", label=_("部门编码"), max_length=20)
    name = validation.text(name, field="name", label=_("部门名称"), max_length=100)
    if Department.objects.filter(code=code).exists():
        raise Conflict("code_taken", _("部门编码“{value}”已被使用。"), field="code", value=code)
    dept = Department.objects.create(code=code, name=name, organization=organization)
    ctx.changes.update(code=code, name=name)
    return dept


@action(
    "budget.department.update", model=Department, subject="department", permission=MANAGE,
    rule="S7", label=_("修改预算部门"), refs={"organization": Organization},
)  # fmt: skip
def department_update(
    ctx: ActionContext, *, department: Department, name: str, organization: Organization | None = None, active: bool = True
) -> Department:  # fmt: skip
    """Rename a department, link it to its handling unit, or mark it no longer in use."""
    department.name = validation.text(name, field="name", label=_("部门名称"), max_length=100)
    department.organization, department.active = organization, bool(active)
    department.save(update_fields=["name", "organization", "active", "updated_at"])
    ctx.changes.update(name=department.name, organization=organization.pk if organization else None, active=department.active)  # fmt: skip
    return department


MAPPING_FIELDS = ("header_row", "department_code", "department_name", "functional_code", "economic_code", "amount", "unit", "total_label")  # fmt: skip


def _mapping_values(values: dict) -> dict:
    out = {}
    try:
        raw = values.get("header_row")
        out["header_row"] = 1 if raw in (None, "") else int(raw)
    except (TypeError, ValueError):
        out["header_row"] = 0
    if not 1 <= out["header_row"] <= 50:
        raise DomainError("invalid_header_row", _("表头所在行应为 1 至 50。"), field="header_row")
    labels = {f.name: f.verbose_name for f in Mapping._meta.fields}
    for name in ("department_code", "functional_code", "amount"):
        out[name] = validation.text(values.get(name), field=name, label=labels[name], max_length=40)
    for name in ("department_name", "economic_code", "total_label"):
        out[name] = validation.text(values.get(name), field=name, label=labels[name], required=False, max_length=40 if name != "total_label" else 20)  # fmt: skip
    out["unit"] = validation.choice(
        values.get("unit") or Mapping.Unit.WAN, Mapping.Unit, field="unit"
    )
    headers = [out[n] for n in ("department_code", "department_name", "functional_code", "economic_code", "amount") if out[n]]  # fmt: skip
    if len(set(headers)) != len(headers):
        raise DomainError("mapping_duplicate", _("同一列不能对应两项数据。"), field="amount")
    return out


@action("budget.mapping.save", model=Mapping, permission=MANAGE, rule="S7, §4.8", label=_("保存导入列对应"))  # fmt: skip
def mapping_save(
    ctx: ActionContext, *, name: str, mapping: Mapping | None = None, header_row=1,
    department_code: str = "", department_name: str = "", functional_code: str = "",
    economic_code: str = "", amount: str = "", unit: str = Mapping.Unit.WAN, total_label: str = "",
) -> Mapping:  # fmt: skip
    """Create a column mapping or change one (imports already made keep their figures)."""
    values = {
        "header_row": header_row, "department_code": department_code, "department_name": department_name,
        "functional_code": functional_code, "economic_code": economic_code, "amount": amount,
        "unit": unit, "total_label": total_label,
    }  # fmt: skip
    name = validation.text(name, field="name", label=_("名称"), max_length=60)
    if Mapping.objects.filter(name=name).filter(~Q(pk=mapping.pk) if mapping else Q()).exists():
        raise Conflict("name_taken", _("已有同名的列对应。"), field="name")
    clean = _mapping_values(values)
    row = mapping or Mapping()
    row.name = name
    for key, value in clean.items():
        setattr(row, key, value)
    row.save()
    ctx.changes.update(name=name, **clean)
    return row
