"""Back-office voting pages: the polls of a meeting, creating a poll, a poll's record."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.audit import history_for
from renda.core.errors import DomainError
from renda.core.history import present
from renda.core.views import add_domain_error, permission_required
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Person

from . import selectors, services
from .forms import ManualCountForm, PollCreateForm
from .models import ManualCount, Poll
from .presentation import attendance_rows, result_label, result_rows
from .workflow import PollStatus

#: Who may open the voting pages: whoever may set polls up or run them.
VIEW_PERMS = (services.poll_create.permission, services.poll_open.permission)


@permission_required(*VIEW_PERMS, any_of=True)
def meeting_polls(request, meeting_id: int):
    """Every agenda item of a meeting with its polls, and where a new poll can be made."""
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    items = list(meeting.items.order_by("order"))
    polls = list(
        Poll.objects.filter(agenda_item__meeting=meeting).select_related("nominee").order_by("id")
    )
    for item in items:
        item.poll_list = [p for p in polls if p.agenda_item_id == item.pk]
    return render(
        request,
        "voting/meeting_polls.html",
        {
            "meeting": meeting,
            "items": items,
            "can_create": services.poll_create.permits(request.user)
            and meeting.status != Meeting.Status.CLOSED,
        },
    )


@permission_required(services.poll_create.permission)
def poll_create(request, item_id: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=item_id)
    meeting = item.meeting
    # Candidates and nominees: the body's members first is not enough (write-ins, officials),
    # so every person is offered, sorted by name.
    form = PollCreateForm(
        request.POST or None,
        persons=Person.objects.order_by("name", "id"),
        initial={"kind": _default_kind(item)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            poll = services.poll_create(
                actor=request.user, agenda_item=item, **form.service_kwargs()
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已建立表决“{title}”。").format(title=poll.title))
            return redirect("voting:poll_detail", poll_id=poll.pk)
    return render(
        request, "voting/poll_form.html", {"form": form, "item": item, "meeting": meeting}
    )


def _default_kind(item: AgendaItem) -> str:
    return {
        AgendaItem.Kind.APPOINTMENT: Poll.Kind.APPOINTMENT,
        AgendaItem.Kind.ELECTION: Poll.Kind.ELECTION,
    }.get(item.kind, Poll.Kind.DECISION)


@permission_required(*VIEW_PERMS, any_of=True)
def poll_detail(request, poll_id: int):
    poll = get_object_or_404(
        Poll.objects.select_related("agenda_item__meeting", "nominee"), pk=poll_id
    )
    result = selectors.poll_result(poll)
    receipt = (request.GET.get("receipt") or "").strip()
    count = services.manual_count_enter
    context = {
        "poll": poll,
        "meeting": poll.agenda_item.meeting,
        "progress": selectors.poll_progress(poll),
        "candidates": list(poll.candidates.select_related("person").order_by("order")),
        "result": result,
        "rows": result_rows(poll, result["tally"]) if result else [],
        "attendance": attendance_rows(result["tally"]) if result else [],
        "result_label": result_label(result["tally"]) if result else "",
        "named": selectors.named_votes(poll) if result and poll.is_named else [],
        "events": present(history_for(poll).order_by("-seq")[:50]),
        "awaiting_count": poll.status in count.sources and poll.is_manual,
        "counts_entered": ManualCount.objects.filter(poll=poll).select_related("entered_by"),
        "receipt": receipt,
        "receipt_found": selectors.receipt_found(poll, receipt) if result and receipt else None,
        # The console link: for whoever may take the chair's actions on the poll.
        "can_chair": any(a.permits(request.user, poll) for a in services.CONSOLE.values()),
    }
    if count.allows(request.user, poll):
        context["count_form"] = ManualCountForm(poll=poll)
    return render(request, "voting/poll_detail.html", context)


@require_POST
@permission_required(services.manual_count_enter.permission)
def manual_count(request, poll_id: int):
    """One staff member's entry of a hand count; the second, by someone else, must agree."""
    poll = get_object_or_404(Poll, pk=poll_id)
    form = ManualCountForm(request.POST, poll=poll)
    if form.is_valid():
        try:
            services.manual_count_enter(
                actor=request.user,
                poll=poll,
                counts=form.counts(),
                issued=form.cleaned_data.get("issued"),
                returned=form.cleaned_data.get("returned"),
            )
        except DomainError as error:
            messages.error(request, error.message_in(request.LANGUAGE_CODE))
        else:
            poll.refresh_from_db()
            if poll.status == PollStatus.SEALED:
                messages.success(request, _("两次录入一致，结果已封存。"))
            else:
                messages.success(request, _("已录入，等待另一名工作人员复核录入。"))
    else:
        messages.error(request, _("计票数有误：每一项都须是非负整数。"))
    return redirect("voting:poll_detail", poll_id=poll.pk)
