"""Fixtures of the casework tests: a kind, a second unit with its officer, an assigned case."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from renda.accounts.models import Role, User
from renda.casework import services as cw
from renda.casework.kinds import ensure_kind
from renda.people.models import Organization

TZ = ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=TZ)


@pytest.fixture
def calendar_loaded(db):
    from renda.core.workdays import load_package_calendar

    load_package_calendar()


@pytest.fixture
def kind(db):
    return ensure_kind(code="test-kind", name="测试事项")


@pytest.fixture
def unit_b(jurisdiction):
    gov = Organization.objects.get(code="government")
    return Organization.objects.create(
        code="health-bureau", name="清河市卫生健康委", kind="government_department", parent=gov
    )


@pytest.fixture
def officer_b(unit_b):
    return User.objects.create_user(
        "t-officer-b", password="x", role=Role.UNIT_OFFICER, scope=unit_b
    )


@pytest.fixture
def case(users, kind):
    return cw.case_create(
        actor=users["staff"],
        kind=kind,
        title="关于增设学校的建议",
        summary="学位紧张",
        requesters=[users["deputy"].person],
        source_type="tests.thing",
        source_id=7,
    )


@pytest.fixture
def assigned(case, users, unit, calendar_loaded):
    return cw.case_assign(actor=users["staff"], case=case, lead=unit, now=at(2026, 3, 2))


@pytest.fixture
def handling(assigned, users):
    officer = users["unit_officer"]
    cw.assignment_receive(actor=officer, case=assigned, now=at(2026, 3, 3))
    cw.contact_log(
        actor=officer,
        case=assigned,
        contacted_on=dt.date(2026, 3, 4),
        method="phone",
        note="电话沟通",
        now=at(2026, 3, 4),
    )
    assigned.refresh_from_db()
    return assigned


def reply_kwargs(**over):
    data = {"text": "已经解决。", "result_class": "A", "signed_by_name": "张局长"}
    data.update(over)
    return data
