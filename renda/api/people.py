"""People API: persons, organizations and posts.

Reads are open to everyone; contact fields appear only for users with
``people.view_contact`` and organizations not shown on the public site only
for users with ``people.view_directory``. Writes need ``people.manage`` and go
through :mod:`renda.people.services`, which re-check every rule. Each
operation has its own input and output schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from renda.core.search import search
from renda.people.models import Organization, Person, Post
from renda.people.selectors import (
    organizations_visible_to,
    person_contact_visible_to,
    persons_visible_to,
    posts_visible_to,
)
from renda.people.services import (
    organization_create,
    organization_update,
    person_create,
    person_update,
    post_create,
)

from .auth import OPTIONAL_AUTH, READ_AUTH, WRITE_AUTH, require
from .common import (
    MAX_TEXT,
    Id,
    InputSchema,
    PageQuery,
    PathId,
    SortOrder,
    choice,
    page,
    text,
)
from .errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference

router = Router(tags=["people"])

MANAGE = "people.manage"

Gender = choice(Person.Gender)
Party = choice(Person.Party)
Kind = choice(Organization.Kind)
Role = choice(Post.Role)
BirthYear = Annotated[int, Field(ge=1900, le=2100)]


def resolve(queryset: QuerySet, pk: int | None, field: str) -> Any:
    """Fetch a record named in a request body, or refuse with ``unknown_reference``."""
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise unknown_reference(field)
    return obj


# --------------------------------------------------------------------------- persons


class PersonContactOut(Schema):
    """Contact data: staff only."""

    phone: str
    email: str
    address: str


class _PersonOut(Schema):
    id: int
    name: str
    name_en: str
    gender: str
    ethnicity: str
    birth_year: int | None
    party: str
    education: str
    occupation: str
    contact: PersonContactOut | None = None


class _PersonFullOut(_PersonOut):
    biography: str
    created_at: dt.datetime
    updated_at: dt.datetime


class PersonListItemOut(_PersonOut):
    pass


class PersonListOut(Schema):
    count: int
    items: list[PersonListItemOut]


class PersonDetailOut(_PersonFullOut):
    pass


class PersonCreatedOut(_PersonFullOut):
    pass


class PersonUpdatedOut(_PersonFullOut):
    pass


class PersonListQuery(PageQuery):
    q: text(100) | None = None
    gender: Gender | None = None
    party: Party | None = None


class PersonCreateIn(InputSchema):
    name: text(40)
    name_en: text(80) = ""
    gender: Gender
    ethnicity: text(20) = "汉族"
    birth_year: BirthYear | None = None
    party: Party = Person.Party.NONE.value
    education: text(30) = ""
    occupation: text(120) = ""
    biography: text(MAX_TEXT) = ""
    phone: text(20) = ""
    email: text(254) = ""
    address: text(200) = ""


class PersonUpdateIn(InputSchema):
    """Only the fields sent are changed; ``null`` clears ``birth_year`` only."""

    name: text(40) = None
    name_en: text(80) = None
    gender: Gender = None
    ethnicity: text(20) = None
    birth_year: BirthYear | None = None
    party: Party = None
    education: text(30) = None
    occupation: text(120) = None
    biography: text(MAX_TEXT) = None
    phone: text(20) = None
    email: text(254) = None
    address: text(200) = None


def _person(person: Person, *, contact: bool, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": person.pk,
        "name": person.name,
        "name_en": person.name_en,
        "gender": person.gender,
        "ethnicity": person.ethnicity,
        "birth_year": person.birth_year,
        "party": person.party,
        "education": person.education,
        "occupation": person.occupation,
        "contact": (
            {"phone": person.phone, "email": person.email, "address": person.address}
            if contact
            else None
        ),
    }
    if full:
        data.update(
            biography=person.biography, created_at=person.created_at, updated_at=person.updated_at
        )
    return data


@router.get(
    "/persons",
    response={200: PersonListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="persons_list",
    summary="列出人员 · List persons",
    description="Filter with `q` (Chinese full-text search), `gender` and `party`.",
    openapi_extra=OPTIONAL_AUTH,
)
def persons_list(request, filters: Query[PersonListQuery]):
    user = request.auth
    qs = persons_visible_to(user)
    if filters.q:
        qs = search(qs, filters.q)
    if filters.gender:
        qs = qs.filter(gender=filters.gender)
    if filters.party:
        qs = qs.filter(party=filters.party)
    contact = person_contact_visible_to(user)
    return page(qs.order_by("id"), filters, lambda p: _person(p, contact=contact))


@router.get(
    "/persons/{person_id}",
    response={200: PersonDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="persons_detail",
    summary="人员详情 · Get a person",
    openapi_extra=OPTIONAL_AUTH,
)
def persons_detail(request, person_id: PathId):
    user = request.auth
    person = get_object_or_404(persons_visible_to(user), pk=person_id)
    return _person(person, contact=person_contact_visible_to(user), full=True)


@router.post(
    "/persons",
    response={201: PersonCreatedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="persons_create",
    summary="新增人员 · Create a person",
)
def persons_create(request, payload: PersonCreateIn):
    user = require(request, MANAGE)
    person = person_create(actor=user, **payload.model_dump())
    return Status(201, _person(person, contact=person_contact_visible_to(user), full=True))


@router.patch(
    "/persons/{person_id}",
    response={200: PersonUpdatedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="persons_update",
    summary="修改人员 · Update a person",
)
def persons_update(request, person_id: PathId, payload: PersonUpdateIn):
    user = require(request, MANAGE)
    person = get_object_or_404(Person, pk=person_id)
    person = person_update(actor=user, person=person, **payload.model_dump(exclude_unset=True))
    return _person(person, contact=person_contact_visible_to(user), full=True)


# --------------------------------------------------------------------------- organizations


class _OrganizationOut(Schema):
    id: int
    name: str
    name_en: str
    abbreviation: str
    kind: str
    parent_id: int | None
    code: str
    founding_date: dt.date | None
    dissolution_date: dt.date | None
    is_public: bool
    sort_order: int


class _OrganizationFullOut(_OrganizationOut):
    description: str
    created_at: dt.datetime
    updated_at: dt.datetime


class OrganizationListItemOut(_OrganizationOut):
    pass


class OrganizationListOut(Schema):
    count: int
    items: list[OrganizationListItemOut]


class OrganizationDetailOut(_OrganizationFullOut):
    pass


class OrganizationCreatedOut(_OrganizationFullOut):
    pass


class OrganizationUpdatedOut(_OrganizationFullOut):
    pass


class OrganizationListQuery(PageQuery):
    q: text(100) | None = None
    kind: Kind | None = None
    parent: Id | None = None


class OrganizationCreateIn(InputSchema):
    name: text(100)
    name_en: text(200) = ""
    abbreviation: text(40) = ""
    kind: Kind
    parent_id: Id | None = None
    code: text(60)
    description: text(MAX_TEXT) = ""
    founding_date: dt.date | None = None
    dissolution_date: dt.date | None = None
    is_public: bool = True
    sort_order: SortOrder = 100


class OrganizationUpdateIn(InputSchema):
    """Only the fields sent are changed; ``parent_id: null`` makes it a top-level body."""

    name: text(100) = None
    name_en: text(200) = None
    abbreviation: text(40) = None
    kind: Kind = None
    parent_id: Id | None = None
    code: text(60) = None
    description: text(MAX_TEXT) = None
    founding_date: dt.date | None = None
    dissolution_date: dt.date | None = None
    is_public: bool = None
    sort_order: SortOrder = None


def _organization(org: Organization, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": org.pk,
        "name": org.name,
        "name_en": org.name_en,
        "abbreviation": org.abbreviation,
        "kind": org.kind,
        "parent_id": org.parent_id,
        "code": org.code,
        "founding_date": org.founding_date,
        "dissolution_date": org.dissolution_date,
        "is_public": org.is_public,
        "sort_order": org.sort_order,
    }
    if full:
        data.update(
            description=org.description, created_at=org.created_at, updated_at=org.updated_at
        )
    return data


def _organization_fields(payload: Schema, *, partial: bool) -> dict[str, Any]:
    fields = payload.model_dump(exclude_unset=partial)
    if "parent_id" in fields:
        fields["parent"] = resolve(Organization.objects.all(), fields.pop("parent_id"), "parent_id")
    return fields


@router.get(
    "/organizations",
    response={200: OrganizationListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="organizations_list",
    summary="列出机构 · List organizations",
    description="Filter with `q` (full-text), `kind` and `parent` (an organization id).",
    openapi_extra=OPTIONAL_AUTH,
)
def organizations_list(request, filters: Query[OrganizationListQuery]):
    qs = organizations_visible_to(request.auth)
    if filters.q:
        qs = search(qs, filters.q)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent:
        qs = qs.filter(parent_id=filters.parent)
    return page(qs.order_by("sort_order", "id"), filters, _organization)


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="organizations_detail",
    summary="机构详情 · Get an organization",
    openapi_extra=OPTIONAL_AUTH,
)
def organizations_detail(request, organization_id: PathId):
    org = get_object_or_404(organizations_visible_to(request.auth), pk=organization_id)
    return _organization(org, full=True)


@router.post(
    "/organizations",
    response={201: OrganizationCreatedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="organizations_create",
    summary="新增机构 · Create an organization",
)
def organizations_create(request, payload: OrganizationCreateIn):
    user = require(request, MANAGE)
    org = organization_create(actor=user, **_organization_fields(payload, partial=False))
    return Status(201, _organization(org, full=True))


@router.patch(
    "/organizations/{organization_id}",
    response={200: OrganizationUpdatedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="organizations_update",
    summary="修改机构 · Update an organization",
)
def organizations_update(request, organization_id: PathId, payload: OrganizationUpdateIn):
    user = require(request, MANAGE)
    org = get_object_or_404(Organization, pk=organization_id)
    org = organization_update(
        actor=user, organization=org, **_organization_fields(payload, partial=True)
    )
    return _organization(org, full=True)


# --------------------------------------------------------------------------- posts


class _PostOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    label: str
    role: str
    elected_or_appointed: bool
    sort_order: int


class PostListItemOut(_PostOut):
    pass


class PostListOut(Schema):
    count: int
    items: list[PostListItemOut]


class PostDetailOut(_PostOut):
    pass


class PostCreatedOut(_PostOut):
    pass


class PostListQuery(PageQuery):
    organization: Id | None = None
    role: Role | None = None


class PostCreateIn(InputSchema):
    organization_id: Id
    label: text(60)
    role: Role
    elected_or_appointed: bool = False
    sort_order: SortOrder = 100


def _post(post: Post) -> dict[str, Any]:
    return {
        "id": post.pk,
        "organization_id": post.organization_id,
        "organization_name": post.organization.name,
        "label": post.label,
        "role": post.role,
        "elected_or_appointed": post.elected_or_appointed,
        "sort_order": post.sort_order,
    }


@router.get(
    "/posts",
    response={200: PostListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="posts_list",
    summary="列出职务 · List posts",
    description="Filter with `organization` (an id) and `role`.",
    openapi_extra=OPTIONAL_AUTH,
)
def posts_list(request, filters: Query[PostListQuery]):
    qs = posts_visible_to(request.auth)
    if filters.organization:
        qs = qs.filter(organization_id=filters.organization)
    if filters.role:
        qs = qs.filter(role=filters.role)
    return page(qs.order_by("organization_id", "sort_order", "id"), filters, _post)


@router.get(
    "/posts/{post_id}",
    response={200: PostDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="posts_detail",
    summary="职务详情 · Get a post",
    openapi_extra=OPTIONAL_AUTH,
)
def posts_detail(request, post_id: PathId):
    return _post(get_object_or_404(posts_visible_to(request.auth), pk=post_id))


@router.post(
    "/posts",
    response={201: PostCreatedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="posts_create",
    summary="新增职务 · Create a post",
)
def posts_create(request, payload: PostCreateIn):
    user = require(request, MANAGE)
    org = resolve(Organization.objects.all(), payload.organization_id, "organization_id")
    post = post_create(
        actor=user,
        organization=org,
        label=payload.label,
        role=payload.role,
        elected_or_appointed=payload.elected_or_appointed,
        sort_order=payload.sort_order,
    )
    return Status(201, _post(post))
