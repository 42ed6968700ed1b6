"""Back-office pages of matters: the overview, matters and their materials, decisions, revocation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.errors import PermissionDenied as DomainPermissionDenied
from renda.core.search import search
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response

from .. import selectors, services, workflow
from ..forms import (
    ConcludeForm,
    DecisionForm,
    MaterialForm,
    MatterFilterForm,
    OpinionsForm,
    RevocationForm,
    ScheduleForm,
)
from ..models import AnnualList, Decision, Matter
from ._common import _act, _decision, _matter, _to_matter

#: A matter's actions, as its page offers them (the verbs in ``allowed``).
MATTER_ACTIONS = (
    services.material_add,
    services.matter_schedule,
    services.decision_propose,
    services.matter_conclude,
    services.opinions_send,
)
#: A decision's actions, offered on its matter's page.
DECISION_ACTIONS = (services.decision_record_outcome, services.decision_publish)


# -- overview -------------------------------------------------------------------------------


@permission_required("decisions.view_overview")
def overview(request):
    """Counts per category, overdue items and lists that wait for someone (staff and leaders)."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 2000), 2100)
    rows = selectors.category_figures(today, year=year)
    totals = {k: sum(r[k] for r in rows) for k in ("total", "done", "scheduled", "overdue")}
    context = {
        "today": today,
        "year": year,
        "rows": rows,
        "totals": totals,
        "chart": selectors.category_chart(rows),
        "overdue": list(selectors.overdue_matters(today=today)[:100]),
        "late_lists": list(selectors.late_lists(today).select_related("government")),
        "open_lists": list(
            AnnualList.objects.filter(status__in=workflow.OPEN_LIST_STATUSES)
            .exclude(status=AnnualList.Status.DRAFT)
            .select_related("government")
        ),
        "pending_decisions": list(
            Decision.objects.filter(
                status__in=[Decision.Status.PENDING, Decision.Status.ADOPTED]
            ).select_related("matter", "poll")
        ),
    }
    return render(request, "decisions/overview.html", context)


# -- matters ----------------------------------------------------------------------------------


def filtered_matters(request):
    form = MatterFilterForm(request.GET or None)
    qs = selectors.matters_visible_to(request.user)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("q"):
        qs = search(qs, data["q"])
    for field in ("category", "kind", "status", "year"):
        if data.get(field):
            qs = qs.filter(**{field: data[field]})
    if data.get("overdue"):
        qs = qs.filter(selectors.overdue_q(timezone.localdate()))
    return form, qs.order_by("-year", "planned_quarter", "id")


@permission_required("decisions.view")
def matter_index(request):
    form, qs = filtered_matters(request)
    return render(
        request,
        "decisions/matters.html",
        {
            "form": form,
            "today": timezone.localdate(),
            "query": request.GET.urlencode(),
            **paginate(request, qs),
        },
    )


@permission_required("decisions.view")
def matter_xlsx(request):
    _form, qs = filtered_matters(request)
    today = timezone.localdate()
    headers = [
        _("年度"),
        _("类别"),
        _("事项名称"),
        _("事项类型"),
        _("提请机关"),
        _("计划提请季度"),
        _("状态"),
        _("会议"),
        _("逾期未提请"),
    ]
    rows = (
        [
            m.year,
            m.category.name,
            m.title,
            m.get_kind_display(),
            m.proposing_body.name,
            m.planned_quarter or "",
            m.get_status_display(),
            m.agenda_item.meeting.title if m.agenda_item_id else "",
            _("是") if m.is_overdue(today) else "",
        ]
        for m in qs.iterator(chunk_size=500)
    )
    return xlsx_response("major-matters", _("重大事项"), headers, rows)


