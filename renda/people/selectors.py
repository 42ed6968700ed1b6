"""Reads for people and organizations, permission-aware."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from .models import Deputy, Jurisdiction, Membership, Organization, Person, Post, Term


def jurisdiction() -> Jurisdiction | None:
    return Jurisdiction.objects.order_by("id").first()


def jurisdiction_name() -> str:
    j = jurisdiction()
    return f"{j.name}人民代表大会常务委员会" if j else "人民代表大会常务委员会"


def congress() -> Organization | None:
    return Organization.objects.filter(kind=Organization.Kind.CONGRESS).order_by("id").first()


def standing_committee() -> Organization | None:
    return (
        Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE)
        .order_by("id")
        .first()
    )


def current_term(today: dt.date | None = None) -> Term | None:
    today = today or timezone.localdate()
    terms = Term.objects.filter(start_date__lte=today).order_by("-start_date")
    for term in terms[:3]:
        if term.is_current(today):
            return term
    return terms.first()


def person_contact_visible_to(user) -> bool:
    """Phone numbers, e-mail and addresses are for staff only (design: personal data)."""
    return bool(user and user.has_perm("people.view_contact"))


def can_see_directory(user) -> bool:
    """The directory (every organization, post and membership) is for its readers."""
    return bool(user and user.has_perm("people.view_directory"))


def organizations_visible_to(user) -> QuerySet[Organization]:
    """Every organization for the directory's readers; public ones for everyone else."""
    qs = Organization.objects.all()
    return qs if can_see_directory(user) else qs.filter(is_public=True)


def posts_visible_to(user) -> QuerySet[Post]:
    qs = Post.objects.select_related("organization")
    return qs if can_see_directory(user) else qs.filter(organization__is_public=True)


def memberships_visible_to(user) -> QuerySet[Membership]:
    """Memberships a user may read, without the persons' contact data."""
    qs = Membership.objects.select_related("person", "organization").defer(
        "person__phone",
        "person__email",
        "person__address",
        "person__biography",
        "person__search_text",
        "organization__description",
        "organization__search_text",
    )
    return qs if can_see_directory(user) else qs.filter(organization__is_public=True)


def persons_visible_to(user) -> QuerySet[Person]:
    """Persons a user may list; contact fields are hidden unless the user is staff."""
    qs = Person.objects.all()
    if not person_contact_visible_to(user):
        qs = qs.defer("phone", "email", "address")
    return qs


def deputies_public(term: Term | None = None) -> QuerySet[Deputy]:
    """Seated deputies of a term, as the public website shows them."""
    term = term or current_term()
    return (
        Deputy.objects.filter(term=term, status__in=[Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED])
        .select_related("person")
        .defer("person__phone", "person__email", "person__address")
    )


def active_memberships(
    organization: Organization, day: dt.date | None = None
) -> QuerySet[Membership]:
    day = day or timezone.localdate()
    return (
        Membership.objects.filter(organization=organization, start_date__lte=day)
        .exclude(end_date__lt=day)
        .select_related("person", "post")
    )


def sc_memberships(start: dt.date, end: dt.date | None = None) -> QuerySet[Membership]:
    """Memberships of the standing committee (组成人员) in force on ``start``, or at any time
    from ``start`` to ``end``."""
    return Membership.objects.filter(
        organization__kind=Organization.Kind.STANDING_COMMITTEE, start_date__lte=end or start
    ).exclude(end_date__lt=start)


def delegation_of(deputy: Deputy, day: dt.date | None = None) -> Organization | None:
    day = day or timezone.localdate()
    m = (
        Membership.objects.filter(
            person_id=deputy.person_id,
            organization__kind=Organization.Kind.DELEGATION,
            term_id=deputy.term_id,
        )
        .exclude(end_date__lt=day)
        .select_related("organization")
        .first()
    )
    return m.organization if m else None
