"""Elections and appointments (S13, §7.1–§7.13), legislation (S5), networked budget oversight
(§4.8) and the default bodies (S29) made met and broken on constructed data, judged on
explicit days."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.appointments import services as ap
from renda.appointments.models import Appointment, Election, Nomination
from renda.compliance.registry import REGISTRY, evaluate
from renda.core import approvals
from renda.core.errors import Conflict
from renda.meetings.models import Attendance, Meeting
from renda.meetings.services import agenda_item_add
from renda.people.models import Deputy, Membership, Organization, Person, Post
from renda.voting import services as voting
from renda.voting.models import Candidate, Poll

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2026, 6, 15)


def verdict(code, year=2026, today=DAY):
    return evaluate(code, year, today).verdict


def status(code, year=2026, today=DAY):
    return verdict(code, year, today).status


@pytest.fixture
def clock():
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 6, 15, 10)), tick=False) as t:
        yield t


def _meeting(term, kind, code, n, prefix, deputies=False):
    body = Organization.objects.get(code=code)
    meeting = Meeting.objects.create(
        kind=kind, body=body, term=term, number=Meeting.objects.count() + 1, title=f"第{Meeting.objects.count() + 1}次会议",
        starts_on=DAY, ends_on=DAY, status=Meeting.Status.IN_PROGRESS,
    )  # fmt: skip
    voters, seats = [], []
    for i in range(n):
        person = Person.objects.create(name=f"{prefix}{i}", gender="male")
        if deputies:
            seats.append(Deputy.objects.create(person=person, term=term))
        else:
            Membership.objects.create(person=person, organization=body, start_date=term.start_date)
        voters.append(User.objects.create(username=f"{prefix}-{meeting.pk}-{i}", role=Role.DEPUTY if deputies else Role.MEMBER, person=person))  # fmt: skip
        Attendance.objects.create(meeting=meeting, person=person, role="voting", status="present")
    return meeting, voters, seats


def _consent(staff, subject):
    asked = approvals.approval_request(actor=staff, subject=subject, kind="party_consent", sent_on=DAY)  # fmt: skip
    approvals.approval_answer(actor=staff, approval=asked, answer="approved", answered_on=DAY, note="")  # fmt: skip


def _close(users, poll, capture):
    with capture(execute=True):
        voting.poll_close(actor=users["leader"], poll=poll)


def test_direct_elections_have_no_calendar_on_the_platform(db):
    entry = REGISTRY["§7.5"]
    assert entry.evaluate is None and "直接选举" in str(entry.reason)
    assert status("§7.5") == "not_evaluated"


def test_the_congress_elects_on_a_competitive_slate_with_a_majority_of_all_deputies(
    clock, users, staff, term, django_capture_on_commit_callbacks
):
    for code in ("§7.1", "§7.2", "§7.3", "§7.4", "S13"):
        assert status(code) == "not_applicable"
    gov = Organization.objects.get(code="government")
    post = Post.objects.create(organization=gov, label="副市长", role="deputy_head", elected_or_appointed=True)  # fmt: skip
    meeting, voters, deputies = _meeting(term, "congress_session", "congress", 25, "代表", deputies=True)  # fmt: skip
    e = ap.election_open(
        actor=staff, meeting=meeting, post=post, seats=2, office_kind="deputy_head"
    )
    Election.objects.filter(pk=e.pk).update(opened_on=DAY - dt.timedelta(days=3))
    e.refresh_from_db()
    people = [
        Person.objects.create(name=n, gender="female") for n in ("甲候选", "乙候选", "丙候选")
    ]
    ap.election_nominate(actor=staff, election=e, person=people[0], by="presidium")
    ap.election_nominate(actor=staff, election=e, person=people[1], by="presidium")
    ap.election_nominate(actor=staff, election=e, person=people[2], by="deputies", deputies=deputies[:20])  # fmt: skip
    ap.election_put_to_vote(actor=staff, election=e)
    e.refresh_from_db()
    poll = voting.poll_open(actor=users["leader"], poll=e.poll)
    ids = [p.pk for p in people]
    for i, user in enumerate(voters):  # 25 deputies: a majority of all is 13
        voting.ballot_cast(actor=user, poll=poll, choice={"candidates": [ids[0], ids[1]] if i < 15 else [ids[0], ids[2]]})  # fmt: skip
    _close(users, poll, django_capture_on_commit_callbacks)
    e.refresh_from_db()
    assert e.status == "elected"
    for code in ("§7.2", "§7.3", "§7.4"):
        assert status(code) == "met", code
    assert "提名酝酿不足2日 0 项" in verdict("§7.2").summary
    assert status("§7.1") == "not_applicable" and status("S13") == "met"

    # Records written around the services, as an import would: each breaks its rule.
    Election.objects.filter(pk=e.pk).update(tally={**e.tally, "votes": {**e.tally["votes"], str(ids[1]): 12}})  # fmt: skip
    v = verdict("§7.4")
    assert v.status == "broken" and "当选人未获全体代表过半数选票或与计票结果不符 1 项" in v.summary
    assert v.evidence[0].url.endswith(f"/elections/{e.pk}/")
    few = Nomination.objects.create(election=e, person=Person.objects.create(name="丁", gender="male"), by="deputies", nominated_on=DAY)  # fmt: skip
    few.sponsors.set(deputies[:5])
    v = verdict("§7.3")
    assert v.status == "broken" and "代表联名不足20人的 1 人" in v.summary
    Election.objects.filter(pk=e.pk).update(opened_on=DAY)
    assert status("§7.2") == "broken" and status("S13") == "broken"
    assert status("§7.2", 2025, D(2026, 1, 5)) == "not_applicable"  # judged on its own year


def test_deputies_are_elected_on_a_slate_within_the_statutory_margins(clock, staff, term):
    meeting, _v, _d = _meeting(term, "congress_session", "congress", 3, "代表", deputies=True)
    item = agenda_item_add(actor=staff, meeting=meeting, kind="election", title="选举出席省人民代表大会代表")  # fmt: skip
    poll = voting.poll_create(actor=staff, agenda_item=item, kind="election", seats=5, office_kind="deputy_indirect", candidates=[Person.objects.create(name=f"候选{i}", gender="male") for i in range(6)])  # fmt: skip
    v = verdict("§7.1")
    assert v.status == "met" and "选举代表 1 次" in v.summary
    Candidate.objects.filter(poll=poll, order=6).delete()  # 5 for 5 seats: no competition
    v = verdict("§7.1")
    assert v.status == "broken" and v.evidence[0].url.endswith(f"/polls/{poll.pk}/")
    Poll.objects.filter(pk=poll.pk).update(status="annulled", annul_reason="候选人名单有误")
    assert status("§7.1") == "not_applicable"


def _passed(staff, person):
    exam = ap.exam_schedule(actor=staff, title="任前考试", held_on=DAY - dt.timedelta(days=20), place="党校")  # fmt: skip
    ap.exam_enrol(actor=staff, exam=exam, person=person, post_sought="审判员")
    ap.exam_record(actor=staff, exam=exam, scores={person.pk: 80})


def _nominate(staff, person, post, days_ago=10):
    return ap.appointment_nominate(
        actor=staff, person=person, post=post, nominator="court_president",
        nominated_on=DAY - dt.timedelta(days=days_ago), motion="提请任命为审判员。",
    )  # fmt: skip


def test_the_standing_committee_appoints_by_its_procedure(
    clock, users, staff, term, django_capture_on_commit_callbacks
):
    court = Organization.objects.get(code="court")
    post = Post.objects.create(organization=court, label="审判员", role="member", elected_or_appointed=True)  # fmt: skip
    for code in ("§7.6", "§7.7", "§7.9", "§7.10", "§7.13"):
        assert status(code) == "not_applicable", code
    meeting, voters, _s = _meeting(term, "sc_meeting", "standing-committee", 7, "委员")
    person = Person.objects.create(name="华永", gender="male")
    a = _nominate(staff, person, post)
    ap.appointment_record_statement(actor=staff, appointment=a, statement="我将忠于宪法。")
    _consent(staff, a)
    _passed(staff, person)
    ap.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    a.refresh_from_db()
    poll = voting.poll_open(actor=users["leader"], poll=a.poll)
    for user in voters[:5]:
        voting.ballot_cast(actor=user, poll=poll, choice="yes")
    _close(users, poll, django_capture_on_commit_callbacks)
    a.refresh_from_db()
    assert a.status == "appointed"
    for code in ("§7.6", "§7.7", "§7.9", "§7.10"):
        assert status(code) == "met", code
    v = verdict("S13")  # not yet certified nor sworn, within the year
    assert v.status == "at_risk" and "尚未签发任命书的 1 人" in v.summary
    ap.appointment_issue_certificate(actor=staff, appointment=a)
    ceremony = ap.oath_schedule(actor=staff, held_on=DAY, place="会议厅")
    ap.oath_add(actor=staff, ceremony=ceremony, appointment=a)
    ap.oath_record(actor=staff, ceremony=ceremony, led_by=person, witnesses="组成人员", absent=[])
    assert status("S13") == "met"

    Appointment.objects.filter(pk=a.pk).update(tally={**a.tally, "yes": 3})  # 3 of 7 is no majority
    assert status("§7.6") == "broken"
    Appointment.objects.filter(pk=a.pk).update(nominated_on=DAY - dt.timedelta(days=3))
    v = verdict("§7.7")
    assert v.status == "broken" and "不足7日提请的 1 项" in v.summary
    Appointment.objects.filter(pk=a.pk).update(statement_item=None)
    assert status("§7.9") == "broken" and status("S13") == "broken"


def test_failed_nominations_and_deferrals(clock, staff, term):
    court = Organization.objects.get(code="court")
    post = Post.objects.create(organization=court, label="审判员", role="member", elected_or_appointed=True)  # fmt: skip
    person = Person.objects.create(name="时雨", gender="female")
    for days_ago in (40, 30):
        a = _nominate(staff, person, post, days_ago=days_ago)
        Appointment.objects.filter(pk=a.pk).update(status="not_appointed", decided_on=DAY - dt.timedelta(days=days_ago - 5))  # fmt: skip
    v = verdict("§7.10")
    assert v.status == "met" and "未获通过 2 项" in v.summary
    with pytest.raises(Conflict):  # the platform refuses a third nomination
        _nominate(staff, person, post, days_ago=2)
    third = Appointment.objects.create(
        term=term, person=person, post=post, nominator="court_president", nominated_on=DAY - dt.timedelta(days=2), motion="再次提请。",
    )  # fmt: skip
    v = verdict("§7.10")
    assert v.status == "broken" and v.evidence[0].url.endswith(f"/{third.pk}/")
    assert status("§7.10", 2025, D(2026, 1, 5)) == "not_applicable"

    other = _nominate(staff, Person.objects.create(name="秋实", gender="male"), post)
    ap.appointment_defer(actor=staff, appointment=other, decided_on=DAY, reason="主任会议决定暂缓")
    assert status("§7.13") == "met"
    Appointment.objects.filter(pk=other.pk).update(closing_note="")
    assert status("§7.13") == "broken"


def test_legislation_plan_argument_comment_and_readings(clock, staff, term):
    from renda.devtools.legislation_texts import DOG_DRAFT_V1
    from renda.legislation import services as lg
    from renda.legislation.models import DraftVersion, Project, Reading
    from renda.people.models import Jurisdiction

    assert status("S5", 2025, D(2026, 3, 1)) == "broken"  # no plan for a year gone by
    assert status("S5") == "at_risk"
    plan = lg.plan_create(actor=staff, kind="annual", title="2026年度立法计划", year_from=2026)
    lg.plan_add_item(actor=staff, plan=plan, title="清河市养犬管理条例", category="formal")
    lg.plan_adopt(actor=staff, plan=plan, adopted_on=DAY)
    _consent(staff, plan)
    lg.plan_publish(actor=staff, plan=plan)
    lg.expert_create(actor=staff, name="郑律", fields="行政法")
    p = lg.project_create(actor=staff, title="清河市养犬管理条例", proposer="government", proposed_on=DAY - dt.timedelta(days=60))  # fmt: skip
    lg.project_argue(actor=staff, project=p, argued_on=DAY - dt.timedelta(days=50), argument="必要可行。")  # fmt: skip
    version = lg.project_add_version(actor=staff, project=p, label="草案", text=DOG_DRAFT_V1, sent_on=DAY - dt.timedelta(days=20))  # fmt: skip
    lg.project_submit(actor=staff, project=p, submitted_on=DAY - dt.timedelta(days=15))
    v = verdict("S5")
    assert v.status == "met" and "提请审议法规案 1 件，未经立项论证 0 件" in v.summary

    # Passed (recorded as an import would) without a comment period nor its readings.
    Project.objects.filter(pk=p.pk).update(status="passed", voted_on=DAY)
    v = verdict("S5")
    assert (
        v.status == "broken" and "未向社会公布征求意见满30日 1 件，审议次数不足 1 件" in v.summary
    )
    DraftVersion.objects.filter(pk=version.pk).update(comment_opens_on=DAY - dt.timedelta(days=40), comment_closes_on=DAY - dt.timedelta(days=11))  # fmt: skip
    meeting, _v, _s = _meeting(term, "sc_meeting", "standing-committee", 1, "委员")
    Reading.objects.bulk_create([Reading(project=p, number=n, meeting=meeting, version=version, status="held", held_on=DAY) for n in (1, 2, 3)])  # fmt: skip
    assert status("S5") == "at_risk"  # the handling of comments is not reported yet
    Project.objects.filter(pk=p.pk).update(feedback="采纳意见12条。", feedback_published_at=timezone.now())  # fmt: skip
    assert status("S5") == "met"
    Jurisdiction.objects.update(level="county")
    assert status("S5") == "not_applicable"


@pytest.fixture
def figures(staff):
    from renda.budget import services as bs
    from renda.budget.models import Mapping
    from renda.budget.tests.conftest import ECONOMIC, FUNCTIONAL, xlsx

    bs.classification_import(actor=staff, kind="functional", year=2026, workbook=xlsx(FUNCTIONAL, headers=("科目编码", "科目名称")))  # fmt: skip
    bs.classification_import(actor=staff, kind="economic", year=2026, workbook=xlsx(ECONOMIC, headers=("科目编码", "科目名称")))  # fmt: skip
    for code, name in (("101", "市人大常委会办公室"), ("102", "市政府办公室"), ("201", "市教育局")):
        bs.department_create(actor=staff, code=code, name=name)
    mapping = bs.mapping_save(
        actor=staff, name="标准格式", header_row=1, department_code="部门编码", department_name="部门名称",
        functional_code="功能分类科目编码", economic_code="经济分类科目编码", amount="金额", unit=Mapping.Unit.WAN, total_label="合计",
    )  # fmt: skip

    def load(dataset, rows, month=None):
        imp = bs.import_check(actor=staff, dataset=dataset, year=2026, month=month, mapping=mapping, workbook=xlsx(rows))  # fmt: skip
        return bs.import_commit(actor=staff, imp=imp)

    return load


BUDGET = [("101", "", "2010101", "30101", 1000), ("102", "", "2010301", "30101", 800), ("201", "", "2050202", "30101", 10000)]  # fmt: skip
JUNE = [("101", "", "2010101", "30101", 500), ("102", "", "2010301", "30101", 100), ("201", "", "2050202", "30101", 5000)]  # fmt: skip


def test_budget_figures_imported_and_alerts_followed(clock, staff, jurisdiction, figures):
    from renda.budget import services as bs
    from renda.budget.models import Department, Inquiry

    assert status("§4.8", 2026, D(2026, 2, 10)) == "not_due"
    assert status("§4.8", 2026, D(2026, 3, 10)) == "broken"  # January's figures not in
    figures("budget", BUDGET)
    figures("execution", JUNE, month=6)
    v = verdict("§4.8", 2026, D(2026, 8, 10))  # June due: 102 and class 201 are behind
    assert v.status == "at_risk" and "未发出询问 2 项" in v.summary
    gov = Organization.objects.get(code="government")
    bs.inquiry_raise(actor=staff, year=2026, month=6, question="执行为何滞后？", department=Department.objects.get(code="102"), unit=gov)  # fmt: skip
    bs.inquiry_raise(actor=staff, year=2026, month=6, question="为何滞后？", class_code="201", unit=gov)  # fmt: skip
    assert status("§4.8", 2026, D(2026, 6, 20)) == "met"
    assert status("§4.8", 2026, D(2026, 10, 10)) == "broken"  # August not imported
    due = Inquiry.objects.select_related("case").first().case.due_on
    v = verdict("§4.8", 2026, due + dt.timedelta(days=1))
    assert v.status == "broken" and "逾期未答复 2 件" in v.summary
    assert any(e.url.endswith("/overdue/") or "/office/cases/" in e.url for e in v.evidence)


def test_default_structure_of_the_congress(db):
    assert status("S29") == "not_applicable"  # no jurisdiction yet


def test_the_city_has_its_committees_offices_and_working_committees(jurisdiction):
    v = verdict("S29")
    assert (
        v.status == "met"
        and "办事机构 2 个（默认 2 个），工作委员会 6 个（默认 6 个）" in v.summary
    )
    Organization.objects.filter(code="research").update(dissolution_date=D(2026, 3, 1))
    Organization.objects.filter(code="sp-education").update(dissolution_date=D(2026, 3, 1))
    v = verdict("S29")
    assert v.status == "broken" and "缺 1 个（教育科学文化卫生委员会）" in v.summary
    assert "办事机构 1 个" in v.summary
    assert status("S29", 2025, D(2026, 6, 1)) == "met"  # both were in being at the end of 2025
