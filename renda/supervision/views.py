"""Back-office pages of supervision: overview, plan, reports, opinions, inspections, inquiries, interpellations."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.statute import param, params
from renda.core.views import paginate, permission_required
from renda.people.exports import xlsx_response
from renda.people.models import Organization

from . import documents, forms, selectors, services
from .models import (
    Evaluation,
    InquiryQuestion,
    InquirySession,
    InquiryTopic,
    Inspection,
    Interpellation,
    JudicialRecord,
    Opinion,
    Plan,
    PlanItem,
    Report,
    Research,
)


def _error(request, error: DomainError) -> None:
    messages.error(request, error.message_in(request.LANGUAGE_CODE))


def _form_error(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errors:
            messages.error(request, f"{label}：{e}" if label else str(e))


def _run(request, form, call, success) -> bool:
    """Validate ``form``, run ``call(cleaned_data)``; report success or the refusal as a message."""
    if not form.is_valid():
        _form_error(request, form)
        return False
    try:
        call(form.cleaned_data)
    except DomainError as error:
        _error(request, error)
        return False
    messages.success(request, success)
    return True


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def _sc_name() -> str:
    return (
        Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE)
        .values_list("name", flat=True)
        .first()
        or ""
    )


# -- overview --------------------------------------------------------------------------------


def _chart(states, evaluation_rows) -> tuple[dict, dict]:
    counts = Counter(str(s.label) for s in states)
    status_option = {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "pie",
                "radius": "65%",
                "data": [{"name": k, "value": v} for k, v in counts.items()],
            }
        ],
    }
    names = [ev.round.opinion.body.name for ev, _t in evaluation_rows]
    eval_option = {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "xAxis": {"type": "category", "data": names},
        "yAxis": {"type": "value"},
        "series": [
            {
                "name": str(label),
                "type": "bar",
                "stack": "v",
                "data": [(t or {}).get(key, 0) for _e, t in evaluation_rows],
            }
            for key, label in (
                ("satisfied", _("满意")),
                ("basically_satisfied", _("基本满意")),
                ("dissatisfied", _("不满意")),
                ("not_voted", _("未按")),
            )
        ],
    }
    return status_option, eval_option


@permission_required("supervision.view_overview")
def overview(request):
    """The year's plan with a status per topic, overdue and missing obligations, evaluations and charts."""
    year, today = _year(request), timezone.localdate()
    plan = selectors.plan_with_items(year)
    states = selectors.item_states(plan, today) if plan else []
    missing = selectors.missing_obligations(year, plan, today)
    evaluation_rows = [(ev, selectors.sealed_result(ev)) for ev in selectors.evaluations(year)]
    late_reports = []
    values = params(*(step[2] for step in selectors.MILESTONE_STEPS))
    for report in Report.objects.filter(
        status=Report.Status.SCHEDULED, meeting__starts_on__year=year
    ).select_related("meeting", "body"):
        late = selectors.late_milestones(report, today, values)
        if late:
            late_reports.append((report, late))
    status_option, eval_option = _chart(states, evaluation_rows)
    opinions = Opinion.objects.filter(created_at__year=year)
    context = {
        "year": year,
        "today": today,
        "plan": plan,
        "states": states,
        "missing": missing,
        "overdue": [s for s in states if s.overdue],
        "evaluations": evaluation_rows,
        "late_reports": late_reports,
        "opinion_counts": selectors.opinion_counts(opinions),
        "flagged": opinions.filter(referral_flagged=True),
        "unsent": Opinion.objects.filter(
            status=Opinion.Status.DRAFT, send_due_on__lt=today
        ).order_by("send_due_on"),
        "status_option": status_option,
        "eval_option": eval_option,
    }
    return render(request, "supervision/overview.html", context)


