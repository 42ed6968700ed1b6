"""Mandates API: terms (届), memberships and deputies.

Reads are open to everyone (memberships of bodies hidden from the public site
only for the directory's readers); writes need ``people.manage`` and go through
:mod:`renda.people.services`. A membership is "updated" by ending it and a
deputy by a status change: those are the only changes the domain allows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from renda.people.composition import Figure, congress_figures, standing_committee_figures
from renda.people.models import Deputy, Membership, Organization, Person, Post, Term
from renda.people.selectors import congress, current_term, memberships_visible_to
from renda.people.services import (
    deputy_change_status,
    deputy_create,
    deputy_status_check,
    membership_create,
    membership_end,
    term_create,
)

from .auth import OPTIONAL_AUTH, READ_AUTH, WRITE_AUTH, require
from .common import Id, InputSchema, PageQuery, PathId, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference
from .people import MANAGE, resolve

router = Router(tags=["mandates"])

Role = choice(Post.Role)
DeputyStatus = choice(Deputy.Status)
Occupation = choice(Deputy.Occupation)

# --------------------------------------------------------------------------- terms


class _TermOut(Schema):
    id: int
    congress_id: int
    #: The model's own bounds (MinValueValidator(1), MaxValueValidator(99)).
    number: int = Field(ge=1, le=99)
    start_date: dt.date
    end_date: dt.date | None


class TermListItemOut(_TermOut):
    pass


class TermListOut(Schema):
    count: int
    items: list[TermListItemOut]


class TermDetailOut(_TermOut):
    pass


class TermCreatedOut(_TermOut):
    pass


class TermListQuery(PageQuery):
    congress: Id | None = None


class TermCreateIn(InputSchema):
    """``congress_id`` defaults to the congress of this installation."""

    congress_id: Id | None = None
    #: The model's own bounds (MinValueValidator(1), MaxValueValidator(99)).
    number: int = Field(ge=1, le=99)
    start_date: dt.date
    end_date: dt.date | None = None


def _term(term: Term) -> dict[str, Any]:
    return {
        "id": term.pk,
        "congress_id": term.congress_id,
        "number": term.number,
        "start_date": term.start_date,
        "end_date": term.end_date,
    }


@router.get(
    "/terms",
    response={200: TermListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="terms_list",
    summary="列出届次 · List terms",
    description="Newest first; filter with `congress` (an organization id).",
    openapi_extra=OPTIONAL_AUTH,
)
def terms_list(request, filters: Query[TermListQuery]):
    qs = Term.objects.all()
    if filters.congress:
        qs = qs.filter(congress_id=filters.congress)
    return page(qs.order_by("-number", "id"), filters, _term)


@router.get(
    "/terms/{term_id}",
    response={200: TermDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="terms_detail",
    summary="届次详情 · Get a term",
    openapi_extra=OPTIONAL_AUTH,
)
def terms_detail(request, term_id: PathId):
    return _term(get_object_or_404(Term, pk=term_id))


@router.post(
    "/terms",
    response={201: TermCreatedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="terms_create",
    summary="新增届次 · Create a term",
)
def terms_create(request, payload: TermCreateIn):
    user = require(request, MANAGE)
    if payload.congress_id is None:
        body = congress()
        if body is None:
            raise unknown_reference("congress_id")
    else:
        body = resolve(Organization.objects.all(), payload.congress_id, "congress_id")
    term = term_create(
        actor=user,
        congress=body,
        number=payload.number,
        start_date=payload.start_date,
        end_date=payload.end_date,
    )
    return Status(201, _term(term))


# --------------------------------------------------------------------------- memberships


class _MembershipOut(Schema):
    id: int
    person_id: int
    person_name: str
    organization_id: int
    organization_name: str
    post_id: int | None
    term_id: int | None
    role: str
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str
    is_full_time: bool


class MembershipListItemOut(_MembershipOut):
    pass


class MembershipListOut(Schema):
    count: int
    items: list[MembershipListItemOut]


class MembershipDetailOut(_MembershipOut):
    pass


class MembershipCreatedOut(_MembershipOut):
    pass


class MembershipEndedOut(_MembershipOut):
    pass


class MembershipListQuery(PageQuery):
    person: Id | None = None
    organization: Id | None = None
    term: Id | None = None
    active_on: dt.date | None = None


class MembershipCreateIn(InputSchema):
    """With ``post_id`` the role is the post's."""

    person_id: Id
    organization_id: Id
    post_id: Id | None = None
    term_id: Id | None = None
    role: Role = Post.Role.MEMBER.value
    start_date: dt.date
    end_date: dt.date | None = None
    is_full_time: bool = False


class MembershipEndIn(InputSchema):
    """End an open membership; nothing else about it may change."""

    end_date: dt.date
    end_reason: text(120) = ""


