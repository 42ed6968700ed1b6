"""Duty training (履职学习培训, S24, rules.md §2.6): courses, enrolment, sign-in, attendance.

The office plans a course and enrols deputies (or a deputy enrols on their phone); during
the course a deputy signs in with the code shown at the venue, or the office records the
paper sign-in sheet; closing the course marks who was enrolled and never came. A course
counts towards a deputy's per-term coverage (``deputy.training_per_term``) once attended.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.meetings.services.attendance import CODE_ALPHABET
from renda.people.models import Deputy
from renda.people.selectors import current_term

from ..models import TrainingCourse, TrainingEnrolment

MANAGE = "deputies.manage"
C = TrainingCourse.Status
E = TrainingEnrolment.Status
#: How long the sign-in code is: short enough to type from a screen at the venue.
CODE_LENGTH = 6


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def _course_fields(
    *,
    title: str,
    topic: str,
    organiser: str,
    place: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    capacity: int | None,
    description: str,
) -> dict:
    out = {
        "title": validation.text(title, field="title", label=_("培训名称"), max_length=120),
        "topic": validation.text(topic, field="topic", label=_("主题"), max_length=200),
        "organiser": validation.text(
            organiser, field="organiser", label=_("组织单位"), max_length=100
        ),
        "place": validation.text(place, field="place", label=_("地点"), max_length=120),
        "description": validation.text(
            description, field="description", label=_("安排"), required=False, max_length=4000
        ),
    }
    for name, value, label in (("starts_on", starts_on, _("开始日期")), ("ends_on", ends_on, _("结束日期"))):  # fmt: skip
        if value is None:
            raise DomainError("field_required", _("请填写{label}。"), field=name, label=label)
    validation.date_order(starts_on, ends_on, field="ends_on")
    if (ends_on - starts_on).days > 60:
        raise DomainError("training_too_long", _("一期培训不能超过60天。"), field="ends_on")
    if capacity is not None and not 1 <= capacity <= 5000:
        raise DomainError("capacity_invalid", _("名额应为 1 至 5000。"), field="capacity")
    out.update(starts_on=starts_on, ends_on=ends_on, capacity=capacity)
    return out


@action(
    "deputies.training.create",
    model=TrainingCourse,
    permission=MANAGE,
    rule="S24",
    label=_("安排履职学习培训"),
)
def training_create(
    ctx: ActionContext,
    *,
    title: str,
    topic: str,
    organiser: str,
    place: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    capacity: int | None = None,
    description: str = "",
) -> TrainingCourse:
    """Plan a course of the current term; it opens for enrolment at once."""
    fields = _course_fields(
        title=title, topic=topic, organiser=organiser, place=place, starts_on=starts_on,
        ends_on=ends_on, capacity=capacity, description=description,
    )  # fmt: skip
    term = current_term(ctx.today)
    if term is None:
        raise Conflict("no_current_term", _("尚未登记本届任期，不能安排培训。"))
    if fields["starts_on"] < term.start_date or (
        term.end_date and fields["ends_on"] > term.end_date
    ):
        raise DomainError("outside_term", _("培训日期应在本届任期内。"), field="starts_on")
    course = TrainingCourse.objects.create(
        term=term, sign_in_code=_code(), created_by=ctx.user, **fields
    )
    ctx.audit_object = course
    ctx.changes.update(
        title=course.title, starts_on=str(course.starts_on), ends_on=str(course.ends_on),
        capacity=course.capacity,
    )  # fmt: skip
    return course


def _taken(course: TrainingCourse) -> int:
    return course.enrolments.exclude(status=E.WITHDRAWN).count()


def _check_deputy(course: TrainingCourse, deputy: Deputy) -> None:
    if deputy.term_id != course.term_id or deputy.status != Deputy.Status.ACTIVE:
        raise Conflict(
            "deputy_not_active",
            _("{name}不是本届在任代表，不能参加这期培训。"),
            name=deputy.person.name,
        )


def _enrol(
    ctx: ActionContext, course: TrainingCourse, deputies: Sequence[Deputy], *, full_check: bool
) -> list[TrainingEnrolment]:
    """Put ``deputies`` on the list (again, after a withdrawal); skip those already on it."""
    existing = {e.deputy_id: e for e in course.enrolments.all()}
    new = [d for d in deputies if d.pk not in existing or existing[d.pk].status == E.WITHDRAWN]
    for deputy in new:
        _check_deputy(course, deputy)
    if full_check and course.capacity is not None and _taken(course) + len(new) > course.capacity:
        raise Conflict(
            "training_full",
            _("名额不足：本期培训共 {capacity} 个名额，已报名 {taken} 人。"),
            capacity=course.capacity,
            taken=_taken(course),
        )
    out = []
    for deputy in new:
        row = existing.get(deputy.pk)
        if row is None:
            row = TrainingEnrolment.objects.create(
                course=course, deputy=deputy, enrolled_by=ctx.user
            )
        else:
            row.status, row.enrolled_by = E.ENROLLED, ctx.user
            row.save(update_fields=["status", "enrolled_by", "updated_at"])
        out.append(row)
    return out


def _not_over(ctx: ActionContext, course: TrainingCourse) -> None:
    if ctx.today > course.ends_on:
        raise Conflict("training_over", _("这期培训已经结束，不能再报名。"))


@action(
    "deputies.training.enrol",
    model=TrainingCourse,
    subject="course",
    sources={C.PLANNED},
    permission=MANAGE,
    rule="S24",
    label=_("安排代表参训"),
)
def training_enrol(
    ctx: ActionContext, *, course: TrainingCourse, deputies: Sequence[Deputy]
) -> TrainingCourse:
    """The office puts deputies on the course's list (a delegation, or those not yet trained)."""
    deputies = list(deputies or [])
    if not deputies:
        raise DomainError("deputies_required", _("请选择参训代表。"), field="deputies")
    if len(deputies) > 1000:
        raise DomainError("too_many", _("一次最多安排1000名代表。"), field="deputies")
    _not_over(ctx, course)
    added = _enrol(ctx, course, deputies, full_check=True)
    if not added:
        ctx.audited = False
    ctx.changes.update(added=[e.deputy_id for e in added])
    return course


