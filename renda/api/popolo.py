"""Open data in Popolo JSON (http://www.popoloproject.com/): persons, organizations, posts
and memberships, open to everyone and free of contact data.

Each list answers ``{"count": N, "items": [...]}`` and pages with ``limit``
(at most 200) and ``offset``; every item is a valid Popolo object. Ids are
strings prefixed by kind — ``person-<pk>``, ``org-<pk>``, ``post-<pk>``,
``membership-<pk>`` — and a deputy's mandate is exported as a membership
``deputy-<pk>`` of the congress with the role ``deputy`` (label 代表), after all
ordinary memberships. Only the year of birth is known, so ``birth_date`` is
the year alone (``"1968"``), which Popolo's date pattern allows. Empty values
are left out rather than sent as ``null``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation
from ninja import Query, Router, Schema

from renda.people.models import Deputy, Membership, Organization, Person, Post

from .common import PageQuery, page
from .errors import READ_ERRORS

router = Router(tags=["popolo"])

SCHEME = "renda"


def person_id(pk: int) -> str:
    return f"person-{pk}"


def org_id(pk: int | None) -> str | None:
    return None if pk is None else f"org-{pk}"


def post_id(pk: int | None) -> str | None:
    return None if pk is None else f"post-{pk}"


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _label(choice) -> str:
    with translation.override("zh-hans"):
        return str(choice.label)


class PopoloIdentifier(Schema):
    identifier: str
    scheme: str | None = None


class PopoloOtherName(Schema):
    name: str
    note: str | None = None


class PopoloPersonOut(Schema):
    id: str
    name: str
    other_names: list[PopoloOtherName] | None = None
    identifiers: list[PopoloIdentifier]
    gender: str | None = None
    birth_date: str | None = None
    summary: str | None = None
    biography: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class PopoloPersonListOut(Schema):
    count: int
    items: list[PopoloPersonOut]


class PopoloOrganizationOut(Schema):
    id: str
    name: str
    other_names: list[PopoloOtherName] | None = None
    identifiers: list[PopoloIdentifier]
    classification: str
    parent_id: str | None = None
    description: str | None = None
    founding_date: str | None = None
    dissolution_date: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class PopoloOrganizationListOut(Schema):
    count: int
    items: list[PopoloOrganizationOut]


class PopoloPostOut(Schema):
    id: str
    label: str
    role: str
    organization_id: str
    created_at: str | None = None
    updated_at: str | None = None


class PopoloPostListOut(Schema):
    count: int
    items: list[PopoloPostOut]


class PopoloMembershipOut(Schema):
    id: str
    label: str | None = None
    role: str
    person_id: str
    organization_id: str
    post_id: str | None = None
    start_date: str | None = None
    end_date: str | None = None


class PopoloMembershipListOut(Schema):
    count: int
    items: list[PopoloMembershipOut]


class PopoloPersonQuery(PageQuery):
    pass


class PopoloOrganizationQuery(PageQuery):
    pass


class PopoloPostQuery(PageQuery):
    pass


class PopoloMembershipQuery(PageQuery):
    pass


def popolo_person(p: Person) -> dict[str, Any]:
    """A person as Popolo: never phone, e-mail or address."""
    return {
        "id": person_id(p.pk),
        "name": p.name,
        "other_names": [{"name": p.name_en, "note": "English"}] if p.name_en else None,
        "identifiers": [{"identifier": str(p.pk), "scheme": SCHEME}],
        "gender": p.gender or None,
        "birth_date": f"{p.birth_year:04d}" if p.birth_year else None,
        "summary": p.occupation or None,
        "biography": p.biography or None,
        "created_at": _stamp(p.created_at),
        "updated_at": _stamp(p.updated_at),
    }


def popolo_organization(o: Organization) -> dict[str, Any]:
    other = [{"name": o.name_en, "note": "English"}] if o.name_en else []
    if o.abbreviation:
        other.append({"name": o.abbreviation, "note": "abbreviation"})
    return {
        "id": org_id(o.pk),
        "name": o.name,
        "other_names": other or None,
        "identifiers": [{"identifier": o.code, "scheme": SCHEME}],
        "classification": o.kind,
        "parent_id": org_id(o.parent_id),
        "description": o.description or None,
        "founding_date": _date(o.founding_date),
        "dissolution_date": _date(o.dissolution_date),
        "created_at": _stamp(o.created_at),
        "updated_at": _stamp(o.updated_at),
    }


def popolo_post(p: Post) -> dict[str, Any]:
    return {
        "id": post_id(p.pk),
        "label": p.label,
        "role": p.role,
        "organization_id": org_id(p.organization_id),
        "created_at": _stamp(p.created_at),
        "updated_at": _stamp(p.updated_at),
    }


def popolo_membership(m: Membership) -> dict[str, Any]:
    return {
        "id": f"membership-{m.pk}",
        "label": _label(Post.Role(m.role)) if m.role in Post.Role.values else None,
        "role": m.role,
        "person_id": person_id(m.person_id),
        "organization_id": org_id(m.organization_id),
        "post_id": post_id(m.post_id),
        "start_date": _date(m.start_date),
        "end_date": _date(m.end_date),
    }


def popolo_mandate(d: Deputy) -> dict[str, Any]:
    """A deputy's mandate as a membership of the congress for the term."""
    end = d.term.end_date if d.is_seated else (d.status_date or d.term.end_date)
    return {
        "id": f"deputy-{d.pk}",
        "label": _label(Post.Role.DEPUTY),
        "role": Post.Role.DEPUTY.value,
        "person_id": person_id(d.person_id),
        "organization_id": org_id(d.term.congress_id),
        "start_date": _date(d.elected_on or d.term.start_date),
        "end_date": _date(end),
    }


