"""Reads for major matters: what each user may see, overdue items, lead times, revisions, figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, params
from renda.meetings.models import MeetingDocument
from renda.meetings.selectors import LATE, MISSING, OK, WAITING, DocumentDeadline

from . import workflow
from .models import AnnualList, Category, Decision, ListStatus, Material, Matter, MatterStatus
from .rules import is_government_officer

#: Meeting documents that count as each material for the lead time.
MEETING_KINDS = {
    Material.Kind.MOTION: MeetingDocument.Kind.MOTION,
    Material.Kind.REPORT: MeetingDocument.Kind.REPORT_TO_SC,
}


def _viewer(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.has_perm("decisions.view"))


def lists_visible_to(user) -> QuerySet[AnnualList]:
    """The government officer sees its own government's lists, drafts included; the SC side sees
    every list once the government has submitted it."""
    qs = AnnualList.objects.select_related("government", "base")
    if not _viewer(user):
        return qs.none()
    if is_government_officer(user):
        return qs.filter(government_id=user.scope_id)
    return qs.exclude(status=ListStatus.DRAFT)


def matters_visible_to(user) -> QuerySet[Matter]:
    """The government officer sees the matters its government or departments propose; the SC side sees all."""
    qs = Matter.objects.select_related(
        "category", "proposing_body", "agenda_item__meeting", "annual_list"
    )
    if not _viewer(user):
        return qs.none()
    if is_government_officer(user):
        scope = user.scope_id
        return qs.filter(
            Q(proposing_body_id=scope)
            | Q(proposing_body__parent_id=scope)
            | Q(annual_list__government_id=scope)
        )
    return qs


def decisions_visible_to(user) -> QuerySet[Decision]:
    ids = matters_visible_to(user).values("pk")
    return Decision.objects.filter(matter_id__in=ids).select_related(
        "matter__category", "matter__agenda_item__meeting", "poll"
    )


def lists_readable_by(user) -> QuerySet[AnnualList]:
    """What a caller of the API reads: the lists it may see, otherwise the published ones."""
    return lists_visible_to(user) if _viewer(user) else public_lists()


def decisions_readable_by(user) -> QuerySet[Decision]:
    """What a caller of the API reads: the decisions it may see, otherwise the published ones."""
    return decisions_visible_to(user) if _viewer(user) else public_decisions()


def public_lists() -> QuerySet[AnnualList]:
    return AnnualList.objects.filter(status__in=workflow.PUBLIC_LIST_STATUSES).select_related(
        "government"
    )


def public_decisions() -> QuerySet[Decision]:
    return Decision.objects.filter(status=Decision.Status.PUBLISHED).select_related(
        "matter__category", "matter__proposing_body", "matter__agenda_item__meeting", "poll"
    )


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def overdue_q(today: dt.date) -> Q:
    """Listed matters whose planned quarter has ended without their going on an agenda (S12 item 3)."""
    return Q(status=MatterStatus.LISTED, planned_quarter__isnull=False) & (
        Q(year__lt=today.year) | Q(year=today.year, planned_quarter__lt=quarter_of(today))
    )


def overdue_matters(
    qs: QuerySet[Matter] | None = None, today: dt.date | None = None
) -> QuerySet[Matter]:
    today = today or timezone.localdate()
    qs = Matter.objects.select_related("category", "proposing_body") if qs is None else qs
    return qs.filter(overdue_q(today)).order_by("year", "planned_quarter", "id")


def late_lists(today: dt.date | None = None) -> QuerySet[AnnualList]:
    """Annual lists the government has not submitted by the configured date."""
    today = today or timezone.localdate()
    return AnnualList.objects.filter(version=1, submitted_at__isnull=True, due_on__lt=today)


def lead_times() -> dict[str, int]:
    """The lead time of every matter kind's material, with one query (rules §6.3)."""
    keys = {key for _kind, key in workflow.LEAD_TIMES.values()}
    return params(*keys)


def matter_deadlines(
    matter: Matter,
    today: dt.date | None = None,
    *,
    documents: list[MeetingDocument] | None = None,
    leads: dict[str, int] | None = None,
) -> list[DocumentDeadline]:
    """The material a scheduled matter needs and when it was due before the meeting (rules §6.3).

    ``leads`` (from :func:`lead_times`) saves reading the parameters again for each matter of a list.
    """
    if not matter.agenda_item_id:
        return []
    today = today or timezone.localdate()
    kind, key = workflow.LEAD_TIMES[matter.kind]
    lead = (leads or params(key))[key]
    meeting = matter.agenda_item.meeting
    due = meeting.starts_on - dt.timedelta(days=lead)
    days = [m.received_on for m in matter.materials.all() if m.kind == kind]
    if documents is None:
        documents = list(MeetingDocument.objects.filter(item_id=matter.agenda_item_id))
    days += [d.received_on for d in documents if d.kind == MEETING_KINDS[kind]]
    received = min(days, default=None)
    if received is not None:
        state = OK if received <= due else LATE
    else:
        state = MISSING if today > due else WAITING
    return [
        DocumentDeadline(
            kind=kind,
            label=Material.Kind(kind).label,
            param=key,
            rule=REGISTRY[key].rule,
            lead=lead,
            unit="days",
            due=due,
            received_on=received,
            state=state,
        )
    ]


