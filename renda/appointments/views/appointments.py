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

from renda.core import approvals
from renda.core.actions import available
from renda.core.approval_views import panel
from renda.core.errors import DomainError
from renda.core.statute import param
from renda.core.views import add_domain_error, paginate, permission_required

from .. import documents, selectors, services
from ..appointment_forms import (
    AnnounceForm,
    DeferForm,
    NominateForm,
    ReliefForm,
    StatementForm,
    VoteForm,
    WithdrawForm,
)
from ..models import Appointment


@permission_required("appointments.view")
def appointment_list(request):
    qs = Appointment.objects.select_related("person", "post__organization", "agenda_item__meeting")
    rows = paginate(request, qs.order_by("-nominated_on", "-id"))
    page = list(rows["rows"])
    passes = selectors.passes_of({a.person_id for a in page}, page)
    agreed = approvals.approved_among(page, services.PARTY_CONSENT)
    for a in page:
        a.has_pass = passes[a.pk]
        a.consent = a.pk in agreed
    rows["rows"] = page
    return render(
        request,
        "appointments/appointment_list.html",
        {
            "can_manage": request.user.has_perm("appointments.manage"),
            "heads": _heads_window(),
            **rows,
        },
    )


def _heads_window():
    """The §7.14 deadline while it matters: from the new government's election until two
    months after the deadline (the compliance view keeps the history)."""
    import datetime as dt

    from django.utils import timezone

    from renda.people.selectors import current_term

    found = selectors.department_heads_deadline(current_term())
    if found is None or timezone.localdate() > found["deadline"] + dt.timedelta(days=60):
        return None
    return found


def _create(request, form, act, title, help_text):
    """A new motion from its form (bound on POST); refused, the form comes back as filled
    with the reason."""
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                a = act(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("提请已登记。"))
                return redirect("appointments:appointment_detail", pk=a.pk)
        status = 400
    context = {"form": form, "title": title, "cancel_url": "appointments:appointments", "help": help_text}  # fmt: skip
    return render(request, "appointments/form.html", context, status=status)


@permission_required("appointments.manage")
def appointment_create(request):
    help_text = _(
        "主任会议、市（县、区）长、监察委员会主任、人民法院院长、人民检察院检察长可以提请常委会任命（规则7.6）。拟任命人员须通过任前法律知识考试（规则7.8）；议案在会议举行{days}日前提请（规则7.7）；同一人员任同一职务{limit}次未获通过的，本届内不再提请（规则7.10）。"
    ).format(days=param("appointment.motion_lead_days"), limit=param("appointment.failed_nomination_limit"))  # fmt: skip
    form = NominateForm(request.POST if request.method == "POST" else None)
    return _create(request, form, services.appointment_nominate, _("登记提请任命"), help_text)


@permission_required("appointments.manage")
def relief_create(request):
    help_text = _(
        "免去、撤销常委会任命人员的职务，或者接受其辞职，由原提请机关提请常委会会议逐人表决，常委会组成人员过半数通过（规则7.6）；议案在会议举行{days}日前提请（规则7.7），须先取得党委同意。"
    ).format(days=param("appointment.motion_lead_days"))
    form = ReliefForm(request.POST if request.method == "POST" else None)
    return _create(request, form, services.appointment_move_relief, _("登记提请免职、撤职或接受辞职"), help_text)  # fmt: skip


def _form(verb: str, data=None):
    if verb == "put_to_vote":
        return VoteForm(data, lead_days=param("appointment.motion_lead_days"), auto_id="put_to_vote_%s")  # fmt: skip
    if verb == "record_statement":
        return StatementForm(data, auto_id="statement_%s")
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
            "person",
            "post__organization",
            "agenda_item__meeting",
            "poll",
            "membership",
            "holding",
            "statement_item",
        ),  # fmt: skip
        pk=pk,
    )


def _page(request, a: Appointment, bound: dict | None = None, status=200):
    allowed = available(request.user, a, services.APPOINTMENT_ACTIONS + services.AFTER_VOTE_ACTIONS)
    bound = bound or {}
    forms = {
        v: bound.get(v) or _form(v)
        for v in ("record_statement", "put_to_vote", "defer", "withdraw", "announce")
        if v in allowed or v in bound
    }
    if "record_statement" in forms and "record_statement" not in bound and a.statement:
        forms["record_statement"] = StatementForm(
            initial={"statement": a.statement, "in_writing": a.statement_in_writing},
            auto_id="statement_%s",
        )
    return render(
        request,
        "appointments/appointment_detail.html",
        {
            "a": a,
            "forms": forms,
            "allowed": allowed,
            "exam_pass": selectors.valid_pass(a.person, a.term),
            "consent": approvals.is_approved(a, services.PARTY_CONSENT),
            **panel(request.user, a, services.PARTY_CONSENT),
        },  # fmt: skip
        status=status,
    )


@permission_required("appointments.view")
def appointment_detail(request, pk: int):
    return _page(request, _appointment(pk))


SUCCESS = {
    "record_statement": _("供职发言已登记。"),
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


@permission_required("appointments.view")
def certificate_pdf(request, pk: int):
    """The numbered certificate as PDF, to print as it stands."""
    a = _appointment(pk)
    if not a.certificate_no:
        raise Http404
    response = HttpResponse(documents.certificate_pdf(a), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="appointment-{a.pk}.pdf"'
    return response


@permission_required("appointments.read_candidates")
def candidate_list(request):
    """What the members read before they vote (§7.7): each motion on an open meeting's
    agenda with the person's particulars, the exam and the statement."""
    rows = list(selectors.before_members())
    passes = selectors.passes_of({a.person_id for a in rows}, rows)
    for a in rows:
        a.has_pass = passes[a.pk]
        a.lead = (a.agenda_item.meeting.starts_on - a.nominated_on).days
    return render(
        request,
        "appointments/candidate_list.html",
        {"rows": rows, "lead_days": param("appointment.motion_lead_days")},
    )
