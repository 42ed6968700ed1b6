"""Back-office pages of the annual list: the workspace, its items, comments and each step of its route."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.approval_views import panel
from renda.core.errors import DomainError
from renda.core.errors import PermissionDenied as DomainPermissionDenied
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response

from .. import documents, selectors, services, workflow
from ..forms import (
    AdoptForm,
    ChangeForm,
    CommentForm,
    ConsentForm,
    ItemForm,
    ListCreateForm,
    ReasonForm,
    RespondForm,
)
from ..models import AnnualList, ListItem
from ._common import _act, _form_errors, _list, _to_list

#: The list's actions, as its page offers them (the verbs in ``allowed``).
LIST_ACTIONS = (
    services.list_item_add,
    services.annual_list_send,
    services.annual_list_resubmit,
    services.list_comment_add,
    services.annual_list_close_comments,
    services.annual_list_return,
    services.annual_list_record_consent,
    services.annual_list_adopt,
    services.annual_list_publish,
    services.annual_list_change_start,
)
#: The verbs of the "办理" card: without any of them it says there is nothing to do.
NEXT_STEPS = frozenset(
    {"submit", "resubmit", "close_comments", "consent", "adopt", "publish", "change"}
)


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
            "can_create": services.annual_list_create.permits(request.user),
        },
    )


@permission_required("decisions.submit")
def list_create(request):
    """The government starts next year's proposal (S12 item 3)."""
    today = timezone.localdate()
    form = ListCreateForm(request.POST or None, initial={"year": today.year + 1})
    if request.method == "POST" and form.is_valid():
        if not services.annual_list_create.permits(request.user):
            raise PermissionDenied
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
    allowed = set(available(user, lst, LIST_ACTIONS))
    if comments and services.list_comment_respond.allows(user, comments[0]):
        allowed.add(services.list_comment_respond.verb)
    today = timezone.localdate()
    context = {
        "lst": lst,
        "items": items,
        "comments": comments,
        "allowed": frozenset(allowed),
        # The steps of the route the "办理" card offers (the rest are on the items and comments).
        "next_steps": allowed & NEXT_STEPS,
        "today": today,
        "late": lst.late_on(today),
        "revisions": selectors.list_revisions(lst),
        "field_labels": selectors.FIELD_LABELS,
        "changes": list(lst.changes.order_by("version")),
        # The party committee's consent (S2): its history; the list's own forms record it.
        **panel(user, lst, services.PARTY_CONSENT),
    }
    if "add_item" in allowed:
        context["item_form"] = ItemForm(government=lst.government, auto_id="item_%s")
    if "comment" in allowed:
        context["comment_form"] = CommentForm(annual_list=lst, auto_id="comment_%s")
    if "consent" in allowed:
        context["consent_form"] = ConsentForm(initial={"consented_on": today}, auto_id="consent_%s")
    if "adopt" in allowed:
        context["adopt_form"] = AdoptForm(auto_id="adopt_%s")
    if "return" in allowed:
        context["return_form"] = ReasonForm(auto_id="return_%s")
    if "change" in allowed:
        context["change_form"] = ChangeForm(auto_id="change_%s")
    return render(request, "decisions/list_detail.html", context)


@require_POST
@permission_required("decisions.submit")
def item_add(request, pk: int):
    lst = _list(request, pk)
    _act(
        request,
        services.list_item_add,
        _("事项已加入清单。"),
        form=ItemForm(request.POST, government=lst.government),
        annual_list=lst,
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
        if not services.list_item_update.permits(request.user, item):
            raise PermissionDenied
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
    _act(request, services.list_item_remove, _("事项已移出清单。"), item=item)
    return _to_list(pk, "#items")


@require_POST
@permission_required("decisions.submit")
def list_submit(request, pk: int):
    """The one button of both submissions: for comments, then the revised list (S2)."""
    lst = _list(request, pk)
    if lst.status in workflow.REVISE_SOURCES:
        act = services.annual_list_resubmit
    else:
        act = services.annual_list_send
    _act(request, act, _("清单已报送。"), annual_list=lst)
    return _to_list(pk)


@require_POST
@permission_required("decisions.comment")
def list_comment(request, pk: int):
    lst = _list(request, pk)
    _act(
        request,
        services.list_comment_add,
        _("意见已提出。"),
        form=CommentForm(request.POST, annual_list=lst),
        annual_list=lst,
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
    _act(
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
    _act(
        request,
        services.annual_list_close_comments,
        _("征求意见已结束，清单交政府修改。"),
        annual_list=_list(request, pk),
    )
    return _to_list(pk)


@require_POST
@permission_required("decisions.manage")
def list_return(request, pk: int):
    _act(
        request,
        services.annual_list_return,
        _("清单已退回政府修改。"),
        form=ReasonForm(request.POST),
        annual_list=_list(request, pk),
    )
    return _to_list(pk)


@require_POST
@permission_required("decisions.manage")
def list_consent(request, pk: int):
    _act(
        request,
        services.annual_list_record_consent,
        _("党委同意意见已登记。"),
        form=ConsentForm(request.POST),
        annual_list=_list(request, pk),
    )
    return _to_list(pk)


@require_POST
@permission_required("decisions.adopt")
def list_adopt(request, pk: int):
    _act(
        request,
        services.annual_list_adopt,
        _("主任会议已通过清单。"),
        form=AdoptForm(request.POST),
        annual_list=_list(request, pk),
    )
    return _to_list(pk)


@require_POST
@permission_required("decisions.manage")
def list_publish(request, pk: int):
    _act(request, services.annual_list_publish, _("清单已公布。"), annual_list=_list(request, pk))
    return _to_list(pk)


@require_POST
@permission_required("decisions.submit")
def list_change(request, pk: int):
    lst = _list(request, pk)
    change = _act(
        request,
        services.annual_list_change_start,
        _("已提出清单调整，请修改后报送。"),
        form=ChangeForm(request.POST),
        base=lst,
    )
    return _to_list(change.pk if isinstance(change, AnnualList) else pk)


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
