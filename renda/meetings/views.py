"""Back-office pages of meetings: list, calendar, overview, the meeting page and its actions."""

from __future__ import annotations

import calendar as cal
import datetime as dt

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.audit import object_label
from renda.core.errors import DomainError
from renda.core.models import AuditEvent
from renda.core.search import matching_ids
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.models import Person

from . import services
from .forms import (
    AgendaItemForm,
    DisposeForm,
    DocumentForm,
    LeaveForm,
    MeetingFilterForm,
    MeetingForm,
    PoolEntryForm,
)
from .models import AgendaItem, Attendance, AttendeePoolEntry, LeaveRequest, Meeting
from .selectors import document_deadlines, frequency_checks, late_items, meetings_visible_to, quorum

TIMELINE_LIMIT = 100
ACTION_LABELS = {
    "meetings.meeting.scheduled": _("安排会议"),
    "meetings.meeting.updated": _("修改会议信息"),
    "meetings.meeting.opened": _("宣布开会"),
    "meetings.meeting.closed": _("闭会"),
    "meetings.item.added": _("列入议程"),
    "meetings.item.updated": _("修改议程事项"),
    "meetings.agenda.reordered": _("调整议程顺序"),
    "meetings.item.disposed": _("议程事项处理"),
    "meetings.item.voted": _("议程事项已表决"),
    "meetings.document.added": _("收到会议文件"),
    "meetings.leave.requested": _("提出请假"),
    "meetings.leave.decided": _("审批请假"),
}


def _meeting(request, pk: int) -> Meeting:
    return get_object_or_404(meetings_visible_to(request.user), pk=pk)


def _managed_meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("term", "body"), pk=pk)


def _error(request, error: DomainError) -> None:
    messages.error(request, error.message_in(request.LANGUAGE_CODE))


def _back(meeting_pk: int, anchor: str = ""):
    return redirect(
        reverse("meetings:detail", args=[meeting_pk]) + (f"#{anchor}" if anchor else "")
    )


# -- lists ----------------------------------------------------------------------------------


@permission_required("meetings.view")
def meeting_list(request):
    form = MeetingFilterForm(request.GET or None)
    qs = meetings_visible_to(request.user).annotate(n_items=Count("items", distinct=True))
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("q"):
        matches = matching_ids(Meeting, data["q"])
        if matches is not None:
            qs = qs.filter(pk__in=matches)
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("year"):
        qs = qs.filter(starts_on__year=data["year"])
    context = {
        "form": form,
        "can_manage": request.user.has_perm("meetings.manage"),
        **paginate(request, qs.order_by("-starts_on", "-id")),
    }
    return render(request, "meetings/meeting_list.html", context)


@permission_required("meetings.view")
def meeting_calendar(request):
    """A month grid of meetings; ``?month=2026-06``."""
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except (TypeError, ValueError):
        first = today.replace(day=1)
    first = min(max(first, dt.date(1990, 1, 1)), dt.date(2100, 12, 1))
    last = first.replace(day=cal.monthrange(first.year, first.month)[1])
    meetings = list(
        meetings_visible_to(request.user)
        .filter(starts_on__lte=last, ends_on__gte=first)
        .order_by("starts_on")
    )
    weeks = []
    for week in cal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {
                    "day": d,
                    "in_month": d.month == first.month,
                    "today": d == today,
                    "meetings": [m for m in meetings if m.starts_on <= d <= m.ends_on],
                }
                for d in week
            ]
        )
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = last + dt.timedelta(days=1)
    return render(
        request,
        "meetings/calendar.html",
        {
            "first": first,
            "weeks": weeks,
            "meetings": meetings,
            "prev": prev_month.strftime("%Y-%m"),
            "next": next_month.strftime("%Y-%m"),
        },
    )


@permission_required("meetings.view_overview")
def overview(request):
    """Frequency checks (S14) and late documents of upcoming meetings (S17)."""
    today = timezone.localdate()
    upcoming = list(
        Meeting.objects.filter(status__in=[Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS])
        .select_related("term")
        .order_by("starts_on")[:20]
    )
    return render(
        request,
        "meetings/overview.html",
        {
            "checks": frequency_checks(today),
            "late": late_items(today),
            "upcoming": upcoming,
            "today": today,
        },
    )


# -- schedule and edit ----------------------------------------------------------------------


@permission_required("meetings.manage")
def meeting_create(request):
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                meeting = services.meeting_schedule(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(
                    request, format_lazy(_("已安排会议：{title}。"), title=meeting.title)
                )
                return redirect("meetings:detail", pk=meeting.pk)
    else:
        form = MeetingForm(initial={"kind": request.GET.get("kind") or Meeting.Kind.SC_MEETING})
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": _("安排会议"), "cancel": reverse("meetings:list")},
    )


@permission_required("meetings.manage")
def meeting_edit(request, pk: int):
    meeting = _managed_meeting(pk)
    if request.method == "POST":
        form = MeetingForm(request.POST, editing=True)
        if form.is_valid():
            try:
                services.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("会议信息已保存。"))
                return redirect("meetings:detail", pk=meeting.pk)
    else:
        form = MeetingForm(
            editing=True, initial={f: getattr(meeting, f) for f in services.MEETING_FIELDS}
        )
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": _("修改会议"),
            "meeting": meeting,
            "cancel": reverse("meetings:detail", args=[pk]),
        },
    )