def _own_mandate(ctx: ActionContext, course: TrainingCourse) -> Deputy:
    deputy = (
        Deputy.objects.filter(person_id=ctx.user.person_id, term_id=course.term_id)
        .select_related("person")
        .first()
        if getattr(ctx.user, "person_id", None)
        else None
    )
    if deputy is None:
        raise PermissionDenied()
    return deputy


@action(
    "deputies.training.join",
    model=TrainingCourse,
    subject="course",
    sources={C.PLANNED},
    permission="deputies.train",
    rule="S24",
    label=_("报名参加培训"),
)
def training_join(ctx: ActionContext, *, course: TrainingCourse) -> TrainingCourse:
    """A deputy puts themselves on the list, up to the course's places."""
    deputy = _own_mandate(ctx, course)
    _not_over(ctx, course)
    added = _enrol(ctx, course, [deputy], full_check=True)
    if not added:
        raise Conflict("already_enrolled", _("您已报名参加这期培训。"))
    ctx.changes.update(deputy=deputy.pk)
    return course


def _may_withdraw(ctx: ActionContext, enrolment: TrainingEnrolment) -> None:
    course = enrolment.course
    if course.status != C.PLANNED:
        raise Conflict("training_not_open", _("这期培训已结束或已取消，不能取消报名。"))
    if not ctx.actor.has_perm(MANAGE) and ctx.today >= course.starts_on:
        raise Conflict("training_started", _("培训已经开始，不能自行取消报名；请向办公室请假。"))


@action(
    "deputies.training.withdraw",
    model=TrainingEnrolment,
    subject="enrolment",
    sources={E.ENROLLED},
    target=E.WITHDRAWN,
    permission="deputies.withdraw_training",
    precondition=_may_withdraw,
    rule="S24",
    label=_("取消报名"),
)
def training_withdraw(ctx: ActionContext, *, enrolment: TrainingEnrolment) -> TrainingEnrolment:
    """Taken off the list: by the deputy before the course starts, or by the office."""
    ctx.changes.update(course=enrolment.course_id, deputy=enrolment.deputy_id)
    return enrolment


def _mark_attended(ctx: ActionContext, enrolment: TrainingEnrolment, via: str) -> bool:
    if enrolment.status == E.ATTENDED:
        return False
    enrolment.status, enrolment.signed_in_at, enrolment.signed_in_via = E.ATTENDED, ctx.now, via
    enrolment.save(update_fields=["status", "signed_in_at", "signed_in_via", "updated_at"])
    return True


