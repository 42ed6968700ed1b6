"""Route and API walker expectations for elections and appointments: the law exam (§7.8).

The office and the leaders read; the office acts. The walker's exam is set for next week,
with one candidate enrolled.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

ROUTES: dict = {
    "appointments:exams": ("GET", STAFF_SIDE, None),
    "appointments:exam_create": ("GET", OFFICE_STAFF, None),
    "appointments:passes": ("GET", STAFF_SIDE, None),
    "appointments:exam_detail": ("GET", STAFF_SIDE, "law_exam"),
    "appointments:exam_act": ("POST", OFFICE_STAFF, "law_exam_act"),
    "appointments:appointments": ("GET", STAFF_SIDE, None),
    "appointments:appointment_create": ("GET", OFFICE_STAFF, None),
    "appointments:relief_create": ("GET", OFFICE_STAFF, None),
    "appointments:candidates": ("GET", STAFF_SIDE | {"member"}, None),
    "appointments:appointment_detail": ("GET", STAFF_SIDE, "appointment"),
    "appointments:appointment_act": ("POST", OFFICE_STAFF, "appointment_act"),
    "appointments:certificate": ("GET", STAFF_SIDE, "certificate"),
    "appointments:certificate_pdf": ("GET", STAFF_SIDE, "certificate"),
    "appointments:elections": ("GET", STAFF_SIDE, None),
    "appointments:election_create": ("GET", OFFICE_STAFF, None),
    "appointments:election_detail": ("GET", STAFF_SIDE, "election"),
    "appointments:election_act": ("POST", OFFICE_STAFF, "election_act"),
    "appointments:ceremonies": ("GET", STAFF_SIDE, None),
    "appointments:ceremony_create": ("GET", OFFICE_STAFF, None),
    "appointments:ceremony_detail": ("GET", STAFF_SIDE, "ceremony"),
    "appointments:ceremony_act": ("POST", OFFICE_STAFF, "ceremony_act"),
    "portal:officials": ("GET", EVERYONE, None),
}
OPERATIONS: dict = {
    "appointments_exams_list": STAFF_SIDE,
    "appointments_exam_detail": STAFF_SIDE,
    "appointments_exam_pass": STAFF_SIDE,
    "appointments_exam_schedule": OFFICE_STAFF,
    "appointments_exam_enrol": OFFICE_STAFF,
    "appointments_exam_withdraw": OFFICE_STAFF,
    "appointments_exam_record": OFFICE_STAFF,
    "appointments_exam_cancel": OFFICE_STAFF,
    "appointments_list": STAFF_SIDE,
    "appointments_detail": STAFF_SIDE,
    "appointments_appointment_nominate": OFFICE_STAFF,
    "appointments_appointment_move_relief": OFFICE_STAFF,
    "appointments_appointment_record_statement": OFFICE_STAFF,
    "appointments_appointment_put_to_vote": OFFICE_STAFF,
    "appointments_appointment_record_vote": OFFICE_STAFF,
    "appointments_appointment_defer": OFFICE_STAFF,
    "appointments_appointment_withdraw": OFFICE_STAFF,
    "appointments_appointment_issue_certificate": OFFICE_STAFF,
    "appointments_appointment_announce": OFFICE_STAFF,
    "appointments_elections_list": STAFF_SIDE,
    "appointments_election_detail": STAFF_SIDE,
    "appointments_election_open": OFFICE_STAFF,
    "appointments_election_nominate": OFFICE_STAFF,
    "appointments_election_put_to_vote": OFFICE_STAFF,
    "appointments_election_record_vote": OFFICE_STAFF,
    "appointments_election_withdraw": OFFICE_STAFF,
    "appointments_oaths_list": STAFF_SIDE,
    "appointments_oath_detail": STAFF_SIDE,
    "appointments_oath_schedule": OFFICE_STAFF,
    "appointments_oath_add": OFFICE_STAFF,
    "appointments_oath_record": OFFICE_STAFF,
}
#: exams: schedule, enrol, withdraw, record, cancel; appointments: nominate, put to vote,
#: record the vote (an empty body), defer, withdraw, issue the certificate (an empty body),
#: announce, move a relief, record a statement; elections: open, nominate, put to the vote
#: and record the vote (empty bodies), withdraw; oaths: schedule, add, record.
REQUEST_BODIES = 22
PRIVATE_READS: tuple[str, ...] = (
    "/api/v1/law-exams",
    "/api/v1/law-exam-passes",
    "/api/v1/appointments",
    "/api/v1/oath-ceremonies",
    "/api/v1/elections",
)


def _exam(users, term):
    from renda.appointments import services
    from renda.people.models import Person

    exam = services.exam_schedule(
        actor=users["staff"],
        title="任前法律知识考试",
        held_on=max(term.start_date, timezone.localdate() + dt.timedelta(days=7)),
        place="机关会议室",
    )
    person = Person.objects.create(name="应考人", gender="male")
    services.exam_enrol(actor=users["staff"], exam=exam, person=person, post_sought="审判员")
    return exam


def _appointment(users, term):
    from renda.appointments import services
    from renda.people.models import Organization, Person, Post

    court = Organization.objects.filter(kind="court").first() or Organization.objects.create(
        code="court-w", name="中级人民法院", kind="court"
    )
    post, _ = Post.objects.get_or_create(
        organization=court,
        label="审判员",
        defaults={"role": "member", "elected_or_appointed": True},
    )
    return services.appointment_nominate(
        actor=users["staff"],
        person=Person.objects.create(name="拟任命人", gender="female"),
        post=post,
        nominator="court_president",
        nominated_on=max(term.start_date, timezone.localdate() - dt.timedelta(days=10)),
        motion="提请任命。",
    )


def objects(users, term) -> dict:
    exam = _exam(users, term)
    appointment = _appointment(users, term)
    return {
        "law_exam": {"pk": exam.pk},
        "law_exam_act": {"pk": exam.pk, "verb": "cancel"},
        "appointment": {"pk": appointment.pk},
        "appointment_act": {"pk": appointment.pk, "verb": "withdraw"},
        "certificate": {"pk": _issued(users, term).pk},
        "ceremony": {"pk": _ceremony(users).pk},
        "ceremony_act": {"pk": _ceremony(users).pk, "verb": "record"},
        "election": {"pk": _election(users, term).pk},
        "election_act": {"pk": _election(users, term).pk, "verb": "withdraw"},
    }


def _election(users, term):
    """An election opened at a session of the congress in progress."""
    from renda.appointments import services
    from renda.meetings.models import Meeting
    from renda.people.models import Organization, Post

    congress = Organization.objects.get(code="congress")
    day = timezone.localdate()
    meeting = Meeting.objects.create(
        kind="congress_session", body=congress, term=term, number=Meeting.objects.count() + 1,
        title="人民代表大会会议", starts_on=day, ends_on=day, status=Meeting.Status.IN_PROGRESS,
    )  # fmt: skip
    gov = Organization.objects.filter(kind="government").first() or Organization.objects.create(
        code="gov-w", name="人民政府", kind="government"
    )
    post, _ = Post.objects.get_or_create(
        organization=gov,
        label="副市长",
        defaults={"role": "deputy_head", "elected_or_appointed": True},
    )
    return services.election_open(
        actor=users["staff"], meeting=meeting, post=post, seats=1, office_kind="deputy_head"
    )


def _ceremony(users):
    from renda.appointments import services

    return services.oath_schedule(
        actor=users["staff"],
        held_on=timezone.localdate() + dt.timedelta(days=3),
        place="常委会会议厅",
    )


def _issued(users, term):
    """An appointment carried at an earlier meeting, its certificate issued."""
    from renda.appointments.models import Appointment

    a = _appointment(users, term)
    Appointment.objects.filter(pk=a.pk).update(
        status="appointed", decided_on=timezone.localdate(), certificate_no="清人常任字〔2026〕1号",
        certificate_issued_on=timezone.localdate(),
    )  # fmt: skip
    return a


def ids(users, term) -> dict:
    return {
        "exam_id": _exam(users, term).pk,
        "appointment_id": _appointment(users, term).pk,
        "ceremony_id": _ceremony(users).pk,
        "election_id": _election(users, term).pk,
    }
