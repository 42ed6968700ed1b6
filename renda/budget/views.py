"""Pages of budget review and monitoring: imports with their check and commit, and the
tables they are read against (classification, departments, column mappings)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.pages import perform
from renda.core.views import add_domain_error, paginate, permission_required

from . import forms as f
from . import scan, services
from .models import Classification, Department, Import, Mapping
from .rules import MANAGE, VIEW

IMPORT_SUCCESS = {
    "commit": _("数据已导入，成为该期间的现行版本。"),
    "discard": _("已放弃本次导入。"),
}


@permission_required(VIEW)
def index(request):
    """Which figures are in: for each year, the current version of each dataset and month."""
    current = (
        Import.objects.filter(status=Import.Status.COMMITTED)
        .order_by("-year", "dataset", "month")
        .values("pk", "year", "dataset", "month", "version", "row_count", "total_fen")
    )
    years: dict[int, dict] = {}
    for row in current:
        year = years.setdefault(row["year"], {"annual": {}, "months": {}})
        row["total"] = scan.yuan(row["total_fen"])
        if row["dataset"] == Import.Dataset.EXECUTION:
            year["months"][row["month"]] = row
        else:
            year["annual"][row["dataset"]] = row
    annual = [(k, v) for k, v in Import.Dataset.choices if k != Import.Dataset.EXECUTION]
    table = [
        {
            "year": y,
            "annual": [(label, d["annual"].get(k)) for k, label in annual],
            "months": [d["months"].get(m) for m in range(1, 13)],
        }  # fmt: skip
        for y, d in sorted(years.items(), reverse=True)
    ]
    return render(request, "budget/index.html", {"table": table, "annual": annual, "months": range(1, 13), "can_manage": request.user.has_perm(MANAGE)})  # fmt: skip


def _imports(request, form=None, status=200):
    rows = Import.objects.select_related("created_by__person", "mapping").defer("preview", "errors")
    dataset = request.GET.get("dataset", "")
    if dataset in Import.Dataset.values:
        rows = rows.filter(dataset=dataset)
    return render(
        request, "budget/import_list.html",
        {"form": form or f.ImportForm(auto_id="import_%s"), "can_manage": request.user.has_perm(MANAGE),
         "datasets": Import.Dataset.choices, "dataset": dataset, "mappings": Mapping.objects.exists(),
         **paginate(request, rows.order_by("-created_at", "-id"))},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def import_list(request):
    return _imports(request)


@require_POST
@permission_required(MANAGE)
def import_check(request):
    """Upload a workbook: it is checked in full and kept; nothing is imported yet."""
    form = f.ImportForm(request.POST, request.FILES, auto_id="import_%s")
    if form.is_valid():
        try:
            imp = services.import_check(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            if imp.status == Import.Status.CHECKED:
                messages.success(request, _("校验通过，请核对预览后确认导入。"))
            else:
                messages.error(request, _("校验未通过，未导入任何数据；请按下列问题修改工作簿后重新上传。"))  # fmt: skip
            return redirect("budget:import_detail", imp.pk)
    return _imports(request, form=form, status=400)


@permission_required(VIEW)
def import_detail(request, pk: int):
    imp = get_object_or_404(Import.objects.select_related("mapping", "created_by__person", "supersedes"), pk=pk)  # fmt: skip
    before = None
    if imp.status == Import.Status.CHECKED:
        before = services.current(imp.dataset, imp.year, imp.month)
    return render(
        request, "budget/import_detail.html",
        {"imp": imp, "allowed": available(request.user, imp, services.IMPORT_ACTIONS), "before": before,
         "preview": _named(imp.preview.get("rows") or [], imp.preview.get("new_departments") or {}),
         "total": scan.yuan(imp.total_fen), "declared": imp.preview.get("declared_total_fen"),
         "declared_total": scan.yuan(imp.preview["declared_total_fen"]) if imp.preview.get("declared_total_fen") is not None else "",
         "more_errors": max(0, imp.error_count - len(imp.errors))},
    )  # fmt: skip


def _named(rows: list, new: dict) -> list[dict]:
    """The preview's codes with the names people know them by (two queries)."""
    departments = dict(Department.objects.filter(code__in={r[0] for r in rows}).values_list("code", "name"))  # fmt: skip
    departments.update(new)
    names = {
        (kind, code): name
        for kind, code, name in Classification.objects.filter(code__in={r[1] for r in rows} | {r[2] for r in rows if r[2]}).values_list("kind", "code", "name")
    }  # fmt: skip
    return [
        {"department": f"{departments.get(d, '')}（{d}）", "functional": f"{f} {names.get(('functional', f), '')}",
         "economic": f"{e} {names.get(('economic', e), '')}" if e else "", "amount": a}
        for d, f, e, a in rows
    ]  # fmt: skip


