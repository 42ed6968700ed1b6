"""How meetings are run, made met and broken on the meetings app's records: notices and
materials (§8.4, §8.9), texts and reporters (S17, §8.13), dispositions (S16, §8.12), the
presidium (S15), attendance and leave (§2.1), the pool, gallery and openness (S18, §8.14)
and joint conferences (S3)."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.compliance.registry import REGISTRY, evaluate
from renda.core.models import RuleSetting
from renda.meetings import services as S
from renda.meetings.models import AgendaItem, Attendance, Meeting
from renda.people.models import Deputy, Membership, Organization, Person, Post
from tests.consent import consent_to

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2026, 6, 24)
CODES = {"S3": "party", "S15": "meetings", "S16": "meetings", "S17": "meetings", "S18": "meetings", "§2.1": "deputies", "§8.4": "meetings", "§8.9": "meetings", "§8.12": "meetings", "§8.13": "meetings", "§8.14": "meetings"}  # fmt: skip


def status(code, year, today):
    return evaluate(code, year, today).verdict.status


def before(days: int) -> dt.date:
    return DAY - dt.timedelta(days=days)


@pytest.fixture
def members(term, users):
    sc = Organization.objects.get(code="standing-committee")
    persons = [users["member"].person] + [Person.objects.create(name=f"委员{i}", gender="male") for i in range(1, 5)]  # fmt: skip
    for p in persons:
        Membership.objects.create(person=p, organization=sc, term=term, start_date=term.start_date)
    return persons


@pytest.fixture
def court_president(term):
    court = Organization.objects.get(code="court")
    post = Post.objects.create(organization=court, label="院长", role=Post.Role.HEAD, elected_or_appointed=True)  # fmt: skip
    person = Person.objects.create(name="李院长", gender="male")
    Membership.objects.create(person=person, organization=court, post=post, role=Post.Role.HEAD, start_date=D(2022, 1, 10))  # fmt: skip
    return person


@pytest.fixture
def deputies(term, users):
    persons = [users["deputy"].person] + [Person.objects.create(name=f"代表{i}", gender="female") for i in range(1, 6)]  # fmt: skip
    for p in persons:
        Deputy.objects.create(person=p, term=term)
    return persons


def sc_meeting(staff, term, day=DAY, **kw):
    return S.meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=day, ends_on=day + dt.timedelta(days=1), **kw)  # fmt: skip


def hold(staff, meeting, *, absent=()):
    """Sign in every voting member but ``absent``, open the meeting (a congress session with
    the party committee's consent, S2) and close it."""
    for row in meeting.attendance.filter(role=Attendance.Role.VOTING).select_related("person"):
        if row.person not in absent:
            S.attendance_sign_in(actor=staff, meeting=meeting, person=row.person)
    if meeting.kind == "congress_session":
        consent_to(meeting, actor=staff, on=min(meeting.starts_on, DAY))
    S.meeting_open(actor=staff, meeting=meeting)
    return S.meeting_close(actor=staff, meeting=meeting)


def doc(staff, meeting, kind, received_on, item=None):
    return S.document_add(actor=staff, meeting=meeting, item=item, kind=kind, title=kind, received_on=received_on)  # fmt: skip


def test_every_code_is_registered_and_evaluated():
    for code, area in CODES.items():
        assert REGISTRY[code].evaluate is not None and REGISTRY[code].area == area


def test_sc_notice_motions_and_materials_follow_the_local_setting_89(staff, term, members):
    assert status("§8.9", 2026, DAY) == "not_applicable"
    m = sc_meeting(staff, term)
    motion = S.agenda_item_add(actor=staff, meeting=m, kind="motion", title="条例草案")
    assert status("§8.9", 2026, before(30)) == "not_due"  # nothing near its day yet
    assert status("§8.9", 2026, before(22)) == "at_risk"  # the motion is due in two days
    doc(staff, m, "motion", before(20), motion)
    doc(staff, m, "notice", before(7))
    assert status("§8.9", 2026, before(8)) == "at_risk"  # the materials are due in three days
    doc(staff, m, "materials", before(6))  # five days are asked: one to spare
    v = evaluate("§8.9", 2026, DAY).verdict
    assert v.status == "met" and "应送达 3 项，按时 3 项，逾期或未送达 0 项" in v.summary
    # The local rule asks for the materials seven days ahead: they came a day late.
    RuleSetting.objects.create(key="lead.documents_to_members_days", value="7")
    v = evaluate("§8.9", 2026, DAY).verdict
    assert v.status == "broken" and "逾期或未送达 1 项" in v.summary
    assert v.evidence[0].status == "late" and "会议材料" in str(v.evidence[0].label)


def test_sc_notice_missing_is_broken_89(staff, term, members):
    m = sc_meeting(staff, term)
    S.agenda_item_add(actor=staff, meeting=m, kind="other", title="其他事项")
    doc(staff, m, "materials", before(5))
    assert status("§8.9", 2026, before(1)) == "broken"  # no notice seven days ahead


def test_congress_notice_a_month_ahead_84(staff, term, deputies):
    assert status("§8.4", 2026, DAY) == "not_applicable"
    session = S.meeting_schedule(actor=staff, kind="congress_session", term=term, starts_on=D(2026, 3, 10), ends_on=D(2026, 3, 12))  # fmt: skip
    assert status("§8.4", 2026, D(2026, 1, 5)) == "not_due"
    assert status("§8.4", 2026, D(2026, 3, 1)) == "broken"  # due on 10 February, not sent
    doc(staff, session, "notice", D(2026, 2, 9))
    assert status("§8.4", 2026, D(2026, 3, 1)) == "met"


def test_texts_on_time_and_statutory_reporters_s17(staff, term, members, court_president):
    m = sc_meeting(staff, term)
    report = S.agenda_item_add(actor=staff, meeting=m, kind="work_report", title="法院工作报告", reporter=court_president)  # fmt: skip
    assert status("S17", 2026, DAY) == "broken"  # none of the report's three texts came
    for kind, days in (("report_to_committee", 20), ("report_to_sc", 10), ("report_to_members", 7)):
        doc(staff, m, kind, before(days), report)
    v = evaluate("S17", 2026, DAY).verdict
    assert v.status == "met" and "工作报告 1 项" in v.summary
    # A report recorded around the service, by someone the congress never elected:
    clerk = Person.objects.create(name="王科员", gender="male")
    AgendaItem.objects.create(meeting=m, order=9, kind="work_report", title="另一报告", reporter=clerk)  # fmt: skip
    v = evaluate("S17", 2026, D(2026, 5, 1)).verdict  # its texts not yet due
    assert v.status == "broken" and "报告人不是人大或常委会选举、任命人员 1 项" in v.summary
    assert any(e.status == "reporter" for e in v.evidence)


def test_every_item_disposed_s16_and_council_opinions_812(staff, term, members):
    assert status("S16", 2026, DAY) == "not_applicable"
    m = sc_meeting(staff, term)
    a = S.agenda_item_add(actor=staff, meeting=m, kind="other", title="听取情况通报")
    b = S.agenda_item_add(actor=staff, meeting=m, kind="motion", title="条例草案")
    assert status("S16", 2026, before(1)) == "not_due"
    S.agenda_item_dispose(actor=staff, item=a, disposition="decided", note="会议听取了通报。")
    S.agenda_item_dispose(actor=staff, item=b, disposition="deferred", note="修改后提请下次会议。")
    hold(staff, m)
    assert status("S16", 2026, D(2026, 7, 1)) == "met"
    assert status("§8.12", 2026, D(2026, 7, 1)) == "at_risk"  # no council meeting on record
    council = Meeting.objects.create(kind="chairpersons_council", body=Organization.objects.get(code="chairpersons-council"), term=term, number=1, title="主任会议", starts_on=before(10), ends_on=before(10))  # fmt: skip
    assert council and status("§8.12", 2026, D(2026, 7, 1)) == "met"
    # Written around the services: an item left pending at a closed meeting, one marked voted
    # without a poll, one decided without a word of what was decided.
    AgendaItem.objects.create(meeting=m, order=5, kind="other", title="未处理的事项")
    v = evaluate("S16", 2026, D(2026, 7, 1)).verdict
    assert v.status == "broken" and "闭会时仍未处理 1" in v.summary
    AgendaItem.objects.filter(pk=a.pk).update(disposition="voted")
    v = evaluate("S16", 2026, D(2026, 7, 1)).verdict
    assert "无封存的表决 1" in v.summary and {e.status for e in v.evidence} == {
        "pending",
        "no_poll",
    }
    AgendaItem.objects.filter(pk=a.pk).update(disposition="decided", disposition_note="")
    v = evaluate("§8.12", 2026, D(2026, 7, 1)).verdict
    assert v.status == "broken" and "下一步处理意见 1 项" in v.summary


def test_pending_item_after_the_meeting_ended_is_at_risk_s16(staff, term, members):
    m = sc_meeting(staff, term)
    S.agenda_item_add(actor=staff, meeting=m, kind="other", title="待处理")
    assert status("S16", 2026, DAY) == "met"  # sitting now
    assert status("S16", 2026, D(2026, 7, 1)) == "at_risk"  # over, not closed


def test_reports_presented_by_the_head_who_attends_813(staff, term, members, court_president):
    m = sc_meeting(staff, term)
    assert status("§8.13", 2026, DAY) == "not_applicable"  # no report heard
    report = S.agenda_item_add(actor=staff, meeting=m, kind="work_report", title="法院工作报告", reporter=court_president)  # fmt: skip
    S.agenda_item_dispose(actor=staff, item=report, disposition="decided", note="会议听取并审议了该报告。")  # fmt: skip
    hold(staff, m)
    v = evaluate("§8.13", 2026, D(2026, 7, 1)).verdict
    assert v.status == "broken" and "报告人未签到出席 1 项" in v.summary
    Attendance.objects.filter(meeting=m, person=court_president).update(status="present")
    assert status("§8.13", 2026, D(2026, 7, 1)) == "met"
    clerk_post = Post.objects.create(organization=Organization.objects.get(code="court"), label="审判员", role=Post.Role.MEMBER, elected_or_appointed=True)  # fmt: skip
    AgendaItem.objects.filter(meeting=m).update(reporter_post=clerk_post)
    assert status("§8.13", 2026, D(2026, 7, 1)) == "broken"  # not the court's head


def test_presidium_includes_committee_chairs_s15(staff, term, deputies):
    session = S.meeting_schedule(actor=staff, kind="congress_session", term=term, starts_on=D(2026, 3, 10), ends_on=D(2026, 3, 12))  # fmt: skip
    assert status("S15", 2026, D(2026, 1, 1)) == "not_due"
    assert status("S15", 2026, D(2026, 3, 20)) == "broken"  # no presidium on record
    presidium = Organization.objects.get(code="presidium")
    for p in deputies[:2]:
        Membership.objects.create(person=p, organization=presidium, start_date=D(2026, 3, 9), end_date=D(2026, 3, 12))  # fmt: skip
    chair = Person.objects.create(name="张主任委员", gender="male")
    Membership.objects.create(person=chair, organization=Organization.objects.get(code="sp-finance"), role=Post.Role.CHAIR, start_date=D(2022, 1, 10))  # fmt: skip
    v = evaluate("S15", 2026, D(2026, 3, 20)).verdict
    assert v.status == "broken" and "张主任委员" in v.summary
    Membership.objects.create(person=chair, organization=presidium, start_date=D(2026, 3, 9), end_date=D(2026, 3, 12))  # fmt: skip
    v = evaluate("S15", 2026, D(2026, 3, 20)).verdict
    assert v.status == "met" and session.title in v.summary


def test_absences_need_approved_leave_21(staff, term, deputies):
    assert status("§2.1", 2026, DAY) == "not_applicable"
    session = S.meeting_schedule(actor=staff, kind="congress_session", term=term, starts_on=D(2026, 3, 10), ends_on=D(2026, 3, 12))  # fmt: skip
    excused, truant = deputies[1], deputies[2]
    leave = S.leave_request_create(actor=staff, meeting=session, person=excused, reason="出差")
    assert status("§2.1", 2026, D(2026, 3, 1)) == "not_due"
    hold(staff, session, absent=(excused, truant))
    v = evaluate("§2.1", 2026, D(2026, 3, 20)).verdict
    assert v.status == "broken" and "未经批准缺席 2 人次，请假未审批 1 件" in v.summary
    S.leave_request_decide(actor=staff, leave=leave, approve=True, note="同意")
    Attendance.objects.filter(meeting=session, person=truant).update(status="present")
    v = evaluate("§2.1", 2026, D(2026, 3, 20)).verdict
    assert v.status == "met" and "请假获准 1 人次" in v.summary


def test_pool_attendees_gallery_and_openness_s18_814(staff, term, members):
    assert status("S18", 2026, DAY) == "not_applicable"
    m = sc_meeting(staff, term)
    hold(staff, m)
    assert status("S18", 2026, D(2026, 7, 1)) == "broken"  # the pool is empty
    assert status("§8.14", 2026, D(2026, 7, 1)) == "met"
    resident = Person.objects.create(name="李秀英", gender="female")
    entry = S.pool_entry_add(actor=staff, person=resident, kind="resident", community="东城社区")
    second = sc_meeting(staff, term, D(2026, 8, 20), is_public=False)
    S.non_voting_invite(actor=staff, meeting=second, entry=entry)
    hold(staff, second)
    v = evaluate("S18", 2026, D(2026, 9, 1)).verdict
    assert v.status == "at_risk" and "有库内代表或群众列席 1 次" in v.summary  # not in June
    assert status("§8.14", 2026, D(2026, 9, 1)) == "at_risk"  # the August one in private
    Meeting.objects.filter(pk=m.pk).update(gallery_seats=0)
    assert status("§8.14", 2026, D(2026, 9, 1)) == "broken"  # public, but no seats
    assert status("S18", 2026, D(2026, 9, 1)) == "broken"  # no gallery at any meeting


def test_joint_conference_records_s3(staff, term):
    assert status("S3", 2026, DAY) == "not_applicable"
    joint = S.meeting_schedule(actor=staff, kind="joint_conference", term=term, starts_on=DAY)
    assert status("S3", 2026, before(1)) == "not_due"
    assert status("S3", 2026, DAY + dt.timedelta(days=3)) == "at_risk"  # a week to write it up
    assert status("S3", 2026, DAY + dt.timedelta(days=10)) == "broken"
    S.meeting_update(actor=staff, meeting=joint, notes="参加：常委会党组、政府党组。协调事项：……后续措施：……")  # fmt: skip
    v = evaluate("S3", 2026, DAY + dt.timedelta(days=10)).verdict
    assert v.status == "met" and v.evidence[0].url.endswith(f"/{joint.pk}/")


def test_congress_session_consent_read_back_s2(staff, term, deputies):
    from renda.core import approvals
    from renda.core.errors import Conflict
    from renda.meetings.models import Meeting

    session = S.meeting_schedule(actor=staff, kind="congress_session", term=term, starts_on=D(2026, 3, 10), ends_on=D(2026, 3, 12))  # fmt: skip
    assert status("S2", 2026, D(2026, 3, 1)) == "not_applicable"  # not yet held
    for row in session.attendance.filter(role=Attendance.Role.VOTING).select_related("person"):
        S.attendance_sign_in(actor=staff, meeting=session, person=row.person)
    with pytest.raises(Conflict) as refused:  # the session waits for the consent
        S.meeting_open(actor=staff, meeting=session)
    assert refused.value.code == "approval_required"
    asked = approvals.approval_request(actor=staff, subject=session, kind="party_consent", sent_on=D(2026, 1, 5))  # fmt: skip
    approvals.approval_answer(actor=staff, approval=asked, answer="approved", answered_on=D(2026, 1, 12))  # fmt: skip
    S.meeting_open(actor=staff, meeting=session)
    v = evaluate("S2", 2026, D(2026, 3, 20)).verdict
    assert v.status == "met" and "人民代表大会会议及其议程：1 项，均经党委同意" in v.summary
    # A session recorded as held around the action (an import), without the consent:
    other = S.meeting_schedule(actor=staff, kind="congress_session", term=term, starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 2))  # fmt: skip
    Meeting.objects.filter(pk=other.pk).update(status=Meeting.Status.CLOSED)
    v = evaluate("S2", 2026, D(2026, 9, 20)).verdict
    assert v.status == "broken" and any(e.url.endswith(f"/{other.pk}/") for e in v.evidence)