@permission_required("supervision.view_overview")
def summary_docx(request):
    year, today = _year(request), timezone.localdate()
    plan = selectors.plan_with_items(year)
    states = selectors.item_states(plan, today) if plan else []
    evaluation_rows = [(ev, selectors.sealed_result(ev)) for ev in selectors.evaluations(year)]
    data = documents.annual_summary(
        year=year,
        states=states,
        evaluations=evaluation_rows,
        opinions=list(Opinion.objects.filter(created_at__year=year)),
        today=today,
        sc_name=_sc_name(),
    )
    response = HttpResponse(data, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="supervision-summary-{year}.docx"'
    return response


# -- plans -------------------------------------------------------------------------------------


@permission_required("supervision.view_overview")
def plan_list(request):
    qs = Plan.objects.order_by("-year")
    return render(
        request,
        "supervision/plan_list.html",
        {
            "year_form": forms.YearForm(initial={"year": timezone.localdate().year}),
            "can_manage": request.user.has_perm("supervision.manage"),
            **paginate(request, qs),
        },
    )


@require_POST
@permission_required("supervision.manage")
def plan_create(request):
    form = forms.YearForm(request.POST)
    created = {}

    def call(d):
        created["plan"] = services.plan_create(actor=request.user, year=d["year"])

    if _run(request, form, call, _("计划草稿已建立，法定年度事项已列入。")):
        return redirect("supervision:plan_detail", pk=created["plan"].pk)
    return redirect("supervision:plans")


def _link(name: str):
    def url(pk: str) -> str:
        return reverse(name, args=[int(pk)]) if pk.isdigit() else ""

    return url


#: Originating records a topic may link to (监督法 Art. 12 channels), by ``source_type``.
SOURCE_LINKS = {
    "suggestions.suggestion": _link("suggestions:detail"),
    "supervision.inspection": _link("supervision:inspection_detail"),
    "supervision.opinion": _link("supervision:opinion_detail"),
}

REVISION_LABELS = {
    "drafted": _("起草"),
    "adopted": _("主任会议通过"),
    "published": _("公布"),
    "reopened": _("调整"),
}


@permission_required("supervision.view_overview")
def plan_detail(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    plan = selectors.plan_with_items(plan.year)
    today = timezone.localdate()
    user = request.user
    manage = user.has_perm("supervision.manage")
    revisions = list(plan.revisions.select_related("actor"))
    for r in revisions:
        r.label = REVISION_LABELS.get(r.action, r.action)
    states = selectors.item_states(plan, today)
    for state in states:
        state.source_url = SOURCE_LINKS.get(state.item.source_type, lambda _pk: "")(
            state.item.source_id
        )
    return render(
        request,
        "supervision/plan_detail.html",
        {
            "plan": plan,
            "states": states,
            "today": today,
            "revisions": revisions,
            "can_edit": manage and plan.status == Plan.Status.DRAFT,
            "can_manage": manage,
            "can_adopt": user.has_perm("supervision.decide") and plan.status == Plan.Status.DRAFT,
            "can_publish": manage and plan.status == Plan.Status.ADOPTED,
            "can_reopen": manage and plan.status != Plan.Status.DRAFT,
            "item_form": forms.PlanItemForm(),
            "adopt_form": forms.AdoptForm(),
            "reason_form": forms.ReasonForm(),
        },
    )


@require_POST
@permission_required("supervision.view_overview")
def plan_act(request, pk: int, action: str):
    plan = get_object_or_404(Plan, pk=pk)
    user, post = request.user, request.POST
    perm = "supervision.decide" if action == "adopt" else "supervision.manage"
    if not user.has_perm(perm):
        raise PermissionDenied
    if action == "add_item":
        _run(
            request,
            forms.PlanItemForm(post),
            lambda d: services.plan_item_add(actor=user, plan=plan, **d),
            _("议题已加入计划。"),
        )
    elif action == "adopt":
        _run(
            request,
            forms.AdoptForm(post),
            lambda d: services.plan_adopt(actor=user, plan=plan, **d),
            _("已登记主任会议通过。"),
        )
    elif action == "publish":
        try:
            services.plan_publish(actor=user, plan=plan)
            messages.success(request, _("计划已在门户网站公布。"))
        except DomainError as error:
            _error(request, error)
    elif action == "reopen":
        _run(
            request,
            forms.ReasonForm(post),
            lambda d: services.plan_reopen(actor=user, plan=plan, reason=d["reason"]),
            _("计划已进入调整，调整后须重新经主任会议通过。"),
        )
    elif action in ("cancel_item", "open_report"):
        item = get_object_or_404(PlanItem, pk=post.get("item") or 0, plan=plan)
        if action == "cancel_item":
            _run(
                request,
                forms.ReasonForm(post),
                lambda d: services.plan_item_cancel(actor=user, item=item, reason=d["reason"]),
                _("议题已撤销。"),
            )
        else:
            try:
                report = services.report_create(
                    actor=user, title=item.title, plan_item=item, body=item.supervised_body
                )
            except DomainError as error:
                _error(request, error)
            else:
                messages.success(request, _("已建立专项工作报告。"))
                return redirect("supervision:report_detail", pk=report.pk)
    else:
        raise Http404
    return redirect("supervision:plan_detail", pk=plan.pk)


@permission_required("supervision.manage")
def plan_item_edit(request, pk: int):
    """Change a topic of a draft plan: its meeting, month, bodies, source."""
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    fields = (
        "kind",
        "title",
        "supervised_body",
        "responsible_body",
        "planned_meeting",
        "planned_month",
        "source",
        "source_type",
        "source_id",
        "source_note",
        "with_evaluation",
    )
    form = forms.PlanItemForm(request.POST or None, initial={f: getattr(item, f) for f in fields})
    if request.method == "POST" and _run(
        request,
        form,
        lambda d: services.plan_item_update(actor=request.user, item=item, **d),
        _("议题已修改。"),
    ):
        return redirect("supervision:plan_detail", pk=item.plan_id)
    return render(request, "supervision/plan_item_form.html", {"item": item, "form": form})


@permission_required("supervision.view_overview")
def plan_export(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    plan = selectors.plan_with_items(plan.year)
    states = selectors.item_states(plan, timezone.localdate())
    headers = [
        _("序号"),
        _("议题"),
        _("形式"),
        _("监督对象"),
        _("承担工作机构"),
        _("拟安排月份"),
        _("来源"),
        _("来源说明"),
        _("状态"),
        _("逾期"),
    ]
    rows = (
        [
            n,
            s.item.title,
            s.item.get_kind_display(),
            s.item.supervised_body.name if s.item.supervised_body_id else "",
            s.item.responsible_body.name if s.item.responsible_body_id else "",
            s.item.planned_month or "",
            s.item.get_source_display(),
            s.item.source_note,
            s.label,
            _("是") if s.overdue else "",
        ]
        for n, s in enumerate(states, start=1)
    )
    return xlsx_response(f"supervision-plan-{plan.year}", _("年度监督工作计划"), headers, rows)


# -- reports -----------------------------------------------------------------------------------


@permission_required("supervision.view_overview")
def report_list(request):
    today = timezone.localdate()
    qs = selectors.reports_for(request.user).order_by("-id")
    context = paginate(request, qs)
    values = params(*(step[2] for step in selectors.MILESTONE_STEPS))
    for r in context["rows"]:
        r.late = (
            selectors.late_milestones(r, today, values)
            if r.status == Report.Status.SCHEDULED
            else []
        )
    return render(
        request,
        "supervision/report_list.html",
        {
            **context,
            "form": forms.ReportForm(),
            "can_manage": request.user.has_perm("supervision.manage"),
        },
    )


@require_POST
@permission_required("supervision.manage")
def report_create(request):
    made = {}

    def call(d):
        made["r"] = services.report_create(actor=request.user, title=d["title"], body=d["body"])

    if _run(request, forms.ReportForm(request.POST), call, _("已建立专项工作报告。")):
        return redirect("supervision:report_detail", pk=made["r"].pk)
    return redirect("supervision:reports")


@permission_required("supervision.view_overview")
def report_detail(request, pk: int):
    report = get_object_or_404(
        selectors.reports_for(request.user).select_related("agenda_item__reporter"), pk=pk
    )
    today = timezone.localdate()
    manage = request.user.has_perm("supervision.manage")
    return render(
        request,
        "supervision/report_detail.html",
        {
            "report": report,
            "today": today,
            "can_manage": manage,
            "milestones": selectors.milestones(report, today) if report.meeting_id else [],
            "opinions": report.opinions.select_related("body"),
            "schedule_form": forms.ScheduleForm(body=report.body),
            "milestone_form": forms.MilestoneForm(),
            "deliberate_form": forms.DeliberateForm(),
            "opinion_form": forms.OpinionForm(),
        },
    )


@require_POST
@permission_required("supervision.manage")
def report_act(request, pk: int, action: str):
    report = get_object_or_404(Report, pk=pk)
    user, post = request.user, request.POST
    if action == "schedule":
        _run(
            request,
            forms.ScheduleForm(post, body=report.body),
            lambda d: services.report_schedule(
                actor=user, report=report, meeting=d["meeting"], reporter=d["reporter"]
            ),
            _("报告已列入会议议程。"),
        )
    elif action == "milestone":
        _run(
            request,
            forms.MilestoneForm(post),
            lambda d: services.report_milestone(
                actor=user, report=report, step=d["step"], on=d["on"]
            ),
            _("已登记。"),
        )
    elif action == "deliberate":
        _run(
            request,
            forms.DeliberateForm(post),
            lambda d: services.report_deliberate(
                actor=user, report=report, summary=d["summary"], publish=d["publish"]
            ),
            _("已登记审议。"),
        )
    elif action == "compile":
        made = {}

        def call(d):
            made["o"] = services.opinion_compile(
                actor=user, report=report, text=d["text"], title=d["title"]
            )

        if _run(request, forms.OpinionForm(post), call, _("审议意见已整理。")):
            return redirect("supervision:opinion_detail", pk=made["o"].pk)
    else:
        raise Http404
    return redirect("supervision:report_detail", pk=report.pk)


# -- opinions ----------------------------------------------------------------------------------


@permission_required("supervision.view")
def opinion_list(request):
    qs = selectors.opinions_visible_to(request.user).order_by("-id")
    status = request.GET.get("status")
    if status in Opinion.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "supervision/opinion_list.html",
        {
            **paginate(request, qs),
            "statuses": Opinion.Status.choices,
            "status": status,
            "can_export": request.user.has_perm("supervision.manage"),
        },
    )


@permission_required("supervision.manage")
def opinion_export(request):
    qs = (
        selectors.opinions_visible_to(request.user).order_by("-id").prefetch_related("rounds__case")
    )
    headers = [
        _("标题"),
        _("类别"),
        _("研究处理机关"),
        _("状态"),
        _("送交期限"),
        _("送交日期"),
        _("办理轮次"),
        _("答复期限"),
        _("测评不满意次数"),
    ]

    def rows():
        for o in qs:
            rounds = list(o.rounds.all())
            last = rounds[-1] if rounds else None
            yield [
                o.title,
                o.get_origin_display(),
                o.body.name,
                o.get_status_display(),
                o.send_due_on or "",
                o.sent_on or "",
                len(rounds),
                last.case.due_on if last and last.case.due_on else "",
                o.failures,
            ]

    return xlsx_response("supervision-opinions", _("审议意见"), headers, rows())


def _visible_opinion(request, pk: int) -> Opinion:
    return get_object_or_404(selectors.opinions_visible_to(request.user), pk=pk)


@permission_required("supervision.view")
def opinion_detail(request, pk: int):
    opinion = _visible_opinion(request, pk)
    rounds = selectors.rounds_of(opinion)
    for r in rounds:
        ev = getattr(r, "evaluation", None)
        r.result = selectors.sealed_result(ev) if ev else None
    manage = request.user.has_perm("supervision.manage")
    current = rounds[-1] if rounds else None
    today = timezone.localdate()
    return render(
        request,
        "supervision/opinion_detail.html",
        {
            "opinion": opinion,
            "rounds": rounds,
            "current": current,
            "can_manage": manage,
            "today": today,
            "send_late": bool(
                opinion.send_due_on and (opinion.sent_on or today) > opinion.send_due_on
            ),
            "edit_form": forms.OpinionForm(initial={"title": opinion.title, "text": opinion.text}),
            "meeting_form": forms.MeetingForm(),
            "note_form": forms.NoteForm(),
            "pending_evaluation": getattr(current, "evaluation", None) if current else None,
        },
    )


DONE_MESSAGES = {
    "send": _("审议意见已送交研究处理。"),
    "evaluate": _("满意度测评表决已建立，请在会议表决控制台开始表决。"),
    "conclude": _("测评结果已登记。"),
    "close": _("已办结。"),
}


@require_POST
@permission_required("supervision.manage")
def opinion_act(request, pk: int, action: str):
    opinion = get_object_or_404(Opinion, pk=pk)
    user, post = request.user, request.POST
    if action == "edit":
        _run(
            request,
            forms.OpinionForm(post),
            lambda d: services.opinion_update(
                actor=user, opinion=opinion, text=d["text"], title=d["title"]
            ),
            _("已保存。"),
        )
    elif action == "schedule_report":
        _run(
            request,
            forms.MeetingForm(post),
            lambda d: services.handling_report_schedule(
                actor=user, opinion=opinion, meeting=d["meeting"]
            ),
            _("研究处理情况报告已列入会议议程。"),
        )
    elif action in ("rehandle", "follow_up"):
        service = services.opinion_rehandle if action == "rehandle" else services.opinion_follow_up
        _run(
            request,
            forms.NoteForm(post),
            lambda d: service(actor=user, opinion=opinion, note=d["note"]),
            _("已交办新一轮研究处理。"),
        )
    elif action in ("send", "evaluate", "conclude", "close"):
        try:
            if action == "send":
                services.opinion_send(actor=user, opinion=opinion)
            elif action == "evaluate":
                services.evaluation_create(actor=user, opinion=opinion)
            elif action == "conclude":
                rnd = services.current_round(opinion)
                ev = Evaluation.objects.filter(round=rnd).first() if rnd else None
                if ev is None:
                    raise Http404
                services.evaluation_conclude(actor=user, evaluation=ev)
            else:
                services.opinion_close(actor=user, opinion=opinion)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, DONE_MESSAGES[action])
    else:
        raise Http404
    return redirect("supervision:opinion_detail", pk=opinion.pk)


@permission_required("supervision.view")
def opinion_letter(request, pk: int):
    opinion = _visible_opinion(request, pk)
    data = documents.opinion_letter(opinion=opinion, sc_name=_sc_name(), today=timezone.localdate())
    response = HttpResponse(data, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="opinion-{opinion.pk}.docx"'
    return response


# -- inspections -------------------------------------------------------------------------------


@permission_required("supervision.view_overview")
def inspection_list(request):
    today = timezone.localdate()
    context = paginate(request, selectors.inspections_list().order_by("-starts_on", "-id"))
    days = int(param("supervision.inspection_plan_days"))
    for row in context["rows"]:
        row.plan_late = selectors.inspection_plan_late(row, today, days)
        row.plan_due = services.plan_due_on(row, days)
    return render(
        request,
        "supervision/inspection_list.html",
        {
            **context,
            "form": forms.InspectionForm(),
            "can_manage": request.user.has_perm("supervision.manage"),
        },
    )


@require_POST
@permission_required("supervision.manage")
def inspection_create(request):
    form = forms.InspectionForm(request.POST)
    made = {}

    def call(d):
        made["i"] = services.inspection_create(
            actor=request.user,
            title=d["title"],
            law=d["law"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            places=d["places"],
            team=form.team(),
        )

    if _run(request, form, call, _("执法检查已建立。")):
        return redirect("supervision:inspection_detail", pk=made["i"].pk)
    return redirect("supervision:inspections")


@permission_required("supervision.view_overview")
def inspection_detail(request, pk: int):
    inspection = get_object_or_404(Inspection.objects.select_related("report"), pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "supervision/inspection_detail.html",
        {
            "inspection": inspection,
            "team": inspection.team.select_related("person"),
            "plan_due": services.plan_due_on(inspection),
            "plan_late": selectors.inspection_plan_late(inspection, today),
            "can_manage": request.user.has_perm("supervision.manage"),
            "day_form": forms.DayForm(),
            "findings_form": forms.FindingsForm(),
            "findings_only_form": forms.FindingsOnlyForm(initial={"findings": inspection.findings}),
        },
    )


@require_POST
@permission_required("supervision.manage")
def inspection_act(request, pk: int, action: str):
    inspection = get_object_or_404(Inspection, pk=pk)
    user, post = request.user, request.POST
    if action == "plan_sent":
        _run(
            request,
            forms.DayForm(post),
            lambda d: services.inspection_plan_sent(actor=user, inspection=inspection, on=d["on"]),
            _("已登记。"),
        )
    elif action == "start":
        try:
            services.inspection_start(actor=user, inspection=inspection)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, _("已开始检查。"))
    elif action == "findings":
        _run(
            request,
            forms.FindingsOnlyForm(post),
            lambda d: services.inspection_findings(
                actor=user, inspection=inspection, findings=d["findings"]
            ),
            _("发现的问题已登记。"),
        )
    elif action == "report":
        made = {}

        def call(d):
            made["r"] = services.inspection_report(
                actor=user, inspection=inspection, findings=d["findings"], body=d["body"]
            )

        if _run(request, forms.FindingsForm(post), call, _("执法检查报告已建立。")):
            return redirect("supervision:report_detail", pk=made["r"].pk)
    else:
        raise Http404
    return redirect("supervision:inspection_detail", pk=inspection.pk)


# -- special research ---------------------------------------------------------------------------


@permission_required("supervision.view_overview")
def research_list(request):
    context = paginate(request, selectors.research_list().order_by("-id"))
    item = request.GET.get("plan_item", "")
    form = forms.ResearchForm(
        initial={"plan_item": int(item)} if item.isdigit() and len(item) < 12 else None
    )
    return render(
        request,
        "supervision/research_list.html",
        {**context, "form": form, "can_manage": request.user.has_perm("supervision.manage")},
    )


@require_POST
@permission_required("supervision.manage")
def research_create(request):
    form = forms.ResearchForm(request.POST)
    made = {}

    def call(d):
        made["r"] = services.research_create(
            actor=request.user,
            title=d["title"],
            body=d["body"],
            places=d["places"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            team=form.team(),
            plan_item=d["plan_item"],
        )

    if _run(request, form, call, _("专题调研已建立。")):
        return redirect("supervision:research_detail", pk=made["r"].pk)
    return redirect("supervision:research")


@permission_required("supervision.view_overview")
def research_detail(request, pk: int):
    research = get_object_or_404(
        Research.objects.select_related("body", "plan_item", "report"), pk=pk
    )
    return render(
        request,
        "supervision/research_detail.html",
        {
            "research": research,
            "team": research.team.select_related("person"),
            "can_manage": request.user.has_perm("supervision.manage"),
            "report_form": forms.ResearchReportForm(),
            "body_form": forms.BodyForm(initial={"body": research.body_id}),
        },
    )


@permission_required("supervision.view_overview")
def research_attachment(request, pk: int):
    research = get_object_or_404(Research, pk=pk)
    return selectors.attachment_response(research)


@require_POST
@permission_required("supervision.manage")
def research_act(request, pk: int, action: str):
    research = get_object_or_404(Research, pk=pk)
    user, post = request.user, request.POST
    if action == "report":
        _run(
            request,
            forms.ResearchReportForm(post, request.FILES),
            lambda d: services.research_report(
                actor=user,
                research=research,
                findings=d["findings"],
                report_text=d["report_text"],
                attachment=d.get("attachment"),
            ),
            _("调研报告已登记。"),
        )
    elif action == "submit":
        made = {}

        def call(d):
            made["r"] = services.research_submit(actor=user, research=research, body=d["body"])

        if _run(request, forms.BodyForm(post), call, _("调研报告已提请常委会审议。")):
            return redirect("supervision:report_detail", pk=made["r"].pk)
    elif action in ("start", "publish"):
        service = services.research_start if action == "start" else services.research_publish
        try:
            service(actor=user, research=research)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(
                request, _("已开始调研。") if action == "start" else _("调研报告已公开。")
            )
    else:
        raise Http404
    return redirect("supervision:research_detail", pk=research.pk)


# -- inquiries ---------------------------------------------------------------------------------


@permission_required("supervision.view_overview")
def inquiry_list(request):
    return render(
        request,
        "supervision/inquiry_list.html",
        {
            **paginate(request, selectors.inquiries_list().order_by("-id")),
            "form": forms.InquiryForm(),
            "can_manage": request.user.has_perm("supervision.manage"),
        },
    )


@require_POST
@permission_required("supervision.manage")
def inquiry_create(request):
    form = forms.InquiryForm(request.POST)
    made = {}

    def call(d):
        respondents = []
        for person in d["respondents"]:
            m = (
                person.memberships.filter(
                    organization__kind__in=forms.SUPERVISED_KINDS,
                    end_date__isnull=True,
                    post__isnull=False,
                )
                .select_related("organization", "post")
                .first()
            )
            if m is None:
                raise DomainError(
                    "respondent_invalid", _("应询人不属于本次专题询问。"), field="respondents"
                )
            respondents.append((person, m.organization, m.post.label))
        report = Report.objects.filter(meeting=d["meeting"]).first()
        made["s"] = services.inquiry_create(
            actor=request.user,
            title=d["title"],
            meeting=d["meeting"],
            report=report,
            form=d["form"],
            respondents=respondents,
        )

    if _run(request, form, call, _("专题询问已建立。")):
        return redirect("supervision:inquiry_detail", pk=made["s"].pk)
    return redirect("supervision:inquiries")


@permission_required("supervision.view_overview")
def inquiry_detail(request, pk: int):
    session = get_object_or_404(InquirySession.objects.select_related("meeting", "report"), pk=pk)
    return render(
        request,
        "supervision/inquiry_detail.html",
        {
            "session": session,
            "respondents": session.respondents.select_related("person", "organization"),
            "questions": session.questions.select_related("asker", "respondent__person"),
            "opinions": session.opinions.select_related("body"),
            "can_manage": request.user.has_perm("supervision.manage"),
            "question_form": forms.QuestionForm(session=session),
            "hold_form": forms.HoldForm(session=session),
            "opinion_form": forms.OpinionForm(),
        },
    )


@require_POST
@permission_required("supervision.manage")
def inquiry_act(request, pk: int, action: str):
    session = get_object_or_404(InquirySession, pk=pk)
    user, post = request.user, request.POST
    if action == "question":

        def call(d):
            respondent = session.respondents.get(person=d["respondent"])
            services.inquiry_question_add(
                actor=user,
                session=session,
                asker=d["asker"],
                respondent=respondent,
                question=d["question"],
                answer=d["answer"],
            )

        _run(request, forms.QuestionForm(post, session=session), call, _("已登记询问。"))
    elif action == "answer":
        q = get_object_or_404(InquiryQuestion, pk=post.get("question") or 0, session=session)
        try:
            services.inquiry_answer_record(actor=user, question=q, answer=post.get("answer", ""))
            messages.success(request, _("已登记。"))
        except DomainError as error:
            _error(request, error)
    elif action == "hold":
        _run(
            request,
            forms.HoldForm(post, session=session),
            lambda d: services.inquiry_hold(
                actor=user,
                session=session,
                attended=[p.pk for p in d["attended"]],
                summary=d["summary"],
            ),
            _("已登记专题询问举行情况。"),
        )
    elif action == "compile":
        made = {}

        def call(d):
            made["o"] = services.opinion_compile(
                actor=user, inquiry=session, text=d["text"], title=d["title"]
            )

        if _run(request, forms.OpinionForm(post), call, _("询问意见已整理。")):
            return redirect("supervision:opinion_detail", pk=made["o"].pk)
    else:
        raise Http404
    return redirect("supervision:inquiry_detail", pk=session.pk)


@permission_required("supervision.view_overview", "supervision.propose_topic", any_of=True)
def inquiry_topics(request):
    """Special-inquiry topics proposed jointly by deputies (§3.5)."""
    qs = InquiryTopic.objects.prefetch_related("proposers").order_by("-year", "-id")
    return render(
        request,
        "supervision/inquiry_topics.html",
        {
            **paginate(request, qs),
            "can_propose": request.user.has_perm("supervision.propose_topic"),
            "form": forms.InquiryTopicForm(initial={"year": timezone.localdate().year + 1}),
        },
    )


@require_POST
@permission_required("supervision.propose_topic")
def inquiry_topic_create(request):
    _run(
        request,
        forms.InquiryTopicForm(request.POST),
        lambda d: services.inquiry_topic_propose(
            actor=request.user,
            year=d["year"],
            title=d["title"],
            reason=d["reason"],
            proposers=list(d["proposers"]),
        ),
        _("专题询问议题建议已提出。"),
    )
    return redirect("supervision:inquiry_topics")


# -- interpellations ---------------------------------------------------------------------------


@permission_required("supervision.view_overview", "supervision.interpellate", any_of=True)
def interpellation_list(request):
    return render(
        request,
        "supervision/interpellation_list.html",
        {
            **paginate(request, selectors.interpellations_list().order_by("-id")),
            "form": forms.InterpellationForm(),
            "can_submit": request.user.has_perm("supervision.interpellate"),
        },
    )


@require_POST
@permission_required("supervision.interpellate")
def interpellation_create(request):
    made = {}

    def call(d):
        made["i"] = services.interpellation_submit(
            actor=request.user,
            title=d["title"],
            text=d["text"],
            body=d["body"],
            signers=list(d["signers"]),
        )

    if _run(request, forms.InterpellationForm(request.POST), call, _("质询案已提出。")):
        return redirect("supervision:interpellation_detail", pk=made["i"].pk)
    return redirect("supervision:interpellations")


@permission_required("supervision.view_overview", "supervision.interpellate", any_of=True)
def interpellation_detail(request, pk: int):
    interp = get_object_or_404(
        Interpellation.objects.select_related("body", "answer_meeting"), pk=pk
    )
    return render(
        request,
        "supervision/interpellation_detail.html",
        {
            "interp": interp,
            "signers": interp.signer_rows.select_related("person"),
            "can_decide": request.user.has_perm("supervision.decide"),
            "can_manage": request.user.has_perm("supervision.manage"),
            "decide_form": forms.DecideModeForm(),
            "answer_form": forms.AnswerForm(),
            "feedback_form": forms.FeedbackForm(interpellation=interp),
        },
    )


@require_POST
@permission_required("supervision.decide")
def interpellation_act(request, pk: int, action: str):
    interp = get_object_or_404(Interpellation, pk=pk)
    user, post = request.user, request.POST
    if action != "decide" and not user.has_perm("supervision.manage"):
        raise PermissionDenied
    if action == "decide":
        _run(
            request,
            forms.DecideModeForm(post),
            lambda d: services.interpellation_decide(
                actor=user,
                interpellation=interp,
                mode=d["mode"],
                answer_meeting=d["answer_meeting"],
            ),
            _("已登记主任会议决定。"),
        )
    elif action == "answer":
        _run(
            request,
            forms.AnswerForm(post),
            lambda d: services.interpellation_answer(
                actor=user, interpellation=interp, answer=d["answer"], answered_by=d["answered_by"]
            ),
            _("已登记答复。"),
        )
    elif action == "feedback":
        _run(
            request,
            forms.FeedbackForm(post, interpellation=interp),
            lambda d: services.interpellation_feedback(
                actor=user, interpellation=interp, dissatisfied=[p.pk for p in d["dissatisfied"]]
            ),
            _("已登记提出人意见。"),
        )
    else:
        raise Http404
    return redirect("supervision:interpellation_detail", pk=interp.pk)


# -- judicial supervision ----------------------------------------------------------------------


@permission_required("supervision.view_overview")
def judicial_list(request):
    qs = JudicialRecord.objects.select_related("body", "case", "meeting").order_by(
        "-received_on", "-id"
    )
    return render(
        request,
        "supervision/judicial_list.html",
        {
            **paginate(request, qs),
            "form": forms.JudicialForm(),
            "decision_form": forms.DecisionForm(),
            "can_manage": request.user.has_perm("supervision.manage"),
        },
    )


@require_POST
@permission_required("supervision.manage")
def judicial_create(request):
    _run(
        request,
        forms.JudicialForm(request.POST),
        lambda d: services.judicial_record_create(actor=request.user, **d),
        _("已登记。"),
    )
    return redirect("supervision:judicial")


@require_POST
@permission_required("supervision.manage")
def judicial_act(request, pk: int, action: str):
    record = get_object_or_404(JudicialRecord, pk=pk)
    if action == "forward":
        try:
            services.judicial_lead_forward(actor=request.user, record=record)
            messages.success(request, _("线索已转办。"))
        except DomainError as error:
            _error(request, error)
    elif action == "decide":
        _run(
            request,
            forms.DecisionForm(request.POST),
            lambda d: services.judicial_decision_record(
                actor=request.user, record=record, decision=d["decision"]
            ),
            _("已登记常委会决定。"),
        )
    else:
        raise Http404
    return redirect("supervision:judicial")
