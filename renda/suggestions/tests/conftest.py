"""Fixtures: the deputy user's mandate, two more deputies, a congress session and handling units."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def deputy(users, term):
    from renda.people.models import Deputy

    return Deputy.objects.create(person=users["deputy"].person, term=term)


@pytest.fixture
def other_deputies(term):
    from renda.accounts.models import Role, User
    from renda.people.models import Deputy, Person

    result = []
    for n in (1, 2):
        person = Person.objects.create(name=f"联名代表{n}", gender="male")
        User.objects.create_user(
            f"t-deputy{n}", password="x", role=Role.DEPUTY, person=person, email=f"d{n}@example.org"
        )
        result.append(Deputy.objects.create(person=person, term=term))
    return result


@pytest.fixture
def session(term, users):
    from renda.meetings.services import meeting_schedule

    return meeting_schedule(
        actor=users["admin"],
        kind="congress_session",
        term=term,
        starts_on=dt.date(2026, 1, 12),
        ends_on=dt.date(2026, 1, 16),
        number=1,
    )


@pytest.fixture
def units(unit):
    from renda.people.models import Organization

    gov = Organization.objects.get(code="government")
    transport = Organization.objects.create(
        code="transport",
        name="清河市交通运输局",
        kind=Organization.Kind.GOVERNMENT_DEPARTMENT,
        parent=gov,
    )
    finance = Organization.objects.create(
        code="finance",
        name="清河市财政局",
        kind=Organization.Kind.GOVERNMENT_DEPARTMENT,
        parent=gov,
    )
    return {"education": unit, "transport": transport, "finance": finance}


@pytest.fixture
def make_suggestion(users, deputy):
    from renda.suggestions import services as S

    def make(
        title="关于加强乡村教师队伍建设的建议",
        content="乡村教师编制不足，待遇偏低。建议提高乡村教师待遇。",
        status="submitted",
        **kwargs,
    ):
        s = S.suggestion_create(
            actor=users["deputy"], title=title, content=content, category="education", **kwargs
        )
        if status in ("submitted", "accepted"):
            S.suggestion_submit(actor=users["deputy"], suggestion=s)
        if status == "accepted":
            S.suggestion_accept(actor=users["staff"], suggestion=s)
        s.refresh_from_db()
        return s

    return make


@pytest.fixture
def handled(make_suggestion, users, units, db):
    """Return a function that takes a suggestion through the engine: assigned, replied, rated."""
    from zoneinfo import ZoneInfo

    from renda.casework import services as cw
    from renda.core.workdays import load_package_calendar
    from renda.suggestions.assignment import UnitProposal, suggestion_assign

    load_package_calendar()
    tz = ZoneInfo("Asia/Shanghai")
    start = dt.datetime(2026, 3, 2, 10, tzinfo=tz)

    def make(
        unit="education",
        result=None,
        rating=None,
        late=False,
        title=None,
        publishable=True,
        approve=True,
        **kwargs,
    ):
        s = make_suggestion(status="accepted", **({"title": title} if title else {}), **kwargs)
        suggestion_assign(
            actor=users["staff"],
            suggestion=s,
            lead=units[unit],
            now=start,
            proposal=UnitProposal([], []),
        )
        s.refresh_from_db()
        if result is None:
            return s
        from renda.accounts.models import Role, User

        officer = User.objects.filter(
            role=Role.UNIT_OFFICER, scope=units[unit]
        ).first() or User.objects.create_user(
            f"officer-{unit}", password="x", role=Role.UNIT_OFFICER, scope=units[unit]
        )
        case = s.case
        cw.assignment_receive(actor=officer, case=case, now=start + dt.timedelta(days=1))
        cw.contact_log(
            actor=officer,
            case=case,
            contacted_on=dt.date(2026, 3, 4),
            method="phone",
            note="电话沟通",
            now=start + dt.timedelta(days=2),
        )
        cw.reply_submit(
            actor=officer,
            case=case,
            text="经研究，已经落实。",
            result_class=result,
            signed_by_name="张局长",
            publishable=publishable,
            withhold_reason="" if publishable else "涉及个人隐私",
            now=start + dt.timedelta(days=10),
        )
        if publishable and approve:
            # The office approves the public reply (答复公开审核) the next day.
            cw.reply_publish(actor=users["staff"], case=case, now=start + dt.timedelta(days=11))
        if rating:
            when = start + dt.timedelta(days=80 if late else 12)
            cw.rating_submit(
                actor=users["deputy"],
                case=case,
                value=rating,
                comment="" if rating != "dissatisfied" else "未解决",
                now=when,
            )
        s.refresh_from_db()
        return s

    return make
