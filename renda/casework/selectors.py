"""Permission-aware reads of cases: a unit never sees another unit's cases."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from renda.accounts.rules import is_leader, is_office_staff, is_unit_officer
from renda.core.search import matching_ids

from . import workflow
from .deadlines import DUE_SOON_DAYS, DUE_VERY_SOON_DAYS, DeadlineState, deadline_state
from .models import (
    Assignment,
    Case,
    CaseRequester,
    ExtensionRequest,
    Notification,
    Reply,
    ReturnRequest,
)

__all__ = [
    "DeadlineState",
    "deadline_state",
    "cases_visible_to",
    "case_for_source",
    "queue_for_unit",
    "due_within",
    "overdue",
    "key_cases_for",
    "notifications_for",
    "unread_count",
]

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
        cond |= Q(
            Exists(
                Assignment.objects.filter(case=OuterRef("pk"), unit_id=user.scope_id).exclude(
                    status=A.RETURNED
                )
            )
        )
    if user.person_id:
        cond |= Q(
            Exists(CaseRequester.objects.filter(case=OuterRef("pk"), person_id=user.person_id))
        )
    if is_leader(user):
        cond |= Q(is_key=True)
    cond |= Q(is_key=True, key_leader_id=user.pk)
    if user.scope_id and not is_unit_officer(user):
        cond |= Q(is_key=True, key_committee_id=user.scope_id)
    return qs.filter(cond)


def union_ids(*parts) -> RawSQL:
    """One subquery of the primary keys that any of ``parts`` yields (each a RawSQL or a one-column
    queryset), so ``pk__in`` uses each part's own index instead of an ``OR`` over the whole table."""
    sqls, params = [], []
    for part in parts:
        if isinstance(part, RawSQL):
            sql, part_params = part.sql, part.params
        else:
            sql, part_params = part.query.sql_with_params()
        sqls.append(f"SELECT * FROM ({sql}) AS u{len(sqls)}")  # noqa: S608 - compiled SQL, values as params
        params.extend(part_params)
    return RawSQL(" UNION ".join(sqls), params)  # noqa: S611


def reply_case_ids(
    q: str, *, published_only: bool = False, newest: int | None = None
) -> QuerySet | None:
    """The ids of the cases whose replies match ``q`` (None for an empty query).

    ``published_only`` keeps the replies the public may read: publishable, approved, not follow-ups.
    ``newest`` reads only that many of the newest matching replies (see ``matching_ids``).
    """
    matches = matching_ids(Reply, q, newest=newest)
    if matches is None:
        return None
    replies = Reply.objects.filter(pk__in=matches)
    if published_only:
        from .services.publication import PUBLIC_REPLY

        replies = replies.filter(PUBLIC_REPLY)
    return replies.order_by().values("case_id")


def case_search(qs: QuerySet[Case], q: str) -> QuerySet[Case]:
    """Full-text search over the cases' titles and summaries and the texts of their replies."""
    own = matching_ids(Case, q)
    if own is None:
        return qs
    return qs.filter(pk__in=union_ids(own, reply_case_ids(q)))


def case_for_source(source_type: str, source_id: str | int) -> Case | None:
    """The newest case created for a client's object (e.g. a suggestion), or None."""
    return _base().filter(source_type=source_type, source_id=str(source_id)).order_by("-id").first()


def due_within(qs: QuerySet[Case], today: dt.date, days: int) -> QuerySet[Case]:
    """Cases being handled whose stored deadline falls in [today, today + days]."""
    return qs.filter(
        status__in=workflow.HANDLING, due_on__gte=today, due_on__lte=today + dt.timedelta(days=days)
    )


#: The statuses of cases being handled, in a fixed order: the partial index on the deadline of
#: those cases (``casework_case_handling_due``) is used only by a query with this very condition.
HANDLING_SORTED = tuple(sorted(workflow.HANDLING))


def handling_condition() -> RawSQL:
    """``status IN (…being handled…)`` with the statuses written out, not as bound parameters: SQLite
    uses a partial index only when it can see that the query's condition is the index's own."""
    from django.db import connection
    from django.db.models import BooleanField

    column = (
        f"{connection.ops.quote_name(Case._meta.db_table)}.{connection.ops.quote_name('status')}"
    )
    values = ", ".join(
        f"'{s}'" for s in HANDLING_SORTED
    )  # fixed identifiers from the code, never input
    return RawSQL(f"{column} IN ({values})", (), output_field=BooleanField())  # noqa: S611


