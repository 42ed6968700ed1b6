"""'My work' items of deputies' suggestions: the office's screening queue (each item due
within the intake period of §1.10 from its submission), a deputy's drafts and the
invitations to co-sign that wait for their answer."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.statute import param
from renda.core.work import WorkItem
from renda.core.workdays import add_working_days

from .models import CoSigner, Suggestion

S = Suggestion.Status
LIMIT = 50


def suggestions_work(user, today: dt.date) -> list[WorkItem]:
    if not user.is_authenticated:
        return []
    items: list[WorkItem] = []
    if user.has_perm("suggestions.manage"):
        days = param("casework.assign_workdays")
        waiting = (
            Suggestion.objects.filter(status=S.SUBMITTED)
            .select_related("lead_deputy__person")
            .order_by("submitted_at", "pk")[:LIMIT]
        )
        for s in waiting:
            submitted = timezone.localdate(s.submitted_at) if s.submitted_at else today
            items.append(
                WorkItem(
                    title=s.title,
                    url=reverse("suggestions:detail", args=[s.pk]),
                    kind=_("建议待审查交办"),
                    due=add_working_days(submitted, days),
                    rule="§1.10",
                    detail=format_lazy(
                        _("{number} · 领衔代表 {name}"),
                        number=s.number or "—",
                        name=s.lead_deputy.person.name,
                    ),
                )
            )
    person_id = getattr(user, "person_id", None)
    if person_id and user.has_perm("suggestions.submit"):
        drafts = Suggestion.objects.filter(
            status=S.DRAFT, lead_deputy__person_id=person_id
        ).order_by("-updated_at")[:LIMIT]
        for s in drafts:
            items.append(
                WorkItem(
                    title=s.title,
                    url=reverse("suggestions:detail", args=[s.pk]),
                    kind=_("建议草稿待提交"),
                    rule="§1.1",
                    detail=_("草稿只有您能看到；提交后由常委会办事机构审查交办。"),
                )
            )
        invited = (
            CoSigner.objects.filter(
                deputy__person_id=person_id,
                confirmed_at__isnull=True,
                suggestion__status__in=[S.DRAFT, S.SUBMITTED],
            )
            .select_related("suggestion__lead_deputy__person")
            .order_by("-created_at")[:LIMIT]
        )
        for c in invited:
            items.append(
                WorkItem(
                    title=c.suggestion.title,
                    url=reverse("suggestions:detail", args=[c.suggestion_id]),
                    kind=_("联名邀请待确认"),
                    rule="§1.1",
                    detail=format_lazy(
                        _("{name} 邀请您联名"), name=c.suggestion.lead_deputy.person.name
                    ),
                )
            )
    return items
