"""Back-office pages of meetings: the agenda, its dispositions and the meeting's documents."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.views import add_domain_error, permission_required

from .. import services
from ..forms import AgendaItemForm, DisposeForm, DocumentForm
from ..models import AgendaItem
from ._common import _back, _error, _item, _managed_meeting

# -- agenda ---------------------------------------------------------------------------------


@permission_required("meetings.manage")
def item_create(request, pk: int):
    meeting = _managed_meeting(pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已列入议程。"))
            return _back(pk, "agenda")
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": _("新增议程事项"),
            "meeting": meeting,
            "cancel": reverse("meetings:detail", args=[pk]),
        },
        status=400 if form.errors else 200,
    )


@permission_required("meetings.manage")
def item_edit(request, pk: int):
    item = _item(pk)
    if request.method == "POST":
        form = AgendaItemForm(request.POST)
        if form.is_valid():
            try:
                services.agenda_item_update(actor=request.user, item=item, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("议程事项已保存。"))
                return _back(item.meeting_id, "agenda")
    else:
        form = AgendaItemForm(
            initial={
                "kind": item.kind,
                "title": item.title,
                "description": item.description,
                "reporter": item.reporter_id,
                "reporter_post": item.reporter_post_id,
            }
        )
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": _("修改议程事项"),
            "meeting": item.meeting,
            "cancel": reverse("meetings:detail", args=[item.meeting_id]),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required("meetings.manage")
def item_move(request, pk: int):
    item = _item(pk)
    ids = list(
        AgendaItem.objects.filter(meeting_id=item.meeting_id)
        .order_by("order")
        .values_list("pk", flat=True)
    )
    i = ids.index(item.pk)
    j = i - 1 if request.POST.get("direction") == "up" else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
        try:
            services.agenda_item_reorder(actor=request.user, meeting=item.meeting, item_ids=ids)
        except DomainError as error:
            _error(request, error)
    return _back(item.meeting_id, "agenda")


@permission_required("meetings.manage")
def item_dispose(request, pk: int):
    item = _item(pk)
    form = DisposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        disposition = form.cleaned_data["disposition"]
        act = services.DISPOSE.get(disposition, services.agenda_item_decide)
        try:
            services.disposition_check(item, disposition)
            act(actor=request.user, item=item, note=form.cleaned_data["note"])
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已记录处理结果。"))
            return _back(item.meeting_id, "agenda")
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": format_lazy(_("处理议程事项：{title}"), title=item.title),
            "meeting": item.meeting,
            "cancel": reverse("meetings:detail", args=[item.meeting_id]),
            "help": _("需要表决的事项通过表决模块表决，表决结束后自动记为“已表决”。"),
        },
        status=400 if form.errors else 200,
    )


# -- documents ------------------------------------------------------------------------------


@permission_required("meetings.manage")
def document_create(request, pk: int):
    meeting = _managed_meeting(pk)
    form = DocumentForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已登记会议文件。"))
            return _back(pk, "documents")
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": _("登记会议文件"),
            "meeting": meeting,
            "multipart": True,
            "cancel": reverse("meetings:detail", args=[pk]),
        },
        status=400 if form.errors else 200,
    )
