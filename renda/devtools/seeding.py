"""Write the demo city of :func:`renda.devtools.generator.build_plan` to the database.

Structure goes through the people services (``jurisdiction_setup``, ``term_create``,
``post_create``), which check their rules and audit themselves; the hundreds of
persons, mandates and memberships go in with ``bulk_create`` for speed, and one
``devtools.demo_seeded`` audit event records what was added. The working-day
calendar is loaded when it is empty. All in one transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import User
from renda.core.audit import audit_record
from renda.core.errors import Conflict
from renda.core.models import CalendarDay
from renda.core.workdays import load_package_calendar
from renda.people.models import Deputy, Jurisdiction, Membership, Organization, Person, Post
from renda.people.services import jurisdiction_setup, post_create, term_create

from . import demo_data as D
from .appointments_demo import seed_appointments
from .budget_demo import seed_budget
from .compliance_demo import seed_party, seed_published
from .decisions_demo import seed_decisions
from .deputies_demo import seed_deputies
from .filings_demo import seed_filing_revocation, seed_filings
from .generator import DemoPlan, build_plan
from .legislation_demo import seed_legislation
from .meetings_demo import seed_meetings
from .news_demo import seed_news
from .suggestions_seed import seed_suggestions
from .supervision_demo import seed_supervision


@dataclass(frozen=True)
class SeedResult:
    seed: int
    jurisdiction: Jurisdiction
    counts: dict[str, int]


def demo_exists() -> bool:
    """Return whether the database already holds a jurisdiction (demo or real)."""
    return Jurisdiction.objects.exists()


def seed_demo(*, seed: int = D.DEFAULT_SEED) -> SeedResult:
    """Build the demo city for ``seed`` in an empty database, in one transaction."""
    plan = build_plan(seed)
    with transaction.atomic():
        if demo_exists():
            raise Conflict("demo_not_empty", _("数据库中已有行政区域，不能再载入演示数据。"))
        taken = sorted(
            User.objects.filter(username__in=[u.username for u in plan.users]).values_list(
                "username", flat=True
            )
        )
        if taken:
            raise Conflict(
                "demo_usernames_taken",
                _("演示账户的用户名已被占用：{names}。"),
                names=", ".join(taken),
            )
        return _write(plan)


def _write(plan: DemoPlan) -> SeedResult:
    admin_row = next(u for u in plan.users if u.role == "admin")
    admin = User.objects.create(
        username=admin_row.username,
        role=admin_row.role,
        display_name=admin_row.display_name,
        password=make_password(admin_row.password),
        is_staff=True,
        is_superuser=True,
    )
    jurisdiction = jurisdiction_setup(
        actor=admin,
        name=D.CITY_NAME,
        level=Jurisdiction.Level.CITY,
        population=D.CITY_POPULATION,
        name_en=D.CITY_NAME_EN,
    )
    congress = Organization.objects.get(code="congress")
    term = term_create(
        actor=admin,
        congress=congress,
        number=D.TERM_NUMBER,
        start_date=D.TERM_START,
        end_date=D.TERM_END,
    )

    orgs = {o.code: o for o in Organization.objects.all()}
    new_orgs = []
    for row in plan.organizations:
        org = Organization(
            code=row.code,
            name=row.name,
            name_en=row.name_en,
            kind=row.kind,
            parent=orgs[row.parent] if row.parent else None,
            abbreviation=row.abbreviation,
            sort_order=row.sort_order,
        )
        org.refresh_search_text()
        new_orgs.append(org)
    Organization.objects.bulk_create(new_orgs)
    orgs = {o.code: o for o in Organization.objects.all()}

    persons = []
    for row in plan.persons:
        person = Person(
            name=row.name,
            gender=row.gender,
            ethnicity=row.ethnicity,
            birth_year=row.birth_year,
            party=row.party,
            education=row.education,
            occupation=row.occupation,
            address=row.address,
        )
        person.refresh_search_text()
        persons.append(person)
    Person.objects.bulk_create(persons)
    if any(p.pk is None for p in persons):  # pragma: no cover - backends without RETURNING
        by_name = dict(Person.objects.values_list("name", "pk"))
        for p in persons:
            p.pk = by_name[p.name]

    Deputy.objects.bulk_create(
        [
            Deputy(
                person=persons[row.person],
                term=term,
                constituency=row.constituency,
                electing_unit=row.electing_unit,
                occupation_category=row.category,
                is_reelected=row.is_reelected,
                elected_on=row.elected_on,
                status=row.status,
                status_date=row.status_date,
                status_reason=row.status_reason,
            )
            for row in plan.deputies
        ]
    )

    posts: dict[tuple[str, str], Post] = {}
    for row in plan.posts:
        posts[(row.organization, row.label)] = post_create(
            actor=admin,
            organization=orgs[row.organization],
            label=row.label,
            role=row.role,
            elected_or_appointed=row.elected_or_appointed,
            sort_order=row.sort_order,
        )

    Membership.objects.bulk_create(
        [
            Membership(
                person=persons[row.person],
                organization=orgs[row.organization],
                role=row.role,
                post=posts[(row.organization, row.post)] if row.post else None,
                term=term if row.in_term else None,
                start_date=row.start_date,
                end_date=row.end_date,
                end_reason=row.end_reason,
                is_full_time=row.is_full_time,
            )
            for row in plan.memberships
        ]
    )

    for row in plan.users:
        if row.role == "admin":
            continue
        User.objects.create(
            username=row.username,
            role=row.role,
            display_name=row.display_name,
            password=make_password(row.password),
            person=persons[row.person] if row.person is not None else None,
            scope=orgs[row.scope] if row.scope else None,
        )

    # Deadlines in working days need the holiday calendar; keep any days staff entered.
    calendar_days = 0 if CalendarDay.objects.exists() else load_package_calendar()

    meetings = seed_meetings(actor=admin, term=term)
    suggestions = seed_suggestions(actor=admin, term=term, seed=plan.seed)
    supervision = seed_supervision(actor=admin, term=term, seed=plan.seed)
    filings = seed_filings(actor=admin, term=term, seed=plan.seed)
    decisions = seed_decisions(actor=admin, term=term, seed=plan.seed)
    filings |= seed_filing_revocation(actor=admin)  # at the meeting the decisions opened
    deputies = seed_deputies(actor=admin, term=term)
    appointments = seed_appointments(actor=admin, term=term)
    legislation = seed_legislation(actor=admin, term=term)
    budget = seed_budget(actor=admin)
    party = seed_party(actor=admin) | seed_published(actor=admin)
    seed_news(actor=admin)
    _settle_dates()

    handling = sum(1 for o in orgs.values() if o.kind in Organization.HANDLING_UNIT_KINDS)
    counts = {
        "organizations": len(orgs),
        "delegations": sum(1 for o in orgs.values() if o.kind == Organization.Kind.DELEGATION),
        "handling_units": handling,
        "persons": len(persons),
        "deputies": Deputy.objects.filter(term=term).count(),  # by-elections included
        "standing_committee": sum(
            1 for m in plan.memberships if m.organization == "standing-committee"
        ),
        "posts": len(posts),
        "memberships": len(plan.memberships),
        "users": len(plan.users),
        "calendar_days": calendar_days,
        **meetings,
        **suggestions,
        **supervision,
        **filings,
        **decisions,
        **deputies,
        **appointments,
        **legislation,
        **budget,
        **party,
    }
    audit_record(
        actor=admin,
        action="devtools.demo_seeded",
        obj=jurisdiction,
        changes={
            "seed": plan.seed,
            "term": D.TERM_NUMBER,
            "counts": counts,
            "occupation": dict(Counter(row.category for row in plan.deputies)),
            "users": [u.username for u in plan.users],
        },
    )
    return SeedResult(seed=plan.seed, jurisdiction=jurisdiction, counts=counts)


def _settle_dates() -> None:
    """Make the demo's dates agree with its story: a case was opened when it was assigned,
    and people read their notices a day after they came, all but the last two weeks'."""
    import datetime as dt

    from django.db.models import F

    from renda.casework.models import Case, Notification

    from .suggestions_seed import DEMO_TODAY, _at

    Case.objects.filter(assigned_at__lt=F("created_at")).update(created_at=F("assigned_at"))
    cutoff = _at(DEMO_TODAY - dt.timedelta(days=14), 0, 0)

    def read_old_notices() -> None:  # after the notices themselves, sent on commit
        Notification.objects.filter(created_at__lt=cutoff, read_at__isnull=True).update(
            read_at=F("created_at") + dt.timedelta(days=1)
        )

    transaction.on_commit(read_old_notices)
