"""The daily sweep: reminders at T-30, T-7, overdue and for ratings; running twice adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from renda.casework import services as cw
from renda.casework.models import Notification
from renda.casework.sweep import sweep
from renda.casework.tasks import casework_daily_sweep, next_run

from .conftest import at, reply_kwargs

pytestmark = pytest.mark.django_db


def test_deadline_reminders_rule_1_2(assigned, users):
    # Due 2026-06-02; no contact logged by 2026-03-30, the 20th working day (§1.10).
    assert sweep(dt.date(2026, 4, 1)) == {"contact_late": 1}
    assert sweep(dt.date(2026, 5, 10)) == {"due_30": 1}
    assert sweep(dt.date(2026, 5, 28)) == {"due_7": 1}
    assert sweep(dt.date(2026, 6, 3)) == {"overdue": 1}
    kinds = set(
        Notification.objects.filter(user=users["unit_officer"]).values_list("kind", flat=True)
    )
    assert {"due_30", "due_7", "overdue"} <= kinds


def test_sweep_is_idempotent(assigned, users):
    cw.case_mark_key(actor=users["staff"], case=assigned, leader=users["leader"])
    first = sweep(dt.date(2026, 5, 28))
    count = Notification.objects.count()
    # the unit's officer and the responsible leader (§1.4); no contact logged either (§1.10)
    assert first == {"due_7": 2, "contact_late": 2}
    assert sweep(dt.date(2026, 5, 28)) == {}
    assert sweep(dt.date(2026, 5, 29)) == {}  # same deadline, same reminder
    call_command("casework_sweep", "--date", "2026-05-28")
    assert Notification.objects.count() == count


def test_rating_due_reminder_rule_1_7(handling, users):
    cw.reply_submit(
        actor=users["unit_officer"], case=handling, **reply_kwargs(), now=at(2026, 4, 1)
    )
    assert sweep(dt.date(2026, 4, 10)) == {}
    assert sweep(dt.date(2026, 4, 20)) == {"rating_due": 1}
    assert Notification.objects.filter(user=users["deputy"], kind="rating_due").count() == 1
    cw.rating_submit(actor=users["deputy"], case=handling, value="satisfied", now=at(2026, 4, 21))
    assert sweep(dt.date(2026, 4, 22)) == {}


def test_task_runs_the_sweep(assigned):
    result = casework_daily_sweep.enqueue(date="2026-05-28", reschedule=False)
    assert result.return_value == {"due_7": 1, "contact_late": 1}


def test_next_run_is_tomorrow_after_midnight():
    assert next_run(at(2026, 5, 28, 23)) == at(2026, 5, 29, 0).replace(minute=5)


# -- First contact within 20 working days of the assignment (rules §1.10) ---------------------------


@pytest.fixture
def national_day_case(case, users, unit, calendar_loaded):
    """Assigned on Friday 2026-09-18: the 20 working days run over Mid-Autumn (09-25) and National Day
    (10-01..07), with the make-up working days Sunday 09-20 and Saturday 10-10: due Thursday 2026-10-22."""
    return cw.case_assign(actor=users["staff"], case=case, lead=unit, now=at(2026, 9, 18))


def test_first_contact_deadline_counts_working_days_over_national_day(national_day_case):
    from renda.core import workdays

    lead = national_day_case.assignments.get(role="lead")
    assert lead.contact_due_on == workdays.add_working_days(dt.date(2026, 9, 18), 20)
    assert lead.contact_due_on == dt.date(2026, 10, 22)
    assert national_day_case.kind.contact_workdays == 20


def test_sweep_alerts_once_when_no_contact_in_time(national_day_case, users, client_for):
    from django.urls import reverse

    assert sweep(dt.date(2026, 10, 22)) == {}  # the last day is still in time
    assert sweep(dt.date(2026, 10, 23)) == {"contact_late": 1}
    assert sweep(dt.date(2026, 10, 26)) == {}  # idempotent: keyed by case, kind and deadline
    note = Notification.objects.get(user=users["unit_officer"], kind="contact_late")
    assert "2026-10-22" in note.text and note.key_date == dt.date(2026, 10, 22)

    import time_machine

    with time_machine.travel(dt.datetime(2026, 10, 23, 10, tzinfo=dt.UTC), tick=False):
        queue = (
            client_for("unit_officer")
            .get(reverse("casework:queue"), {"tab": "nocontact"})
            .content.decode()
        )
        assert national_day_case.title in queue and "未按期联系" in queue
        staff = client_for("staff")
        page = staff.get(reverse("casework:overdue"), {"due": "nocontact"}).content.decode()
        assert national_day_case.title in page and "未按期联系" in page
        assert (
            national_day_case.title not in staff.get(reverse("casework:overdue")).content.decode()
        )


def test_a_contact_in_time_raises_no_alert(national_day_case, users, client_for):
    from django.urls import reverse

    officer = users["unit_officer"]
    cw.assignment_receive(actor=officer, case=national_day_case, now=at(2026, 9, 21))
    cw.contact_log(
        actor=officer,
        case=national_day_case,
        contacted_on=dt.date(2026, 10, 21),
        method="visit",
        note="走访代表",
        now=at(2026, 10, 21),
    )
    assert national_day_case.assignments.get(role="lead").first_contact_on == dt.date(2026, 10, 21)
    assert sweep(dt.date(2026, 10, 23)) == {}
    import time_machine

    with time_machine.travel(dt.datetime(2026, 10, 23, 10, tzinfo=dt.UTC), tick=False):
        page = (
            client_for("staff")
            .get(reverse("casework:overdue"), {"due": "nocontact"})
            .content.decode()
        )
        assert national_day_case.title not in page


def test_a_kind_without_first_contact_deadline(case, users, unit, calendar_loaded):
    case.kind.contact_workdays = 0
    case.kind.save()
    assigned = cw.case_assign(actor=users["staff"], case=case, lead=unit, now=at(2026, 9, 18))
    assert assigned.assignments.get(role="lead").contact_due_on is None
    assert sweep(dt.date(2026, 12, 1)).get("contact_late") is None
