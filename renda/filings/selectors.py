"""Permission-aware reads of filing review."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from renda.accounts.rules import is_staff_side
from renda.core import workdays
from renda.core.search import search
from renda.people.models import Organization

from . import statute
from .models import Filing, Review, ReviewItem, ReviewSuggestion

#: Statuses the public sees: registered and after, revoked included (returned or pending filings are not on record).
PUBLIC_STATUSES = (Filing.Status.REGISTERED, Filing.Status.CONCLUDED, Filing.Status.REVOKED)
LIST_FIELDS_DEFERRED = (
    "text",
    "signature",
    "similar",
    "highlights",
    "search_text",
    "drafting_explanation",
    "legal_basis",
)


def _base() -> QuerySet[Filing]:
    return Filing.objects.select_related("enacting_body").defer(*LIST_FIELDS_DEFERRED)


def filings_visible_to(user) -> QuerySet[Filing]:
    """Staff and leaders see every filing; an enacting body's officer only their body's."""
    qs = _base()
    if not user.is_authenticated:
        return qs.none()
    if is_staff_side(user) or user.is_superuser:
        return qs
    if getattr(user, "scope_id", None) and user.has_perm("filings.file"):
        return qs.filter(enacting_body_id=user.scope_id)
    return qs.none()


def late_filings(user) -> QuerySet[Filing]:
    return filings_visible_to(user).filter(is_late=True).order_by("-filed_at", "-id")


def intake_queue() -> QuerySet[Filing]:
    """Filings waiting for the formal check, oldest deadline first (rules §5.4)."""
    return _base().filter(status=Filing.Status.SUBMITTED).order_by("formal_check_due_on", "id")


def reviews_open() -> QuerySet[Review]:
    return (
        Review.objects.filter(status=Review.Status.OPEN)
        .select_related("responsible_body", "reviewer")
        .annotate(n_items=Count("items"))
        .order_by("due_on", "id")
    )


def reviews_all() -> QuerySet[Review]:
    return Review.objects.select_related("responsible_body", "reviewer").annotate(
        n_items=Count("items"), n_decided=Count("items", filter=~Q(items__outcome=""))
    )


def correction_items(user) -> QuerySet[ReviewItem]:
    """Correction requests (纠正意见) the user may see: an officer only their body's."""
    qs = ReviewItem.objects.filter(outcome=ReviewItem.Outcome.CORRECTION).select_related(
        "filing__enacting_body", "correction_case", "review"
    )
    if is_staff_side(user) or user.is_superuser:
        return qs
    if getattr(user, "scope_id", None) and user.has_perm("filings.file"):
        return qs.filter(filing__enacting_body_id=user.scope_id)
    return qs.none()


def public_filings(
    q: str = "", body_id: int | None = None, year: int | None = None
) -> QuerySet[Filing]:
    qs = _base().filter(is_public=True, status__in=PUBLIC_STATUSES)
    if q:
        # The text, or the body that made it (教育 finds 教育局's documents).
        bodies = Organization.objects.filter(name__icontains=q.strip()).values("pk")
        qs = search(qs, q) | qs.filter(enacting_body__in=bodies)
    if body_id:
        qs = qs.filter(enacting_body_id=body_id)
    if year:
        qs = qs.filter(published_on__year=year)
    return qs.order_by("-published_on", "-id")


def public_review_status(filing: Filing) -> str:
    """The review status shown to the public: under review, or the latest outcome's label."""
    items = list(filing.review_items.select_related("review").order_by("-id"))
    if any(i.review.status == Review.Status.OPEN for i in items):
        return str(Review.Status.OPEN.label)
    for i in items:
        if i.outcome:
            return str(ReviewItem.Outcome(i.outcome).label)
    return str(filing.get_status_display())


def suggestions_pending() -> QuerySet[ReviewSuggestion]:
    return ReviewSuggestion.objects.select_related("filing").order_by("decision_due_on", "id")


def overdue_reviews(today: dt.date) -> QuerySet[Review]:
    return reviews_open().filter(due_on__lt=today)


def amend_reports(user) -> QuerySet[ReviewItem]:
    """Reports after amending the user may see (rules §5.8), the ones still owed first: an officer only their body's."""
    qs = (
        ReviewItem.objects.filter(amend_report_due_on__isnull=False)
        .select_related("filing__enacting_body", "correction_case")
        .defer(*(f"filing__{f}" for f in LIST_FIELDS_DEFERRED))
        .order_by(F("amend_reported_at").desc(nulls_first=True), "amend_report_due_on", "id")
    )
    if not user.is_authenticated:
        return qs.none()
    if is_staff_side(user) or user.is_superuser:
        return qs
    if getattr(user, "scope_id", None) and user.has_perm("filings.file"):
        return qs.filter(filing__enacting_body_id=user.scope_id)
    return qs.none()


def can_read_back_office(user) -> bool:
    """Whether the user reads the back office's rows (``filings.view``) rather than the public ones."""
    return user is not None and user.is_authenticated and user.has_perm("filings.view")


def filings_for(user) -> QuerySet[Filing]:
    """The filings a caller may read: the back office's rows, or the registered public ones."""
    return filings_visible_to(user) if can_read_back_office(user) else public_filings()


def review_items_visible_to(user) -> QuerySet[ReviewItem]:
    """Documents under review whose filing the user may see (the body's officer: its own)."""
    return ReviewItem.objects.filter(filing_id__in=filings_visible_to(user).values("pk"))


def suggestions_visible_to(user) -> QuerySet[ReviewSuggestion]:
    """Review suggestions with the proposer's details: the office only (the public follows a code)."""
    if user is None or not user.is_authenticated or not user.has_perm("filings.manage"):
        return ReviewSuggestion.objects.none()
    return ReviewSuggestion.objects.all()


def reviews_visible_to(user) -> QuerySet[Review]:
    """Reviews, for the office (and leaders, who approve extensions)."""
    if user is None or not user.is_authenticated:
        return Review.objects.none()
    if user.has_perm("filings.manage") or user.has_perm("filings.approve"):
        return Review.objects.all()
    return Review.objects.none()


def transfers_with_due(year: int) -> list[tuple[Filing, dt.date]]:
    """Documents transferred to another jurisdiction in ``year``, each with the day the transfer
    was due (``filings.transfer_days`` after filing, rules §5.11), on one working calendar."""
    days = statute.values()["filings.transfer_days"]
    rows = list(_base().filter(transferred_at__year=year).order_by("transferred_at", "id"))
    if not rows:
        return []
    calendar = workdays.calendar_around(dt.date(year, 7, 1), days=400)
    return [
        (f, calendar.next_working_day(timezone.localdate(f.filed_at) + dt.timedelta(days=days)))
        for f in rows
    ]
