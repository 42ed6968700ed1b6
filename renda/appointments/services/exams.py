"""The pre-appointment law exam (任前法律知识考试, rules.md §7.8).

The office sets an exam (its pass mark is the local setting ``appointment.exam_pass_mark``
at that moment), enrols the people to be elected or appointed with the post each is
proposed for, and records every candidate's score or absence once the exam is held. A pass
is valid for the term: a person holding one is not enrolled again, and the motion to
appoint them may go forward (:func:`renda.appointments.selectors.valid_pass`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.people.models import Person
from renda.people.selectors import current_term

from ..models import ExamResult, LawExam
from ..selectors import valid_pass

MANAGE = "appointments.manage"
E = LawExam.Status
R = ExamResult.Status


@action(
    "appointments.exam.schedule",
    model=LawExam,
    permission=MANAGE,
    rule="§7.8",
    label=_("安排任前法律知识考试"),
)
def exam_schedule(
    ctx: ActionContext,
    *,
    title: str,
    held_on: dt.date | None,
    place: str,
    organiser: str = "",
) -> LawExam:
    """Set an exam of the current term, with the pass mark in force today."""
    term = current_term()
    if term is None:
        raise Conflict("no_term", _("尚未设立本届，不能安排考试。"))
    validation.required(held_on, "held_on", _("考试日期"))
    if held_on < term.start_date:
        raise DomainError("date_invalid", _("考试日期不能早于本届开始之日。"), field="held_on")
    exam = LawExam.objects.create(
        term=term,
        title=validation.text(title, field="title", label=_("考试名称"), max_length=120),
        held_on=held_on,
        place=validation.text(place, field="place", label=_("地点"), max_length=120),
        organiser=validation.text(
            organiser, field="organiser", label=_("组织单位"), required=False, max_length=120
        ),  # fmt: skip
        pass_mark=int(param("appointment.exam_pass_mark")),
        created_by=ctx.user,
    )
    ctx.audit_object = exam
    ctx.changes.update(held_on=str(held_on), pass_mark=exam.pass_mark)
    return exam


@action(
    "appointments.exam.enrol",
    model=LawExam,
    subject="exam",
    sources={E.SCHEDULED},
    permission=MANAGE,
    rule="§7.8",
    label=_("报名应考人员"),
    refs={"person": Person},
)
def exam_enrol(
    ctx: ActionContext, *, exam: LawExam, person: Person | None, post_sought: str
) -> ExamResult:
    """Enrol a person to be elected or appointed, with the post proposed; one holding a pass
    valid in the term is not enrolled again."""
    validation.required(person, "person", _("应考人员"))
    post_sought = validation.text(post_sought, field="post_sought", label=_("拟任职务"), max_length=120)  # fmt: skip
    held = valid_pass(person, exam.term)
    if held is not None:
        raise Conflict(
            "pass_still_valid",
            _("{name}已于{day}考试合格，本届内有效，无需再考。"),
            field="person", name=person.name, day=held.exam.held_on.isoformat(),
        )  # fmt: skip
    row = exam.results.filter(person=person).first()
    if row is not None and row.status != R.WITHDRAWN:
        raise Conflict("already_enrolled", _("{name}已报名本次考试。"), field="person", name=person.name)  # fmt: skip
    if row is None:
        row = ExamResult.objects.create(exam=exam, person=person, post_sought=post_sought)
    else:
        row.status, row.post_sought = R.ENROLLED, post_sought
        row.save(update_fields=["status", "post_sought", "updated_at"])
    ctx.changes.update(person=person.pk, post_sought=post_sought)
    return row


@action(
    "appointments.exam.withdraw",
    model=LawExam,
    subject="exam",
    sources={E.SCHEDULED},
    permission=MANAGE,
    rule="§7.8",
    label=_("撤销报名"),
    refs={"person": Person},
)
def exam_withdraw(ctx: ActionContext, *, exam: LawExam, person: Person | None) -> LawExam:
    """Take a candidate off the exam before it is held (the nomination was dropped…)."""
    validation.required(person, "person", _("应考人员"))
    updated = exam.results.filter(person=person, status=R.ENROLLED).update(status=R.WITHDRAWN)
    if not updated:
        raise Conflict("not_enrolled", _("{name}没有报名本次考试。"), field="person", name=person.name)  # fmt: skip
    ctx.changes.update(person=person.pk)
    return exam


def _score(raw: Any, exam: LawExam, name: str) -> Decimal | None:
    """A score of 0 to full marks with at most one decimal, or ``None`` for an absence."""
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        value = Decimal(-1)
    if not value.is_finite() or value < 0 or value > exam.full_marks or value != value.quantize(Decimal("0.1")):  # fmt: skip
        raise DomainError(
            "score_invalid",
            _("{name}的成绩应为0到{full}之间的数，最多一位小数。"),
            field="scores", name=name, full=exam.full_marks,
        )  # fmt: skip
    return value


@action(
    "appointments.exam.record",
    model=LawExam,
    subject="exam",
    sources={E.SCHEDULED},
    target=E.HELD,
    permission=MANAGE,
    rule="§7.8",
    label=_("登记考试成绩"),
)
def exam_record(ctx: ActionContext, *, exam: LawExam, scores: dict[int, Any]) -> LawExam:
    """Record every candidate's score (``None`` for an absence), keyed by person id; a score
    at or above the exam's pass mark passes."""
    if exam.held_on > ctx.today:
        raise DomainError("exam_not_held", _("考试日期还未到，不能登记成绩。"), field="scores")
    rows = list(exam.results.filter(status=R.ENROLLED).select_related("person"))
    if not rows:
        raise Conflict("no_candidates", _("本次考试没有应考人员。"))
    given = {int(k): v for k, v in (scores or {}).items()}
    missing = [r.person.name for r in rows if r.person_id not in given]
    extra = set(given) - {r.person_id for r in rows}
    if missing or extra:
        raise DomainError(
            "scores_incomplete",
            _("请为每一位应考人员登记成绩或缺考：{names}。"),
            field="scores", names="、".join(missing) or str(_("名单以外的人员")),
        )  # fmt: skip
    counts = {R.PASSED: 0, R.FAILED: 0, R.ABSENT: 0}
    for row in rows:
        row.score = _score(given[row.person_id], exam, row.person.name)
        if row.score is None:
            row.status = R.ABSENT
        else:
            row.status = R.PASSED if row.score >= exam.pass_mark else R.FAILED
        counts[row.status] += 1
        row.save(update_fields=["score", "status", "updated_at"])
    ctx.changes.update({str(k): v for k, v in counts.items()})
    return exam


@action(
    "appointments.exam.cancel",
    model=LawExam,
    subject="exam",
    sources={E.SCHEDULED},
    target=E.CANCELLED,
    permission=MANAGE,
    rule="§7.8",
    label=_("取消考试"),
)
def exam_cancel(ctx: ActionContext, *, exam: LawExam, reason: str) -> LawExam:
    exam.closing_note = validation.text(reason, field="reason", label=_("说明"), max_length=200)
    exam.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=exam.closing_note)
    return exam


EXAM_ACTIONS = (exam_enrol, exam_withdraw, exam_record, exam_cancel)
