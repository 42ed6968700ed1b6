"""Back-office pages of suggestions: lists, the deputy's draft form, detail with screening and assignment."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.casework.paging import paginate_capped
from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, permission_required
from renda.people.exports import xlsx_response
from renda.people.models import Deputy

from . import documents, services, statistics
from .assignment import propose_units, suggestion_assign
from .forms import AssignForm, ImportForm, NotAcceptForm, SuggestionFilterForm, SuggestionForm
from .imports import COLUMNS, ImportFailed, suggestions_import
from .models import Suggestion
from .selectors import bounded_search, suggestion_search, suggestions_visible_to


def _error(request, error: DomainError) -> None:
    messages.error(request, error.message_in(request.LANGUAGE_CODE))


def _visible(request, pk: int) -> Suggestion:
    return get_object_or_404(suggestions_visible_to(request.user), pk=pk)


def _back(pk: int):
    return redirect(reverse("suggestions:detail", args=[pk]))


def filtered_suggestions(request, *, newest: int | None = None, newest_replies: int | None = None):
    """Return (form, queryset) of the list page; the export writes exactly these rows.

    ``newest``/``newest_replies`` bound a search to that many of the newest matches of the
    suggestions' and the replies' full-text index (the list page's first step).
    """
    form = SuggestionFilterForm(request.GET or None)
    qs = suggestions_visible_to(request.user)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("q"):
        qs = suggestion_search(qs, data["q"], newest=newest, newest_replies=newest_replies)
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("category"):
        qs = qs.filter(category=data["category"])
    return form, qs.order_by("-id")


def _list_rows(qs):
    from .selectors import LIST_DEFERRED

    return qs.defer(*LIST_DEFERRED)


@permission_required("suggestions.view")
def suggestion_list(request):
    """Every suggestion the user may see, with search and filters; staff's screening board is ``?status=submitted``."""
    form = SuggestionFilterForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    qs, paging = bounded_search(
        lambda own, replies: _list_rows(
            filtered_suggestions(request, newest=own, newest_replies=replies)[1]
        ),
        q,
    )
    context = {
        "form": form,
        "can_submit": request.user.has_perm("suggestions.submit"),
        "can_export": request.user.has_perm("suggestions.manage"),
        "export_query": request.GET.urlencode(),
        **paginate_capped(request, qs, **paging),
    }
    return render(request, "suggestions/list.html", context)


@permission_required("suggestions.manage")
def suggestion_export(request):
    """The list as xlsx: exactly the rows the filters show, cells escaped against formulas."""
    _form, qs = filtered_suggestions(request)
    headers = [
        _("编号"),
        _("标题"),
        _("领衔代表"),
        _("类别"),
        _("提出时间"),
        _("状态"),
        _("办理状态"),
        _("答复期限"),
        _("提交时间"),
    ]
    rows = (
        [
            s.number,
            s.title,
            s.lead_deputy.person.name,
            s.get_category_display(),
            s.get_channel_display(),
            s.get_status_display(),
            s.case.get_status_display() if s.case_id else "",
            s.case.due_on.isoformat() if s.case_id and s.case.due_on else "",
            timezone.localtime(s.submitted_at).strftime("%Y-%m-%d %H:%M") if s.submitted_at else "",
        ]
        for s in qs.iterator(chunk_size=500)
    )
    return xlsx_response("suggestions", _("代表建议"), headers, rows)


@permission_required("suggestions.submit")
def suggestion_create(request):
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            s = services.suggestion_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("草稿已保存。"))
            return _back(s.pk)
    return render(request, "suggestions/form.html", {"form": form})


