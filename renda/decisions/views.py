"""Back-office pages of major matters: the annual list workspace, matters, decisions, revocation, overview."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.errors import PermissionDenied as DomainPermissionDenied
from renda.core.search import search
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response

from . import documents, selectors, services, workflow
from .forms import (
    AdoptForm,
    ChangeForm,
    CommentForm,
    ConcludeForm,
    ConsentForm,
    DecisionForm,
    ItemForm,
    ListCreateForm,
    MaterialForm,
    MatterFilterForm,
    OpinionsForm,
    ReasonForm,
    RespondForm,
    RevocationForm,
    ScheduleForm,
)
from .models import AnnualList, Decision, ListItem, Matter
from .rules import is_government_officer


def _error(request, error: DomainError) -> None:
    if isinstance(error, DomainPermissionDenied):
        raise error
    messages.error(request, error.message_in(request.LANGUAGE_CODE))


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, e)


def _list(request, pk: int) -> AnnualList:
    return get_object_or_404(selectors.lists_visible_to(request.user), pk=pk)


def _matter(request, pk: int) -> Matter:
    return get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)


def _to_list(pk: int, anchor: str = ""):
    return redirect(reverse("decisions:list_detail", args=[pk]) + anchor)


def _to_matter(pk: int):
    return redirect(reverse("decisions:matter_detail", args=[pk]))


def _owns(user, lst: AnnualList) -> bool:
    return bool(
        user.is_superuser
        or user.role == "admin"
        or (is_government_officer(user) and user.scope_id == lst.government_id)
    )


def _form_action(request, form, call, success, *, back, **kwargs):
    """The shape of every form post: validate ``form``, run the service with its data, go ``back``."""
    if form.is_valid():
        _run(request, call, success, **kwargs, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return back


def _run(request, call, success, *args, **kwargs) -> bool:
    try:
        call(*args, actor=request.user, **kwargs)
    except DomainError as error:
        _error(request, error)
        return False
    messages.success(request, success)
    return True


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


# -- annual lists ---------------------------------------------------------------------------


@permission_required("decisions.view")
def list_index(request):
    qs = selectors.lists_visible_to(request.user).order_by("-year", "-version")
    today = timezone.localdate()
    return render(
        request,
        "decisions/lists.html",
        {
            **paginate(request, qs),
            "today": today,
            "can_create": request.user.has_perm("decisions.submit"),
        },
    )


@permission_required("decisions.submit")
def list_create(request):
    """The government starts next year's proposal (S12 item 3)."""
    today = timezone.localdate()
    form = ListCreateForm(request.POST or None, initial={"year": today.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            lst = services.annual_list_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            if isinstance(error, DomainPermissionDenied):
                raise
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("清单已创建，请逐项填写拟提请讨论决定的重大事项。"))
            return _to_list(lst.pk)
    return render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "title": _("新建年度清单"),
            "cancel": reverse("decisions:lists"),
            "help": _(
                "政府每年底研究提出下一年度拟提请人大常委会讨论决定的重大事项建议清单（S12）。"
            ),
            "due": services.annual_list_due(today.year + 1),
        },
    )