def _public_people():
    return Person.objects.only(
        "id",
        "name",
        "name_en",
        "gender",
        "birth_year",
        "occupation",
        "biography",
        "created_at",
        "updated_at",
    ).order_by("id")


@router.get(
    "/persons",
    response={200: PopoloPersonListOut, **READ_ERRORS},
    exclude_none=True,
    operation_id="popolo_persons",
    summary="Popolo 人员 · Persons in Popolo JSON",
)
def popolo_persons(request, filters: Query[PopoloPersonQuery]):
    return page(_public_people(), filters, popolo_person)


@router.get(
    "/organizations",
    response={200: PopoloOrganizationListOut, **READ_ERRORS},
    exclude_none=True,
    operation_id="popolo_organizations",
    summary="Popolo 机构 · Organizations in Popolo JSON",
)
def popolo_organizations(request, filters: Query[PopoloOrganizationQuery]):
    qs = Organization.objects.filter(is_public=True).defer("search_text").order_by("id")
    return page(qs, filters, popolo_organization)


@router.get(
    "/posts",
    response={200: PopoloPostListOut, **READ_ERRORS},
    exclude_none=True,
    operation_id="popolo_posts",
    summary="Popolo 职务 · Posts in Popolo JSON",
)
def popolo_posts(request, filters: Query[PopoloPostQuery]):
    qs = Post.objects.filter(organization__is_public=True).order_by("id")
    return page(qs, filters, popolo_post)


@router.get(
    "/memberships",
    response={200: PopoloMembershipListOut, **READ_ERRORS},
    exclude_none=True,
    operation_id="popolo_memberships",
    summary="Popolo 任职 · Memberships in Popolo JSON",
    description="Memberships of public bodies, then deputies' mandates "
    "(`deputy-<pk>`, role `deputy`) as memberships of the congress.",
)
def popolo_memberships(request, filters: Query[PopoloMembershipQuery]):
    memberships = Membership.objects.filter(organization__is_public=True).order_by("id")
    mandates = (
        Deputy.objects.filter(term__congress__is_public=True).select_related("term").order_by("id")
    )
    first, total = memberships.count(), mandates.count()
    start, stop = filters.offset, filters.offset + filters.limit
    items = []
    if start < first:
        items += [popolo_membership(m) for m in memberships[start : min(stop, first)]]
    if stop > first and total:
        low = max(start - first, 0)
        if low < total:
            items += [popolo_mandate(d) for d in mandates[low : stop - first]]
    return {"count": first + total, "items": items}
