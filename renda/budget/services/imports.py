"""Importing figures (S7, §4.8): check a workbook in full, then commit it in one transaction.

``budget.import.check`` keeps the workbook and records every problem with its row (nothing
of the figures is written); ``budget.import.commit`` reads the same file again and writes
its lines as the period's current version, superseding the one before (a correction, which
needs its reason; the older lines stay); ``budget.import.discard`` drops a checked or failed
workbook. The commit reports its progress through the cache for the page's progress bar.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError

from .. import scan, totals
from ..models import Classification, Department, Import, Line, Mapping, Total
from ..rules import MANAGE

I = Import.Status  # noqa: E741
D = Import.Dataset


def progress_key(pk: int) -> str:
    return f"budget:import:{pk}:progress"


def progress_of(pk: int) -> int:
    """How far the commit of an import has come, in per cent (0 before it starts)."""
    return int(cache.get(progress_key(pk)) or 0)


def _period(dataset: str, year, month) -> tuple[int, int]:
    year = validation.year(year)
    if dataset != D.EXECUTION:
        return year, 0
    month = validation.month(month)
    if month is None:
        raise DomainError("field_required", _("请填写{label}。"), field="month", label=_("月份"))
    return year, month


def current(dataset: str, year: int, month: int = 0) -> Import | None:
    """The period's current (committed) version."""
    return Import.objects.filter(dataset=dataset, year=year, month=month, status=I.COMMITTED).first()  # fmt: skip


@action("budget.import.check", model=Import, permission=MANAGE, rule="S7, §4.8", label=_("上传并校验预算数据"))  # fmt: skip
def import_check(
    ctx: ActionContext,
    *,
    dataset: str,
    year,
    month=None,
    mapping: Mapping,
    workbook,
    reason: str = "",
) -> Import:
    """Keep the workbook and check every row against the tables; write no figure."""
    validation.choice(dataset, D, field="dataset")
    year, month = _period(dataset, year, month)
    validation.upload(workbook, field="workbook", allowed=("xlsx",), purpose="budget_workbook")
    reason = validation.text(reason, field="reason", label=_("更正原因"), required=False, max_length=200)  # fmt: skip
    digest = hashlib.sha256()
    for chunk in workbook.chunks():
        digest.update(chunk)
    workbook.seek(0)
    result = scan.scan(workbook, mapping, year=year)
    before = current(dataset, year, month)
    if before is not None and not reason:
        result.error(0, "", str(_("{period}的{dataset}已导入（第{version}版）；如需更正，请填写更正原因后重新上传。")).format(  # fmt: skip
            period=before.period_label, dataset=before.get_dataset_display(), version=before.version))  # fmt: skip
    workbook.seek(0)
    imp = Import(
        dataset=dataset, year=year, month=month, mapping=mapping, reason=reason,
        status=I.CHECKED if result.ok else I.FAILED, sha256=digest.hexdigest(),
        file_name=(getattr(workbook, "name", "") or "")[:200], row_count=result.rows,
        total_fen=result.total_fen, errors=result.errors, error_count=result.error_count,
        preview={"rows": result.preview, "new_departments": result.new_departments,
                 "declared_total_fen": result.declared_total_fen},
        created_by=ctx.user,
    )  # fmt: skip
    imp.workbook.save(imp.file_name or "figures.xlsx", workbook, save=False)
    imp.save()
    ctx.changes.update(dataset=dataset, period=imp.period_label, rows=result.rows, total_fen=result.total_fen, errors=result.error_count, sha256=imp.sha256)  # fmt: skip
    return imp


@action(
    "budget.import.commit", model=Import, subject="imp", sources={I.CHECKED}, target=I.COMMITTED,
    permission=MANAGE, rule="S7, §4.8", label=_("确认导入"),
)  # fmt: skip
def import_commit(ctx: ActionContext, *, imp: Import) -> Import:
    """Write the checked lines as the period's current version, all or none."""
    before = (
        Import.objects.select_for_update()
        .filter(dataset=imp.dataset, year=imp.year, month=imp.month, status=I.COMMITTED)
        .first()
    )
    if before is not None and not imp.reason:
        raise Conflict("period_imported", _("该期间的数据已导入；更正须说明原因。"), field="reason")
    for code, name in (imp.preview.get("new_departments") or {}).items():
        Department.objects.get_or_create(code=code, defaults={"name": name})
    key = progress_key(imp.pk)
    codes = dict(Classification.objects.filter(kind=Classification.Kind.FUNCTIONAL).values_list("pk", "code"))  # fmt: skip
    pairs: dict[tuple[int, str], int] = defaultdict(int)  # (department, functional code) → fen

    def write(batch):
        Line.objects.bulk_create(
            [
                Line(source=imp, department_id=d, functional_id=f, economic_id=e, amount_fen=a)
                for d, f, e, a in batch
            ]  # fmt: skip
        )
        for d, f, _e, a in batch:
            pairs[(d, codes[f])] += a

    def report(done: int, estimate: int) -> None:
        cache.set(key, min(99, done * 100 // max(estimate, 1)), 3600)

    with imp.workbook.open("rb") as stream:
        result = scan.scan(
            stream, imp.mapping, year=imp.year, sink=write, progress=report, allow_new=False
        )
    if not result.ok or result.rows != imp.row_count or result.total_fen != imp.total_fen:
        # The tables changed since the check: nothing is written (the transaction rolls back).
        raise DomainError("import_changed", _("自校验以来分类科目或部门名录有变动，请重新校验后再导入。"))  # fmt: skip
    totals.write(imp, ((d, c, a) for (d, c), a in pairs.items()), Total)
    if before is not None:
        before.status = I.SUPERSEDED
        before.save(update_fields=["status", "updated_at"])
        imp.supersedes = before
    versions = Import.objects.filter(dataset=imp.dataset, year=imp.year, month=imp.month, committed_at__isnull=False)  # fmt: skip
    imp.version = (versions.aggregate(v=Max("version"))["v"] or 0) + 1
    imp.committed_at = ctx.now
    imp.save(update_fields=["supersedes", "version", "committed_at", "updated_at"])
    cache.set(key, 100, 3600)
    ctx.changes.update(period=imp.period_label, version=imp.version, rows=result.rows, total_fen=result.total_fen, supersedes=before.pk if before else None)  # fmt: skip
    ctx.emit("budget.figures_committed", import_id=imp.pk)
    return imp


@action(
    "budget.import.discard", model=Import, subject="imp", sources={I.CHECKED, I.FAILED},
    target=I.DISCARDED, permission=MANAGE, rule="S7, §4.8", label=_("放弃本次导入"),
)  # fmt: skip
def import_discard(ctx: ActionContext, *, imp: Import) -> Import:
    """Drop a workbook that will not be imported (it stays on record)."""
    ctx.changes.update(period=imp.period_label)
    return imp


IMPORT_ACTIONS = (import_commit, import_discard)