@permission_required("suggestions.view")
def suggestion_detail(request, pk: int):
    s = _visible(request, pk)
    allowed = available(request.user, s, DETAIL_ACTIONS)
    context = {
        "s": s,
        "cosigners": s.cosigners.select_related("deputy__person"),
        "attachments": s.attachments.all(),
        "can_submit": "submit" in allowed,
        "can_withdraw": "withdraw" in allowed,
        "can_screen": "accept" in allowed,
        "can_assign": "assign" in allowed,
        "replies": s.case.replies.all() if s.case_id else [],
        "confirmed_cosigners": bool(s.case_id)
        and s.cosigners.filter(confirmed_at__isnull=False).exists(),
        "can_invite": "invite" in allowed,
        "can_confirm": "confirm" in allowed,
        "can_update": "update" in allowed,
        "can_attach": "add" in allowed,
        "can_merge": "merge" in allowed,
        "can_split": "split" in allowed,
    }
    if context["can_invite"]:
        taken = {s.lead_deputy_id, *s.cosigners.values_list("deputy_id", flat=True)}
        context["invitable"] = [
            d
            for d in Deputy.objects.filter(term_id=s.term_id, status=Deputy.Status.ACTIVE)
            .select_related("person")
            .order_by("person__name", "pk")
            if d.pk not in taken
        ]
    if context["can_screen"]:
        context["not_accept_form"] = NotAcceptForm()
    if context["can_assign"]:
        proposal = propose_units(s)
        context["proposal"] = proposal
        initial = {
            "lead": proposal.lead[0].pk if proposal.lead else None,
            "co_handlers": [org.pk for org, _c in proposal.co_handlers],
        }
        context["assign_form"] = AssignForm(initial=initial)
    return render(request, "suggestions/detail.html", context)


#: The actions the detail page offers, by verb.
DETAIL_ACTIONS = (
    services.cosigner_invite,
    services.cosigner_confirm,
    services.suggestion_submit,
    services.suggestion_withdraw,
    services.suggestion_accept,
    suggestion_assign,
    services.suggestion_update,
    services.attachment_add,
    services.suggestion_merge,
    services.suggestion_split,
)


def _deputy_of_term(request, s: Suggestion) -> Deputy | None:
    """The deputy chosen in the form, of the suggestion's term; None (with a message) if not."""
    try:
        return Deputy.objects.select_related("person").get(
            pk=int(request.POST.get("deputy", "")), term_id=s.term_id
        )
    except (ValueError, Deputy.DoesNotExist):
        messages.error(request, _("请选择本届的一名代表。"))
        return None


@require_POST
@permission_required("suggestions.submit")
def cosigner_invite(request, pk: int):
    """The lead deputy invites another deputy of the term to co-sign the draft (联名)."""
    s = _visible(request, pk)
    deputy = _deputy_of_term(request, s)
    if deputy is None:
        return _back(pk)
    try:
        services.cosigner_invite(actor=request.user, suggestion=s, deputy=deputy)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("已邀请{name}联名，待其确认。").format(name=deputy.person.name))
    return _back(pk)


@require_POST
@permission_required("suggestions.submit")
def cosigner_remove(request, pk: int):
    s = _visible(request, pk)
    deputy = _deputy_of_term(request, s)
    if deputy is None:
        return _back(pk)
    try:
        services.cosigner_remove(actor=request.user, suggestion=s, deputy=deputy)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("已将{name}移出联名名单。").format(name=deputy.person.name))
    return _back(pk)


@require_POST
@permission_required("suggestions.submit")
def cosigner_confirm(request, pk: int):
    """An invited deputy confirms joining the suggestion."""
    s = _visible(request, pk)
    try:
        services.cosigner_confirm(actor=request.user, suggestion=s)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("已确认联名。"))
    return _back(pk)


@require_POST
@permission_required("suggestions.submit")
def suggestion_submit(request, pk: int):
    s = _visible(request, pk)
    try:
        services.suggestion_submit(actor=request.user, suggestion=s)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("建议已提交。"))
    return _back(pk)


@require_POST
@permission_required("suggestions.submit")
def suggestion_withdraw(request, pk: int):
    s = _visible(request, pk)
    try:
        services.suggestion_withdraw(
            actor=request.user, suggestion=s, reason=request.POST.get("reason", "")[:500]
        )
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("建议已撤回。"))
    return _back(pk)


@require_POST
@permission_required("suggestions.manage")
def suggestion_screen(request, pk: int):
    s = _visible(request, pk)
    try:
        if request.POST.get("decision") == "accept":
            services.suggestion_accept(
                actor=request.user, suggestion=s, note=request.POST.get("note", "")
            )
        else:
            form = NotAcceptForm(request.POST)
            reasons = form.cleaned_data["reasons"] if form.is_valid() else []
            services.suggestion_not_accept(
                actor=request.user, suggestion=s, reasons=reasons, note=request.POST.get("note", "")
            )
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("审查结果已保存。"))
    return _back(pk)