def overdue(qs: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    """Cases being handled whose stored deadline has passed (on the partial index of their deadlines)."""
    return qs.filter(handling_condition(), due_on__lt=today)


QUEUE_TABS = ("receive", "handling", "soon", "overdue", "done", "nocontact")


def _lead_not_contacted(today: dt.date) -> Q:
    """Assignment rows: a lead unit past its first-contact deadline with no contact logged (rules §1.10)."""
    return Q(role=Assignment.Role.LEAD, first_contact_on__isnull=True, contact_due_on__lt=today)


def not_contacted(qs: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    """Cases being handled whose lead unit has not contacted the requester by its deadline (rules §1.10)."""
    late = Assignment.objects.filter(_lead_not_contacted(today), case=OuterRef("pk")).exclude(
        status=A.RETURNED
    )
    return qs.filter(Exists(late), status__in=workflow.HANDLING)


def with_lead_contact(qs: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with its lead unit's first-contact deadline and first contact, for list rows."""
    lead = (
        Assignment.objects.filter(case=OuterRef("pk"), role=Assignment.Role.LEAD)
        .exclude(status=A.RETURNED)
        .order_by("-id")
    )
    return qs.annotate(
        lead_contact_due=Subquery(lead.values("contact_due_on")[:1]),
        lead_first_contact=Subquery(lead.values("first_contact_on")[:1]),
    )


def contact_late(due: dt.date | None, first: dt.date | None, today: dt.date) -> bool:
    """Whether a first contact was not made in time: none by the deadline, or made after it."""
    if due is None:
        return False
    return today > due if first is None else first > due


def queue_for_unit(unit_id: int, tab: str, today: dt.date) -> QuerySet[Assignment]:
    """A unit's assignments for its queue tab, with what the rows show in one query."""
    qs = (
        Assignment.objects.filter(unit_id=unit_id)
        .exclude(status=A.RETURNED)
        .select_related("case", "case__kind")
    )
    open_case = Q(case__status__in=workflow.HANDLING)
    if tab == "receive":
        return qs.filter(open_case, status=A.AWAITING).order_by("due_on", "id")
    if tab == "handling":
        return qs.filter(open_case, status__in=[A.RECEIVED, A.RETURN_REQUESTED]).order_by(
            "due_on", "id"
        )
    if tab == "soon":
        return qs.filter(
            open_case,
            status__in=[A.AWAITING, A.RECEIVED],
            due_on__gte=today,
            due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        ).order_by("due_on", "id")
    if tab == "overdue":
        return qs.filter(open_case, status__in=[A.AWAITING, A.RECEIVED], due_on__lt=today).order_by(
            "due_on", "id"
        )
    if tab == "nocontact":
        return qs.filter(
            open_case, _lead_not_contacted(today), status__in=[A.AWAITING, A.RECEIVED]
        ).order_by("contact_due_on", "id")
    return qs.exclude(
        open_case & Q(status__in=[A.AWAITING, A.RECEIVED, A.RETURN_REQUESTED])
    ).order_by("-id")


def queue_counts(unit_id: int, today: dt.date) -> dict[str, int]:
    from django.db.models import Count

    base = Assignment.objects.filter(
        unit_id=unit_id,
        status__in=[A.AWAITING, A.RECEIVED, A.RETURN_REQUESTED],
        case__status__in=workflow.HANDLING,
    )
    soon_end = today + dt.timedelta(days=DUE_SOON_DAYS)
    live = Q(status__in=[A.AWAITING, A.RECEIVED])
    return base.aggregate(
        receive=Count("id", filter=Q(status=A.AWAITING)),
        handling=Count("id", filter=Q(status__in=[A.RECEIVED, A.RETURN_REQUESTED])),
        soon=Count("id", filter=live & Q(due_on__gte=today, due_on__lte=soon_end)),
        overdue=Count("id", filter=live & Q(due_on__lt=today)),
        nocontact=Count("id", filter=live & _lead_not_contacted(today)),
    )


#: How long a unit's cached queue counts may be kept at most (changes made outside the services).
QUEUE_COUNTS_SECONDS = 300


def casework_stamp() -> tuple:
    """What a unit's queue counts depend on, in one cheap query: the hash of the last audit event
    (every casework service that moves a case or an assignment writes one) and the newest ids."""
    from django.db import connection

    from renda.core.models import AuditEvent

    q = connection.ops.quote_name
    # Table and column names only, from the models; no value is interpolated.
    head = (
        f"(SELECT {q('hash')} FROM {q(AuditEvent._meta.db_table)} ORDER BY {q('seq')} DESC LIMIT 1)"  # noqa: S608
    )
    parts = [head]
    parts += [f"(SELECT MAX({q('id')}) FROM {q(m._meta.db_table)})" for m in (Case, Assignment)]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def cached_queue_counts(unit_id: int, today: dt.date) -> dict[str, int]:
    """:func:`queue_counts`, kept until casework data changes, the day turns or a few minutes pass:
    a unit with thousands of live cases does not count them again on every page of its queue."""
    import hashlib

    from django.core.cache import cache

    stamp = hashlib.sha256(
        repr((unit_id, today.isoformat(), casework_stamp())).encode()
    ).hexdigest()[:32]
    key = f"casework:queue-counts:{stamp}"
    counts = cache.get(key)
    if counts is None:
        counts = queue_counts(unit_id, today)
        cache.set(key, counts, QUEUE_COUNTS_SECONDS)
    return counts


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
        "case", "assignment__unit"
    )


def pending_extensions() -> QuerySet[ExtensionRequest]:
    return ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING).select_related(
        "case", "assignment__unit"
    )


__all__ += [
    "not_contacted",
    "with_lead_contact",
    "contact_late",
    "union_ids",
    "reply_case_ids",
    "case_search",
    "QUEUE_TABS",
    "queue_counts",
    "cached_queue_counts",
    "casework_stamp",
    "pending_returns",
    "pending_extensions",
    "DUE_VERY_SOON_DAYS",
]
