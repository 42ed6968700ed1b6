"""Suspension of a deputy's duties and its automatic end (代表法 Art. 61, rules.md §2.3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.core import periodic
from renda.core.actions import SystemActor
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.deputies import services
from renda.deputies.models import Suspension
from renda.people.models import Deputy

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 30)))


def _start(staff, deputy, **kw):
    return services.suspension_start(
        actor=staff,
        deputy=deputy,
        ground="detained",
        facts="2026年3月1日被公安机关刑事拘留。",
        starts_on=dt.date(2026, 3, 1),
        now=_at(TODAY),
        **kw,
    )


def test_restored_automatically_on_the_day_the_condition_ends(staff, deputies):
    d = deputies[2]
    s = _start(staff, d)
    d.refresh_from_db()
    assert d.status == Deputy.Status.SUSPENDED and d.is_seated
    services.suspension_set_end(
        actor=staff,
        suspension=s,
        ends_on=dt.date(2026, 4, 30),
        end_basis="检察院不起诉决定书",
        now=_at(TODAY),
    )
    assert services.restore_due(_at(dt.date(2026, 4, 29))) == 0
    d.refresh_from_db()
    assert d.status == Deputy.Status.SUSPENDED
    assert services.restore_due(_at(dt.date(2026, 4, 30))) == 1
    s.refresh_from_db()
    d.refresh_from_db()
    assert s.status == Suspension.Status.ENDED and s.restored_on == dt.date(2026, 4, 30)
    assert d.status == Deputy.Status.ACTIVE and d.status_date == dt.date(2026, 4, 30)
    assert services.restore_due(_at(dt.date(2026, 5, 1))) == 0  # nothing twice
    event = AuditEvent.objects.get(action="deputies.suspension.restore")
    assert event.actor_id is None  # the platform restored it


def test_the_daily_job_is_registered():
    job = next(j for j in periodic.jobs() if j.name == "deputies.restore_due")
    assert job.resolve() is services.restore_due and job.pass_now


def test_an_end_already_passed_restores_at_once(staff, deputies):
    d = deputies[3]
    s = _start(staff, d, ends_on=dt.date(2026, 3, 2), end_basis="取保候审后撤销案件")
    s.refresh_from_db()
    d.refresh_from_db()
    assert s.status == Suspension.Status.ENDED and d.status == Deputy.Status.ACTIVE


def test_restoring_leaves_a_mandate_that_ended_meanwhile(staff, deputies):
    from renda.people.services import deputy_change_status

    d = deputies[4]
    s = _start(staff, d)
    deputy_change_status(actor=staff, deputy=d, status="terminated", reason="被剥夺政治权利")
    services.suspension_set_end(
        actor=staff, suspension=s, ends_on=TODAY, end_basis="刑满释放", now=_at(TODAY)
    )
    s.refresh_from_db()
    d.refresh_from_db()
    assert s.status == Suspension.Status.ENDED and d.status == Deputy.Status.TERMINATED


def test_refusals(staff, users, deputies):
    d = deputies[1]
    with pytest.raises(PermissionDenied):
        services.suspension_start(actor=users["leader"], deputy=d, ground="detained", facts="x")
    with pytest.raises(DomainError) as exc:
        services.suspension_start(actor=staff, deputy=d, ground="nope", facts="x")
    assert exc.value.code == "invalid_choice"
    with pytest.raises(DomainError) as exc:
        _start(staff, d, ends_on=dt.date(2026, 2, 1))
    assert exc.value.code == "date_order"
    assert not Suspension.objects.exists()
    d.refresh_from_db()
    assert d.status == Deputy.Status.ACTIVE  # nothing half-written
    s = _start(staff, d)
    with pytest.raises(Conflict) as exc:
        _start(staff, d)
    assert exc.value.code == "deputy_not_active"
    with pytest.raises(Conflict) as exc:  # the platform restores only once the day has come
        services.suspension_restore(actor=SystemActor(None, "t"), suspension=s)
    assert exc.value.code == "suspension_not_ended"
    with pytest.raises(PermissionDenied):
        services.suspension_restore(actor=staff, suspension=s)
