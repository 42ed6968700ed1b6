"""Back-office pages of meetings: sign-in, absence, leave, non-voting attendees (S18, S22)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.pages import perform
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.models import Person

from .. import services
from ..forms import LeaveForm, PoolEntryForm
from ..models import AttendeePoolEntry, LeaveRequest
from ._common import _back, _error, _managed_meeting, _meeting
from .meetings import quorum_fragment

# -- attendance and leave -------------------------------------------------------------------


def _person_from_post(request) -> Person | None:
    raw = request.POST.get("person", "")
    if raw.isdigit():
        return Person.objects.filter(pk=int(raw)).first()
    return None


@require_POST
@permission_required("meetings.manage", "meetings.sign_in_self", any_of=True)
def sign_in(request, pk: int):
    meeting = _meeting(request, pk)
    person = (
        _person_from_post(request)
        if request.user.has_perm("meetings.manage")
        else request.user.person
    )
    if person is None:
        messages.error(request, _("请选择签到人员。"))
        return _back(pk, "attendance")
    try:
        services.attendance_sign_in(actor=request.user, meeting=meeting, person=person)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, format_lazy(_("{name}已签到。"), name=person.name))
    if request.headers.get("HX-Request"):
        return quorum_fragment(request, pk)
    return _back(pk, "attendance")


@require_POST
@permission_required("meetings.manage")
def sign_in_bulk(request, pk: int):
    """The door clerk signs in every ticked member at once (each sign-in audited on its own);
    whoever cannot be signed in is named with the reason, the others are signed in."""
    meeting = _managed_meeting(pk)
    ids = [int(v) for v in request.POST.getlist("person") if v.isdigit()]
    people = list(Person.objects.filter(pk__in=ids).order_by("name", "pk"))
    if not people:
        messages.error(request, _("请勾选要签到的人员。"))
        return _back(pk, "attendance")
    signed, refused = 0, []
    for person in people:
        try:
            services.attendance_sign_in(actor=request.user, meeting=meeting, person=person)
        except DomainError as error:
            refused.append(f"{person.name}：{error.message_in(request.LANGUAGE_CODE)}")
        else:
            signed += 1
    if signed:
        messages.success(request, format_lazy(_("已签到 {n} 人。"), n=signed))
    for line in refused:
        messages.error(request, line)
    return _back(pk, "attendance")


@require_POST
@permission_required("meetings.manage")
def mark_absent(request, pk: int):
    meeting = _managed_meeting(pk)
    person = _person_from_post(request)
    if person is None:
        messages.error(request, _("请选择人员。"))
        return _back(pk, "attendance")
    try:
        services.attendance_mark_absent(actor=request.user, meeting=meeting, person=person)
    except DomainError as error:
        _error(request, error)
    return _back(pk, "attendance")


@permission_required("meetings.manage", "meetings.sign_in_self", any_of=True)
def leave_create(request, pk: int):
    meeting = _meeting(request, pk)
    staff = request.user.has_perm("meetings.manage")
    form = LeaveForm(request.POST or None, meeting=meeting, staff=staff)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"] if staff else request.user.person
        try:
            if person is None:
                raise DomainError("not_on_roll", _("您的账户没有对应的人员，不能请假。"))
            services.leave_request_create(
                actor=request.user,
                meeting=meeting,
                person=person,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("请假申请已提交。"))
            return _back(pk, "leave")
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": _("请假"),
            "meeting": meeting,
            "cancel": reverse("meetings:detail", args=[pk]),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required("meetings.approve_leave")
def leave_decide(request, pk: int):
    leave = get_object_or_404(LeaveRequest, pk=pk)
    act = services.LEAVE_DECISIONS.get(request.POST.get("decision"))
    if act is None:
        messages.error(request, _("请选择批准或不批准。"))
        return _back(leave.meeting_id, "leave")
    try:
        services.leave_decided_check(leave)
    except DomainError as error:
        _error(request, error)
    else:
        perform(
            request,
            act,
            leave=leave,
            note=request.POST.get("note", "")[:200],
            success=_("已审批请假申请。"),
        )
    return _back(leave.meeting_id, "leave")


@require_POST
@permission_required("meetings.manage")
def invite(request, pk: int):
    meeting = _managed_meeting(pk)
    raw = request.POST.get("entry", "")
    entry = AttendeePoolEntry.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if entry is None:
        messages.error(request, _("请从列席人员库中选择人员。"))
    else:
        perform(
            request,
            services.non_voting_invite,
            meeting=meeting,
            entry=entry,
            success=_("已邀请列席。"),
        )
    return _back(pk, "attendance")


@permission_required("meetings.manage")
def pool(request):
    """The pool of deputies and residents who may attend SC meetings without a vote (S18)."""
    form = PoolEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pool_entry_add(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已加入列席人员库。"))
            return redirect("meetings:pool")
    entries = AttendeePoolEntry.objects.select_related("person").only(
        "id", "kind", "community", "is_active", "times_invited", "person__id", "person__name"
    )
    return render(
        request,
        "meetings/pool.html",
        {"form": form, **paginate(request, entries)},
        status=400 if form.errors else 200,
    )