# -- revisions ------------------------------------------------------------------------------

FIELD_LABELS = {
    "title": _("事项名称"),
    "category": _("类别"),
    "kind": _("事项类型"),
    "quarter": _("计划提请季度"),
    "proposing_body": _("提请机关"),
    "description": _("主要内容"),
}


@dataclass
class DiffRow:
    change: str  # added | removed | changed | unchanged
    title: str
    fields: list[tuple[str, Any, Any]]


def diff_items(before: list[dict], after: list[dict], *, key: str = "key") -> list[DiffRow]:
    """What changed between two snapshots of a list, item by item."""
    old = {row[key]: row for row in before if row.get(key) is not None}
    rows: list[DiffRow] = []
    seen = set()
    for row in after:
        k = row.get(key)
        previous = old.get(k) if k is not None else None
        if previous is None:
            rows.append(DiffRow("added", row["title"], []))
            continue
        seen.add(k)
        fields = [
            (f, previous.get(f), row.get(f)) for f in FIELD_LABELS if previous.get(f) != row.get(f)
        ]
        rows.append(DiffRow("changed" if fields else "unchanged", row["title"], fields))
    rows += [DiffRow("removed", row["title"], []) for k, row in old.items() if k not in seen]
    return rows


def list_revisions(lst: AnnualList) -> list[dict[str, Any]]:
    """Each snapshot of the list with the changes since the one before (and, for a change, since its base)."""
    snapshots = list(lst.snapshots.select_related("taken_by").order_by("id"))
    result = []
    previous = None
    if lst.base_id:
        base = lst.base.snapshots.filter(stage="published").order_by("-id").first()
        if base is not None:
            previous = base.items
    for snap in snapshots:
        if previous is None:
            changes = []
        elif lst.base_id and snap is snapshots[0]:
            changes = diff_items(previous, snap.items, key="matter")
        else:
            changes = diff_items(previous, snap.items)
        result.append(
            {"snapshot": snap, "changes": [c for c in changes if c.change != "unchanged"]}
        )
        previous = snap.items
    return result


# -- figures --------------------------------------------------------------------------------


def category_figures(
    today: dt.date | None = None, *, year: int | None = None
) -> list[dict[str, Any]]:
    """Matters per category: total, before the SC or decided, and overdue (one query)."""
    today = today or timezone.localdate()
    live = ~Q(matters__status=MatterStatus.WITHDRAWN)
    scope = Q(matters__year=year) if year else Q()
    overdue = Q(matters__status=MatterStatus.LISTED, matters__planned_quarter__isnull=False) & (
        Q(matters__year__lt=today.year)
        | Q(matters__year=today.year, matters__planned_quarter__lt=quarter_of(today))
    )
    done = Q(
        matters__status__in=[MatterStatus.DECIDED, MatterStatus.CONCLUDED, MatterStatus.REJECTED]
    )
    rows = Category.objects.annotate(
        total=Count("matters", filter=live & scope),
        done=Count("matters", filter=done & scope),
        scheduled=Count("matters", filter=Q(matters__status=MatterStatus.SCHEDULED) & scope),
        overdue=Count("matters", filter=overdue & scope),
    ).order_by("order", "id")
    return [
        {
            "category": c,
            "label": c.name,
            "total": c.total,
            "done": c.done,
            "scheduled": c.scheduled,
            "overdue": c.overdue,
        }
        for c in rows
    ]


def category_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """An ECharts option: matters, done and overdue per category."""
    from django.utils.translation import gettext

    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 40, "right": 20, "top": 20, "bottom": 70, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [r["label"] for r in rows],
            "axisLabel": {"interval": 0, "width": 90, "overflow": "break"},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "name": gettext("事项数"),
                "data": [r["total"] for r in rows],
                "itemStyle": {"color": "#c8161d"},
                "label": {"show": True, "position": "top"},
            },
            {
                "type": "bar",
                "name": gettext("已决定或审议"),
                "data": [r["done"] for r in rows],
                "itemStyle": {"color": "#2e7d32"},
                "label": {"show": True, "position": "top"},
            },
            {
                "type": "bar",
                "name": gettext("逾期未提请"),
                "data": [r["overdue"] for r in rows],
                "itemStyle": {"color": "#d54941"},
                "label": {"show": True, "position": "top"},
            },
        ],
    }
