"""The demo city: realistic composition, one user per role, determinism, idempotence."""

from __future__ import annotations

import re
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from renda.accounts.models import Role, User
from renda.core.audit import verify_chain
from renda.core.errors import Conflict
from renda.core.models import AuditEvent, CalendarDay
from renda.core.search import search
from renda.devtools import demo_data as D
from renda.devtools.generator import build_plan
from renda.devtools.seeding import seed_demo
from renda.people.composition import congress_figures, standing_committee_figures
from renda.people.models import Deputy, Jurisdiction, Membership, Organization, Person, Post

CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@pytest.fixture
def seeded(db, django_capture_on_commit_callbacks):
    # Its duration is the business of a benchmark, not of a test. What runs after the
    # seeding commits (notifications) runs here too, as it does on a real database.
    with django_capture_on_commit_callbacks(execute=True):
        result = seed_demo(seed=D.DEFAULT_SEED)
    return SimpleNamespace(result=result)


# -- the pure generator: no database -------------------------------------------


def test_same_seed_gives_the_same_city_and_another_seed_a_different_one():
    first, again, other = build_plan(7), build_plan(7), build_plan(8)
    assert first.names() == again.names()
    assert first == again
    assert first.names() != other.names()


def test_generated_people_look_like_a_real_congress():
    plan = build_plan(D.DEFAULT_SEED)
    names = plan.names()
    assert len(names) == len(set(names)), "names are unique"
    assert all(CJK_NAME.match(n) for n in names)
    deputies = [plan.persons[row.person] for row in plan.deputies]
    n = len(deputies)
    assert 430 <= n <= 470
    women = sum(p.gender == "female" for p in deputies) / n
    minorities = sum(p.ethnicity != "汉族" for p in deputies) / n
    assert 0.22 <= women <= 0.33
    assert 0.05 <= minorities <= 0.11
    assert all(1958 <= p.birth_year <= 1995 for p in deputies)
    assert sum(p.party == "cpc" for p in deputies) / n > 0.5
    assert any(p.party in D.DEMOCRATIC_PARTIES for p in deputies)
    assert any(p.party == "none" for p in deputies)
    # The most common surnames are the most common in the country too.
    surnames = [name[0] for name in names]
    top = {s for s in surnames if surnames.count(s) >= 20}
    assert top <= {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"}


# -- the seeded database -------------------------------------------------------


def test_seed_builds_the_city_within_the_rules(seeded):
    j = Jurisdiction.objects.get()
    assert (j.name, j.level, j.population) == ("清河市", "city", D.CITY_POPULATION)

    deputies = Deputy.objects.filter(term__number=D.TERM_NUMBER)
    assert 430 <= deputies.count() <= 470
    figures = {f.key: f for f in congress_figures()}
    # S20: leading cadres at most 1/3; S21: re-elected at least 1/3.
    assert figures["leading_cadres"].passed is True
    assert figures["leading_cadres"].share <= D.OCCUPATION_COUNTS["leading_cadre"] / 440
    assert figures["reelected"].passed is True
    for key in ("workers", "farmers", "professionals"):
        assert figures[key].count > 0.08 * figures[key].total

    # S28 and §8.15: about 45 SC members, at least 60% full-time.
    sc = {f.key: f for f in standing_committee_figures()}
    assert 40 <= sc["sc_size"].count <= 51 and sc["sc_size"].passed is True
    assert sc["sc_full_time"].passed is True
    assert sc["sc_full_time"].share >= 0.6
    sc_posts = Post.objects.filter(organization__code="standing-committee")
    assert {p.label for p in sc_posts} == {"主任", "副主任", "秘书长", "委员"}
    assert all(p.elected_or_appointed for p in sc_posts)
    sc_members = Membership.objects.filter(organization__code="standing-committee")
    assert sc_members.filter(role=Post.Role.CHAIR).count() == 1
    assert 5 <= sc_members.filter(role=Post.Role.VICE_CHAIR).count() <= 8
    assert sc_members.filter(role=Post.Role.SECRETARY_GENERAL).count() == 1
    # Every SC member is a deputy of the term; none holds an executive or judicial post.
    sc_people = set(sc_members.values_list("person_id", flat=True))
    assert sc_people <= set(deputies.values_list("person_id", flat=True))
    executive = Membership.objects.filter(
        organization__kind__in=Organization.HANDLING_UNIT_KINDS, person_id__in=sc_people
    )
    assert not executive.exists()
    council = Membership.objects.filter(organization__code="chairpersons-council")
    assert set(council.values_list("person_id", flat=True)) == set(
        sc_members.exclude(role=Post.Role.MEMBER).values_list("person_id", flat=True)
    )
    for code in ("sp-legal", "sp-finance", "sp-education", "wc-deputy-affairs", "office"):
        assert Membership.objects.filter(
            organization__code=code, role__in=["chair", "head"]
        ).exists()

    # Delegations: every deputy belongs to exactly one.
    delegations = Organization.objects.filter(kind=Organization.Kind.DELEGATION)
    assert 10 <= delegations.count() <= 14
    assert delegations.filter(name="解放军代表团").exists()
    in_delegations = Membership.objects.filter(organization__kind=Organization.Kind.DELEGATION)
    assert in_delegations.count() == deputies.count()
    assert in_delegations.values("person").distinct().count() == deputies.count()

    # Lifecycle: one suspended, one resigned with reason and date; her delegation seat ended.
    suspended = deputies.get(status=Deputy.Status.SUSPENDED)
    resigned = deputies.get(status=Deputy.Status.RESIGNED)
    assert suspended.status_reason and suspended.status_date
    assert resigned.status_reason and resigned.status_date
    assert in_delegations.get(person=resigned.person).end_date == resigned.status_date

    # Qualification matters in every state an office sees; the absence one raised by the
    # platform from two sessions missed without leave, with the evidence.
    from renda.deputies.models import QualificationMatter, Suspension
    from renda.portal.models import NewsItem

    matters = QualificationMatter.objects.all()
    assert set(matters.values_list("status", flat=True)) == {
        "raised", "reported", "announced", "dismissed"
    }  # fmt: skip
    raised = matters.get(raised_by_platform=True)
    assert raised.ground == "absences" and raised.evidence["count"] == 2
    announced = matters.get(status="announced")
    assert announced.deputy.status == Deputy.Status.TERMINATED
    assert (
        NewsItem.objects.get(source=f"deputies.qualification:{announced.pk}").status == "published"
    )
    assert Suspension.objects.get(status="active").deputy == suspended
    ended = Suspension.objects.get(status="ended")
    assert ended.deputy.status == Deputy.Status.ACTIVE and ended.restored_on == ended.ends_on

    # About 40 handling units, with heads appointed by the SC.
    units = Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS)
    assert 36 <= units.count() <= 45
    for code in ("government", "court", "procuratorate", "supervisory-commission", "gov-education"):
        assert Membership.objects.filter(organization__code=code, role="head").exists()
    assert Post.objects.get(organization__code="government", label="市长").elected_or_appointed
    vice_mayors = Membership.objects.filter(organization__code="government", post__label="副市长")
    # Four in office: one left before the last session, which elected the successor.
    assert vice_mayors.filter(end_date__isnull=True).count() == 4
    assert vice_mayors.exclude(end_date=None).count() == 1
    assert vice_mayors.filter(obtained="election").count() == 1  # the by-election's winner
    assert Post.objects.get(organization__code="gov-education", label="局长").elected_or_appointed

    # Search text was filled although save() was never called.
    assert not Person.objects.filter(search_text="").exists()
    assert search(Organization.objects.all(), "教育局").filter(code="gov-education").exists()
    some = Person.objects.get(pk=suspended.person_id)
    assert search(Person.objects.all(), some.name).filter(pk=some.pk).exists()

    # The working-day calendar is loaded, so deadlines in working days make sense.
    assert CalendarDay.objects.filter(kind="makeup").exists()

    # A normative document revoked by the SC's sealed vote at the open meeting (rules §5.3).
    from renda.filings.models import Filing, ReviewItem

    revoked = ReviewItem.objects.select_related("filing", "poll__seal").get(outcome="revocation")
    assert revoked.filing.status == Filing.Status.REVOKED and revoked.revocation_result == "passed"
    assert revoked.poll.seal.tally["result"] == "passed"
    assert set(Filing.objects.values_list("status", flat=True)) == set(Filing.Status.values)

    # Special research carried out and its report published (supervision, S6).
    from renda.supervision.models import Research

    research = Research.objects.get()
    assert research.published and research.status == "reported" and research.team.count() == 3

    # Dates agree with the story: cases open when assigned, spread over the year; notices are
    # dated by the actions that sent them, the old ones read, the last two weeks' waiting.
    import datetime as dt

    from renda.casework.models import Case, Notification
    from renda.casework.models import Reply as CaseReply
    from renda.devtools.suggestions_seed import DEMO_TODAY

    assert not Case.objects.filter(created_at__gt=F("assigned_at")).exists()
    months = {d.month for d in Case.objects.dates("created_at", "month")}
    assert len(months) >= 6, months
    notices = list(Notification.objects.all())
    from django.utils import timezone

    assert notices and all(n.created_at.date() <= timezone.localdate() for n in notices)
    assert len({n.created_at.date() for n in notices}) > 3
    old = [n for n in notices if n.created_at.date() < DEMO_TODAY - dt.timedelta(days=14)]
    assert old and all(n.read_at for n in old)
    # The office approves public replies within days; the last week's still wait for it.
    waiting = CaseReply.objects.filter(publishable=True, published_at__isnull=True)
    assert (
        waiting.exists()
        and not waiting.filter(
            replied_at__date__lt=DEMO_TODAY - dt.timedelta(days=8), is_follow_up=False
        ).exists()
    )

    # Audit: the seeding is one event on an intact chain.
    event = AuditEvent.objects.get(action="devtools.demo_seeded")
    assert event.changes["seed"] == D.DEFAULT_SEED
    assert event.changes["counts"]["deputies"] == deputies.count()
    assert verify_chain().ok


