"""Appointment pages (§7.6–§7.13): the office's board of motions in progress, the
nomination, and each motion's steps to the vote.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.statute import param
from renda.core.views import add_domain_error, paginate, permission_required

from .. import documents, selectors, services
from ..appointment_forms import AnnounceForm, DeferForm, NominateForm, VoteForm, WithdrawForm
from ..models import Appointment


@permission_required("appointments.view")
def appointment_list(request):
    qs = Appointment.objects.select_related("person", "post__organization", "agenda_item__meeting")
    rows = paginate(request, qs.order_by("-nominated_on", "-id"))
    page = list(rows["rows"])
    passes = selectors.passes_of({a.person_id for a in page}, page)
    for a in page:
        a.has_pass = passes[a.pk]
    rows["rows"] = page
    return render(
        request,
        "appointments/appointment_list.html",
        {"can_manage": request.user.has_perm("appointments.manage"), **rows},
    )


@permission_required("appointments.manage")
def appointment_create(request):
    if request.method == "POST":
        form = NominateForm(request.POST)
        if form.is_valid():
            try:
                a = services.appointment_nominate(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("提请已登记。"))
                return redirect("appointments:appointment_detail", pk=a.pk)
        status = 400
    else:
        form, status = NominateForm(), 200
    help_text = _(
        "主任会议、市（县、区）长、监察委员会主任、人民法院院长、人民检察院检察长可以提请常委会任命（规则7.6）。拟任命人员须通过任前法律知识考试（规则7.8）；议案在会议举行{days}日前提请（规则7.7）；同一人员任同一职务{limit}次未获通过的，本届内不再提请（规则7.10）。"
    ).format(days=param("appointment.motion_lead_days"), limit=param("appointment.failed_nomination_limit"))  # fmt: skip
    return render(
        request,
        "appointments/form.html",
        {
            "form": form,
            "title": _("登记提请任命"),
            "cancel_url": "appointments:appointments",
            "help": help_text,
        },  # fmt: skip
        status=status,
    )


def _form(verb: str, data=None):
    if verb == "put_to_vote":
        return VoteForm(data, lead_days=param("appointment.motion_lead_days"), auto_id="put_to_vote_%s")  # fmt: skip
    if verb == "defer":
        return DeferForm(data, auto_id="defer_%s")
    if verb == "withdraw":
        return WithdrawForm(data, auto_id="withdraw_%s")
    if verb == "announce":
        return AnnounceForm(data, auto_id="announce_%s")
    return None


def _appointment(pk: int) -> Appointment:
    return get_object_or_404(
        Appointment.objects.select_related(
            "person", "post__organization", "agenda_item__meeting", "poll", "membership"
        ),  # fmt: skip
        pk=pk,
    )


def _page(request, a: Appointment, bound: dict | None = None, status=200):
    allowed = available(request.user, a, services.APPOINTMENT_ACTIONS + services.AFTER_VOTE_ACTIONS)
    bound = bound or {}
    forms = {
        v: bound.get(v) or _form(v)
        for v in ("put_to_vote", "defer", "withdraw", "announce")
        if v in allowed or v in bound
    }
    return render(
        request,
        "appointments/appointment_detail.html",
        {
            "a": a,
            "forms": forms,
            "allowed": allowed,
            "exam_pass": selectors.valid_pass(a.person, a.term),
        },  # fmt: skip
        status=status,
    )


@permission_required("appointments.view")
def appointment_detail(request, pk: int):
    return _page(request, _appointment(pk))


SUCCESS = {
    "put_to_vote": _("已列入会议议程并生成逐人表决。"),
    "record_vote": _("表决结果已登记。"),
    "defer": _("已登记暂缓任命。"),
    "withdraw": _("提请已撤回。"),
    "issue_certificate": _("任命书已签发，可以下载打印。"),
    "announce": _("公告已在人大网站发布。"),
}


@require_POST
@permission_required("appointments.manage")
def appointment_act(request, pk: int, verb: str):
    """One step: the verbs of ``services.APPOINTMENT_ACTIONS`` and ``services.AFTER_VOTE_ACTIONS``."""
    a = _appointment(pk)
    act = {x.verb: x for x in services.APPOINTMENT_ACTIONS + services.AFTER_VOTE_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = _form(verb, request.POST)
    if form is None or form.is_valid():
        kwargs = dict(form.cleaned_data) if form is not None else {}
        try:
            act(actor=request.user, appointment=a, **kwargs)
        except DomainError as error:
            if form is None:
                messages.error(request, error.message_in(request.LANGUAGE_CODE))
                return redirect("appointments:appointment_detail", pk=pk)
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, SUCCESS[verb])
            return redirect("appointments:appointment_detail", pk=pk)
    return _page(request, _appointment(pk), {verb: form}, status=400)


@permission_required("appointments.view")
def certificate_docx(request, pk: int):
    """The numbered certificate, once issued, for printing and the chair's signature."""
    a = _appointment(pk)
    if not a.certificate_no:
        raise Http404
    response = HttpResponse(documents.certificate_docx(a), content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="appointment-{a.pk}.docx"'
    return response