def _membership(m: Membership) -> dict[str, Any]:
    return {
        "id": m.pk,
        "person_id": m.person_id,
        "person_name": m.person.name,
        "organization_id": m.organization_id,
        "organization_name": m.organization.name,
        "post_id": m.post_id,
        "term_id": m.term_id,
        "role": m.role,
        "start_date": m.start_date,
        "end_date": m.end_date,
        "end_reason": m.end_reason,
        "is_full_time": m.is_full_time,
    }


@router.get(
    "/memberships",
    response={200: MembershipListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="memberships_list",
    summary="列出任职 · List memberships",
    description="Filter with `person`, `organization`, `term` (ids) and `active_on` "
    "(a date the membership covers).",
    openapi_extra=OPTIONAL_AUTH,
)
def memberships_list(request, filters: Query[MembershipListQuery]):
    qs = memberships_visible_to(request.auth)
    if filters.person:
        qs = qs.filter(person_id=filters.person)
    if filters.organization:
        qs = qs.filter(organization_id=filters.organization)
    if filters.term:
        qs = qs.filter(term_id=filters.term)
    if filters.active_on:
        day = filters.active_on
        qs = qs.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))
    return page(qs.order_by("id"), filters, _membership)


@router.get(
    "/memberships/{membership_id}",
    response={200: MembershipDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="memberships_detail",
    summary="任职详情 · Get a membership",
    openapi_extra=OPTIONAL_AUTH,
)
def memberships_detail(request, membership_id: PathId):
    return _membership(get_object_or_404(memberships_visible_to(request.auth), pk=membership_id))


@router.post(
    "/memberships",
    response={201: MembershipCreatedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="memberships_create",
    summary="新增任职 · Create a membership",
)
def memberships_create(request, payload: MembershipCreateIn):
    user = require(request, MANAGE)
    person = resolve(Person.objects.all(), payload.person_id, "person_id")
    org = resolve(Organization.objects.all(), payload.organization_id, "organization_id")
    post = resolve(Post.objects.all(), payload.post_id, "post_id")
    term = resolve(Term.objects.all(), payload.term_id, "term_id")
    m = membership_create(
        actor=user,
        person=person,
        organization=org,
        post=post,
        term=term,
        role=payload.role,
        start_date=payload.start_date,
        end_date=payload.end_date,
        is_full_time=payload.is_full_time,
    )
    return Status(201, _membership(m))


@router.patch(
    "/memberships/{membership_id}",
    response={200: MembershipEndedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="memberships_end",
    summary="结束任职 · End a membership",
)
def memberships_end(request, membership_id: PathId, payload: MembershipEndIn):
    user = require(request, MANAGE)
    m = get_object_or_404(Membership, pk=membership_id)
    m = membership_end(
        actor=user, membership=m, end_date=payload.end_date, reason=payload.end_reason
    )
    return _membership(get_object_or_404(memberships_visible_to(user), pk=m.pk))


# --------------------------------------------------------------------------- deputies


class _DeputyOut(Schema):
    id: int
    person_id: int
    person_name: str
    term_id: int
    term_number: int
    delegation_id: int | None
    constituency: str
    electing_unit: str
    occupation_category: str
    is_reelected: bool
    status: str
    status_date: dt.date | None
    elected_on: dt.date | None


class DeputyListItemOut(_DeputyOut):
    pass


class DeputyListOut(Schema):
    count: int
    items: list[DeputyListItemOut]


class DeputyDetailOut(_DeputyOut):
    status_reason: str


class DeputyCreatedOut(_DeputyOut):
    status_reason: str


class DeputyStatusChangedOut(_DeputyOut):
    status_reason: str


class DeputyListQuery(PageQuery):
    term: Id | None = None
    delegation: Id | None = None
    status: DeputyStatus | None = None


class DeputyCreateIn(InputSchema):
    person_id: Id
    term_id: Id
    delegation_id: Id | None = None
    constituency: text(80) = ""
    electing_unit: text(80) = ""
    occupation_category: Occupation = Deputy.Occupation.OTHER.value
    is_reelected: bool = False
    elected_on: dt.date | None = None


class DeputyStatusIn(InputSchema):
    """A lifecycle decision; ``on`` defaults to today and ``reason`` is required unless active."""

    status: DeputyStatus
    on: dt.date | None = None
    reason: text(200) = ""


def _delegations() -> QuerySet[Membership]:
    return Membership.objects.filter(
        person_id=OuterRef("person_id"),
        term_id=OuterRef("term_id"),
        organization__kind=Organization.Kind.DELEGATION,
    ).order_by("-start_date", "-id")


def deputies_all() -> QuerySet[Deputy]:
    return (
        Deputy.objects.select_related("person", "term")
        .defer(
            "person__phone",
            "person__email",
            "person__address",
            "person__biography",
            "person__search_text",
        )
        .annotate(delegation_id=Subquery(_delegations().values("organization_id")[:1]))
    )


def _deputy(d: Deputy, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": d.pk,
        "person_id": d.person_id,
        "person_name": d.person.name,
        "term_id": d.term_id,
        "term_number": d.term.number,
        "delegation_id": d.delegation_id,
        "constituency": d.constituency,
        "electing_unit": d.electing_unit,
        "occupation_category": d.occupation_category,
        "is_reelected": d.is_reelected,
        "status": d.status,
        "status_date": d.status_date,
        "elected_on": d.elected_on,
    }
    if full:
        data["status_reason"] = d.status_reason
    return data


@router.get(
    "/deputies",
    response={200: DeputyListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_list",
    summary="列出代表 · List deputies",
    description="Filter with `term`, `delegation` (ids) and `status`.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_list(request, filters: Query[DeputyListQuery]):
    qs = deputies_all()
    if filters.term:
        qs = qs.filter(term_id=filters.term)
    if filters.delegation:
        qs = qs.filter(delegation_id=filters.delegation)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page(qs.order_by("id"), filters, _deputy)


@router.get(
    "/deputies/{deputy_id}",
    response={200: DeputyDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_detail",
    summary="代表详情 · Get a deputy",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_detail(request, deputy_id: PathId):
    return _deputy(get_object_or_404(deputies_all(), pk=deputy_id), full=True)


@router.post(
    "/deputies",
    response={201: DeputyCreatedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="deputies_create",
    summary="新增代表 · Record a deputy's mandate",
)
def deputies_create(request, payload: DeputyCreateIn):
    user = require(request, MANAGE)
    person = resolve(Person.objects.all(), payload.person_id, "person_id")
    term = resolve(Term.objects.all(), payload.term_id, "term_id")
    delegation = resolve(Organization.objects.all(), payload.delegation_id, "delegation_id")
    d = deputy_create(
        actor=user,
        person=person,
        term=term,
        delegation=delegation,
        constituency=payload.constituency,
        electing_unit=payload.electing_unit,
        occupation_category=payload.occupation_category,
        is_reelected=payload.is_reelected,
        elected_on=payload.elected_on,
    )
    return Status(201, _deputy(deputies_all().get(pk=d.pk), full=True))


@router.patch(
    "/deputies/{deputy_id}",
    response={200: DeputyStatusChangedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    operation_id="deputies_status_change",
    summary="变更代表状态 · Change a deputy's status",
)
def deputies_status_change(request, deputy_id: PathId, payload: DeputyStatusIn):
    user = require(request, MANAGE)
    d = get_object_or_404(Deputy, pk=deputy_id)
    deputy_status_check(d, payload.status)
    deputy_change_status(
        actor=user, deputy=d, status=payload.status, on=payload.on, reason=payload.reason
    )
    return _deputy(deputies_all().get(pk=d.pk), full=True)


# --------------------------------------------------------------------------- composition


class CompositionShareOut(Schema):
    label: str
    count: int


class CompositionFigureOut(Schema):
    key: str
    label: str
    count: int
    total: int
    percent: str
    rule: str
    comparator: str
    threshold_text: str
    source: str
    #: None for a figure only tracked, or with nothing to count.
    passed: bool | None
    breakdown: list[CompositionShareOut]


class CompositionOut(Schema):
    term_id: int | None
    term_number: int | None
    congress: list[CompositionFigureOut]
    standing_committee: list[CompositionFigureOut]


def _figure(f: Figure) -> dict[str, Any]:
    return {
        "key": f.key,
        "label": str(f.label),
        "count": f.count,
        "total": f.total,
        "percent": f.percent,
        "rule": f.rule,
        "comparator": f.comparator,
        "threshold_text": f.threshold_text,
        "source": str(f.source),
        "passed": f.passed,
        "breakdown": [{"label": str(label), "count": n} for label, n in f.breakdown],
    }


@router.get(
    "/composition",
    response={200: CompositionOut, **READ_ERRORS, 403: DETAIL_ERRORS[401]},
    auth=READ_AUTH,
    operation_id="people_composition",
    summary="代表和常委会组成人员构成 · Composition figures (S20, §8.15)",
    description="The current term's deputies and the standing committee, each figure with its "
    "threshold, rule and pass/fail. Needs `people.view_composition` (staff side, SC members).",
    openapi_extra=OPTIONAL_AUTH,
)
def people_composition(request):
    require(request, "people.view_composition")
    term = current_term()
    return {
        "term_id": term.pk if term else None,
        "term_number": term.number if term else None,
        "congress": [_figure(f) for f in congress_figures(term)],
        "standing_committee": [_figure(f) for f in standing_committee_figures()],
    }
