"""Law exam pages (§7.8): the office sets the exam, enrols candidates and records results.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.statute import param
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.selectors import current_term

from .. import selectors, services
from ..forms import CancelForm, EnrolForm, ExamForm, ScoresForm, WithdrawForm
from ..models import ExamResult, LawExam


@permission_required("appointments.view")
def exam_list(request):
    term = current_term()
    return render(
        request,
        "appointments/exam_list.html",
        {
            "can_manage": request.user.has_perm("appointments.manage"),
            "pass_mark": param("appointment.exam_pass_mark"),
            "passes": selectors.passes(term).count() if term else 0,
            **paginate(request, selectors.exams()),
        },
    )


@permission_required("appointments.view")
def pass_list(request):
    """Everyone holding a pass valid in the term (the motions' gate, §7.8)."""
    term = current_term()
    qs = selectors.passes(term) if term else ExamResult.objects.none()
    return render(request, "appointments/pass_list.html", {"term": term, **paginate(request, qs)})


@permission_required("appointments.manage")
def exam_create(request):
    if request.method == "POST":
        form = ExamForm(request.POST)
        if form.is_valid():
            try:
                exam = services.exam_schedule(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("考试已安排，请报名应考人员。"))
                return redirect("appointments:exam_detail", pk=exam.pk)
        status = 400
    else:
        form, status = ExamForm(), 200
    help_text = _(
        "拟提请人民代表大会选举或常委会任命的人员，任前须参加法律知识考试，考试合格方可提请（规则7.8）；合格成绩本届内有效。合格分数为{mark}分（本地设置），安排考试时确定。"
    ).format(mark=param("appointment.exam_pass_mark"))
    return render(
        request,
        "appointments/form.html",
        {
            "form": form,
            "title": _("安排任前法律知识考试"),
            "cancel_url": "appointments:exams",
            "help": help_text,
        },  # fmt: skip
        status=status,
    )


def _form(verb: str, exam: LawExam, data=None):
    """The form of one step, bound to ``data`` when given."""
    if verb == "enrol":
        return EnrolForm(data, auto_id="enrol_%s")
    if verb == "withdraw":
        return WithdrawForm(data, exam=exam, auto_id="withdraw_%s")
    if verb == "record":
        return ScoresForm(data, exam=exam, auto_id="record_%s")
    return CancelForm(data, auto_id="cancel_%s")


def _page(request, exam: LawExam, bound: dict | None = None, status=200):
    allowed = available(request.user, exam, services.EXAM_ACTIONS)
    bound = bound or {}
    forms = {
        a.verb: bound.get(a.verb) or _form(a.verb, exam)
        for a in services.EXAM_ACTIONS
        if a.verb in allowed or a.verb in bound
    }
    if "withdraw" in forms and not forms["withdraw"].fields["person"].queryset.exists():
        forms.pop("withdraw")
    record_later = "record" in allowed and exam.held_on > timezone.localdate()
    if "record" in forms and (not forms["record"].rows or (record_later and "record" not in bound)):
        forms.pop("record")
    results = exam.results.select_related("person").order_by("status", "person__name")
    return render(
        request,
        "appointments/exam_detail.html",
        {
            "exam": exam,
            "results": results,
            "forms": forms,
            "allowed": allowed,
            "record_later": record_later,
        },  # fmt: skip
        status=status,
    )


def _exam(pk: int) -> LawExam:
    return get_object_or_404(LawExam, pk=pk)


@permission_required("appointments.view")
def exam_detail(request, pk: int):
    return _page(request, _exam(pk))


SUCCESS = {
    "enrol": _("已报名。"),
    "withdraw": _("已撤销报名。"),
    "record": _("成绩已登记。"),
    "cancel": _("考试已取消。"),
}


@require_POST
@permission_required("appointments.manage")
def exam_act(request, pk: int, verb: str):
    """One step on the exam: ``services.exam_enrol``, ``exam_withdraw``, ``exam_record`` or
    ``exam_cancel`` (the verbs of ``services.EXAM_ACTIONS``)."""
    exam = _exam(pk)
    act = {a.verb: a for a in services.EXAM_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = _form(verb, exam, request.POST)
    if form.is_valid():
        try:
            act(actor=request.user, exam=exam, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, SUCCESS[verb])
            return redirect("appointments:exam_detail", pk=pk)
    return _page(request, _exam(pk), {verb: form}, status=400)