@permission_required("decisions.view")
def list_detail(request, pk: int):
    """The workspace: items, comments, revision history, and the next step for whoever may take it."""
    lst = _list(request, pk)
    user = request.user
    items = list(
        lst.items.select_related("category", "proposing_body", "matter").order_by("order", "id")
    )
    comments = list(lst.comments.select_related("body", "author", "item").order_by("id"))
    owns = _owns(user, lst)
    may = {
        "edit": owns
        and user.has_perm("decisions.submit")
        and workflow.list_allows("edit", lst.status),
        "submit": owns
        and user.has_perm("decisions.submit")
        and (
            workflow.list_allows("submit", lst.status)
            or workflow.list_allows("resubmit", lst.status)
        ),
        "respond": owns
        and user.has_perm("decisions.submit")
        and workflow.list_allows("respond", lst.status),
        "comment": user.has_perm("decisions.comment")
        and workflow.list_allows("comment", lst.status),
        "close": user.has_perm("decisions.manage")
        and workflow.list_allows("close_comments", lst.status),
        "return": user.has_perm("decisions.manage") and workflow.list_allows("return", lst.status),
        "consent": user.has_perm("decisions.manage")
        and workflow.list_allows("consent", lst.status),
        "adopt": user.has_perm("decisions.adopt") and workflow.list_allows("adopt", lst.status),
        "publish": user.has_perm("decisions.manage")
        and workflow.list_allows("publish", lst.status),
        "change": owns
        and user.has_perm("decisions.submit")
        and workflow.list_allows("change", lst.status)
        and not AnnualList.objects.filter(
            year=lst.year, status__in=workflow.OPEN_LIST_STATUSES
        ).exists(),
    }
    context = {
        "lst": lst,
        "items": items,
        "comments": comments,
        "may": may,
        "today": timezone.localdate(),
        "late": lst.late_on(timezone.localdate()),
        "revisions": selectors.list_revisions(lst),
        "field_labels": selectors.FIELD_LABELS,
        "changes": list(lst.changes.order_by("version")),
    }
    if may["edit"]:
        context["item_form"] = ItemForm(government=lst.government, auto_id="item_%s")
    if may["comment"]:
        context["comment_form"] = CommentForm(annual_list=lst, auto_id="comment_%s")
    if may["consent"]:
        context["consent_form"] = ConsentForm(
            initial={"consented_on": timezone.localdate()}, auto_id="consent_%s"
        )
    if may["adopt"]:
        context["adopt_form"] = AdoptForm(auto_id="adopt_%s")
    if may["return"]:
        context["return_form"] = ReasonForm(auto_id="return_%s")
    if may["change"]:
        context["change_form"] = ChangeForm(auto_id="change_%s")
    return render(request, "decisions/list_detail.html", context)


@require_POST
@permission_required("decisions.submit")
def item_add(request, pk: int):
    lst = _list(request, pk)
    form = ItemForm(request.POST, government=lst.government)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_list(pk, "#items")
    _run(
        request, services.list_item_add, _("事项已加入清单。"), annual_list=lst, **form.cleaned_data
    )
    return _to_list(pk, "#items")


def _item(request, pk: int, item_id: int) -> tuple[AnnualList, ListItem]:
    lst = _list(request, pk)
    return lst, get_object_or_404(
        ListItem.objects.select_related("category", "proposing_body"), pk=item_id, annual_list=lst
    )


@permission_required("decisions.submit")
def item_edit(request, pk: int, item_id: int):
    lst, item = _item(request, pk, item_id)
    initial = {
        "category": item.category_id,
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "planned_quarter": item.planned_quarter,
        "proposing_body": item.proposing_body_id,
    }
    form = ItemForm(request.POST or None, initial=initial, government=lst.government)
    if request.method == "POST" and form.is_valid():
        try:
            services.list_item_update(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as error:
            if isinstance(error, DomainPermissionDenied):
                raise
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("事项已修改。"))
            return _to_list(pk, "#items")
    return render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "title": _("修改清单事项"),
            "lst": lst,
            "cancel": reverse("decisions:list_detail", args=[pk]),
        },
    )


@require_POST
@permission_required("decisions.submit")
def item_remove(request, pk: int, item_id: int):
    _lst, item = _item(request, pk, item_id)
    _run(request, services.list_item_remove, _("事项已移出清单。"), item=item)
    return _to_list(pk, "#items")


@require_POST
@permission_required("decisions.submit")
def list_submit(request, pk: int):
    lst = _list(request, pk)
    _run(request, services.annual_list_submit, _("清单已报送。"), annual_list=lst)
    return _to_list(pk)


@require_POST
@permission_required("decisions.comment")
def list_comment(request, pk: int):
    lst = _list(request, pk)
    form = CommentForm(request.POST, annual_list=lst)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_list(pk, "#comments")
    _run(
        request, services.list_comment_add, _("意见已提出。"), annual_list=lst, **form.cleaned_data
    )
    return _to_list(pk, "#comments")


