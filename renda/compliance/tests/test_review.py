"""Filing review (§5.1, §5.3–§5.11), major matters (§6.1, §6.3–§6.5) and the news column (S4),
each judged on constructed data on explicit days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.compliance.registry import evaluate

pytestmark = pytest.mark.django_db

TEXT = "第一条 为了规范校外培训机构管理，制定本办法。\n第二条 本办法自公布之日起施行。"
Y = 2026


def at(month: int, day: int, year: int = Y) -> dt.datetime:
    return dt.datetime(year, month, day, 2, tzinfo=dt.UTC)


def status(code: str, today: dt.date, year: int = Y) -> str:
    return evaluate(code, year, today).verdict.status


@pytest.fixture
def government(jurisdiction):
    from renda.people.models import Organization

    return Organization.objects.get(code="government")


@pytest.fixture
def file(users):
    from renda.filings import services as S

    counter = {"n": 0}

    def make(*, published: dt.date, now: dt.datetime, body=None):
        from renda.accounts.models import Role, User

        counter["n"] += 1
        actor = users["unit_officer"]
        if body is not None:
            actor = User.objects.create_user(f"t-filer-{counter['n']}", password="x", role=Role.UNIT_OFFICER, scope=body)  # fmt: skip
        return S.filing_create(
            actor=actor,
            title=f"清河市校外培训机构管理办法{counter['n']}",
            document_number=f"清发〔2026〕{counter['n']}号",
            published_on=published,
            drafting_explanation="起草说明。",
            legal_basis="《中华人民共和国教育法》",
            text=TEXT,
            now=now,
        )

    return make


@pytest.fixture
def registered(file, staff):
    from renda.filings import services as S

    f = file(published=dt.date(Y, 3, 1), now=at(3, 2))
    S.filing_register(actor=staff, filing=f, now=at(3, 5))
    f.refresh_from_db()
    return f


def _checklist(staff, item, answer="ok", now=None):
    from renda.filings import services as S
    from renda.filings.models import CHECKLIST_KEYS

    answers = {k: {"answer": answer, "note": "存在问题" if answer == "problem" else ""} for k in CHECKLIST_KEYS}  # fmt: skip
    return S.checklist_save(actor=staff, item=item, answers=answers, now=now)


# -- §5.1, §5.4 -----------------------------------------------------------------------------------


def test_5_1_government_rules_filed_in_time_and_county_not_applicable(file, government, jurisdiction):  # fmt: skip
    assert status("§5.1", dt.date(Y, 6, 1)) == "not_applicable"
    file(published=dt.date(Y, 3, 1), now=at(3, 10), body=government)
    assert status("§5.1", dt.date(Y, 6, 1)) == "met"
    file(published=dt.date(Y, 1, 5), now=at(3, 10), body=government)
    v = evaluate("§5.1", Y, dt.date(Y, 6, 1)).verdict
    assert v.status == "broken" and "未报送的 1 件" in str(v.summary) and v.evidence
    jurisdiction.level = "county"
    jurisdiction.save()
    assert status("§5.1", dt.date(Y, 6, 1)) == "not_applicable"


def test_5_4_formal_check_and_correction_in_time(file, staff):
    from renda.filings import services as S

    assert status("§5.4", dt.date(Y, 6, 1)) == "not_applicable"
    f = file(published=dt.date(Y, 3, 1), now=at(3, 2))
    assert status("§5.4", dt.date(Y, 3, 6)) == "at_risk"  # the check is due within days
    assert status("§5.4", dt.date(Y, 4, 1)) == "broken"  # never checked
    S.filing_return(actor=staff, filing=f, reason="缺少起草说明", now=at(3, 5))
    assert status("§5.4", dt.date(Y, 3, 6)) == "met"
    assert status("§5.4", dt.date(Y, 4, 1)) == "broken"  # not corrected in time
    f.refresh_from_db()
    S.filing_correct(actor=f.filed_by, filing=f, note="已补正", now=at(3, 10))
    f.refresh_from_db()
    S.filing_register(actor=staff, filing=f, now=at(3, 12))
    v = evaluate("§5.4", Y, dt.date(Y, 4, 1)).verdict
    assert v.status == "met", v.summary


# -- §5.5, §5.6, §5.3 ------------------------------------------------------------------------------


def test_5_5_every_registered_document_reviewed_in_time(registered, file, staff):
    from renda.filings import services as S
    from renda.filings.models import Filing
    from renda.people.models import Organization

    review = registered.review_items.get().review
    legal = Organization.objects.create(code="legal-wb", name="法制工作委员会", kind=Organization.Kind.WORKING_BODY)  # fmt: skip
    S.review_route(actor=staff, review=review, body=legal, now=at(3, 6))
    assert status("§5.5", dt.date(Y, 3, 20)) == "met"
    assert status("§5.5", dt.date(Y, 5, 20)) == "at_risk"  # due 5 June
    assert status("§5.5", dt.date(Y, 6, 10)) == "broken"  # overdue, no outcome
    _checklist(staff, registered.review_items.get())
    S.outcome_record(actor=staff, item=registered.review_items.get(), outcome="no_problem", now=at(4, 1))  # fmt: skip
    assert status("§5.5", dt.date(Y, 6, 10)) == "met"
    # A document registered around the registration action, with no review at all.
    other = file(published=dt.date(Y, 3, 1), now=at(3, 2))
    Filing.objects.filter(pk=other.pk).update(status="registered", registered_at=at(3, 3))
    v = evaluate("§5.5", Y, dt.date(Y, 6, 10)).verdict
    assert v.status == "broken" and "未开始主动审查的文件 1 件" in str(v.summary)


def test_5_6_checklist_complete_for_each_outcome(registered, staff, file):
    from renda.filings import services as S
    from renda.filings.models import ReviewItem

    assert status("§5.6", dt.date(Y, 6, 1)) == "not_applicable"
    item = registered.review_items.get()
    _checklist(staff, item)
    S.outcome_record(actor=staff, item=item, outcome="no_problem", now=at(4, 1))
    assert status("§5.6", dt.date(Y, 6, 1)) == "met"
    ReviewItem.objects.filter(pk=item.pk).update(checklist={"legality": {"answer": "ok"}})
    v = evaluate("§5.6", Y, dt.date(Y, 6, 1)).verdict
    assert v.status == "broken" and "1 件未逐项核对" in str(v.summary)


def test_5_3_revocation_needs_its_vote(registered, staff, file):
    from renda.filings.models import Filing, ReviewItem

    assert status("§5.3", dt.date(Y, 6, 1)) == "not_applicable"
    # Revoked around the vote (an import): broken.
    Filing.objects.filter(pk=registered.pk).update(status="revoked", revoked_at=at(5, 1))
    v = evaluate("§5.3", Y, dt.date(Y, 6, 1)).verdict
    assert v.status == "broken" and v.evidence[0].status == "unvoted"
    # A proposal waiting for its vote is no breach.
    Filing.objects.filter(pk=registered.pk).update(status="registered", revoked_at=None)
    ReviewItem.objects.filter(filing=registered).update(outcome="revocation", decided_at=at(5, 1))
    assert status("§5.3", dt.date(Y, 6, 1)) == "met"
    # A result recorded without a sealed poll behind it: broken.
    ReviewItem.objects.filter(filing=registered).update(revocation_result="failed", revocation_recorded_at=at(5, 20))  # fmt: skip
    assert status("§5.3", dt.date(Y, 6, 1)) == "broken"


def test_5_3_revocation_voted_by_the_committee_is_met(registered, staff, term):
    from renda.accounts.models import Role, User
    from renda.filings import services as S
    from renda.meetings import services as meetings
    from renda.meetings.services import attendance_sign_in, meeting_open
    from renda.people.models import Membership, Organization, Person
    from renda.voting import services as V

    sc = Organization.objects.get(code="standing-committee")
    members = []
    for i, name in enumerate(["周明", "吴芳", "郑强"]):
        person = Person.objects.create(name=name, gender="male")
        Membership.objects.create(person=person, organization=sc, start_date=dt.date(2022, 1, 10))
        members.append(User.objects.create(username=f"sc-{i}", role=Role.MEMBER, person=person))
    today = dt.date.today()
    meeting = meetings.meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=today, ends_on=today)  # fmt: skip
    item = registered.review_items.get()
    _checklist(staff, item, answer="problem")
    item = S.outcome_record(actor=staff, item=item, outcome="revocation", note="越权设定罚款", meeting=meeting)  # fmt: skip
    for m in members:
        attendance_sign_in(actor=staff, meeting=meeting, person=m.person)
    meeting_open(actor=staff, meeting=meeting)
    poll = V.poll_open(actor=staff, poll=item.poll)
    for m in members:
        V.ballot_cast(actor=m, poll=poll, choice="yes")
    V.poll_close(actor=staff, poll=poll)
    item.refresh_from_db()
    S.revocation_record(actor=staff, item=item)
    registered.refresh_from_db()
    assert registered.status == "revoked"
    v = evaluate("§5.3", today.year, today).verdict
    assert v.status == "met" and "表决通过撤销 1 件" in str(v.summary), v.summary


# -- §5.7, §5.8, §5.11 -----------------------------------------------------------------------------


def _suggest(now):
    from renda.filings import services as S

    return S.review_suggestion_submit(
        actor=None, proposer_name="李明", contact="13800000000", document_reference="清发〔2026〕1号",
        reasons="该文件设定的罚款超出上位法规定的范围。", now=now,
    )  # fmt: skip


def test_5_7_suggestions_decided_in_time(staff, jurisdiction):
    from renda.filings import services as S

    assert status("§5.7", dt.date(Y, 6, 1)) == "not_applicable"
    s = _suggest(at(3, 2))
    assert status("§5.7", dt.date(Y, 3, 3)) == "met"  # decision due 12 March
    assert status("§5.7", dt.date(Y, 3, 6)) == "at_risk"
    assert status("§5.7", dt.date(Y, 4, 1)) == "broken"  # not decided within 10 days
    S.review_suggestion_not_start(actor=staff, suggestion=s, note="不属于审查范围", now=at(3, 6))
    assert status("§5.7", dt.date(Y, 4, 1)) == "met"


def test_5_8_correction_answered_and_amend_report(registered, staff):
    from renda.filings import services as S

    assert status("§5.8", dt.date(Y, 6, 1)) == "not_applicable"
    item = registered.review_items.get()
    _checklist(staff, item, answer="problem")
    item = S.outcome_record(actor=staff, item=item, outcome="correction", note="请修改", now=at(4, 1))  # fmt: skip
    due = item.correction_case.due_on
    assert status("§5.8", due - dt.timedelta(days=20)) == "met"
    v = evaluate("§5.8", Y, due + dt.timedelta(days=1)).verdict
    assert v.status == "broken" and "逾期未答复 1 件" in str(v.summary)


def test_5_8_self_amended_report_late(registered, staff):
    from renda.filings import services as S

    item = registered.review_items.get()
    _checklist(staff, item, answer="problem")
    item = S.outcome_record(actor=staff, item=item, outcome="self_amended", note="已沟通", now=at(4, 1))  # fmt: skip
    assert status("§5.8", dt.date(Y, 4, 10)) == "met"
    assert status("§5.8", item.amend_report_due_on + dt.timedelta(days=1)) == "broken"
    S.amend_report_record(actor=staff, item=item, text="已修改第五条。", now=at(4, 20))
    assert status("§5.8", item.amend_report_due_on + dt.timedelta(days=1)) == "met"


def test_5_11_transfers_in_time(file, staff):
    from renda.filings import services as S

    assert status("§5.11", dt.date(Y, 6, 1)) == "not_applicable"
    a = file(published=dt.date(Y, 3, 1), now=at(3, 2))
    S.filing_transfer(actor=staff, filing=a, to="某县人大常委会", now=at(3, 5))
    assert status("§5.11", dt.date(Y, 6, 1)) == "met"
    b = file(published=dt.date(Y, 3, 1), now=at(3, 2))
    S.filing_transfer(actor=staff, filing=b, to="某县人大常委会", now=at(4, 20))
    v = evaluate("§5.11", Y, dt.date(Y, 6, 1)).verdict
    assert v.status == "broken" and "逾期 1 件" in str(v.summary)


# -- §5.9, §5.10 -----------------------------------------------------------------------------------


def test_5_9_catalogue_reminders_and_receipt(staff, unit):
    from renda.filings import services as S
    from renda.filings.models import CatalogueReminder

    due = S.catalogue_due_on(Y - 1)
    assert status("§5.9", due - dt.timedelta(days=10)) == "at_risk"
    assert status("§5.9", due + dt.timedelta(days=1)) == "broken"
    S.catalogue_reminders_send(actor=staff, year=Y - 1, now=at(1, 5))
    assert status("§5.9", due + dt.timedelta(days=1)) == "met"
    CatalogueReminder.objects.filter(body=unit).update(received_on=due + dt.timedelta(days=3))
    v = evaluate("§5.9", Y, due + dt.timedelta(days=5)).verdict
    assert v.status == "broken" and "逾期报送 1 份" in str(v.summary)


def test_5_10_annual_report_published(staff, jurisdiction):
    from renda.filings import services as S

    assert status("§5.10", dt.date(Y, 3, 1)) == "not_due"
    assert status("§5.10", dt.date(Y, 12, 15)) == "at_risk"
    assert status("§5.10", dt.date(Y + 1, 1, 15)) == "broken"
    report = S.annual_report_prepare(actor=staff, year=Y, summary="全年备案审查工作情况。", now=at(12, 1))  # fmt: skip
    S.annual_report_publish(actor=staff, report=report, now=at(12, 20))
    assert status("§5.10", dt.date(Y + 1, 1, 15)) == "met"


# -- §6 ------------------------------------------------------------------------------------------


@pytest.fixture
def matter_on_agenda(users, term, government):
    from renda.decisions import services as S
    from renda.decisions.categories import ensure_categories
    from renda.decisions.models import Category
    from renda.meetings.services import meeting_schedule

    ensure_categories()
    staff = users["staff"]

    def make(kind="report", starts_on=dt.date(Y, 6, 10), quarter=None):
        meeting = meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=starts_on, ends_on=starts_on)  # fmt: skip
        matter = S.matter_create(
            actor=staff, category=Category.objects.first(), kind=kind, title=f"关于{kind}的报告",
            proposing_body=government, year=Y, planned_quarter=quarter,
        )  # fmt: skip
        return S.matter_schedule(actor=staff, matter=matter, meeting=meeting)

    return make


def test_6_1_matters_end_in_a_decision_or_are_heard(matter_on_agenda, staff):
    from renda.decisions import services as S

    assert status("§6.1", dt.date(Y, 7, 1)) == "not_applicable"
    matter = matter_on_agenda()
    assert status("§6.1", dt.date(Y, 6, 5)) == "not_applicable"  # the meeting is still to come
    v = evaluate("§6.1", Y, dt.date(Y, 7, 1)).verdict
    assert v.status == "broken" and v.evidence[0].status == "undecided"
    S.matter_conclude(actor=staff, matter=matter, conclusion="会议听取并审议了该报告。")
    assert status("§6.1", dt.date(Y, 7, 1)) == "met"


def test_6_3_materials_before_the_meeting(matter_on_agenda, staff):
    from renda.decisions import services as S

    assert status("§6.3", dt.date(Y, 7, 1)) == "not_applicable"
    matter = matter_on_agenda()  # a report: due 20 days before 10 June
    assert status("§6.3", dt.date(Y, 5, 10)) == "met"
    assert status("§6.3", dt.date(Y, 5, 18)) == "at_risk"
    assert status("§6.3", dt.date(Y, 5, 22)) == "broken"
    pdf = SimpleUploadedFile("报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    S.material_add(actor=staff, matter=matter, kind="report", title="报告", file=pdf, received_on=dt.date(Y, 5, 15), now=at(5, 16))  # fmt: skip
    assert status("§6.3", dt.date(Y, 7, 1)) == "met"


def test_6_4_prior_reports_heard_by_their_quarter(users, government):
    from renda.decisions import services as S
    from renda.decisions.categories import ensure_categories
    from renda.decisions.models import Category, Matter

    ensure_categories()
    assert status("§6.4", dt.date(Y, 7, 1)) == "not_applicable"
    m = S.matter_create(
        actor=users["staff"], category=Category.objects.first(), kind="prior_report",
        title="关于出台住房保障办法的事前报告", proposing_body=government, year=Y, planned_quarter=2,
    )  # fmt: skip
    Matter.objects.filter(pk=m.pk).update(status="listed")
    assert status("§6.4", dt.date(Y, 4, 15)) == "met"
    assert status("§6.4", dt.date(Y, 6, 15)) == "at_risk"
    assert status("§6.4", dt.date(Y, 7, 15)) == "broken"
    Matter.objects.filter(pk=m.pk).update(status="concluded")
    assert status("§6.4", dt.date(Y, 7, 15)) == "met"


def test_6_5_opinions_handled_in_time(matter_on_agenda, staff):
    from renda.decisions import services as S

    assert status("§6.5", dt.date(Y, 7, 1)) == "not_applicable"
    matter = matter_on_agenda()
    S.matter_conclude(actor=staff, matter=matter, conclusion="已审议。")
    case = S.opinions_send(actor=staff, matter=matter, text="建议完善。", now=at(6, 12))
    assert status("§6.5", dt.date(Y, 7, 1)) == "met"
    assert status("§6.5", case.due_on - dt.timedelta(days=5)) == "at_risk"
    v = evaluate("§6.5", Y, case.due_on + dt.timedelta(days=1)).verdict
    assert v.status == "broken" and "逾期未报告 1 件" in str(v.summary)


# -- S4 ------------------------------------------------------------------------------------------


def test_s4_news_column_publishes_during_the_year(staff, jurisdiction):
    from renda.portal.models import NewsItem

    assert status("S4", dt.date(Y, 6, 1)) == "at_risk"
    assert status("S4", dt.date(Y + 1, 1, 5)) == "broken"
    NewsItem.objects.create(title="常委会举行第十次会议", body="正文", status="published", published_at=at(5, 1))  # fmt: skip
    NewsItem.objects.create(title="草稿", body="正文", status="draft")
    v = evaluate("S4", Y, dt.date(Y + 1, 1, 5)).verdict
    assert v.status == "met" and "新闻 1 条" in str(v.summary) and len(v.evidence) == 2
