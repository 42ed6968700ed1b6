"""Route and API walker expectations for deputies (see tests/walkers/__init__.py).

The walker's matter was raised by the office and waits for the committee's report; the
suspension is in force with no end day yet.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.walkers import OFFICE_STAFF, STAFF_SIDE

DEPUTY = frozenset({"deputy"})

ROUTES: dict = {
    "deputies:matters": ("GET", STAFF_SIDE, None),
    "deputies:matter_create": ("GET", OFFICE_STAFF, None),
    "deputies:matter_detail": ("GET", STAFF_SIDE, "deputies_matter"),
    "deputies:matter_act": ("POST", OFFICE_STAFF, "deputies_matter_act"),
    "deputies:suspensions": ("GET", STAFF_SIDE, None),
    "deputies:suspension_create": ("GET", OFFICE_STAFF, None),
    "deputies:suspension_detail": ("GET", STAFF_SIDE, "deputies_suspension"),
    "deputies:suspension_set_end": ("POST", OFFICE_STAFF, "deputies_suspension"),
    # Duty records: the walker's deputy reads their own (my-record); another's is 404 to them.
    "deputies:home": ("GET", DEPUTY, None),
    "deputies:my_record": ("GET", DEPUTY, None),
    "deputies:records": ("GET", STAFF_SIDE, None),
    "deputies:records_xlsx": ("GET", STAFF_SIDE, None),
    "deputies:record": ("GET", STAFF_SIDE, "deputies_record"),
    "deputies:record_docx": ("GET", STAFF_SIDE, "deputies_record"),
    "deputies:activity_add": ("POST", OFFICE_STAFF, "deputies_record"),
    "deputies:activities": ("GET", OFFICE_STAFF, None),
    "deputies:activity_review": ("POST", OFFICE_STAFF, "deputies_activity_review"),
    # Training: the staff side reads courses and coverage; a deputy has their own page.
    "deputies:courses": ("GET", STAFF_SIDE, None),
    "deputies:course_create": ("GET", OFFICE_STAFF, None),
    "deputies:training_coverage": ("GET", STAFF_SIDE, None),
    "deputies:training_coverage_xlsx": ("GET", STAFF_SIDE, None),
    "deputies:course_detail": ("GET", STAFF_SIDE, "deputies_course"),
    "deputies:course_act": ("POST", OFFICE_STAFF, "deputies_course_act"),
    "deputies:course_join": ("POST", DEPUTY, "deputies_course"),
    "deputies:course_sign_in": ("POST", DEPUTY, "deputies_course"),
    "deputies:enrolment_withdraw": ("POST", OFFICE_STAFF | DEPUTY, "deputies_enrolment"),
    "deputies:my_training": ("GET", DEPUTY, None),
}
OPERATIONS: dict = {
    # Not public: the office and the leaders read them; the office writes.
    "deputies_qualification_list": STAFF_SIDE,
    "deputies_qualification_detail": STAFF_SIDE,
    "deputies_suspensions_list": STAFF_SIDE,
    "deputies_suspensions_detail": STAFF_SIDE,
    "deputies_qualification_open": OFFICE_STAFF,
    "deputies_qualification_report": OFFICE_STAFF,
    "deputies_qualification_announce": OFFICE_STAFF,
    "deputies_qualification_dismiss": OFFICE_STAFF,
    "deputies_suspension_start": OFFICE_STAFF,
    "deputies_suspension_set_end": OFFICE_STAFF,
    # Another deputy's record is 404 to the walker's deputy (allowed to ask, not to see).
    "deputies_duty_record": STAFF_SIDE | DEPUTY,
    "deputies_activities_list": OFFICE_STAFF | DEPUTY,
    "deputies_activity_add": OFFICE_STAFF | DEPUTY,
    "deputies_activity_accept": OFFICE_STAFF,
    "deputies_activity_reject": OFFICE_STAFF,
    "deputies_training_list": STAFF_SIDE | DEPUTY,
    "deputies_training_detail": STAFF_SIDE | DEPUTY,
    "deputies_training_create": OFFICE_STAFF,
    "deputies_training_enrol": OFFICE_STAFF,
    "deputies_training_record_attendance": OFFICE_STAFF,
    # The administrator holds every permission: the action then finds no mandate of theirs
    # (403), unless the walker's empty body is refused first (sign-in needs its code).
    "deputies_training_join": DEPUTY,
    "deputies_training_sign_in": DEPUTY | {"admin"},
    "deputies_training_close": OFFICE_STAFF,
    "deputies_training_cancel": OFFICE_STAFF,
    "deputies_training_withdraw": OFFICE_STAFF | DEPUTY,
    "deputies_training_coverage": STAFF_SIDE,
}
#: open, report, announce, dismiss, start, set_end; activity add, accept, reject; training
#: create, enrol, attendance, join, sign-in, close, cancel, withdraw.
REQUEST_BODIES = 17
PRIVATE_READS: tuple[str, ...] = (
    "/api/v1/qualification-matters",
    "/api/v1/suspensions",
    "/api/v1/duty-records",
    "/api/v1/duty-activities",
    "/api/v1/training-courses",
    "/api/v1/training-coverage",
)


def _fixture(users, term) -> dict:
    from renda.deputies import services
    from renda.people.models import Deputy, Person

    staff = users["staff"]
    deputies = [
        Deputy.objects.create(person=Person.objects.create(name=n, gender="male"), term=term)
        for n in ("周资格", "吴暂停")
    ]
    matter = services.qualification_open(
        actor=staff, deputy=deputies[0], ground="moved_away", facts="已调往外省工作。"
    )
    suspension = services.suspension_start(
        actor=staff, deputy=deputies[1], ground="detained", facts="被刑事拘留。"
    )
    activity = services.activity_add(
        actor=users["deputy"],
        deputy=Deputy.objects.get(person=users["deputy"].person, term=term),
        kind="visit",
        held_on=term.start_date,
        title="走访选民",
    )
    today = timezone.localdate()
    course = services.training_create(
        actor=staff, title="代表履职培训", topic="代表法", organiser="代表工委", place="党校",
        starts_on=today, ends_on=today + dt.timedelta(days=1),
    )  # fmt: skip
    own = Deputy.objects.get(person=users["deputy"].person, term=term)
    services.training_enrol(actor=staff, course=course, deputies=[own, deputies[0]])
    return {
        "matter": matter, "suspension": suspension, "deputy": deputies[0], "activity": activity,
        "course": course, "enrolment": course.enrolments.get(deputy=own),
    }  # fmt: skip


def objects(users, term) -> dict:
    f = _fixture(users, term)
    return {
        "deputies_matter": {"pk": f["matter"].pk},
        "deputies_matter_act": {"pk": f["matter"].pk, "verb": "report"},
        "deputies_suspension": {"pk": f["suspension"].pk},
        "deputies_record": {"pk": f["deputy"].pk},
        "deputies_activity_review": {"pk": f["activity"].pk, "verb": "accept"},
        "deputies_course": {"pk": f["course"].pk},
        "deputies_course_act": {"pk": f["course"].pk, "verb": "enrol"},
        "deputies_enrolment": {"pk": f["enrolment"].pk},
    }


def ids(users, term) -> dict:
    f = _fixture(users, term)
    return {
        "qualification_matter_id": f["matter"].pk,
        "suspension_id": f["suspension"].pk,
        "duty_activity_id": f["activity"].pk,
        "training_course_id": f["course"].pk,
        "training_enrolment_id": f["enrolment"].pk,
    }