@require_POST
@permission_required("decisions.submit")
def comment_respond(request, pk: int):
    lst = _list(request, pk)
    form = RespondForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_list(pk, "#comments")
    comment = get_object_or_404(lst.comments, pk=form.cleaned_data["comment"])
    _run(
        request,
        services.list_comment_respond,
        _("采纳情况已填写。"),
        comment=comment,
        response=form.cleaned_data["response"],
    )
    return _to_list(pk, "#comments")


@require_POST
@permission_required("decisions.manage")
def list_close_comments(request, pk: int):
    lst = _list(request, pk)
    _run(
        request,
        services.annual_list_close_comments,
        _("征求意见已结束，清单交政府修改。"),
        annual_list=lst,
    )
    return _to_list(pk)


@require_POST
@permission_required("decisions.manage")
def list_return(request, pk: int):
    lst = _list(request, pk)
    form = ReasonForm(request.POST)
    return _form_action(
        request,
        form,
        services.annual_list_return,
        _("清单已退回政府修改。"),
        annual_list=lst,
        back=_to_list(pk),
    )


@require_POST
@permission_required("decisions.manage")
def list_consent(request, pk: int):
    lst = _list(request, pk)
    form = ConsentForm(request.POST)
    return _form_action(
        request,
        form,
        services.annual_list_record_consent,
        _("党委同意意见已登记。"),
        annual_list=lst,
        back=_to_list(pk),
    )


@require_POST
@permission_required("decisions.adopt")
def list_adopt(request, pk: int):
    lst = _list(request, pk)
    form = AdoptForm(request.POST)
    return _form_action(
        request,
        form,
        services.annual_list_adopt,
        _("主任会议已通过清单。"),
        annual_list=lst,
        back=_to_list(pk),
    )


@require_POST
@permission_required("decisions.manage")
def list_publish(request, pk: int):
    lst = _list(request, pk)
    _run(request, services.annual_list_publish, _("清单已公布。"), annual_list=lst)
    return _to_list(pk)


@require_POST
@permission_required("decisions.submit")
def list_change(request, pk: int):
    lst = _list(request, pk)
    form = ChangeForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_list(pk)
    try:
        change = services.annual_list_change_start(
            actor=request.user, base=lst, **form.cleaned_data
        )
    except DomainError as error:
        _error(request, error)
        return _to_list(pk)
    messages.success(request, _("已提出清单调整，请修改后报送。"))
    return _to_list(change.pk)


@permission_required("decisions.view")
def list_xlsx(request, pk: int):
    """The items of one version as xlsx, cells escaped against formulas."""
    lst = _list(request, pk)
    items = lst.items.select_related("category", "proposing_body").order_by("order", "id")
    return xlsx_response(
        f"major-matters-{lst.year}-v{lst.version}",
        _("重大事项清单"),
        documents.item_headers(),
        (documents.item_row(i) for i in items),
    )