@require_POST
@permission_required("suggestions.manage")
def suggestion_assign_view(request, pk: int):
    s = _visible(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择主办单位。"))
        return _back(pk)
    try:
        suggestion_assign(
            actor=request.user,
            suggestion=s,
            lead=form.cleaned_data["lead"],
            co_handlers=list(form.cleaned_data["co_handlers"]),
        )
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("建议已交办。"))
    return _back(pk)


@permission_required("suggestions.view_statistics")
def suggestion_statistics(request):
    """Handling statistics per session, year and lead unit, each chart beside its table (rules §1.14)."""
    today = timezone.localdate()
    cached = statistics.cached_figures(today=today)
    figures = cached["figures"]
    context = {
        "today": today,
        **figures,
        "totals_rows": [figures["totals"]],
        "computed_at": cached["computed_at"],
        "stale": cached["stale"],
        "session_option": statistics.rates_chart(figures["sessions"]),
        "year_option": statistics.counts_chart(figures["years"]),
        "unit_option": statistics.rates_chart(figures["units"]),
        "session_height": statistics.chart_height(figures["sessions"]),
        "unit_height": statistics.chart_height(figures["units"]),
    }
    return render(request, "suggestions/statistics.html", context)


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response


@permission_required("suggestions.view")
def reply_letter(request, pk: int, reply_id: int):
    """The reply letter (答复函, rules §1.11) for the office, the handling unit and the deputies."""
    s = _visible(request, pk)
    if not s.case_id:
        raise Http404
    reply = get_object_or_404(s.case.replies.select_related("unit"), pk=reply_id)
    names = [
        c.deputy.person.name
        for c in s.cosigners.filter(confirmed_at__isnull=False).select_related("deputy__person")
    ]
    content = documents.reply_letter(suggestion=s, reply=reply, cosigner_names=names)
    return _download(content, f"reply-{s.pk}-{reply.pk}")


@permission_required("suggestions.view")
def reply_letters(request, pk: int, reply_id: int):
    """A reply letter to each deputy of the suggestion (rules §1.11): the lead deputy, then each confirmed
    co-signer, one per page; ``?deputy=<id>`` gives the letter to that deputy alone."""
    s = _visible(request, pk)
    if not s.case_id:
        raise Http404
    reply = get_object_or_404(s.case.replies.select_related("unit"), pk=reply_id)
    deputies = [s.lead_deputy] + [
        c.deputy
        for c in s.cosigners.filter(confirmed_at__isnull=False)
        .select_related("deputy__person")
        .order_by("id")
    ]
    names = [d.person.name for d in deputies]
    wanted = request.GET.get("deputy")
    addressees = None
    if wanted:
        addressees = [d.person.name for d in deputies if str(d.pk) == wanted]
        if not addressees:
            raise Http404
    content = documents.reply_letters(suggestion=s, reply=reply, names=names, addressees=addressees)
    suffix = f"-{wanted}" if wanted else ""
    return _download(content, f"reply-letters-{s.pk}-{reply.pk}{suffix}")


@permission_required("suggestions.view_statistics")
def handling_report(request):
    """The handling report for the standing committee and the congress (rules §1.3)."""
    today = timezone.localdate()
    content = documents.handling_report(figures=statistics.cached_report(today=today), today=today)
    return _download(content, f"suggestions-report-{today.isoformat()}")


@permission_required("suggestions.manage")
def suggestion_import(request):
    """Import a session's suggestions from xlsx: every row checked, all imported in one transaction or none."""
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = suggestions_import(
                actor=request.user,
                session=form.cleaned_data["session"],
                upload=form.cleaned_data["file"],
            )
        except ImportFailed as failed:
            row_errors = failed.errors
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已导入 {n} 件建议。").format(n=len(created)))
            return redirect(reverse("suggestions:list") + "?status=submitted")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "suggestions/import.html",
        {"form": form, "row_errors": row_errors, "columns": COLUMNS},
        status=status,
    )
