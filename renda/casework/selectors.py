"""Permission-aware reads of cases: a unit never sees another unit's cases."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from renda.accounts.rules import is_leader, is_office_staff, is_unit_officer

from . import workflow
from .deadlines import DUE_SOON_DAYS, DUE_VERY_SOON_DAYS, DeadlineState, deadline_state
from .models import Assignment, Case, CaseRequester, ExtensionRequest, Notification, ReturnRequest

__all__ = ["DeadlineState", "deadline_state", "cases_visible_to", "case_for_source", "queue_for_unit",
           "due_within", "overdue", "key_cases_for", "notifications_for", "unread_count"]

A = Assignment.Status
S = Case.Status


def _base() -> QuerySet[Case]:
    return Case.objects.select_related("kind", "requester_body", "key_leader", "key_committee")


def cases_visible_to(user) -> QuerySet[Case]:
    """Cases the user may see.

    Office staff see every case; a unit officer the cases assigned to their unit (not
    those it returned); a requester their own; leaders every key case, and the
    supervising committee's users the key cases it supervises.
    """
    qs = _base()
    if user is None or not user.is_authenticated:
        return qs.none()
    if is_office_staff(user):
        return qs
    cond = Q(pk__in=[])
    if is_unit_officer(user):
        cond |= Q(Exists(Assignment.objects.filter(case=OuterRef("pk"), unit_id=user.scope_id)
                         .exclude(status=A.RETURNED)))
    if user.person_id:
        cond |= Q(Exists(CaseRequester.objects.filter(case=OuterRef("pk"), person_id=user.person_id)))
    if is_leader(user):
        cond |= Q(is_key=True)
    cond |= Q(is_key=True, key_leader_id=user.pk)
    if user.scope_id and not is_unit_officer(user):
        cond |= Q(is_key=True, key_committee_id=user.scope_id)
    return qs.filter(cond)


def case_for_source(source_type: str, source_id: str | int) -> Case | None:
    """The newest case created for a client's object (e.g. a suggestion), or None."""
    return _base().filter(source_type=source_type, source_id=str(source_id)).order_by("-id").first()


def due_within(qs: QuerySet[Case], today: dt.date, days: int) -> QuerySet[Case]:
    """Cases being handled whose stored deadline falls in [today, today + days]."""
    return qs.filter(status__in=workflow.HANDLING, due_on__gte=today, due_on__lte=today + dt.timedelta(days=days))


def overdue(qs: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    """Cases being handled whose stored deadline has passed."""
    return qs.filter(status__in=workflow.HANDLING, due_on__lt=today)


QUEUE_TABS = ("receive", "handling", "soon", "overdue", "done")


def queue_for_unit(unit_id: int, tab: str, today: dt.date) -> QuerySet[Assignment]:
    """A unit's assignments for its queue tab, with what the rows show in one query."""
    qs = (Assignment.objects.filter(unit_id=unit_id).exclude(status=A.RETURNED)
          .select_related("case", "case__kind"))
    open_case = Q(case__status__in=workflow.HANDLING)
    if tab == "receive":
        return qs.filter(open_case, status=A.AWAITING).order_by("due_on", "id")
    if tab == "handling":
        return qs.filter(open_case, status__in=[A.RECEIVED, A.RETURN_REQUESTED]).order_by("due_on", "id")
    if tab == "soon":
        return qs.filter(open_case, status__in=[A.AWAITING, A.RECEIVED], due_on__gte=today,
                         due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS)).order_by("due_on", "id")
    if tab == "overdue":
        return qs.filter(open_case, status__in=[A.AWAITING, A.RECEIVED], due_on__lt=today).order_by("due_on", "id")
    return qs.exclude(open_case & Q(status__in=[A.AWAITING, A.RECEIVED, A.RETURN_REQUESTED])).order_by("-id")


def queue_counts(unit_id: int, today: dt.date) -> dict[str, int]:
    from django.db.models import Count

    base = Assignment.objects.filter(unit_id=unit_id, case__status__in=workflow.HANDLING)
    soon_end = today + dt.timedelta(days=DUE_SOON_DAYS)
    live = Q(status__in=[A.AWAITING, A.RECEIVED])
    return base.aggregate(
        receive=Count("id", filter=Q(status=A.AWAITING)),
        handling=Count("id", filter=Q(status__in=[A.RECEIVED, A.RETURN_REQUESTED])),
        soon=Count("id", filter=live & Q(due_on__gte=today, due_on__lte=soon_end)),
        overdue=Count("id", filter=live & Q(due_on__lt=today)),
    )


def key_cases_for(user) -> QuerySet[Case]:
    return cases_visible_to(user).filter(is_key=True)


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("case")


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def pending_returns() -> QuerySet[ReturnRequest]:
    return ReturnRequest.objects.filter(status=ReturnRequest.Status.PENDING).select_related(
        "case", "assignment__unit")


def pending_extensions() -> QuerySet[ExtensionRequest]:
    return ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING).select_related(
        "case", "assignment__unit")


__all__ += ["QUEUE_TABS", "queue_counts", "pending_returns", "pending_extensions", "DUE_VERY_SOON_DAYS"]
