"""The duty record equals what the underlying records say (S25, §2.4): a property test over
random activity, for a year and for the whole term, through the one-deputy reading and the
grouped reading of a delegation list."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renda.casework.kinds import ensure_kind
from renda.casework.models import Case, Rating
from renda.deputies.duty_record import FIGURE_KEYS, Period, duty_record, figures_for
from renda.deputies.models import (
    Contact,
    DutyActivity,
    LiaisonStation,
    Reception,
    TrainingCourse,
    TrainingEnrolment,
    VoterMessage,
    VoterReport,
)
from renda.meetings.models import Attendance, Meeting
from renda.people.models import Deputy, Organization, Person
from renda.suggestions.models import CoSigner, Suggestion
from renda.supervision.models import Inspection, InspectionMember

pytestmark = pytest.mark.django_db

N = 3  # deputies
DAYS = st.dates(dt.date(2022, 1, 10), dt.date(2026, 12, 31))
KINDS = st.sampled_from(["congress_session", "sc_meeting"])
ATTENDANCE = st.sampled_from(["present", "on_leave", "absent", "expected"])
ROLES = st.sampled_from(["voting", "non_voting", "reporter"])
MEETING_STATUS = st.sampled_from(["closed", "in_progress", "scheduled"])
SUGGESTION_STATUS = st.sampled_from(["draft", "submitted", "accepted", "assigned", "withdrawn"])
RATINGS = st.lists(st.sampled_from(["satisfied", "basically", "dissatisfied"]), max_size=2)

meetings = st.lists(
    st.tuples(
        KINDS, DAYS, MEETING_STATUS, st.lists(st.tuples(ATTENDANCE, ROLES), min_size=N, max_size=N)
    ),
    max_size=5,
)
suggestions = st.lists(
    st.tuples(
        st.integers(0, N - 1), SUGGESTION_STATUS, DAYS,
        st.lists(st.tuples(st.integers(0, N - 1), st.booleans()), max_size=2), RATINGS,
    ),
    max_size=5,
)  # fmt: skip
activities = st.lists(
    st.tuples(st.integers(0, N - 1), DAYS, st.sampled_from(["submitted", "accepted", "rejected"])),
    max_size=4,
)
inspections = st.lists(st.tuples(DAYS, st.sets(st.integers(0, N - 1))), max_size=2)
ENROLMENT = st.sampled_from(["enrolled", "attended", "absent", "withdrawn"])
trainings = st.lists(st.tuples(DAYS, st.lists(ENROLMENT, min_size=N, max_size=N)), max_size=3)
RECEPTION = st.sampled_from(["scheduled", "held", "cancelled"])
receptions = st.lists(st.tuples(DAYS, RECEPTION, st.sets(st.integers(0, N - 1))), max_size=3)
contacts = st.lists(
    st.tuples(st.integers(0, N - 1), DAYS, st.sampled_from(["counted", "struck"])), max_size=4
)

REPORT = st.sampled_from(["planned", "held", "cancelled"])
reports = st.lists(st.tuples(st.integers(0, N - 1), DAYS, REPORT), max_size=3)
LETTER = st.sampled_from(["received", "answered", "dismissed"])
letters = st.lists(st.tuples(st.integers(0, N - 1), DAYS, LETTER), max_size=3)


def _in(day: dt.date, period: Period) -> bool:
    return period.start <= day <= period.end


def _expected(spec, period: Period) -> list[Counter]:
    out = [Counter() for _ in range(N)]
    names = {
        "present": "sessions_present",
        "on_leave": "sessions_on_leave",
        "absent": "sessions_absent",
    }
    for kind, day, status, rows in spec["meetings"]:
        if status == "scheduled" or not _in(day, period):
            continue
        for i, (attendance, role) in enumerate(rows):
            if role == "reporter":
                continue
            if kind == "congress_session" and attendance in names:
                out[i][names[attendance]] += 1
            elif kind != "congress_session" and attendance == "present":
                out[i]["other_meetings_present"] += 1
    for lead, status, day, cosigners, ratings in spec["suggestions"]:
        if status in ("draft", "withdrawn") or not _in(day, period):
            continue
        out[lead]["suggestions_lead"] += 1
        if ratings and ratings[-1] == "satisfied":
            out[lead]["suggestions_satisfied"] += 1
        first = {}  # _build records each co-signer once, as first listed
        for c, ok in cosigners:
            first.setdefault(c, ok)
        confirmed = {c for c, ok in first.items() if ok and c != lead}
        for c in confirmed:
            out[c]["suggestions_cosigned"] += 1
    for i, day, status in spec["activities"]:
        if status == "accepted" and _in(day, period):
            out[i]["activities"] += 1
    for day, members in spec["inspections"]:
        if _in(day, period):
            for i in members:
                out[i]["inspection"] += 1
    for day, rows in spec["trainings"]:
        if _in(day, period):
            for i, status in enumerate(rows):
                out[i]["trainings"] += status == "attended"
    for day, status, received in spec["receptions"]:
        if status == "held" and _in(day, period):
            for i in received:
                out[i]["receptions"] += 1
    for i, day, status in spec["contacts"]:
        if status == "counted" and _in(day, period):
            out[i]["voter_contacts"] += 1
    for i, day, status in spec["reports"]:
        if status == "held" and _in(day, period):
            out[i]["voter_reports"] += 1
    for i, day, status in spec["letters"]:
        if status == "answered" and _in(day, period):
            out[i]["letters_answered"] += 1
    return out


def _build(spec, term, deputies) -> None:
    congress = Organization.objects.get(code="congress")
    sc = Organization.objects.get(code="standing-committee")
    for n, (kind, day, status, rows) in enumerate(spec["meetings"], 1):
        m = Meeting.objects.create(
            kind=kind, body=congress if kind == "congress_session" else sc, term=term, number=n,
            title=f"会议{n}", starts_on=day, ends_on=day, status=status,
        )  # fmt: skip
        Attendance.objects.bulk_create(
            Attendance(meeting=m, person=d.person, status=a, role=r)
            for d, (a, r) in zip(deputies, rows, strict=True)
        )
    kind = ensure_kind(code="suggestion", name="代表建议")
    for n, (lead, status, day, cosigners, ratings) in enumerate(spec["suggestions"]):
        case = Case.objects.create(kind=kind, title=f"建议{n}") if ratings else None
        s = Suggestion.objects.create(
            term=term, title=f"建议{n}", content="内容", lead_deputy=deputies[lead], status=status,
            submitted_at=timezone.make_aware(dt.datetime.combine(day, dt.time(23, 30))), case=case,
        )  # fmt: skip
        seen = set()
        for c, ok in cosigners:
            if c not in seen:
                seen.add(c)
                CoSigner.objects.create(
                    suggestion=s, deputy=deputies[c], confirmed_at=timezone.now() if ok else None
                )
        for rnd, value in enumerate(ratings, 1):
            Rating.objects.create(
                case=case, round=rnd, requester=deputies[lead].person, value=value,
                rated_at=timezone.now() + dt.timedelta(days=rnd),
            )  # fmt: skip
    for i, day, status in spec["activities"]:
        DutyActivity.objects.create(
            deputy=deputies[i], kind="visit", held_on=day, title="走访", status=status
        )
    for n, (day, members) in enumerate(spec["inspections"]):
        ins = Inspection.objects.create(title=f"检查{n}", law="某法", starts_on=day, ends_on=day)
        for i in members:
            InspectionMember.objects.create(
                inspection=ins, person=deputies[i].person, role="deputy"
            )
    for n, (day, rows) in enumerate(spec["trainings"]):
        course = TrainingCourse.objects.create(
            term=term, title=f"培训{n}", topic="主题", organiser="代表工委", place="党校",
            starts_on=day, ends_on=day, sign_in_code="ABCDEF",
        )  # fmt: skip
        TrainingEnrolment.objects.bulk_create(
            TrainingEnrolment(course=course, deputy=d, status=status)
            for d, status in zip(deputies, rows, strict=True)
        )
    station = LiaisonStation.objects.create(name="联络站", area="街道", address="某路1号")
    for day, status, received in spec["receptions"]:
        r = Reception.objects.create(
            station=station, on_date=day, starts_at=dt.time(9), ends_at=dt.time(11), status=status
        )
        r.received_by.set([deputies[i] for i in received])
    for i, day, status in spec["contacts"]:
        Contact.objects.create(
            kind="deputy_voter", on_date=day, person=deputies[i].person, deputy=deputies[i],
            voters=3, summary="走访", status=status,
        )  # fmt: skip
    for n, (i, day, status) in enumerate(spec["letters"]):
        # a dismissed letter may carry an answer from before; it still does not count
        answered = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 30)))
        VoterMessage.objects.create(
            code=f"CODE-{n:04d}-TEST", deputy=deputies[i], subject="来信", body="内容",
            received_at=answered, status=status, answer="答复" if status != "received" else "",
            answered_at=answered if status != "received" else None,
        )  # fmt: skip
    for i, day, status in spec["reports"]:
        VoterReport.objects.create(
            deputy=deputies[i], unit="第一选区", held_on=day, place="社区", status=status,
            attendance=40 if status == "held" else None,
        )  # fmt: skip


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    spec=st.fixed_dictionaries(
        {"meetings": meetings, "suggestions": suggestions, "activities": activities,
         "inspections": inspections, "trainings": trainings, "receptions": receptions,
         "contacts": contacts, "reports": reports,
         "letters": letters}
    ),
    year=st.sampled_from([None, 2022, 2024, 2026]),
)  # fmt: skip
def test_the_record_equals_the_underlying_data(term, spec, year):
    with transaction.atomic():
        deputies = [
            Deputy.objects.create(
                person=Person.objects.create(name=f"代表{i}", gender="male"), term=term
            )
            for i in range(N)
        ]
        _build(spec, term, deputies)
        period = Period.of(deputies[0], year)
        expected = _expected(spec, period)
        grouped = figures_for(deputies, period)
        for i, d in enumerate(deputies):
            want = {key: expected[i][key] for key in FIGURE_KEYS}
            assert duty_record(d, year).figures() == want, (i, year)
            assert grouped[d.pk] == want, (i, year)
        transaction.set_rollback(True)
