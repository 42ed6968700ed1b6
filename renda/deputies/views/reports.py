"""The year's deputy-work plan (§2.8) and reports to voters (述职, S26, §2.5): office pages.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response
from renda.people.models import Deputy, Organization
from renda.people.selectors import current_term

from .. import selectors, services
from ..forms import ReasonForm, RecordFilterForm
from ..models import VoterReport, WorkPlan
from ..report_forms import (
    PlanAdoptForm,
    PlanCreateForm,
    PlanTextForm,
    VoterReportFilterForm,
    VoterReportForm,
    VoterReportRecordForm,
)

V = VoterReport.Status

# -- the year's plan -----------------------------------------------------------------------


@permission_required("deputies.view")
def plan_list(request):
    return render(
        request,
        "deputies/plan_list.html",
        {
            "can_manage": request.user.has_perm("deputies.manage"),
            **paginate(request, WorkPlan.objects.select_related("adopted_at").order_by("-year")),
        },
    )


@permission_required("deputies.manage")
def plan_create(request):
    if request.method == "POST":
        form = PlanCreateForm(request.POST)
        if form.is_valid():
            try:
                plan = services.plan_create(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("计划草稿已保存，提请主任会议通过后登记。"))
                return redirect("deputies:plan_detail", pk=plan.pk)
        status = 400
    else:
        form, status = PlanCreateForm(), 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("起草年度代表工作计划"),
            "cancel_url": "deputies:plans",
            "help": _(
                "年度代表工作计划由主任会议通过，印发代表并向社会公布（代表法第四十三条，规则2.8）。起草后可以修改，主任会议通过后登记通过日期，再印发公布。"
            ),
        },
        status=status,
    )


PLAN_FORMS = {"update": PlanTextForm, "adopt": PlanAdoptForm}


def _plan(pk: int) -> WorkPlan:
    return get_object_or_404(
        WorkPlan.objects.select_related("adopted_at", "created_by__person"), pk=pk
    )


def _plan_form(verb: str, plan: WorkPlan, data=None):
    kwargs = {"auto_id": f"{verb}_%s"}
    if verb == "update":
        return PlanTextForm(data, initial={"title": plan.title, "body": plan.body}, **kwargs)
    initial = {"adopted_on": timezone.localdate()}
    return PlanAdoptForm(data, initial=initial, **kwargs)


def _plan_page(request, plan: WorkPlan, bound: dict | None = None, status=200):
    allowed = available(request.user, plan, services.PLAN_ACTIONS)
    forms = {
        verb: (bound or {}).get(verb) or _plan_form(verb, plan)
        for verb in PLAN_FORMS
        if verb in allowed
    }
    return render(
        request,
        "deputies/plan_detail.html",
        {"p": plan, "forms": forms, "allowed": allowed},
        status=status,
    )


@permission_required("deputies.view")
def plan_detail(request, pk: int):
    return _plan_page(request, _plan(pk))


PLAN_SUCCESS = {
    "update": _("计划草稿已保存。"),
    "adopt": _("已登记主任会议通过，可以印发公布。"),
    "publish": _("计划已印发代表，并在公众网站公布。"),
}


@require_POST
@permission_required("deputies.manage")
def plan_act(request, pk: int, verb: str):
    plan = _plan(pk)
    act = {a.verb: a for a in services.PLAN_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = _plan_form(verb, plan, request.POST) if verb in PLAN_FORMS else None
    if form is None or form.is_valid():
        kwargs = dict(form.cleaned_data) if form is not None else {}
        try:
            act(actor=request.user, plan=plan, **kwargs)
        except DomainError as error:
            if form is None:
                messages.error(request, error.message_in(request.LANGUAGE_CODE))
                return redirect("deputies:plan_detail", pk=pk)
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, PLAN_SUCCESS[verb])
            return redirect("deputies:plan_detail", pk=pk)
    return _plan_page(request, _plan(pk), {verb: form}, status=400)


# -- reports to voters ---------------------------------------------------------------------


def _coverage_figures(term) -> dict:
    required = selectors.reports_required()
    if term is None:
        return {"required": required, "seated": 0, "reported": 0, "unreported": 0, "rate": 0}
    seated = selectors.report_coverage(term).count()
    short = selectors.unreported(term, required).count()
    return {
        "required": required,
        "seated": seated,
        "reported": seated - short,
        "unreported": short,
        "rate": round((seated - short) * 100 / seated) if seated else 0,
    }


@permission_required("deputies.view")
def report_list(request):
    form = VoterReportFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = VoterReport.objects.select_related("deputy__person").order_by("-held_on", "-id")
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("year"):
        qs = qs.filter(held_on__year=data["year"])
    term = current_term()
    return render(
        request,
        "deputies/report_list.html",
        {
            "form": form,
            "term": term,
            "today": timezone.localdate(),
            "coverage": _coverage_figures(term),
            "can_manage": request.user.has_perm("deputies.manage"),
            **paginate(request, qs),
        },
    )


@permission_required("deputies.manage")
def report_create(request):
    if request.method == "POST":
        form = VoterReportForm(request.POST)
        if form.is_valid():
            try:
                report = services.report_plan(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("述职已安排，已在公众网站公布。"))
                return redirect("deputies:report_detail", pk=report.pk)
        status = 400
    else:
        initial = {}
        if request.GET.get("deputy", "").isdigit():
            initial["deputy"] = int(request.GET["deputy"])
        form, status = VoterReportForm(initial=initial), 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("安排代表述职"),
            "cancel_url": "deputies:reports",
            "help": _(
                "常务委员会组织代表向原选区选民或原选举单位报告履职情况（代表法第五十八条，意见三(十一)7）。安排后即在公众网站公布；述职当天起记录述职报告、参加人数和选民测评，计入代表履职档案。"
            ),
        },
        status=status,
    )


REPORT_FORMS = {"record": VoterReportRecordForm, "cancel": ReasonForm}


def _report(pk: int) -> VoterReport:
    return get_object_or_404(
        VoterReport.objects.select_related(
            "deputy__person", "deputy__term", "created_by__person", "recorded_by__person"
        ),
        pk=pk,
    )


def _report_form(verb: str, report: VoterReport, data=None):
    kwargs = {"auto_id": f"{verb}_%s"}
    if verb == "record":
        initial = {}
        if report.status == V.HELD:
            initial = {
                "text": report.report,
                "attendance": report.attendance,
                "satisfied": report.satisfied,
                "basically": report.basically,
                "unsatisfied": report.unsatisfied,
            }
        return VoterReportRecordForm(data, initial=initial, **kwargs)
    return ReasonForm(data, **kwargs)


def _report_page(request, report: VoterReport, bound: dict | None = None, status=200):
    allowed = available(request.user, report, services.REPORT_ACTIONS)
    if "record" in allowed and report.held_on > timezone.localdate():
        allowed = [v for v in allowed if v != "record"]  # the day has not come yet
    forms = {
        verb: (bound or {}).get(verb) or _report_form(verb, report)
        for verb in REPORT_FORMS
        if verb in allowed or verb in (bound or {})  # a refused form shows its reason
    }
    return render(
        request,
        "deputies/report_detail.html",
        {"r": report, "forms": forms},
        status=status,
    )


@permission_required("deputies.view")
def report_detail(request, pk: int):
    return _report_page(request, _report(pk))


REPORT_SUCCESS = {
    "record": _("述职情况已记录，计入代表履职档案，述职报告在公众网站公布。"),
    "cancel": _("述职已取消，公众网站同时显示取消原因。"),
}


@require_POST
@permission_required("deputies.manage")
def report_act(request, pk: int, verb: str):
    report = _report(pk)
    act = {a.verb: a for a in services.REPORT_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = _report_form(verb, report, request.POST)
    if form.is_valid():
        try:
            act(actor=request.user, report=report, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, REPORT_SUCCESS[verb])
            return redirect("deputies:report_detail", pk=pk)
    return _report_page(request, _report(pk), {verb: form}, status=400)


# -- coverage over the term ----------------------------------------------------------------


def _coverage_query(request):
    term = current_term()
    delegations = Organization.objects.filter(kind=Organization.Kind.DELEGATION).order_by(
        "sort_order", "id"
    )
    form = RecordFilterForm(request.GET or None, years=(), delegations=delegations)
    form.fields.pop("year")
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.report_coverage(term) if term else Deputy.objects.none()
    if data.get("delegation") is not None:
        qs = qs.filter(person__memberships__organization=data["delegation"]).distinct()
    only_short = request.GET.get("short") == "1"
    if only_short:
        qs = qs.filter(reported__lt=selectors.reports_required())
    return form, qs, term, data.get("delegation"), only_short


@permission_required("deputies.view")
def report_coverage(request):
    form, qs, term, delegation, only_short = _coverage_query(request)
    return render(
        request,
        "deputies/report_coverage.html",
        {
            "form": form,
            "term": term,
            "only_short": only_short,
            "delegation": delegation,
            "coverage": _coverage_figures(term),
            "required": selectors.reports_required(),
            **paginate(request, qs),
        },
    )


@permission_required("deputies.view")
def report_coverage_xlsx(request):
    _form, qs, _term, delegation, _short = _coverage_query(request)
    required = selectors.reports_required()
    headers = [_("姓名"), _("述职次数"), _("要求次数"), _("是否完成")]
    rows = (
        [d.person.name, d.reported, required, gettext_now("是") if d.reported >= required else gettext_now("否")]
        for d in qs
    )  # fmt: skip
    name = delegation.name if delegation else gettext_now("全体代表")
    return xlsx_response(
        "voter-report-coverage", f"{name} {gettext_now('述职情况')}", headers, rows
    )
