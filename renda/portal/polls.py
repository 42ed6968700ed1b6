"""Public record of a sealed poll: result, threshold, seal, verifiable export and receipt check."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from renda.voting import selectors
from renda.voting.presentation import attendance_rows, result_label, result_rows
from renda.voting.workflow import PollStatus


@require_safe
def poll_detail(request, pk: int):
    """A poll of a public meeting, once its result is sealed (nothing is shown before)."""
    poll = get_object_or_404(selectors.polls_visible_to(None).select_related("nominee"), pk=pk)
    if poll.status != PollStatus.SEALED:
        raise Http404
    result = selectors.poll_result(poll)
    receipt = (request.GET.get("receipt") or "").strip()[:64]
    return render(
        request,
        "portal/meetings/poll.html",
        {
            "poll": poll,
            "meeting": poll.agenda_item.meeting,
            "result": result,
            "rows": result_rows(poll, result["tally"]),
            "attendance": attendance_rows(result["tally"]),
            "label": result_label(result["tally"]),
            "named": selectors.named_votes(poll) if poll.is_named else [],
            "receipt": receipt,
            "receipt_found": selectors.receipt_found(poll, receipt) if receipt else None,
        },
    )


def sealed_polls(meeting) -> list:
    """The sealed polls of a meeting, for its public page."""
    return list(
        selectors.polls_visible_to(None)
        .filter(agenda_item__meeting=meeting, status=PollStatus.SEALED)
        .order_by("agenda_item__order", "id")
    )