@permission_required("decisions.view")
def list_docx(request, pk: int):
    """The published list as Word (docx)."""
    lst = _list(request, pk)
    if lst.status not in workflow.PUBLIC_LIST_STATUSES:
        raise Http404
    items = list(lst.items.select_related("category", "proposing_body").order_by("order", "id"))
    response = HttpResponse(
        documents.annual_list_docx(lst, items), content_type=documents.DOCX_TYPE
    )
    response["Content-Disposition"] = (
        f'attachment; filename="major-matters-{lst.year}-v{lst.version}.docx"'
    )
    return response


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
    manage = user.has_perm("decisions.manage")
    decisions = list(matter.decisions.select_related("poll").order_by("id"))
    live = [d for d in decisions if d.status != Decision.Status.REJECTED]
    own = (
        services.owns_matter(user, matter) if user.has_perm("decisions.submit") or manage else False
    )
    today = timezone.localdate()
    may = {
        "material": own and workflow.matter_allows("material", matter.status),
        "schedule": manage and workflow.matter_allows("schedule", matter.status),
        "propose": manage
        and workflow.matter_allows("propose_decision", matter.status)
        and bool(matter.agenda_item_id)
        and not live,
        "conclude": manage
        and matter.kind in workflow.REPORT_KINDS
        and workflow.matter_allows("conclude", matter.status),
        "opinions": manage
        and matter.kind in workflow.REPORT_KINDS
        and not matter.case_id
        and workflow.matter_allows("opinions", matter.status),
        "see_meeting": user.has_perm("meetings.view"),
        "see_poll": user.has_perm("voting.chair") or user.has_perm("voting.manage"),
    }
    context = {
        "m": matter,
        "materials": list(matter.materials.all()),
        "decisions": decisions,
        "may": may,
        "manage": manage,
        "today": today,
        "overdue": matter.is_overdue(today),
        "deadlines": selectors.matter_deadlines(matter, today),
        "list_items": list(
            matter.list_items.select_related("annual_list").order_by("annual_list__version")
        ),
    }
    if may["material"]:
        context["material_form"] = MaterialForm(auto_id="material_%s")
    if may["schedule"]:
        context["schedule_form"] = ScheduleForm(auto_id="schedule_%s")
    if may["propose"]:
        context["decision_form"] = DecisionForm(
            matter=matter, initial={"title": matter.title}, auto_id="decision_%s"
        )
    if may["conclude"]:
        context["conclude_form"] = ConcludeForm(auto_id="conclude_%s")
    if may["opinions"]:
        context["opinions_form"] = OpinionsForm(auto_id="opinions_%s")
    return render(request, "decisions/matter_detail.html", context)


@require_POST
@permission_required("decisions.submit", "decisions.manage", any_of=True)
def material_add(request, pk: int):
    matter = _matter(request, pk)
    form = MaterialForm(request.POST, request.FILES)
    return _form_action(
        request, form, services.material_add, _("材料已报送。"), matter=matter, back=_to_matter(pk)
    )


@require_POST
@permission_required("decisions.manage")
def matter_schedule(request, pk: int):
    matter = _matter(request, pk)
    form = ScheduleForm(request.POST)
    return _form_action(
        request,
        form,
        services.matter_schedule,
        _("已列入会议议程。"),
        matter=matter,
        back=_to_matter(pk),
    )


@require_POST
@permission_required("decisions.manage")
def decision_propose(request, pk: int):
    matter = _matter(request, pk)
    form = DecisionForm(request.POST, matter=matter)
    return _form_action(
        request,
        form,
        services.decision_propose,
        _("决定草案已提请表决，表决已在议程事项上建立。"),
        matter=matter,
        back=_to_matter(pk),
    )


@require_POST
@permission_required("decisions.manage")
def matter_conclude(request, pk: int):
    matter = _matter(request, pk)
    form = ConcludeForm(request.POST)
    return _form_action(
        request,
        form,
        services.matter_conclude,
        _("审议情况已登记。"),
        matter=matter,
        back=_to_matter(pk),
    )


@require_POST
@permission_required("decisions.manage")
def opinions_send(request, pk: int):
    matter = _matter(request, pk)
    form = OpinionsForm(request.POST)
    return _form_action(
        request,
        form,
        services.opinions_send,
        _("审议意见已交政府研究处理。"),
        matter=matter,
        back=_to_matter(pk),
    )


def _decision(request, pk: int) -> Decision:
    return get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)


@require_POST
@permission_required("decisions.manage")
def decision_record(request, pk: int):
    decision = _decision(request, pk)
    _run(request, services.decision_record_outcome, _("表决结果已登记。"), decision=decision)
    return _to_matter(decision.matter_id)


@require_POST
@permission_required("decisions.manage")
def decision_publish(request, pk: int):
    decision = _decision(request, pk)
    _run(request, services.decision_publish, _("已公布。"), decision=decision)
    return _to_matter(decision.matter_id)


@permission_required("decisions.manage")
def revocation_create(request):
    """A motion to revoke a government decision taken without the legal procedure (S12 item 4)."""
    form = RevocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
