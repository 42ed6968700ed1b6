"""Voters' messages, the handling side: a deputy's inbox on the phone, the office's list
with moderation. A refused step shows the page again with what was typed and the reason.
"""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required

from .. import selectors, services
from ..message_forms import (
    AnswerForm,
    ForwardForm,
    MessageFilterForm,
    MessageReasonForm,
    PublishForm,
    SuggestForm,
    UnpublishForm,
)
from ..models import VoterMessage

M = VoterMessage.Status


@permission_required("deputies.handle_message")
def inbox(request):
    form = MessageFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    mine = selectors.visible_messages(request.user)
    qs = mine.order_by("-received_at", "-id")
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    office = request.user.has_perm("deputies.manage")
    if data.get("to_publish") and office:
        qs = qs.filter(status=M.ANSWERED, consent_publish=True, published_at__isnull=True)
    if not office:
        form.fields.pop("to_publish")
    return render(
        request,
        "deputies/message_list.html",
        {
            "form": form,
            "office": office,
            "figures": selectors.message_figures(mine),
            **paginate(request, qs),
        },
    )


MESSAGE_FORMS = {
    "answer": AnswerForm,
    "forward": ForwardForm,
    "suggest": SuggestForm,
    "dismiss": MessageReasonForm,
    "publish": PublishForm,
    "unpublish": UnpublishForm,
}


def _message(request, pk: int) -> VoterMessage:
    return get_object_or_404(
        selectors.visible_messages(request.user).select_related(
            "suggestion", "answered_by__person", "published_by__person", "case"
        ),
        pk=pk,
    )


def _form(verb: str, message: VoterMessage, data=None):
    kwargs = {"auto_id": f"{verb}_%s"}
    initial = {}
    if verb == "answer" and message.answer:
        initial = {"answer": message.answer}
    elif verb == "suggest":
        initial = {"title": message.subject, "content": message.body}
    elif verb == "publish":
        initial = {"public_body": message.body, "public_answer": message.answer}
    return MESSAGE_FORMS[verb](data, initial=initial, **kwargs)


def _page(request, message: VoterMessage, bound: dict | None = None, status=200):
    allowed = available(request.user, message, services.MESSAGE_ACTIONS)
    forms = {
        verb: (bound or {}).get(verb) or _form(verb, message)
        for verb in MESSAGE_FORMS
        if verb in allowed or verb in (bound or {})
    }
    return render(
        request,
        "deputies/message_detail.html",
        {
            "m": message,
            "forms": forms,
            "allowed": allowed,
            "office": request.user.has_perm("deputies.manage"),
        },
        status=status,
    )


@permission_required("deputies.handle_message")
def message_detail(request, pk: int):
    return _page(request, _message(request, pk))


SUCCESS = {
    "acknowledge": _("已受理，写信人凭查询码可以看到。"),
    "answer": _("已答复，写信人凭查询码可以看到。"),
    "forward": _("已转交，写信人凭查询码可以看到转交的单位。"),
    "suggest": _("已保存为您的建议草稿，可以继续修改后提交。"),
    "dismiss": _("已作不予处理，写信人凭查询码可以看到理由。"),
    "publish": _("已在人大网站公开。"),
    "unpublish": _("已撤下公开。"),
}


@require_POST
@permission_required("deputies.handle_message")
def message_act(request, pk: int, verb: str):
    message = _message(request, pk)
    act = {a.verb: a for a in services.MESSAGE_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = _form(verb, message, request.POST) if verb in MESSAGE_FORMS else None
    if form is None or form.is_valid():
        kwargs = dict(form.cleaned_data) if form is not None else {}
        try:
            result = act(actor=request.user, message=message, **kwargs)
        except DomainError as error:
            if form is None:
                flash.error(request, error.message_in(request.LANGUAGE_CODE))
                return redirect("deputies:message_detail", pk=pk)
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            flash.success(request, SUCCESS[verb])
            if verb == "suggest" and result.suggestion_id:
                return redirect("suggestions:detail", pk=result.suggestion_id)
            return redirect("deputies:message_detail", pk=pk)
    return _page(request, _message(request, pk), {verb: form}, status=400)
