"""Reads of local legislation: plans and their progress, projects and their steps, drafts
compared article by article, comments counted per article."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from renda.core.statute import param

from . import texts
from .models import CommentGroup, DraftVersion, Plan, PlanItem, Project, Provision, PublicComment

S = Project.Status
#: Statuses from which a project counts as put to the standing committee, passed, in force.
SUBMITTED_OR_LATER = (
    S.SUBMITTED, S.IN_READING, S.REVIEWED, S.VOTING, S.PASSED, S.AWAITING_APPROVAL,
    S.APPROVED, S.PROMULGATED,
)  # fmt: skip
PASSED_OR_LATER = (S.PASSED, S.AWAITING_APPROVAL, S.APPROVED, S.PROMULGATED)
CLOSED = (S.PROMULGATED, S.NOT_PASSED, S.WITHDRAWN, S.TERMINATED)


def plans() -> QuerySet[Plan]:
    return Plan.objects.annotate(
        listed=Count("items", filter=Q(items__status=PlanItem.Status.LISTED))
    ).order_by("-year_from", "kind", "-id")


def published_plans() -> QuerySet[Plan]:
    return plans().filter(status=Plan.Status.PUBLISHED)


def plan_items(plan: Plan) -> QuerySet[PlanItem]:
    return plan.items.select_related("project").order_by("status", "category", "id")


@dataclass(frozen=True)
class Progress:
    category: str
    label: Any
    listed: int
    submitted: int
    passed: int


def plan_progress(plan: Plan) -> list[Progress]:
    """The year's progress against the plan, per category: listed, put to the standing
    committee, passed (one query)."""
    rows = (
        plan.items.filter(status=PlanItem.Status.LISTED)
        .values("category")
        .annotate(
            listed=Count("id"),
            submitted=Count("id", filter=Q(project__status__in=SUBMITTED_OR_LATER)),
            passed=Count("id", filter=Q(project__status__in=PASSED_OR_LATER)),
        )
    )
    found = {r["category"]: r for r in rows}
    return [
        Progress(
            c.value,
            c.label,
            found.get(c.value, {}).get("listed", 0),
            found.get(c.value, {}).get("submitted", 0),
            found.get(c.value, {}).get("passed", 0),
        )  # fmt: skip
        for c in PlanItem.Category
    ]


def projects(*, status: str = "", q: str = "") -> QuerySet[Project]:
    qs = Project.objects.annotate(
        held=Count("readings", filter=Q(readings__status="held"), distinct=True)
    ).order_by("-proposed_on", "-id")
    if status == "open":
        qs = qs.exclude(status__in=CLOSED)
    elif status in S.values:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(drafter__icontains=q))
    return qs


def project_detail(pk: int) -> Project:
    return (
        Project.objects.prefetch_related(
            Prefetch("readings", queryset=_readings()),
            Prefetch("versions", queryset=DraftVersion.objects.order_by("number")),
            "plan_items__plan",
        )
        .filter(pk=pk)
        .get()
    )


def _readings():
    from .models import Reading

    return Reading.objects.select_related("meeting", "version").order_by("number", "id")


def approval_overdue(project: Project, today: dt.date) -> bool:
    """The province has not answered within ``legislation.approval_months`` months."""
    return bool(
        project.status == S.AWAITING_APPROVAL
        and project.approval_due_on
        and project.approval_due_on < today
    )


def shelved_since(project: Project, today: dt.date) -> dt.date | None:
    """The day from which a bill under reading has waited ``legislation.shelved_years``
    years without a reading (立法法 第45条), or None."""
    if project.status not in (S.IN_READING, S.SUBMITTED, S.REVIEWED):
        return None
    last = max(
        [d for d in (project.submitted_on, *[r.held_on for r in project.readings.all()]) if d],
        default=None,
    )
    if last is None:
        return None
    years = int(param("legislation.shelved_years"))
    try:
        limit = last.replace(year=last.year + years)
    except ValueError:  # 29 February
        limit = last.replace(year=last.year + years, day=28)
    return last if limit <= today else None


def open_versions(today: dt.date) -> QuerySet[DraftVersion]:
    """Drafts open for public comment today."""
    return (
        DraftVersion.objects.filter(
            comment_opens_on__lte=today,
            comment_closes_on__gte=today,
            project__status__in=Project.DRAFT_OPEN,
        )  # fmt: skip
        .select_related("project")
        .order_by("comment_closes_on", "id")
    )


def commented_versions() -> QuerySet[DraftVersion]:
    """Every draft ever published for comment, newest period first."""
    return (
        DraftVersion.objects.filter(comment_opens_on__isnull=False)
        .select_related("project")
        .annotate(
            comment_count=Count("comments"),
            published_count=Count("comments", filter=Q(comments__status="published")),
        )
        .order_by("-comment_opens_on", "-id")
    )


def provisions_with_counts(version: DraftVersion, *, public: bool) -> list[Provision]:
    """The version's chapters and articles with their comment counts (published ones only
    for the public)."""
    wanted = Q(comments__status=PublicComment.Status.PUBLISHED) if public else Q()
    return list(
        version.provisions.annotate(comment_count=Count("comments", filter=wanted)).order_by(
            "ordinal"
        )
    )


def comments_for(project: Project) -> QuerySet[PublicComment]:
    return (
        PublicComment.objects.filter(version__project=project)
        .select_related("version", "provision", "contact_point", "group")
        .order_by("-received_at", "-id")
    )


def published_comments(version: DraftVersion) -> QuerySet[PublicComment]:
    """What the public sees: the text, the article, the day; never a name or contact."""
    return (
        version.comments.filter(status=PublicComment.Status.PUBLISHED)
        .select_related("provision")
        .only(
            "id", "body", "received_at", "provision__label", "provision__id", "version_id", "status"
        )
        .order_by("-received_at", "-id")
    )


def groups_for(project: Project) -> QuerySet[CommentGroup]:
    return project.comment_groups.annotate(n=Count("comments")).order_by("id")


#: How alike two articles must be to show as one changed article rather than one removed and
#: one added: 0.4 keeps an article whose text grew by half again (a sentence appended) paired.
PAIRING_THRESHOLD = 0.4


def compare(old: DraftVersion, new: DraftVersion) -> tuple[list[texts.Row], dict[str, int]]:
    """Two versions article by article, and the counts of what changed."""
    rows = texts.compare(texts.parse(old.text), texts.parse(new.text), threshold=PAIRING_THRESHOLD)
    return rows, texts.summary(rows)