@require_safe
@permission_required(MANAGE)
def import_progress(request, pk: int):
    """How far a commit has come, for the progress bar (per cent)."""
    imp = get_object_or_404(Import.objects.only("status"), pk=pk)
    done = 100 if imp.status == Import.Status.COMMITTED else services.progress_of(pk)
    return JsonResponse({"percent": done, "status": imp.status})


@require_POST
@permission_required(MANAGE)
def import_act(request, pk: int, verb: str):
    imp = get_object_or_404(Import, pk=pk)
    act = {a.verb: a for a in services.IMPORT_ACTIONS}.get(verb)
    if act is None:
        return redirect("budget:import_detail", pk)
    perform(request, act, success=IMPORT_SUCCESS[verb], imp=imp)
    return redirect("budget:import_detail", pk)


def _classifications(request, form=None, status=200):
    kind = request.GET.get("kind", Classification.Kind.FUNCTIONAL)
    if kind not in Classification.Kind.values:
        kind = Classification.Kind.FUNCTIONAL
    rows = Classification.objects.filter(kind=kind)
    q = request.GET.get("q", "").strip()[:40]
    if q:
        rows = rows.filter(Q(code__startswith=q) | Q(name__contains=q))
    return render(
        request, "budget/classification_list.html",
        {"kind": kind, "kinds": Classification.Kind.choices, "q": q, "can_manage": request.user.has_perm(MANAGE),
         "form": form or f.ClassificationImportForm(auto_id="table_%s", initial={"kind": kind}),
         "sample": Classification.objects.filter(sample=True).exists(),
         **paginate(request, rows.order_by("code"), per_page=100)},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def classification_list(request):
    return _classifications(request)


@require_POST
@permission_required(MANAGE)
def classification_import(request):
    form = f.ClassificationImportForm(request.POST, request.FILES, auto_id="table_%s")
    if form.is_valid():
        try:
            out = services.classification_import(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("科目表已更新：新增{added}个，改名{renamed}个，停用{retired}个。").format(**out))  # fmt: skip
            return redirect(f"{request.path.rsplit('import/', 1)[0]}?kind={out['kind']}")
    return _classifications(request, form=form, status=400)


def _departments(request, form=None, status=200):
    rows = Department.objects.select_related("organization").order_by("code")
    return render(
        request, "budget/department_list.html",
        {"form": form or f.DepartmentForm(auto_id="dept_%s"), "can_manage": request.user.has_perm(MANAGE),
         **paginate(request, rows, per_page=100)},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def department_list(request):
    return _departments(request)


@require_POST
@permission_required(MANAGE)
def department_create(request):
    form = f.DepartmentForm(request.POST, auto_id="dept_%s")
    if form.is_valid():
        try:
            services.department_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("预算部门已登记。"))
            return redirect("budget:departments")
    return _departments(request, form=form, status=400)


@permission_required(MANAGE)
def department_edit(request, pk: int):
    dept = get_object_or_404(Department, pk=pk)
    form = f.DepartmentEditForm(request.POST or None, auto_id="dept_%s", initial={"name": dept.name, "organization": dept.organization_id, "active": dept.active})  # fmt: skip
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.department_update(actor=request.user, department=dept, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("预算部门已修改。"))
                return redirect("budget:departments")
        status = 400
    return render(request, "budget/form.html", {"form": form, "title": _("修改预算部门"), "subtitle": f"{dept.code} {dept.name}", "back": "budget:departments", "submit": _("保存")}, status=status)  # fmt: skip


@permission_required(VIEW)
def mapping_list(request):
    rows = Mapping.objects.annotate(n=Count("import")).order_by("name")
    return render(request, "budget/mapping_list.html", {"rows": rows, "can_manage": request.user.has_perm(MANAGE)})  # fmt: skip


@permission_required(MANAGE)
def mapping_edit(request, pk: int | None = None):
    mapping = get_object_or_404(Mapping, pk=pk) if pk else None
    initial = (
        {name: getattr(mapping, name) for name in f.MappingForm.base_fields} if mapping else None
    )
    form = f.MappingForm(request.POST or None, auto_id="map_%s", initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.mapping_save(actor=request.user, mapping=mapping, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("列对应已保存；已导入的数据不受影响。"))
                return redirect("budget:mappings")
        status = 400
    title = _("修改导入列对应") if mapping else _("新建导入列对应")
    return render(request, "budget/form.html", {"form": form, "title": title, "subtitle": mapping.name if mapping else "", "back": "budget:mappings", "submit": _("保存"), "note": _("按财政部门发来的工作簿填写：表头在第几行、各项数据所在列的表头文字、金额单位。修改列对应不影响已导入的数据。")}, status=status)  # fmt: skip