@permission_required("decisions.view")
def matter_detail(request, pk: int):
    matter = _matter(request, pk)
    user = request.user
    decisions = list(matter.decisions.select_related("poll").order_by("id"))
    for d in decisions:
        d.allowed = available(user, d, DECISION_ACTIONS)
    allowed = available(user, matter, MATTER_ACTIONS)
    today = timezone.localdate()
    context = {
        "m": matter,
        "materials": list(matter.materials.all()),
        "decisions": decisions,
        "allowed": allowed,
        "see": {
            "meeting": user.has_perm("meetings.view"),
            "poll": user.has_perm("voting.chair") or user.has_perm("voting.manage"),
        },
        "today": today,
        "overdue": matter.is_overdue(today),
        "deadlines": selectors.matter_deadlines(matter, today),
        "list_items": list(
            matter.list_items.select_related("annual_list").order_by("annual_list__version")
        ),
    }
    if "add_material" in allowed:
        context["material_form"] = MaterialForm(auto_id="material_%s")
    if "schedule" in allowed:
        context["schedule_form"] = ScheduleForm(auto_id="schedule_%s")
    if "propose" in allowed:
        context["decision_form"] = DecisionForm(
            matter=matter, initial={"title": matter.title}, auto_id="decision_%s"
        )
    if "conclude" in allowed:
        context["conclude_form"] = ConcludeForm(auto_id="conclude_%s")
    if "opinions" in allowed:
        context["opinions_form"] = OpinionsForm(auto_id="opinions_%s")
    return render(request, "decisions/matter_detail.html", context)


@require_POST
@permission_required("decisions.file_material")
def material_add(request, pk: int):
    _act(
        request,
        services.material_add,
        _("材料已报送。"),
        form=MaterialForm(request.POST, request.FILES),
        matter=_matter(request, pk),
    )
    return _to_matter(pk)


@require_POST
@permission_required("decisions.manage")
def matter_schedule(request, pk: int):
    _act(
        request,
        services.matter_schedule,
        _("已列入会议议程。"),
        form=ScheduleForm(request.POST),
        matter=_matter(request, pk),
    )
    return _to_matter(pk)


@require_POST
@permission_required("decisions.manage")
def decision_propose(request, pk: int):
    matter = _matter(request, pk)
    _act(
        request,
        services.decision_propose,
        _("决定草案已提请表决，表决已在议程事项上建立。"),
        form=DecisionForm(request.POST, matter=matter),
        matter=matter,
    )
    return _to_matter(pk)


@require_POST
@permission_required("decisions.manage")
def matter_conclude(request, pk: int):
    _act(
        request,
        services.matter_conclude,
        _("审议情况已登记。"),
        form=ConcludeForm(request.POST),
        matter=_matter(request, pk),
    )
    return _to_matter(pk)


@require_POST
@permission_required("decisions.manage")
def opinions_send(request, pk: int):
    _act(
        request,
        services.opinions_send,
        _("审议意见已交政府研究处理。"),
        form=OpinionsForm(request.POST),
        matter=_matter(request, pk),
    )
    return _to_matter(pk)


# -- decisions ----------------------------------------------------------------------------------


@require_POST
@permission_required("decisions.manage")
def decision_record(request, pk: int):
    decision = _decision(request, pk)
    _act(request, services.decision_record_outcome, _("表决结果已登记。"), decision=decision)
    return _to_matter(decision.matter_id)


@require_POST
@permission_required("decisions.manage")
def decision_publish(request, pk: int):
    decision = _decision(request, pk)
    _act(request, services.decision_publish, _("已公布。"), decision=decision)
    return _to_matter(decision.matter_id)


@permission_required("decisions.manage")
def revocation_create(request):
    """A motion to revoke a government decision taken without the legal procedure (S12 item 4)."""
    form = RevocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not services.matter_create.permits(request.user):
            raise PermissionDenied
        try:
            matter = services.matter_create(
                actor=request.user, kind=Matter.Kind.REVOCATION, **form.cleaned_data
            )
        except DomainError as error:
            if isinstance(error, DomainPermissionDenied):
                raise
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("撤销议案已登记，请列入常委会会议议程。"))
            return _to_matter(matter.pk)
    return render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "title": _("撤销议案"),
            "cancel": reverse("decisions:matters"),
            "help": _(
                "政府非经法定程序作出的重大决策，本级人大常委会应依法撤销（S12）。登记后列入常委会会议议程并表决。"
            ),
        },
    )
