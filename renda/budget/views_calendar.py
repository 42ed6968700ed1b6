"""The budget calendar (§4.1–§4.6) and the publication tracker (§4.7)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core import approval_views
from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.pages import perform
from renda.core.views import add_domain_error, permission_required

from . import calendar, services
from . import forms as f
from .models import Milestone, Publication
from .rules import MANAGE, VIEW

STATES = {
    "done": _("按期完成"), "late": _("逾期完成"), "out_of_window": _("不在法定期间"), "overdue": _("已逾期"),
    "due_soon": _("即将到期"), "pending": _("未到期"),
}  # fmt: skip
BADGE = {
    "done": "ok",
    "late": "warn",
    "out_of_window": "warn",
    "overdue": "warn",
    "due_soon": "",
    "pending": "",
}
STEP_FORMS = {
    "schedule": f.MilestoneScheduleForm,
    "submit": f.MilestoneSubmitForm,
    "hear": f.MilestoneHearForm,
    "link_report": f.MilestoneReportForm,
}
STEP_SUCCESS = {
    "schedule": _("审议会议已确定，期限已重新计算。"),
    "submit": _("已登记收到文件。"),
    "hear": _("已登记审议。"),
    "link_report": _("已关联审议报告。"),
}


def _step_form(verb: str, m: Milestone, data=None):
    extra = {"milestone": m} if verb == "link_report" else {}
    return STEP_FORMS[verb](data, auto_id=f"{verb}_%s", **extra)


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def _calendar(request, form=None, status=200):
    year, today = _year(request), timezone.localdate()
    rows = list(
        Milestone.objects.filter(year=year).select_related("meeting").order_by("due_on", "id")
    )
    for m in rows:
        m.state = calendar.state(m, today)
        m.state_label, m.badge, m.rule = STATES[m.state], BADGE[m.state], calendar.RULES[m.kind]
    missing = [
        label for kind, label in Milestone.Kind.choices if kind not in {m.kind for m in rows}
    ]
    return render(
        request, "budget/calendar.html",
        {"year": year, "rows": rows, "missing": missing, "can_manage": request.user.has_perm(MANAGE),
         "form": form or f.MilestonePlanForm(auto_id="plan_%s", initial={"year": year})},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def calendar_page(request):
    return _calendar(request)


@require_POST
@permission_required(MANAGE)
def milestone_plan(request):
    form = f.MilestonePlanForm(request.POST, auto_id="plan_%s")
    if form.is_valid():
        try:
            m = services.milestone_plan(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已安排，期限按法定规则计算。"))
            return redirect(f"{request.path.rsplit('plan/', 1)[0]}?year={m.year}")
    return _calendar(request, form=form, status=400)


def _milestone(request, m: Milestone, bound=None, status=200):
    today = timezone.localdate()
    allowed = available(request.user, m, services.MILESTONE_ACTIONS)
    forms = {verb: (bound[1] if bound and bound[0] == verb else _step_form(verb, m)) for verb in STEP_FORMS if verb in allowed}  # fmt: skip
    opinions = list(m.report.opinions.order_by("id")) if m.report_id else []
    linkable = "link_report" in forms and forms["link_report"].fields["report"].queryset.exists()
    if "link_report" in forms and not linkable and not forms["link_report"].is_bound:
        del forms["link_report"]  # nothing to choose: the page says where reports come from
    state = calendar.state(m, today)
    consent = approval_views.panel(request.user, m, services.PARTY_CONSENT) if m.kind in calendar.CONSENT else {}  # fmt: skip
    return render(
        request, "budget/milestone_detail.html",
        {**consent, "m": m, "forms": forms, "state_label": STATES[state], "badge": BADGE[state], "rule": calendar.RULES[m.kind],
         "window": calendar.window(m.kind, m.year), "lead": calendar.LEAD_DAYS.get(m.kind), "opinions": opinions,
         "can_manage": request.user.has_perm(MANAGE), "linkable": linkable},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def milestone_detail(request, pk: int):
    return _milestone(
        request,
        get_object_or_404(Milestone.objects.select_related("meeting", "report__meeting"), pk=pk),
    )


@require_POST
@permission_required(MANAGE)
def milestone_act(request, pk: int, verb: str):
    m = get_object_or_404(Milestone.objects.select_related("meeting", "report__meeting"), pk=pk)
    act = {a.verb: a for a in services.MILESTONE_ACTIONS}.get(verb)
    if act is None:
        return redirect("budget:milestone_detail", pk)
    form = _step_form(verb, m, request.POST)
    if perform(request, act, form=form, success=STEP_SUCCESS[verb], milestone=m) is None:
        return _milestone(request, m, bound=(verb, form), status=400)
    return redirect("budget:milestone_detail", pk)


def _publications(request, form=None, status=200, year=None, bound=None):
    year, today = year or _year(request), timezone.localdate()
    rows = list(
        Publication.objects.filter(year=year).select_related("department").order_by("due_on", "id")
    )
    for p in rows:
        p.state = services.publication_state(p, today)
        p.state_label, p.badge = STATES[p.state], BADGE[p.state]
        if not p.published_on:  # the step's own form, the refused one with what was typed
            p.form = bound[1] if bound and bound[0] == p.pk else f.PublicationPublishForm(auto_id=f"pub{p.pk}-%s")  # fmt: skip
    return render(
        request, "budget/publications.html",
        {"year": year, "rows": rows, "can_manage": request.user.has_perm(MANAGE),
         "form": form or f.PublicationRecordForm(auto_id="pub_%s", initial={"year": year})},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def publications(request):
    return _publications(request)


@require_POST
@permission_required(MANAGE)
def publication_record(request):
    form = f.PublicationRecordForm(request.POST, auto_id="pub_%s")
    if form.is_valid():
        try:
            p = services.publication_record(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(
                request, _("已登记，公开期限为{day}。").format(day=p.due_on.isoformat())
            )
            return redirect(f"{request.path.rsplit('record/', 1)[0]}?year={p.year}")
    return _publications(request, form=form, status=400)


@require_POST
@permission_required(MANAGE)
def publication_publish(request, pk: int):
    p = get_object_or_404(Publication, pk=pk)
    form = f.PublicationPublishForm(request.POST, auto_id=f"pub{pk}-%s")
    if perform(request, services.publication_publish, form=form, success=_("已登记公开。"), publication=p) is None:  # fmt: skip
        return _publications(request, year=p.year, bound=(pk, form), status=400)
    return redirect(f"{request.path.rsplit(str(pk), 1)[0]}?year={p.year}")
