"""Permission-aware reads of suggestions."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from renda.accounts.rules import is_staff_side
from renda.core.search import NEWEST_MATCHES, matches_at_least, matching_ids

from .models import CoSigner, Suggestion

#: Statuses the public may see once published: what was assigned (the reply comes from the case).
PUBLIC_STATUSES = (Suggestion.Status.ASSIGNED,)


#: Long columns a list row does not show, left unread by list pages.
LIST_DEFERRED = ("search_text", "content", "case__search_text", "case__summary")


def _base() -> QuerySet[Suggestion]:
    return Suggestion.objects.select_related("lead_deputy__person", "session", "term", "case")


def suggestions_visible_to(user) -> QuerySet[Suggestion]:
    """What ``user`` may see: staff and leaders all but others' drafts; a deputy their own and
    co-signed ones; a unit officer those assigned to the unit (through the engine's cases)."""
    qs = _base()
    if not user.is_authenticated:
        return qs.none()
    if is_staff_side(user):
        return qs.exclude(status=Suggestion.Status.DRAFT)
    person_id = getattr(user, "person_id", None)
    if user.has_perm("suggestions.submit") and person_id:
        cosigned = CoSigner.objects.filter(suggestion=OuterRef("pk"), deputy__person_id=person_id)
        return qs.filter(Q(lead_deputy__person_id=person_id) | Exists(cosigned))
    if getattr(user, "scope_id", None) and user.has_perm("suggestions.view"):
        from renda.casework.models import Assignment

        assigned = Assignment.objects.filter(case_id=OuterRef("case_id"), unit_id=user.scope_id)
        return qs.filter(case__isnull=False).filter(Exists(assigned))
    return qs.none()


def public_suggestions() -> QuerySet[Suggestion]:
    """Published suggestions: assigned, public, and whose case publishes its reply (rules §1.3, §1.13)."""
    return _base().filter(status__in=PUBLIC_STATUSES, is_public=True, case__published=True)


def suggestion_search(
    queryset: QuerySet[Suggestion],
    q: str,
    *,
    published_only: bool = False,
    newest: int | None = None,
    newest_replies: int | None = None,
) -> QuerySet[Suggestion]:
    """Full-text search over numbers, titles, contents and the texts of the replies to them.

    With ``published_only`` (the public site, anonymous API callers) only replies the unit
    marked publishable, and not follow-ups, are searched (rules §1.13). ``newest`` and
    ``newest_replies`` read only that many of the newest matches of the suggestions' and the
    replies' full-text index (a list's first, bounded step: :func:`bounded_search`).
    """
    from renda.casework.selectors import reply_case_ids, union_ids

    own = matching_ids(Suggestion, q, newest=newest)
    if own is None:
        return queryset
    replied = reply_case_ids(q, published_only=published_only, newest=newest_replies)
    by_reply = Suggestion.objects.filter(case_id__in=replied).order_by().values("pk")
    return queryset.filter(pk__in=union_ids(own, by_reply))


def bounded_search(build, q: str) -> tuple[QuerySet, dict]:
    """A list newest first, searched among the newest matches of each index.

    ``build(newest, newest_replies)`` makes the list's queryset (None: every match). Returns the
    bounded queryset and the paginator's options: the searched lists' cap and the
    :class:`~renda.casework.paging.Fallback` that searches exactly the indexes a bound cut.
    """
    from renda.casework.models import Reply
    from renda.casework.paging import SEARCH_COUNT_CAP, Fallback

    if not q:
        return build(None, None), {}
    newest = NEWEST_MATCHES

    def exact():
        own_cut = matches_at_least(Suggestion, q, newest)
        replies_cut = matches_at_least(Reply, q, newest)
        if not (own_cut or replies_cut):
            return None
        return build(None if own_cut else newest, None if replies_cut else newest)

    return build(newest, newest), {"cap": SEARCH_COUNT_CAP, "fallback": Fallback(exact)}


def _public_replies(case_ref: str = "case_id"):
    from renda.casework.models import Reply
    from renda.casework.services.publication import PUBLIC_REPLY

    return Reply.objects.filter(PUBLIC_REPLY, case_id=OuterRef(case_ref)).order_by(
        "-round", "-replied_at", "-id"
    )


def public_suggestion_list(
    *,
    q: str = "",
    unit_id: int | None = None,
    result_class: str = "",
    newest: int | None = None,
    newest_replies: int | None = None,
) -> QuerySet[Suggestion]:
    """Published suggestions with their lead unit and published reply's class and date, in one query.

    Only replies the unit marked publishable are ever read (rules §1.13). Newest suggestion first (by
    its number), the order of the status index, so a page reads its rows without sorting every
    published one.
    """
    from django.db.models import Subquery

    from renda.casework.models import Assignment

    lead = (
        Assignment.objects.filter(case_id=OuterRef("case_id"), role=Assignment.Role.LEAD)
        .exclude(status=Assignment.Status.RETURNED)
        .order_by("-id")
    )
    qs = public_suggestions().annotate(
        lead_unit_id=Subquery(lead.values("unit_id")[:1]),
        lead_unit_name=Subquery(lead.values("unit__name")[:1]),
        reply_class=Subquery(_public_replies().values("result_class")[:1]),
        reply_at=Subquery(_public_replies().values("replied_at")[:1]),
    )
    # ``case.published`` says the case has a public reply (publishable and approved, see
    # casework.services.publication), so counting needs no EXISTS per row.
    if q:
        qs = suggestion_search(
            qs, q, published_only=True, newest=newest, newest_replies=newest_replies
        )
    if unit_id:
        qs = qs.filter(lead_unit_id=unit_id)
    if result_class:
        qs = qs.filter(reply_class=result_class)
    return qs.defer(*LIST_DEFERRED).order_by("-id")


def public_reply(suggestion: Suggestion):
    """The lead unit's latest published reply to a published suggestion, or None."""
    from renda.casework.models import Reply
    from renda.casework.services.publication import PUBLIC_REPLY

    if not suggestion.case_id:
        return None
    return (
        Reply.objects.filter(PUBLIC_REPLY, case_id=suggestion.case_id)
        .select_related("unit")
        .order_by("-round", "-replied_at", "-id")
        .first()
    )
