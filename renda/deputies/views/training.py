"""Training pages (履职学习培训, S24): the office's courses and coverage, a deputy's own.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response
from renda.people.models import Deputy, Organization
from renda.people.selectors import current_term

from .. import selectors, services
from ..forms import (
    AttendanceForm,
    CancelForm,
    CourseFilterForm,
    CourseForm,
    EnrolForm,
    RecordFilterForm,
    SignInForm,
)
from ..models import TrainingCourse, TrainingEnrolment

C = TrainingCourse.Status
E = TrainingEnrolment.Status


def _courses():
    attended = Count("enrolments", filter=Q(enrolments__status=E.ATTENDED))
    listed = Count("enrolments", filter=~Q(enrolments__status=E.WITHDRAWN))
    return TrainingCourse.objects.annotate(attended=attended, listed=listed).order_by(
        "-starts_on", "-id"
    )


def _coverage_figures(term) -> dict:
    if term is None:
        return {"required": selectors.training_required(), "seated": 0, "trained": 0, "rate": 0}
    required = selectors.training_required()
    seated = selectors.training_coverage(term).count()
    short = selectors.untrained(term, required).count()
    return {
        "required": required,
        "seated": seated,
        "trained": seated - short,
        "untrained": short,
        "rate": round((seated - short) * 100 / seated) if seated else 0,
    }


@permission_required("deputies.view")
def course_list(request):
    form = CourseFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") if form.is_valid() else None
    qs = _courses()
    if status:
        qs = qs.filter(status=status)
    term = current_term()
    return render(
        request,
        "deputies/training_list.html",
        {
            "form": form,
            "can_manage": request.user.has_perm("deputies.manage"),
            "coverage": _coverage_figures(term),
            "term": term,
            **paginate(request, qs),
        },
    )


@permission_required("deputies.manage")
def course_create(request):
    if request.method == "POST":
        form = CourseForm(request.POST)
        if form.is_valid():
            try:
                course = services.training_create(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("培训已安排，可以安排代表参训或由代表报名。"))
                return redirect("deputies:course_detail", pk=course.pk)
        status = 400
    else:
        form, status = CourseForm(), 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("安排履职学习培训"),
            "cancel_url": "deputies:courses",
            "help": _(
                "有计划地组织代表参加履职学习培训，每名代表每届至少参加的次数见规则设置（意见三(十一)3）。安排后代表即可在手机上报名，培训期间凭现场签到码签到。"
            ),
        },
        status=status,
    )


#: The office's forms on a course page, by the action's verb.
COURSE_FORMS = {
    "enrol": EnrolForm,
    "record_attendance": AttendanceForm,
    "cancel": CancelForm,
}


def _course(pk: int) -> TrainingCourse:
    return get_object_or_404(
        TrainingCourse.objects.select_related("term", "created_by__person"), pk=pk
    )


def _form(verb: str, course: TrainingCourse, data=None):
    kwargs = {"auto_id": f"{verb}_%s"}
    if verb == "enrol":
        kwargs["term"] = course.term
    elif verb == "record_attendance":
        kwargs["course"] = course
    return COURSE_FORMS[verb](data, **kwargs)


def _course_page(request, course: TrainingCourse, bound: dict | None = None, status=200):
    user = request.user
    allowed = available(user, course, services.COURSE_ACTIONS)
    forms = {
        verb: (bound or {}).get(verb) or _form(verb, course)
        for verb in COURSE_FORMS
        if verb in allowed
    }
    enrolments = list(
        course.enrolments.exclude(status=E.WITHDRAWN)
        .select_related("deputy__person", "enrolled_by__person")
        .order_by("deputy__person__name", "id")
    )
    for e in enrolments:
        e.may_withdraw = "withdraw" in available(user, e, (services.training_withdraw,))
    counts = {s: sum(1 for e in enrolments if e.status == s) for s in E.values}
    return render(
        request,
        "deputies/training_detail.html",
        {
            "c": course,
            "allowed": allowed,
            "forms": forms,
            "enrolments": enrolments,
            "counts": counts,
            "can_manage": user.has_perm("deputies.manage"),
            "close_allowed": "close" in allowed,
        },
        status=status,
    )


@permission_required("deputies.view")
def course_detail(request, pk: int):
    return _course_page(request, _course(pk))


SUCCESS = {
    "enrol": _("已安排代表参训。"),
    "record_attendance": _("参训情况已登记，计入代表履职档案。"),
    "close": _("培训已办结，未签到的代表记为未参训。"),
    "cancel": _("培训已取消。"),
}


def _selected(form, course: TrainingCourse) -> list[Deputy]:
    """The deputies an enrolment form names: ticked, a whole delegation, the untrained."""
    data = form.cleaned_data
    chosen = {d.pk: d for d in data.get("deputies") or []}
    seated = Deputy.objects.filter(term_id=course.term_id, status=Deputy.Status.ACTIVE)
    if data.get("delegation") is not None:
        chosen.update(
            (d.pk, d)
            for d in seated.filter(person__memberships__organization=data["delegation"])
            .select_related("person")
            .distinct()
        )
    if data.get("untrained"):
        chosen.update((d.pk, d) for d in selectors.untrained(course.term))
    return list(chosen.values())


@require_POST
@permission_required("deputies.manage")
def course_act(request, pk: int, verb: str):
    course = _course(pk)
    act = {a.verb: a for a in services.COURSE_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = _form(verb, course, request.POST) if verb in COURSE_FORMS else None
    if form is None or form.is_valid():
        kwargs = dict(form.cleaned_data) if form is not None else {}
        if verb in ("enrol", "record_attendance"):
            kwargs = {"deputies": _selected(form, course)}
        try:
            act(actor=request.user, course=course, **kwargs)
        except DomainError as error:
            if form is None:
                messages.error(request, error.message_in(request.LANGUAGE_CODE))
                return redirect("deputies:course_detail", pk=pk)
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, SUCCESS[verb])
            return redirect("deputies:course_detail", pk=pk)
    return _course_page(request, _course(pk), {verb: form}, status=400)


@require_POST
@permission_required("deputies.train", "deputies.manage", any_of=True)
def enrolment_withdraw(request, pk: int):
    enrolment = get_object_or_404(
        TrainingEnrolment.objects.select_related("course", "deputy__person"), pk=pk
    )
    if not request.user.has_perm("deputies.withdraw_training", enrolment):
        raise Http404
    try:
        services.training_withdraw(actor=request.user, enrolment=enrolment)
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
    else:
        messages.success(request, _("已取消报名。"))
    if request.POST.get("next") == "mine":
        return redirect("deputies:my_training")
    return redirect("deputies:course_detail", pk=enrolment.course_id)


# -- coverage ------------------------------------------------------------------------------


def _coverage_query(request):
    term = current_term()
    delegations = Organization.objects.filter(kind=Organization.Kind.DELEGATION).order_by(
        "sort_order", "id"
    )
    form = RecordFilterForm(request.GET or None, years=(), delegations=delegations)
    form.fields.pop("year")
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.training_coverage(term) if term else Deputy.objects.none()
    if data.get("delegation") is not None:
        qs = qs.filter(person__memberships__organization=data["delegation"]).distinct()
    only_short = request.GET.get("short") == "1"
    if only_short:
        qs = qs.filter(trained__lt=selectors.training_required())
    return form, qs, term, data.get("delegation"), only_short


@permission_required("deputies.view")
def coverage(request):
    form, qs, term, delegation, only_short = _coverage_query(request)
    return render(
        request,
        "deputies/training_coverage.html",
        {
            "form": form,
            "term": term,
            "only_short": only_short,
            "delegation": delegation,
            "coverage": _coverage_figures(term),
            "required": selectors.training_required(),
            **paginate(request, qs),
        },
    )


@permission_required("deputies.view")
def coverage_xlsx(request):
    _form, qs, term, delegation, only_short = _coverage_query(request)
    required = selectors.training_required()
    headers = [_("姓名"), _("参加培训次数"), _("要求次数"), _("是否完成")]
    rows = (
        [d.person.name, d.trained, required, gettext_now("是") if d.trained >= required else gettext_now("否")]
        for d in qs
    )  # fmt: skip
    name = delegation.name if delegation else gettext_now("全体代表")
    title = f"{name} {gettext_now('培训覆盖')}"
    return xlsx_response("training-coverage", title, headers, rows)


# -- a deputy's own training ---------------------------------------------------------------


def _my_mandate(request) -> Deputy:
    deputy = (
        Deputy.objects.filter(person_id=request.user.person_id, term=current_term())
        .select_related("person", "term")
        .first()
        if request.user.person_id
        else None
    )
    if deputy is None:
        raise Http404
    return deputy


def _my_page(request, sign_in_forms: dict | None = None, status=200):
    deputy = _my_mandate(request)
    today = timezone.localdate()
    mine = {
        e.course_id: e
        for e in TrainingEnrolment.objects.filter(deputy=deputy).select_related("course")
    }
    upcoming = list(
        _courses()
        .filter(term_id=deputy.term_id, status=C.PLANNED, ends_on__gte=today)
        .order_by("starts_on", "id")
    )
    for course in upcoming:
        course.mine = mine.get(course.pk)
        course.running = course.starts_on <= today <= course.ends_on
        course.full = course.capacity is not None and course.listed >= course.capacity
        course.sign_in_form = (sign_in_forms or {}).get(course.pk) or SignInForm(
            auto_id=f"sign_{course.pk}_%s"
        )
    attended = sorted(
        (e for e in mine.values() if e.status == E.ATTENDED),
        key=lambda e: e.course.starts_on,
        reverse=True,
    )
    past = sorted(
        (e for e in mine.values() if e.status in (E.ABSENT,) or e.course.status == C.CANCELLED),
        key=lambda e: e.course.starts_on,
        reverse=True,
    )
    required = selectors.training_required()
    return render(
        request,
        "deputies/my_training.html",
        {
            "deputy": deputy,
            "upcoming": upcoming,
            "attended": attended,
            "past": past,
            "required": required,
            "done": len(attended),
            "short": max(required - len(attended), 0),
        },
        status=status,
    )


@permission_required("deputies.train")
def my_training(request):
    return _my_page(request)


@require_POST
@permission_required("deputies.train")
def join(request, pk: int):
    _my_mandate(request)  # a deputy of the current term (an administrator is not one)
    course = _course(pk)
    try:
        services.training_join(actor=request.user, course=course)
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
    else:
        messages.success(request, _("已报名。培训期间请凭现场签到码签到。"))
    return redirect("deputies:my_training")


@require_POST
@permission_required("deputies.train")
def sign_in(request, pk: int):
    _my_mandate(request)
    course = _course(pk)
    form = SignInForm(request.POST, auto_id=f"sign_{pk}_%s")
    if form.is_valid():
        try:
            services.training_sign_in(actor=request.user, course=course, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("签到成功，已计入履职档案。"))
            return redirect("deputies:my_training")
    return _my_page(request, {pk: form}, status=400)
