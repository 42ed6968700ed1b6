"""What the public sees of the budget (S7, §4.7): the documents published, the congress's
review of each, the figures of the documents already public, and the audit rectification
once its report has been heard.

Figures are shown only for a document the tracker records as published: the whole budget by
functional class (类) from the approved budget, the adjustment and the final accounts; a
department's total from its own department budget or accounts once those are published. A
year's documents are those approved in it, so its final accounts are the year before's. Monthly execution stays with the committee. Everything is read from the sums kept
with each import, in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from .models import Classification, Import, Milestone, Publication, Total
from .scan import yuan
from .services.audit import summary as audit_summary

P = Publication.Kind
D = Import.Dataset
#: Which import each published document shows — its dataset and how many years before the
#: document's year — for the whole budget and for a department.
WHOLE = ((P.BUDGET, D.BUDGET, 0), (P.ADJUSTMENT, D.ADJUSTMENT, 0), (P.FINAL_ACCOUNTS, D.FINAL, 1))
OWN = ((P.DEPARTMENT_BUDGET, D.BUDGET, 0), (P.DEPARTMENT_ACCOUNTS, D.FINAL, 1))


@dataclass
class Figures:
    """Rows of (code or department, name, [(column, yuan)]) under the published columns."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    totals: list[tuple[str, str]] = field(default_factory=list)


def years() -> list[int]:
    """Years with something public, the latest first."""
    published = Publication.objects.filter(published_on__isnull=False).values_list("year", flat=True)  # fmt: skip
    heard = Milestone.objects.filter(status=Milestone.Status.HEARD).values_list("year", flat=True)
    return sorted(set(published) | set(heard), reverse=True)


def publications(year: int):
    """The documents of ``year`` published, with their dates and links."""
    return (
        Publication.objects.filter(year=year, published_on__isnull=False)
        .select_related("department")
        .order_by("approved_on", "department__code", "id")
    )


def reviews(year: int):
    """The steps of the year the congress or its standing committee has heard."""
    return (
        Milestone.objects.filter(year=year, status=Milestone.Status.HEARD)
        .select_related("meeting")
        .order_by("heard_on", "id")
    )


def _imports(year: int, wanted) -> dict[tuple[str, int], Import]:
    """The current imports of (dataset, years before ``year``), in one query."""
    query = Q(pk__in=[])
    for dataset, back in wanted:
        query |= Q(dataset=dataset, year=year - back)
    found = Import.objects.filter(query, month=0, status=Import.Status.COMMITTED)
    return {(i.dataset, year - i.year): i for i in found}


def figures(year: int, published: list[Publication]) -> tuple[Figures, Figures]:
    """The whole budget by class and the departments' totals, for the published documents."""
    kinds = {p.kind for p in published}
    own_depts: dict[str, set[int]] = {}
    for p in published:
        if p.department_id:
            own_depts.setdefault(p.kind, set()).add(p.department_id)
    whole = [w for w in WHOLE if w[0] in kinds]
    own = [o for o in OWN if own_depts.get(o[0])]
    imports = _imports(year, {(d, back) for _k, d, back in whole + own})
    whole = [(k, imports[(d, back)]) for k, d, back in whole if (d, back) in imports]
    own = [(k, imports[(d, back)]) for k, d, back in own if (d, back) in imports]
    if not whole and not own:
        return Figures(), Figures()
    query = Q()
    for _k, imp in whole:
        query |= Q(source=imp, department=None, level__in=(0, 3))
    for k, imp in own:
        query |= Q(source=imp, level=0, department__in=own_depts[k])
    sums: dict[tuple[int, int | None, str], int] = {}
    names: dict[int, tuple[str, str]] = {}
    for t in Total.objects.filter(query).select_related("department"):
        sums[(t.source_id, t.department_id, t.code)] = t.amount_fen
        if t.department_id:
            names[t.department_id] = (t.department.code, t.department.name)
    labels = dict(P.choices)

    def column(kind: str, imp: Import) -> str:
        return f"{labels[kind]}（{imp.year}）"

    classes = Figures(columns=[column(k, i) for k, i in whole])
    codes = sorted({c for (s, d, c) in sums if d is None and c})
    class_names = dict(Classification.objects.filter(kind=Classification.Kind.FUNCTIONAL, code__in=codes).values_list("code", "name"))  # fmt: skip
    for code in codes:
        classes.rows.append((code, class_names.get(code, ""), list(zip(classes.columns, [_cell(sums, imp, None, code) for _k, imp in whole], strict=True))))  # fmt: skip
    classes.totals = list(zip(classes.columns, [_cell(sums, imp, None, "") for _k, imp in whole], strict=True))  # fmt: skip
    depts = Figures(columns=[column(k, i) for k, i in own])
    for pk, (code, name) in sorted(names.items(), key=lambda kv: kv[1][0]):
        depts.rows.append((code, name, list(zip(depts.columns, [_cell(sums, imp, pk, "") if pk in own_depts[k] else "—" for k, imp in own], strict=True))))  # fmt: skip
    return classes, depts


def _cell(sums: dict, imp: Import, department: int | None, code: str) -> str:
    amount = sums.get((imp.pk, department, code))
    return "—" if amount is None else yuan(amount)


def overview(year: int, today: dt.date) -> dict:
    """Everything public of ``year``."""
    published = list(publications(year))
    heard = list(reviews(year))
    classes, departments = figures(year, published)
    audit = None
    if any(m.kind == Milestone.Kind.RECTIFICATION for m in heard):
        audit = audit_summary(year, today)
        audit["amount_yuan"] = yuan(audit["amount"])
    return {
        "year": year,
        "publications": published,
        "reviews": heard,
        "classes": classes,
        "departments": departments,
        "audit": audit,
    }
