"""Fixtures of the deputies' tests: six deputies of the term and congress sessions they miss."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.meetings import services as M
from renda.people.models import Deputy, Person
from tests.consent import consent_to


@pytest.fixture
def deputies(term, users):
    """Six deputies of the term; the deputy user's person is the first one."""
    persons = [users["deputy"].person] + [
        Person.objects.create(name=f"代表{i}", gender="female") for i in range(1, 6)
    ]
    return [Deputy.objects.create(person=p, term=term) for p in persons]


@pytest.fixture
def session(staff, term, deputies, django_capture_on_commit_callbacks):
    """``session(day, absent=[...], leave=[...], pending_leave=[...])``: a congress session
    held from schedule to close, its effects run as after a real commit."""

    def hold(day: dt.date, *, absent=(), leave=(), pending_leave=()):
        with django_capture_on_commit_callbacks(execute=True):
            m = M.meeting_schedule(
                actor=staff,
                kind="congress_session",
                term=term,
                starts_on=day,
                ends_on=day + dt.timedelta(days=3),
            )
        away = {d.person_id for d in (*absent, *leave, *pending_leave)}
        with django_capture_on_commit_callbacks(execute=True):
            for d in (*leave, *pending_leave):
                req = M.leave_request_create(actor=staff, meeting=m, person=d.person, reason="公务")
                if d in leave:
                    M.leave_request_decide(actor=staff, leave=req, approve=True, note="同意")
            for d in deputies:
                if d.person_id not in away:
                    M.attendance_sign_in(actor=staff, meeting=m, person=d.person)
        consent_to(m, actor=staff, on=min(m.starts_on, timezone.localdate()))
        with django_capture_on_commit_callbacks(execute=True):
            M.meeting_open(actor=staff, meeting=m)
        with django_capture_on_commit_callbacks(execute=True):
            M.meeting_close(actor=staff, meeting=m)
        return m

    return hold
