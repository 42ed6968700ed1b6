"""Duty training (履职学习培训, S24, rules.md §2.6): courses, enrolment, sign-in, coverage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema, Status

from renda.core.errors import NotFound
from renda.deputies import selectors, services
from renda.deputies.models import TrainingCourse, TrainingEnrolment
from renda.people.models import Deputy, Organization
from renda.people.selectors import current_term

from ..actions import ActionOut, expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, WRITE_ERRORS
from ._common import MANAGE, VIEW, deputy_rows, router

READ = "deputies.read_training"
E = TrainingEnrolment.Status


class CourseOut(Schema):
    id: int
    term: int
    title: str
    topic: str
    organiser: str
    place: str
    starts_on: dt.date
    ends_on: dt.date
    capacity: int | None
    status: str
    enrolled: int = Field(description="名单人数（不含取消报名）· on the list")
    attended: int
    closing_note: str


class CourseListOut(Schema):
    count: int
    items: list[CourseOut]


class EnrolmentOut(Schema):
    id: int
    deputy_id: int
    deputy_name: str
    status: str
    signed_in_at: dt.datetime | None
    signed_in_via: str


class CourseDetailOut(CourseOut):
    description: str
    sign_in_code: str | None = Field(
        None, description="仅办公室可见 · the office only, to show at the venue"
    )
    enrolments: list[EnrolmentOut] = Field(
        description="办公室和领导看全部名单，代表只看到本人 · a deputy sees their own row"
    )


class CourseQuery(PageQuery):
    status: choice(TrainingCourse.Status) | None = None


def _courses():
    return TrainingCourse.objects.select_related("term").annotate(
        n_enrolled=Count("enrolments", filter=~Q(enrolments__status=E.WITHDRAWN)),
        n_attended=Count("enrolments", filter=Q(enrolments__status=E.ATTENDED)),
    )


def _course_row(c: TrainingCourse) -> dict[str, Any]:
    return {
        "id": c.pk,
        "term": c.term.number,
        "title": c.title,
        "topic": c.topic,
        "organiser": c.organiser,
        "place": c.place,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "capacity": c.capacity,
        "status": c.status,
        "enrolled": c.n_enrolled,
        "attended": c.n_attended,
        "closing_note": c.closing_note,
    }


@router.get(
    "/training-courses",
    response={200: CourseListOut, **WRITE_ERRORS},
    auth=write_auth(READ),
    operation_id="deputies_training_list",
    summary="列出履职学习培训 · List training courses",
    description="依据 · rule: S24, §2.6. The staff side and every deputy; newest first.",
)
def deputies_training_list(request, filters: Query[CourseQuery]):
    require(request, READ)
    qs = _courses().order_by("-starts_on", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page(qs, filters, _course_row)


@router.get(
    "/training-courses/{training_course_id}",
    response={200: CourseDetailOut, **DETAIL_ERRORS},
    auth=write_auth(READ),
    operation_id="deputies_training_detail",
    summary="培训详情 · Get a training course",
    description="The list of deputies to the staff side; a deputy sees their own row only. "
    "The sign-in code to the office alone.",
)
def deputies_training_detail(request, training_course_id: PathId):
    user = require(request, READ)
    course = get_object_or_404(_courses(), pk=training_course_id)
    rows = course.enrolments.exclude(status=E.WITHDRAWN).select_related("deputy__person")
    if not user.has_perm(VIEW):
        rows = rows.filter(deputy__person_id=user.person_id) if user.person_id else rows.none()
    return {
        **_course_row(course),
        "description": course.description,
        "sign_in_code": course.sign_in_code if user.has_perm(MANAGE) else None,
        "enrolments": [
            {
                "id": e.pk,
                "deputy_id": e.deputy_id,
                "deputy_name": e.deputy.person.name,
                "status": e.status,
                "signed_in_at": e.signed_in_at,
                "signed_in_via": e.signed_in_via,
            }
            for e in rows.order_by("deputy__person__name", "id")
        ],
    }


class CourseIn(InputSchema):
    title: text(120)
    topic: text(200)
    organiser: text(100)
    place: text(120)
    starts_on: dt.date
    ends_on: dt.date
    capacity: int | None = Field(None, ge=1, le=5000, description="省略为不限 · omit for no limit")
    description: text(4000) = ""


expose(
    router,
    services.training_create,
    "/training-courses",
    schema=CourseIn,
    status=201,
    description="依据 · rule: S24. A course of the current term; it opens for enrolment at once "
    "and gets its sign-in code.",
)


class EnrolIn(InputSchema):
    """Who joins the list."""

    deputy_ids: list[Id] = Field(default_factory=list, max_length=1000)
    delegation_id: Id | None = Field(None, description="整个代表团 · every serving deputy of it")
    untrained: bool = Field(False, description="本届尚未完成培训的代表 · those below the count")


class AttendanceIn(InputSchema):
    """Who signed the paper sheet."""

    deputy_ids: list[Id] = Field(default_factory=list, max_length=1000)
    delegation_id: Id | None = Field(None, description="整个代表团 · every serving deputy of it")
    untrained: bool = Field(False, description="本届尚未完成培训的代表 · those below the count")


def _deputies(course: TrainingCourse, payload: EnrolIn | AttendanceIn) -> list[Deputy]:
    found = {d.pk: d for d in deputy_rows(payload.deputy_ids)}
    seated = Deputy.objects.filter(term_id=course.term_id, status=Deputy.Status.ACTIVE)
    if payload.delegation_id is not None:
        delegation = Organization.objects.filter(
            pk=payload.delegation_id, kind=Organization.Kind.DELEGATION
        ).first()
        if delegation is None:
            raise NotFound("unknown_reference", field="delegation_id")
        for d in seated.filter(person__memberships__organization=delegation).select_related(
            "person"
        ):
            found.setdefault(d.pk, d)
    if payload.untrained:
        for d in selectors.untrained(course.term):
            found.setdefault(d.pk, d)
    return list(found.values())


class EnrolOut(ActionOut):
    pass


class AttendanceOut(ActionOut):
    pass


def _course_for(pk: int) -> TrainingCourse:
    course = TrainingCourse.objects.select_related("term").filter(pk=pk).first()
    if course is None:
        raise NotFound()
    return course


@router.post(
    "/training-courses/{training_course_id}/enrol",
    response={200: EnrolOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="deputies_training_enrol",
    summary="安排代表参训 · Enrol deputies · deputies.training.enrol",
    description="依据 · rule: S24. Deputies named, a whole delegation, or those not yet trained; "
    "those already on the list are skipped; refused past the course's places.",
)
def deputies_training_enrol(request, training_course_id: PathId, payload: EnrolIn):
    user = require(request, MANAGE)
    course = _course_for(training_course_id)
    services.training_enrol(actor=user, course=course, deputies=_deputies(course, payload))
    course.refresh_from_db()
    return Status(200, {"id": course.pk, "status": course.status})


@router.post(
    "/training-courses/{training_course_id}/attendance",
    response={200: AttendanceOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="deputies_training_record_attendance",
    summary="按签到表登记参训 · Record attendance · deputies.training.record_attendance",
    description="依据 · rule: S24. From the paper sign-in sheet, once the course has begun "
    "(also after it was closed); a deputy not on the list is added.",
)
def deputies_training_record_attendance(request, training_course_id: PathId, payload: AttendanceIn):
    user = require(request, MANAGE)
    course = _course_for(training_course_id)
    services.training_record_attendance(
        actor=user, course=course, deputies=_deputies(course, payload)
    )
    course.refresh_from_db()
    return Status(200, {"id": course.pk, "status": course.status})


expose(
    router,
    services.training_join,
    "/training-courses/{training_course_id}/join",
    description="依据 · rule: S24. A deputy enrols themselves, up to the course's places.",
)


class SignInIn(InputSchema):
    code: text(8)


expose(
    router,
    services.training_sign_in,
    "/training-courses/{training_course_id}/sign-in",
    schema=SignInIn,
    description="依据 · rule: S24. On a course day, with the code shown at the venue.",
)
expose(router, services.training_close, "/training-courses/{training_course_id}/close")


class CancelIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.training_cancel,
    "/training-courses/{training_course_id}/cancel",
    schema=CancelIn,
)


def enrolments_visible_to(user):
    qs = TrainingEnrolment.objects.select_related("course", "deputy__person")
    if user.has_perm(MANAGE):
        return qs
    return qs.filter(deputy__person_id=user.person_id) if user.person_id else qs.none()


expose(
    router,
    services.training_withdraw,
    "/training-enrolments/{training_enrolment_id}/withdraw",
    visible=enrolments_visible_to,
    description="依据 · rule: S24. A deputy before the course starts; the office any time "
    "while it is open.",
)


class CoverageRowOut(Schema):
    deputy_id: int
    name: str
    trained: int
    required: int
    complete: bool


class CoverageOut(Schema):
    term: int | None
    required: int
    count: int
    items: list[CoverageRowOut]


class CoverageQuery(PageQuery):
    delegation_id: Id | None = None
    short: bool = Field(False, description="只列尚未完成的 · only those below the count")


@router.get(
    "/training-coverage",
    response={200: CoverageOut, **WRITE_ERRORS},
    auth=write_auth(VIEW),
    operation_id="deputies_training_coverage",
    summary="代表培训覆盖 · Training coverage of the term",
    description="依据 · rule: S24, §2.6. Each serving deputy of the current term with the courses "
    "attended, against `deputy.training_per_term`.",
)
def deputies_training_coverage(request, filters: Query[CoverageQuery]):
    require(request, VIEW)
    term = current_term()
    required = selectors.training_required()
    qs = selectors.training_coverage(term) if term else Deputy.objects.none()
    if filters.delegation_id:
        qs = qs.filter(person__memberships__organization_id=filters.delegation_id).distinct()
    if filters.short:
        qs = qs.filter(trained__lt=required)
    out = page(
        qs,
        filters,
        lambda d: {
            "deputy_id": d.pk,
            "name": d.person.name,
            "trained": d.trained,
            "required": required,
            "complete": d.trained >= required,
        },
    )
    return {"term": term.number if term else None, "required": required, **out}