@action(
    "deputies.training.sign_in",
    model=TrainingCourse,
    subject="course",
    sources={C.PLANNED},
    permission="deputies.train",
    rule="S24",
    label=_("培训签到"),
)
def training_sign_in(ctx: ActionContext, *, course: TrainingCourse, code: str) -> TrainingCourse:
    """A deputy signs in on a course day with the code shown at the venue.

    A deputy who came without enrolling is put on the list as they sign in.
    """
    deputy = _own_mandate(ctx, course)
    if not course.starts_on <= ctx.today <= course.ends_on:
        raise Conflict(
            "training_not_today",
            _("只能在培训期间（{start} 至 {end}）签到。"),
            start=str(course.starts_on),
            end=str(course.ends_on),
        )
    typed = (code or "").strip().upper().replace(" ", "")
    if not typed:
        raise DomainError("field_required", _("请填写{label}。"), field="code", label=_("签到码"))
    if not constant_time_compare(typed, course.sign_in_code):
        raise DomainError(
            "sign_in_code_wrong", _("签到码不正确，请核对现场公布的签到码。"), field="code"
        )
    _check_deputy(course, deputy)
    enrolment = course.enrolments.filter(deputy=deputy).first()
    if enrolment is None or enrolment.status == E.WITHDRAWN:
        enrolment = _enrol(ctx, course, [deputy], full_check=False)[0]
    if not _mark_attended(ctx, enrolment, TrainingEnrolment.Via.CODE):
        raise Conflict("already_signed_in", _("您已签到。"))
    ctx.audit_object = enrolment
    ctx.changes.update(course=course.pk, deputy=deputy.pk)
    return course


def _started(ctx: ActionContext, course: TrainingCourse) -> None:
    if ctx.today < course.starts_on:
        raise Conflict("training_not_started", _("培训尚未开始，不能登记参训情况。"))


@action(
    "deputies.training.record_attendance",
    model=TrainingCourse,
    subject="course",
    sources={C.PLANNED, C.HELD},
    permission=MANAGE,
    precondition=_started,
    rule="S24",
    label=_("按签到表登记参训"),
)
def training_record_attendance(
    ctx: ActionContext, *, course: TrainingCourse, deputies: Sequence[Deputy]
) -> TrainingCourse:
    """The office records who signed the paper sheet (also after the course was closed)."""
    deputies = list(deputies or [])
    if not deputies:
        raise DomainError("deputies_required", _("请选择已参训的代表。"), field="deputies")
    rows = {e.deputy_id: e for e in course.enrolments.all()}
    missing = [d for d in deputies if d.pk not in rows or rows[d.pk].status == E.WITHDRAWN]
    for row in _enrol(ctx, course, missing, full_check=False):
        rows[row.deputy_id] = row
    marked = [
        d.pk for d in deputies if _mark_attended(ctx, rows[d.pk], TrainingEnrolment.Via.SHEET)
    ]
    if not marked:
        ctx.audited = False
    ctx.changes.update(attended=marked)
    return course


def _ended(ctx: ActionContext, course: TrainingCourse) -> None:
    if ctx.today < course.ends_on:
        raise Conflict(
            "training_not_ended",
            _("培训结束日（{end}）之后才能办结。"),
            end=str(course.ends_on),
        )


@action(
    "deputies.training.close",
    model=TrainingCourse,
    subject="course",
    sources={C.PLANNED},
    target=C.HELD,
    permission=MANAGE,
    precondition=_ended,
    precondition_hides=True,
    rule="S24",
    label=_("培训办结"),
)
def training_close(ctx: ActionContext, *, course: TrainingCourse) -> TrainingCourse:
    """The course is over: whoever was enrolled and never signed in is marked absent."""
    absent = course.enrolments.filter(status=E.ENROLLED)
    ctx.changes.update(absent=list(absent.values_list("deputy_id", flat=True)))
    absent.update(status=E.ABSENT, updated_at=ctx.now)
    ctx.changes.update(attended=course.enrolments.filter(status=E.ATTENDED).count())
    return course


def _none_attended(ctx: ActionContext, course: TrainingCourse) -> None:
    if course.enrolments.filter(status=E.ATTENDED).exists():
        raise Conflict("training_has_attendance", _("已有代表签到，不能取消这期培训；请办结。"))


@action(
    "deputies.training.cancel",
    model=TrainingCourse,
    subject="course",
    sources={C.PLANNED},
    target=C.CANCELLED,
    permission=MANAGE,
    precondition=_none_attended,
    rule="S24",
    label=_("取消培训"),
)
def training_cancel(ctx: ActionContext, *, course: TrainingCourse, reason: str) -> TrainingCourse:
    """Called off before anyone attended; the reason is shown to the enrolled deputies."""
    course.closing_note = validation.text(
        reason, field="reason", label=_("取消原因"), max_length=200
    )
    course.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=course.closing_note)
    return course


#: The office's steps on a course page, in the order its buttons show.
COURSE_ACTIONS = (
    training_enrol,
    training_record_attendance,
    training_close,
    training_cancel,
)
#: What a deputy does with a course.
DEPUTY_ACTIONS = (training_join, training_sign_in)