# -- the meeting page -----------------------------------------------------------------------


def _timeline(meeting: Meeting, items, documents, leaves) -> list[AuditEvent]:
    condition = Q(object_type=object_label(meeting)[0], object_id=str(meeting.pk))
    for label, objects in (
        ("meetings.agendaitem", items),
        ("meetings.meetingdocument", documents),
        ("meetings.leaverequest", leaves),
    ):
        if objects:
            condition |= Q(object_type=label, object_id__in=[str(o.pk) for o in objects])
    events = list(AuditEvent.objects.filter(condition).order_by("-seq")[:TIMELINE_LIMIT])
    for event in events:
        event.label = ACTION_LABELS.get(event.action, event.action)
    return events


@permission_required("meetings.view")
def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk)
    user = request.user
    items = list(
        meeting.items.select_related("reporter", "reporter_post", "reporting_body").order_by(
            "order"
        )
    )
    documents = list(
        meeting.documents.select_related("item").order_by("item__order", "received_on", "id")
    )
    can_manage = user.has_perm("meetings.manage")
    can_see_attendance = user.has_perm("meetings.view_attendance")
    attendance = list(
        meeting.attendance.select_related("person")
        .only("id", "role", "status", "signed_in_at", "person__id", "person__name", "meeting_id")
        .order_by("role", "person__name", "person_id")
    )
    own = next((a for a in attendance if user.person_id and a.person_id == user.person_id), None)
    leaves = list(
        meeting.leave_requests.select_related("person", "decided_by__person").order_by(
            "-created_at"
        )
    )
    deadlines = {
        row.item.pk if row.item else None: row
        for row in document_deadlines(meeting, items=items, documents=documents)
    }
    for item in items:
        item.deadlines = deadlines.get(item.pk)
        item.docs = [d for d in documents if d.item_id == item.pk]
    pool = []
    if can_manage and meeting.status != Meeting.Status.CLOSED:
        on_roll = {a.person_id for a in attendance}
        pool = [
            e
            for e in AttendeePoolEntry.objects.filter(is_active=True).select_related("person")[:200]
            if e.person_id not in on_roll
        ]
    counts = dict.fromkeys(Attendance.Status.values, 0)
    for a in attendance:
        counts[a.status] += 1
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "documents": documents,
            "meeting_docs": [d for d in documents if d.item_id is None],
            "notice": deadlines.get(None),
            "attendance": attendance if can_see_attendance else [],
            "own": own,
            "counts": counts,
            "leaves": leaves
            if can_see_attendance
            else [lv for lv in leaves if lv.person_id == user.person_id],
            "quorum": quorum(meeting),
            "pool": pool,
            "can_manage": can_manage,
            "can_see_attendance": can_see_attendance,
            "can_approve": user.has_perm("meetings.approve_leave"),
            "can_sign_self": user.has_perm("meetings.sign_in_self"),
            "is_open": meeting.status != Meeting.Status.CLOSED,
            "events": _timeline(meeting, items, documents, leaves) if can_see_attendance else [],
            "gallery_count": meeting.gallery.filter(status="registered").count(),
        },
    )


@permission_required("meetings.view")
def quorum_fragment(request, pk: int):
    """The live quorum box, polled by htmx every few seconds."""
    meeting = _meeting(request, pk)
    return render(request, "meetings/_quorum.html", {"meeting": meeting, "quorum": quorum(meeting)})


@require_POST
@permission_required("meetings.manage")
def meeting_open(request, pk: int):
    meeting = _managed_meeting(pk)
    try:
        services.meeting_open(actor=request.user, meeting=meeting)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("会议已开始。"))
    return _back(pk)


@require_POST
@permission_required("meetings.manage")
def meeting_close(request, pk: int):
    meeting = _managed_meeting(pk)
    try:
        services.meeting_close(actor=request.user, meeting=meeting)
    except DomainError as error:
        _error(request, error)
    else:
        messages.success(request, _("会议已闭会。"))
    return _back(pk)


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


def _item(pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)


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
        try:
            services.agenda_item_dispose(actor=request.user, item=item, **form.cleaned_data)
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
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, _("请选择批准或不批准。"))
    else:
        try:
            services.leave_request_decide(
                actor=request.user,
                leave=leave,
                approve=decision == "approve",
                note=request.POST.get("note", "")[:200],
            )
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, _("已审批请假申请。"))
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
        try:
            services.non_voting_invite(actor=request.user, meeting=meeting, entry=entry)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, _("已邀请列席。"))
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


# -- exports --------------------------------------------------------------------------------


@permission_required("meetings.view")
def agenda_pdf(request, pk: int):
    from .exports import agenda_pdf_response

    return agenda_pdf_response(request, _meeting(request, pk))


@permission_required("meetings.view_attendance")
def attendance_xlsx(request, pk: int):
    from .exports import attendance_xlsx_response

    meeting = _meeting(request, pk)
    if meeting is None:  # pragma: no cover - get_object_or_404 raises
        raise Http404
    return attendance_xlsx_response(meeting)
