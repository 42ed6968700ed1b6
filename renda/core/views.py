"""Back-office pages of the core: home (my work), audit log, calendar, rule settings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .work import work_for

DUE_SOON_DAYS = 7


@login_required
def home(request):
    today = timezone.localdate()
    items = work_for(request.user, today)
    rows = []
    overdue = due_soon = 0
    for item in items:
        left = item.days_left(today)
        state = ""
        if left is not None and left < 0:
            state, overdue = "overdue", overdue + 1
        elif left is not None and left <= DUE_SOON_DAYS:
            state, due_soon = "soon", due_soon + 1
        rows.append({"item": item, "left": left, "over": -left if left is not None and left < 0 else None, "state": state})
    return render(request, "core/home.html", {"rows": rows, "overdue": overdue, "due_soon": due_soon, "today": today})
