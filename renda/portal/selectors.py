"""Reads for the public website: only what the rules say to publish.

Nothing here returns a person's phone, e-mail or address: every person row is
loaded with those columns deferred, and templates never ask for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from renda.core.search import matching_ids
from renda.people.models import Deputy, Membership, Organization, Person, Post, Term
from renda.people.selectors import deputies_public, organizations_visible_to, standing_committee

CONTACT_FIELDS = ("phone", "email", "address")

#: Posts that lead a body, in the order a roster lists them.
LEADER_ROLES = (
    Post.Role.CHAIR,
    Post.Role.VICE_CHAIR,
    Post.Role.SECRETARY_GENERAL,
    Post.Role.HEAD,
    Post.Role.DEPUTY_HEAD,
)
#: The leadership of the standing committee (组织法: 主任、副主任、秘书长).
SC_LEADER_ROLES = (Post.Role.CHAIR, Post.Role.VICE_CHAIR, Post.Role.SECRETARY_GENERAL)
#: Roles shown on a public body page; staff (工作人员) are not published.
PUBLIC_MEMBER_ROLES = (*LEADER_ROLES, Post.Role.MEMBER, Post.Role.DEPUTY)
_ROLE_RANK = {role: rank for rank, role in enumerate(PUBLIC_MEMBER_ROLES)}
WORKING_BODY_KINDS = (Organization.Kind.WORKING_BODY, Organization.Kind.GENERAL_OFFICE)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _active(qs: QuerySet, day: dt.date, prefix: str = "") -> QuerySet:
    return qs.filter(**{f"{prefix}start_date__lte": day}).exclude(**{f"{prefix}end_date__lt": day})


def _membership_rank(m: Membership) -> tuple:
    return (
        _ROLE_RANK.get(m.role, len(_ROLE_RANK)),
        m.post.sort_order if m.post_id else 10_000,
        m.person_id,
    )


# Bodies -------------------------------------------------------------------


def public_bodies(today: dt.date | None = None) -> QuerySet[Organization]:
    """Bodies of the congress and its standing committee that the website shows."""
    day = _today(today)
    return (
        organizations_visible_to(None)
        .filter(kind__in=Organization.CONGRESS_KINDS)
        .exclude(dissolution_date__lte=day)
        .defer("search_text")
    )


@dataclass
class BodyNode:
    body: Organization
    children: list[BodyNode] = field(default_factory=list)


def body_tree(bodies: list[Organization]) -> list[BodyNode]:
    """Arrange bodies under their parents; a body whose parent is hidden becomes a root."""
    nodes = {b.pk: BodyNode(b) for b in bodies}
    roots: list[BodyNode] = []
    for body in bodies:
        parent = nodes.get(body.parent_id)
        (parent.children if parent else roots).append(nodes[body.pk])
    return roots


def public_body(code: str, today: dt.date | None = None) -> Organization | None:
    return public_bodies(today).select_related("parent").filter(code=code).first()


def body_roster(body: Organization, today: dt.date | None = None) -> list[Membership]:
    """Current leaders and members of a body, leaders first; names and posts only."""
    day = _today(today)
    rows = list(
        _active(Membership.objects.filter(organization=body, role__in=PUBLIC_MEMBER_ROLES), day)
        .select_related("person", "post")
        .only(
            "id",
            "role",
            "person_id",
            "post_id",
            "organization_id",
            "start_date",
            "end_date",
            "person__id",
            "person__name",
            "person__name_en",
            "post__id",
            "post__label",
            "post__sort_order",
        )
    )
    rows.sort(key=_membership_rank)
    return rows


def sc_leadership(today: dt.date | None = None) -> list[Membership]:
    """Chair, vice-chairs and secretary-general of the standing committee, by post."""
    sc = standing_committee()
    if sc is None:
        return []
    return [
        m for m in body_roster(sc, today) if m.role in SC_LEADER_ROLES and m.post_id is not None
    ]


# Figures ------------------------------------------------------------------


@dataclass
class HomeFigures:
    deputies: int
    sc_members: int
    special_committees: int
    updated: dt.datetime | None


def home_figures(term: Term | None, today: dt.date | None = None) -> HomeFigures:
    """Key numbers for the home page, in three queries."""
    day = _today(today)
    deputies = Deputy.objects.filter(
        term=term, status__in=[Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED]
    ).aggregate(n=Count("id"), last=Max("updated_at"))
    sc_members = _active(
        Membership.objects.filter(
            organization__kind=Organization.Kind.STANDING_COMMITTEE,
            role__in=[r for r in PUBLIC_MEMBER_ROLES if r != Post.Role.DEPUTY],
        ),
        day,
    ).aggregate(n=Count("person", distinct=True), last=Max("updated_at"))
    bodies = public_bodies(day).aggregate(
        special=Count("id", filter=Q(kind=Organization.Kind.SPECIAL_COMMITTEE)),
        last=Max("updated_at"),
    )
    stamps = [s for s in (deputies["last"], sc_members["last"], bodies["last"]) if s]
    return HomeFigures(
        deputies=deputies["n"] if term else 0,
        sc_members=sc_members["n"],
        special_committees=bodies["special"],
        updated=max(stamps) if stamps else None,
    )


# Deputies -----------------------------------------------------------------


def _delegation_prefetch(term: Term | None, day: dt.date) -> Prefetch:
    memberships = (
        _active(
            Membership.objects.filter(organization__kind=Organization.Kind.DELEGATION, term=term),
            day,
        )
        .select_related("organization")
        .only(
            "id",
            "person_id",
            "organization_id",
            "term_id",
            "start_date",
            "end_date",
            "organization__id",
            "organization__name",
            "organization__code",
            "organization__name_en",
        )
    )
    return Prefetch("person__memberships", queryset=memberships, to_attr="public_delegations")


def deputies_with_delegation(term: Term | None, today: dt.date | None = None) -> QuerySet[Deputy]:
    """Seated deputies of a term, each with ``person.public_delegations`` prefetched."""
    day = _today(today)
    return (
        deputies_public(term)
        .defer("person__search_text", "person__biography")
        .prefetch_related(_delegation_prefetch(term, day))
    )


def delegations(term: Term | None, today: dt.date | None = None) -> list[Organization]:
    """Delegations (代表团) with at least one current member in the term."""
    day = _today(today)
    members = _active(Membership.objects.filter(term=term), day)
    return list(
        Organization.objects.filter(
            kind=Organization.Kind.DELEGATION,
            is_public=True,
            pk__in=members.values("organization_id"),
        ).only("id", "code", "name", "name_en", "sort_order")
    )


def constituencies(term: Term | None) -> list[str]:
    """Constituencies (选区) of the seated deputies of a term, sorted."""
    return sorted(
        deputies_public(term)
        .exclude(constituency="")
        .order_by()
        .values_list("constituency", flat=True)
        .distinct()
    )


def deputy_directory(
    term: Term | None,
    *,
    q: str = "",
    delegation: Organization | None = None,
    constituency: str = "",
    today: dt.date | None = None,
) -> QuerySet[Deputy]:
    """The public directory of seated deputies, searched and filtered."""
    day = _today(today)
    qs = deputies_with_delegation(term, day)
    if q:
        matches = matching_ids(Person, q)
        if matches is not None:
            qs = qs.filter(person_id__in=matches)
    if delegation is not None:
        members = _active(
            Membership.objects.filter(organization=delegation, term=term), day
        ).values("person_id")
        qs = qs.filter(person_id__in=members)
    if constituency:
        qs = qs.filter(constituency=constituency)
    return qs.order_by("id")


def deputy_public(pk: int, term: Term | None, today: dt.date | None = None) -> Deputy | None:
    """One seated deputy of the term, for the public profile; ``None`` otherwise."""
    return deputies_with_delegation(term, today).filter(pk=pk).first()


def delegation_of(deputy: Deputy) -> Organization | None:
    rows = getattr(deputy.person, "public_delegations", None) or []
    return rows[0].organization if rows else None
