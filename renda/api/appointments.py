"""Elections and appointments (rules.md §7): the pre-appointment law exam (§7.8).

The office and the leaders read the exams and their results (not public); the office sets
them, enrols candidates and records the scores.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from renda.appointments import selectors, services
from renda.appointments.models import Appointment, ExamResult, LawExam
from renda.people.models import Person
from renda.people.selectors import current_term

from .actions import expose
from .auth import require, write_auth
from .common import Id, InputSchema, PageQuery, PathId, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS

router = Router(tags=["appointments"])
VIEW = "appointments.view"
PRIVATE_READ = write_auth(VIEW)


class ResultOut(Schema):
    person_id: int
    name: str
    post_sought: str
    score: Decimal | None
    status: str = Field(
        description="enrolled 待考 · passed 合格 · failed 不合格 · absent 缺考 · withdrawn"
    )


class ExamOut(Schema):
    id: int
    title: str
    held_on: dt.date
    place: str
    organiser: str
    full_marks: int
    pass_mark: int = Field(description="安排考试时的合格分数 · `appointment.exam_pass_mark` then")
    status: str
    results: list[ResultOut]


class ExamListOut(Schema):
    count: int
    items: list[ExamOut]


def _result(r: ExamResult) -> dict[str, Any]:
    return {"person_id": r.person_id, "name": r.person.name, "post_sought": r.post_sought,
            "score": r.score, "status": r.status}  # fmt: skip


def _row(e: LawExam) -> dict[str, Any]:
    return {
        "id": e.pk, "title": e.title, "held_on": e.held_on, "place": e.place,
        "organiser": e.organiser, "full_marks": e.full_marks, "pass_mark": e.pass_mark,
        "status": e.status, "results": [_result(r) for r in e.results.all()],
    }  # fmt: skip


@router.get(
    "/law-exams",
    response={200: ExamListOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_exams_list",
    summary="任前法律知识考试 · List law exams",
    description="依据 · rule: §7.8. The office and the leaders; latest first, with results.",
)
def appointments_exams_list(request, filters: Query[PageQuery]):
    require(request, VIEW)
    qs = LawExam.objects.prefetch_related("results__person").order_by("-held_on", "-id")
    return page(qs, filters, _row)


@router.get(
    "/law-exams/{exam_id}",
    response={200: ExamOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_exam_detail",
    summary="考试详情 · Get a law exam",
    description="依据 · rule: §7.8. The office and the leaders.",
)
def appointments_exam_detail(request, exam_id: PathId):
    require(request, VIEW)
    return _row(get_object_or_404(LawExam.objects.prefetch_related("results__person"), pk=exam_id))  # fmt: skip


class PassOut(Schema):
    person_id: int
    valid: bool = Field(description="本届内有合格成绩 · holds a pass valid in the term")
    exam_id: int | None
    held_on: dt.date | None
    score: Decimal | None


class PassQuery(Schema):
    person_id: Id


@router.get(
    "/law-exam-passes",
    response={200: PassOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_exam_pass",
    summary="是否持有本届有效的考试合格成绩 · Does a person hold a valid pass",
    description="依据 · rule: §7.8. A pass is valid for the term in which it was obtained.",
)
def appointments_exam_pass(request, query: Query[PassQuery]):
    require(request, VIEW)
    person = get_object_or_404(Person, pk=query.person_id)
    held = selectors.valid_pass(person, current_term())
    return {
        "person_id": person.pk, "valid": held is not None,
        "exam_id": held.exam_id if held else None,
        "held_on": held.exam.held_on if held else None, "score": held.score if held else None,
    }  # fmt: skip


class ExamIn(InputSchema):
    title: text(120)
    held_on: dt.date
    place: text(120)
    organiser: text(120) = ""


def _out(obj: LawExam | ExamResult) -> dict[str, Any]:
    """The exam as it now stands (an enrolment answers with its exam)."""
    pk = obj.exam_id if isinstance(obj, ExamResult) else obj.pk
    return _row(LawExam.objects.prefetch_related("results__person").get(pk=pk))


expose(
    router,
    services.exam_schedule,
    "/law-exams",
    schema=ExamIn,
    response=ExamOut,
    out=_out,
    status=201,
    summary="安排考试 · Set a law exam · appointments.exam.schedule",
    description="依据 · rule: §7.8. The pass mark is the local setting at this moment.",
)


class EnrolIn(InputSchema):
    person_id: Id
    post_sought: text(120)


expose(
    router,
    services.exam_enrol,
    "/law-exams/{exam_id}/candidates",
    schema=EnrolIn,
    response=ExamOut,
    out=_out,
    summary="报名应考人员 · Enrol a candidate · appointments.exam.enrol",
    description="依据 · rule: §7.8. Refused for one holding a pass valid in the term.",
)


class WithdrawIn(InputSchema):
    person_id: Id


expose(
    router,
    services.exam_withdraw,
    "/law-exams/{exam_id}/withdraw",
    schema=WithdrawIn,
    response=ExamOut,
    out=_out,
    summary="撤销报名 · Take a candidate off · appointments.exam.withdraw",
    description="依据 · rule: §7.8. Before the results are recorded.",
)


class ScoresIn(InputSchema):
    scores: dict[int, Decimal | None] = Field(
        description="应考人员 id → 成绩（null 为缺考）· person id → score, null for an absence"
    )


expose(
    router,
    services.exam_record,
    "/law-exams/{exam_id}/results",
    schema=ScoresIn,
    response=ExamOut,
    out=_out,
    summary="登记考试成绩 · Record the results · appointments.exam.record",
    description="依据 · rule: §7.8. Every candidate once; a score at or above the pass mark passes.",
)


class CancelIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.exam_cancel,
    "/law-exams/{exam_id}/cancel",
    schema=CancelIn,
    response=ExamOut,
    out=_out,
    summary="取消考试 · Cancel a law exam · appointments.exam.cancel",
    description="依据 · rule: §7.8. Before it is held.",
)


class AppointmentOut(Schema):
    id: int
    kind: str = Field(description="appoint 任命 · acting 决定代理 · remove 免职 · dismiss 撤职 · resign 接受辞职")  # fmt: skip
    title: str
    holding_id: int | None = Field(description="免职、撤职、辞职所结束的任职 · the holding a relief ends")  # fmt: skip
    person_id: int
    name: str
    post_id: int
    post: str
    nominator: str
    nominated_on: dt.date
    motion: str
    statement: str = Field(description="供职发言 · the statement before appointment (§7.9)")
    statement_in_writing: bool
    statement_item_id: int | None
    status: str
    exam_passed: bool = Field(
        description="持有本届有效的考试合格成绩 · holds a valid law-exam pass"
    )
    agenda_item_id: int | None
    poll_id: int | None
    tally: dict[str, Any]
    decided_on: dt.date | None
    membership_id: int | None = Field(description="任命通过后的任职 · the post held once appointed")
    certificate_no: str = Field(description="任命书编号 · the certificate's number, once issued")
    certificate_issued_on: dt.date | None
    notice_due_on: dt.date | None = Field(description="公告期限 · `appointment.notice_days` after the decision")  # fmt: skip
    announced_on: dt.date | None
    notice_overdue: bool
    announcement: str
    closing_note: str


class AppointmentListOut(Schema):
    count: int
    items: list[AppointmentOut]


def _appointment(a: Appointment, passed: bool | None = None) -> dict[str, Any]:
    if passed is None:
        passed = selectors.valid_pass(a.person, a.term) is not None
    return {
        "id": a.pk, "kind": a.kind, "title": a.title, "holding_id": a.holding_id,
        "statement": a.statement, "statement_in_writing": a.statement_in_writing,
        "statement_item_id": a.statement_item_id, "person_id": a.person_id, "name": a.person.name, "post_id": a.post_id,
        "post": str(a.post), "nominator": a.nominator, "nominated_on": a.nominated_on,
        "motion": a.motion, "status": a.status, "exam_passed": passed,
        "agenda_item_id": a.agenda_item_id, "poll_id": a.poll_id, "tally": a.tally,
        "decided_on": a.decided_on, "membership_id": a.membership_id,
        "certificate_no": a.certificate_no, "certificate_issued_on": a.certificate_issued_on,
        "notice_due_on": a.notice_due_on, "announced_on": a.announced_on,
        "notice_overdue": a.notice_overdue, "announcement": a.announcement,
        "closing_note": a.closing_note,
    }  # fmt: skip


APPOINTMENTS = Appointment.objects.select_related("person", "post__organization", "term")


@router.get(
    "/appointments",
    response={200: AppointmentListOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_list",
    summary="任免事项 · List appointments and removals",
    description="依据 · rule: §7.6–§7.10. The office and the leaders; newest first.",
)
def appointments_list(request, filters: Query[PageQuery]):
    require(request, VIEW)
    qs = APPOINTMENTS.order_by("-nominated_on", "-id")
    out = page(qs, filters, lambda a: a)
    rows = out["items"]
    passes = selectors.passes_of({a.person_id for a in rows}, rows)
    return {**out, "items": [_appointment(a, passes[a.pk]) for a in rows]}


@router.get(
    "/appointments/{appointment_id}",
    response={200: AppointmentOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_detail",
    summary="任免事项详情 · Get an appointment or removal",
    description="依据 · rule: §7.6–§7.10. The office and the leaders.",
)
def appointments_detail(request, appointment_id: PathId):
    require(request, VIEW)
    return _appointment(get_object_or_404(APPOINTMENTS, pk=appointment_id))


class NominateIn(InputSchema):
    kind: Literal["appoint", "acting"] = Field("appoint", description="appoint 任命 · acting 决定代理")  # fmt: skip
    person_id: Id
    post_id: Id = Field(description="由常委会任命的职务 · a post the standing committee fills")
    nominator: choice(Appointment.Nominator)
    nominated_on: dt.date
    motion: text(4000)


def _appointment_out(a: Appointment) -> dict[str, Any]:
    return _appointment(APPOINTMENTS.get(pk=a.pk))


expose(
    router,
    services.appointment_nominate,
    "/appointments",
    schema=NominateIn,
    response=AppointmentOut,
    out=_appointment_out,
    status=201,
    summary="登记提请任命 · Record a nomination · appointments.appointment.nominate",
    description="依据 · rule: §7.10. Refused for a person whose nomination to the post failed "
    "`appointment.failed_nomination_limit` times in the term.",
)


class ReliefIn(InputSchema):
    holding_id: Id = Field(description="现任、由常委会任命的任职 · a current holding of an appointed post")  # fmt: skip
    kind: Literal["remove", "dismiss", "resign"]
    nominator: choice(Appointment.Nominator)
    nominated_on: dt.date
    motion: text(4000)


expose(
    router,
    services.appointment_move_relief,
    "/relief-motions",
    schema=ReliefIn,
    response=AppointmentOut,
    out=_appointment_out,
    status=201,
    summary="登记提请免职、撤职或接受辞职 · Move a removal · appointments.appointment.move_relief",
    description="依据 · rule: §7.6. Voted like an appointment; carried, the holding ends on the day.",
)


class StatementIn(InputSchema):
    statement: text(6000)
    in_writing: bool = Field(False, description="本人不能到会，书面发言 · in writing when absent")


expose(
    router,
    services.appointment_record_statement,
    "/appointments/{appointment_id}/statement",
    schema=StatementIn,
    response=AppointmentOut,
    out=_appointment_out,
    summary="登记供职发言 · Record the statement · appointments.appointment.record_statement",
    description="依据 · rule: §7.9. Goes on the agenda ahead of the vote.",
)


class AppointmentVoteIn(InputSchema):
    meeting_id: Id = Field(description="尚未闭会的常委会会议 · an open standing-committee meeting")


expose(
    router,
    services.appointment_put_to_vote,
    "/appointments/{appointment_id}/put-to-vote",
    schema=AppointmentVoteIn,
    response=AppointmentOut,
    out=_appointment_out,
    summary="列入会议表决 · Put to the vote · appointments.appointment.put_to_vote",
    description="依据 · rule: §7.6–§7.8, S2. Needs the party committee's consent "
    "(`/approvals`), for an appointment a law-exam pass valid in the term, and the "
    "motion `appointment.motion_lead_days` before the meeting; a per-person poll.",
)
expose(
    router,
    services.appointment_record_vote,
    "/appointments/{appointment_id}/record-vote",
    response=AppointmentOut,
    out=_appointment_out,
    summary="登记表决结果 · Record the sealed vote · appointments.appointment.record_vote",
    description="依据 · rule: §7.6. After a manual count; carried, the person holds the post.",
)


class DeferIn(InputSchema):
    decided_on: dt.date
    reason: text(200)


expose(
    router,
    services.appointment_defer,
    "/appointments/{appointment_id}/defer",
    schema=DeferIn,
    response=AppointmentOut,
    out=_appointment_out,
    summary="暂缓任命 · Defer · appointments.appointment.defer",
    description="依据 · rule: §7.13. The council of chairpersons' decision, with its reason.",
)


class AppointmentWithdrawIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.appointment_withdraw,
    "/appointments/{appointment_id}/withdraw",
    schema=AppointmentWithdrawIn,
    response=AppointmentOut,
    out=_appointment_out,
    summary="撤回提请 · Withdraw · appointments.appointment.withdraw",
    description="依据 · rule: §7.6. Before the vote.",
)

expose(
    router,
    services.appointment_issue_certificate,
    "/appointments/{appointment_id}/certificate",
    response=AppointmentOut,
    out=_appointment_out,
    summary="签发任命书 · Issue the certificate · appointments.appointment.issue_certificate",
    description="依据 · rule: §7.11. Numbered per year; the Word file is at the page's download.",
)


class AnnounceIn(InputSchema):
    announcement: text(2000) = Field("", description="留空用标准文本 · empty for the standard text")


expose(
    router,
    services.appointment_announce,
    "/appointments/{appointment_id}/announce",
    schema=AnnounceIn,
    response=AppointmentOut,
    out=_appointment_out,
    summary="发布任命公告 · Publish the notice · appointments.appointment.announce",
    description="依据 · rule: §7.11. On the public site; due `appointment.notice_days` after "
    "the decision (`notice_overdue` until then).",
)