def test_one_user_per_role_each_can_log_in(seeded, client):
    users = {u.username: u for u in User.objects.all()}
    assert sorted(users) == sorted(account[0] for account in D.DEMO_ACCOUNTS)
    assert {u.role for u in users.values()} == set(Role.values)
    for username, _role, _zh, _en, password, *_ in D.DEMO_ACCOUNTS:
        assert client.login(username=username, password=password), username
        client.logout()
    assert users["admin"].is_superuser
    assert users["staff"].scope.code == "office"
    assert users["unit"].scope.code == "gov-education"
    assert {users[name].scope.code for name in ("gov", "court", "procuratorate")} == {
        "government",
        "court",
        "procuratorate",
    }
    chair = Membership.objects.get(organization__code="standing-committee", role=Post.Role.CHAIR)
    assert users["leader"].person_id == chair.person_id
    assert Membership.objects.filter(
        organization__code="standing-committee", person=users["member"].person
    ).exists()
    assert Deputy.objects.filter(
        person=users["deputy"].person, status=Deputy.Status.ACTIVE
    ).exists()


@pytest.mark.django_db
def test_if_empty_is_idempotent_and_a_second_plain_run_refuses():
    out = StringIO()
    call_command("seed_demo", "--if-empty", "--seed", "3", stdout=out)
    assert f"代表 {Deputy.objects.count()} 名" in out.getvalue()  # 450 elected, by-elections added
    counts = (Person.objects.count(), Deputy.objects.count(), AuditEvent.objects.count())
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "跳过" in out.getvalue()
    assert (Person.objects.count(), Deputy.objects.count(), AuditEvent.objects.count()) == counts
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert Jurisdiction.objects.count() == 1
    assert verify_chain().ok


@pytest.mark.django_db
def test_seed_writes_nothing_when_a_demo_username_is_taken():
    User.objects.create_user("staff", password="x")
    with pytest.raises(Conflict):
        seed_demo()
    assert not Jurisdiction.objects.exists()
    assert not Person.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_demo_accounts_prints_only_what_exists_and_hides_changed_passwords(client):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "Renda-" not in out.getvalue()
    assert "No demo accounts" in out.getvalue()

    seed_demo()
    user = User.objects.get(username="deputy")
    user.set_password("my-own-secret-2026")
    user.save()
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    for username, _role, zh, _en, password, *_ in D.DEMO_ACCOUNTS:
        assert username in text and zh in text
        if username != "deputy":
            assert password in text
    assert "Renda-deputy-2026" not in text
    assert "my-own-secret-2026" not in text
    assert "已修改" in text
