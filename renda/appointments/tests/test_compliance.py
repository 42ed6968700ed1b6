"""The compliance view's appointment rules on the appointments' own records: the law exam
before appointing (§7.8), the notice in time (§7.11) and the oath (§7.12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.appointments import services
from renda.appointments.models import Appointment
from renda.compliance.registry import evaluate
from renda.people.models import Person

from .test_appointments import _passed
from .test_oaths import _appointment

pytestmark = pytest.mark.django_db


def status(code):
    today = timezone.localdate()
    return evaluate(code, today.year, today).verdict


def test_exam_notice_and_oath_of_the_years_appointments(staff, term, post):
    assert status("§7.8").status == "not_applicable" and status("§7.12").status == "not_applicable"
    a = _appointment(staff, post, "甲任")  # appointed today, without a pass on record
    v = status("§7.8")
    assert v.status == "broken" and "1 人未见有效的任前法律知识考试合格记录" in v.summary
    assert v.evidence[0].url.endswith(f"/{a.pk}/")
    _passed(staff, a.person)
    assert status("§7.8").status == "met"
    assert status("§7.12").status == "at_risk"  # this year: not sworn yet
    leader = Person.objects.create(name="贺主任", gender="male")
    ceremony = services.oath_schedule(actor=staff, held_on=timezone.localdate(), place="会议厅")
    services.oath_add(actor=staff, ceremony=ceremony, appointment=a)
    services.oath_record(actor=staff, ceremony=ceremony, led_by=leader, witnesses="组成人员", absent=[])  # fmt: skip
    assert status("§7.12").status == "met"
    Appointment.objects.filter(pk=a.pk).update(notice_due_on=timezone.localdate() - dt.timedelta(days=1), announced_on=None)  # fmt: skip
    assert status("§7.11").status == "broken"
    Appointment.objects.filter(pk=a.pk).update(announced_on=timezone.localdate() - dt.timedelta(days=2))  # fmt: skip
    assert status("§7.11").status == "met"
