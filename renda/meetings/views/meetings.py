"""Back-office pages of meetings: list, calendar, overview, scheduling, the meeting page."""

from __future__ import annotations

import calendar as cal
import datetime as dt

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.approval_views import panel
from renda.core.audit import object_label
from renda.core.errors import DomainError
from renda.core.history import present, register_labels
from renda.core.models import Approval, AuditEvent
from renda.core.pages import perform
from renda.core.search import matching_ids
from renda.core.views import add_domain_error, paginate, permission_required

from .. import services
from ..forms import MeetingFilterForm, MeetingForm
from ..models import Attendance, AttendeePoolEntry, Meeting
from ..selectors import (
    document_deadlines,
    entitled_persons,
    frequency_checks,
    late_items,
    meetings_visible_to,
    quorum,
)
from ._common import _back, _managed_meeting, _meeting
from .door import own_code

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
register_labels(ACTION_LABELS)

#: The meeting's actions, as its page offers them.
MEETING_ACTIONS = (
    services.meeting_update,
    services.meeting_open,
    services.meeting_close,
    services.agenda_item_add,
    services.agenda_item_reorder,
    services.document_add,
    services.attendance_sign_in,
    services.attendance_mark_absent,
    services.non_voting_invite,
    services.leave_request_create,
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
    return present(AuditEvent.objects.filter(condition).order_by("-seq")[:TIMELINE_LIMIT])


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
    allowed = available(user, meeting, MEETING_ACTIONS)
    can_see_attendance = user.has_perm("meetings.view_attendance")
    attendance = list(
        meeting.attendance.select_related("person")
        .only("id", "role", "status", "signed_in_at", "person__id", "person__name", "meeting_id")
        .order_by("role", "person__name", "person_id")
    )
    own = next((a for a in attendance if user.person_id and a.person_id == user.person_id), None)
    # A member reaches the voting terminal from the meeting page while the meeting sits.
    terminal = bool(
        user.person_id
        and meeting.status == Meeting.Status.IN_PROGRESS
        and user.has_perm("voting.cast")
        and entitled_persons(meeting).filter(pk=user.person_id).exists()
    )
    leaves = list(
        meeting.leave_requests.select_related("person", "decided_by__person").order_by(
            "-created_at"
        )
    )
    deadlines = {
        row.item.pk if row.item else None: row
        for row in document_deadlines(meeting, items=items, documents=documents)
    }
    dispose = tuple(services.DISPOSE.values())
    for item in items:
        item.deadlines = deadlines.get(item.pk)
        item.docs = [d for d in documents if d.item_id == item.pk]
        item.disposable = bool(available(user, item, dispose))
    decide = tuple(services.LEAVE_DECISIONS.values())
    for leave in leaves:
        leave.decidable = bool(available(user, leave, decide))
    pool = []
    if "invite" in allowed:
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
            # The member's own sign-in code, to show at the door (a QR the clerk scans).
            "own_code": own_code(meeting, user.person_id)
            if own
            and own.status in (Attendance.Status.EXPECTED, Attendance.Status.ON_LEAVE)
            and meeting.status != Meeting.Status.CLOSED
            else None,
            "terminal": terminal,
            "counts": counts,
            "leaves": leaves
            if can_see_attendance
            else [lv for lv in leaves if lv.person_id == user.person_id],
            "quorum": quorum(meeting),
            "pool": pool,
            "allowed": allowed,
            "can_manage": can_manage,
            "can_see_attendance": can_see_attendance,
            "can_sign_self": user.has_perm("meetings.sign_in_self"),
            "events": _timeline(meeting, items, documents, leaves) if can_see_attendance else [],
            "gallery_count": meeting.gallery.filter(status="registered").count(),
            # S2: the party committee's consent to a congress session and its agenda.
            **(panel(user, meeting, Approval.Kind.PARTY_CONSENT) if meeting.is_congress else {}),
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
    perform(request, services.meeting_open, meeting=meeting, success=_("会议已开始。"))
    return _back(pk)


@require_POST
@permission_required("meetings.manage")
def meeting_close(request, pk: int):
    meeting = _managed_meeting(pk)
    perform(request, services.meeting_close, meeting=meeting, success=_("会议已闭会。"))
    return _back(pk)


# -- exports --------------------------------------------------------------------------------


@permission_required("meetings.view")
def agenda_pdf(request, pk: int):
    from ..exports import agenda_pdf_response

    return agenda_pdf_response(request, _meeting(request, pk))


@permission_required("meetings.view_attendance")
def attendance_xlsx(request, pk: int):
    from ..exports import attendance_xlsx_response

    meeting = _meeting(request, pk)
    if meeting is None:  # pragma: no cover - get_object_or_404 raises
        raise Http404
    return attendance_xlsx_response(meeting)
