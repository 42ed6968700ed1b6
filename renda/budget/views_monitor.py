"""Monitoring pages (§4.8): the whole budget, a department, a functional class, the list of
deviations; each table also as xlsx (``?format=xlsx``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from renda.core.errors import DomainError
from renda.core.statute import param
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response
from renda.people.models import Organization

from . import adjustments as budget_adjustments
from . import monitoring, services
from .forms import InquiryForm
from .models import Classification, Department, Inquiry
from .rules import MANAGE, VIEW
from .services.inquiries import figures_text
from .views_calendar import _year

HEADERS = (_("编码"), _("名称"), _("预算数（元）"), _("执行数（元）"), _("执行率"), _("时间进度"), _("偏离（百分点）"), _("上年同期（元）"), _("同比"), _("预警"))  # fmt: skip


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


def _cells(r: monitoring.Row) -> list:
    return [
        r.key, r.name, r.budget_yuan, r.executed_yuan, _pct(r.rate), _pct(r.elapsed),
        "—" if r.deviation is None else f"{r.deviation:+}", r.last_year_yuan, _pct(r.growth), r.flag_label,
    ]  # fmt: skip


def _period(request) -> monitoring.Period:
    years = monitoring.years()
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
        month = int(request.GET.get("month") or 0) or None
    except ValueError:
        year, month = (years[0] if years else 0), None
    if month is not None and not 1 <= month <= 12:
        month = None
    return monitoring.period(year, month) if year else monitoring.Period(0, 0, None, None, None)


def _dress(p: monitoring.Period, rows) -> None:
    """Each row's label, the link to drill down to and the inquiry link, worked out once
    here rather than row by row in the template."""
    query = f"?year={p.year}&month={p.month}"
    ask = reverse("budget:inquiry_new") + query
    for r in rows:
        r.label, r.sub, r.href = r.name, "", ""
        if r.kind == "department":
            r.ask = f"{ask}&department={r.pk}"
            if r.pk:
                r.href = reverse("budget:monitor_department", args=[r.pk]) + query
        elif r.kind == "class":
            r.label, r.ask = f"{r.key} {r.name}", f"{ask}&class={r.key}"
            if len(r.key) < 7:
                r.href = reverse("budget:monitor_class", args=[r.key]) + query
        else:
            r.label, r.sub, r.ask = r.name or r.key, r.key, ""


def _page(request, template: str, title: str, rows, context: dict, filename: str):
    if request.GET.get("format") == "xlsx":
        return xlsx_response(filename, title, HEADERS, (_cells(r) for r in rows))
    p = context["p"]
    for listed in (rows, context.get("classes") or ()):
        _dress(p, listed)
    return render(
        request, template,
        {"rows": rows, "title": title, "years": monitoring.years(), "months": range(1, 13),
         "threshold": param("budget.deviation_points"), "xlsx": f"?year={p.year}&month={p.month}&format=xlsx", **context},
    )  # fmt: skip


def _chart(rows, p) -> dict:
    """Execution rate per row as bars, the time elapsed as a line across them."""
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 8, "right": 40, "top": 24, "bottom": 8, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [r.name or r.key for r in rows],
            "axisLabel": {"rotate": 40, "interval": 0},
        },  # fmt: skip
        "yAxis": {"type": "value", "axisLabel": {"formatter": "{value}%"}},
        "series": [
            {
                "type": "bar",
                "name": gettext_now("执行率"),
                "data": [float(r.rate) if r.rate is not None else 0 for r in rows],  # fmt: skip
                "markLine": {
                    "symbol": "none",
                    "data": [{"yAxis": float(p.elapsed), "name": gettext_now("时间进度")}],
                },
            },  # fmt: skip
        ],
    }


@permission_required(VIEW)
def monitor(request):
    p = _period(request)
    departments = monitoring.by_department(p)
    classes = monitoring.by_class(p)
    context = {
        "p": p,
        "whole": monitoring.total(p),
        "classes": classes,
        "chart": _chart(classes, p),
    }
    title = gettext_now("预算执行监督")
    return _page(request, "budget/monitor.html", title, departments, context, f"budget-execution-{p.year}-{p.month:02d}")  # fmt: skip


@permission_required(VIEW)
def monitor_department(request, pk: int):
    department = get_object_or_404(Department, pk=pk)
    p = _period(request)
    lines = monitoring.by_line(p, department)
    classes = monitoring.by_class(p, digits=5, department=department)
    context = {"p": p, "department": department, "classes": classes}
    return _page(request, "budget/monitor_department.html", department.name, lines, context, f"budget-{department.code}-{p.year}-{p.month:02d}")  # fmt: skip


@permission_required(VIEW)
def monitor_class(request, code: str):
    item = Classification.objects.filter(kind=Classification.Kind.FUNCTIONAL, code=code).first()
    if item is None or item.level >= 3:
        raise Http404
    p = _period(request)
    digits = 5 if item.level == 1 else 7
    rows = monitoring.by_class(p, digits=digits, within=code)
    context = {
        "p": p,
        "item": item,
        "chart": _chart(rows, p),
        "ancestors": [a for a in (item.parent,) if a],
    }
    return _page(request, "budget/monitor_class.html", f"{item.code} {item.name}", rows, context, f"budget-class-{code}-{p.year}-{p.month:02d}")  # fmt: skip


@permission_required(VIEW)
def deviations(request):
    p = _period(request)
    rows = monitoring.deviations(p)
    context = {"p": p, "can_manage": request.user.has_perm(MANAGE)}
    return _page(request, "budget/deviations.html", gettext_now("执行偏离预警"), rows, context, f"budget-deviations-{p.year}-{p.month:02d}")  # fmt: skip


def _inquiry_target(request):
    """The department (by id) or the class (by code) the inquiry is about, from the query."""
    department = None
    if request.GET.get("department", "").isdigit():
        department = Department.objects.select_related("organization").filter(pk=int(request.GET["department"])).first()  # fmt: skip
    return department, request.GET.get("class", "")[:12]


@permission_required(MANAGE)
def inquiry_new(request):
    """Ask the unit about a flagged department or class; the figures go with the question."""
    department, code = _inquiry_target(request)
    if department is None and not code:  # asked from the list of deviations, row by row
        return redirect("budget:deviations")
    p = _period(request)
    row = monitoring.row_for(p, department=department, code=code)
    if row is None:
        raise Http404
    finance = Organization.objects.filter(code="gov-finance").first()
    initial = {"unit": (department.organization_id if department and department.organization_id else (finance.pk if finance else None))}  # fmt: skip
    form = InquiryForm(request.POST or None, initial=initial, auto_id="inq_%s")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                inquiry = services.inquiry_raise(
                    actor=request.user, year=p.year, month=p.month, department=department, class_code=code,
                    **form.cleaned_data,
                )  # fmt: skip
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("询问已交办给{unit}。").format(unit=inquiry.unit.name))
                return redirect("budget:inquiries")
        status = 400
    return render(
        request, "budget/inquiry_form.html",
        {"form": form, "row": row, "p": p, "subject": department.name if department else f"{row.key} {row.name}", "figures": figures_text(row, p)},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def inquiries(request):
    rows = Inquiry.objects.select_related("unit", "case", "created_by__person").order_by(
        "-created_at", "-id"
    )
    return render(request, "budget/inquiries.html", paginate(request, rows))


ADJUSTMENT_HEADERS = (_("编码"), _("预算部门"), _("年初预算（元）"), _("调整后预算（元）"), _("调整额（元）"), _("调整幅度"), _("科目流用（元）"), _("流用比例"))  # fmt: skip


@permission_required(VIEW)
def adjustments(request):
    """How far the adjustment moved each department's budget, and what it shifted between
    items (科目流用), flagged past the settings."""
    year = _year(request)
    rows = budget_adjustments.changes(year)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"budget-adjustments-{year}", gettext_now("预算调整和科目流用"), ADJUSTMENT_HEADERS, (r.cells() for r in rows))  # fmt: skip
    approved, adjusted = budget_adjustments.imports(year)
    return render(
        request, "budget/adjustments.html",
        {"year": year, "rows": rows, "approved": approved, "adjusted": adjusted, "flagged": sum(r.flagged for r in rows),
         "points": param("budget.adjustment_points"), "transfer": param("budget.transfer_points")},
    )  # fmt: skip
