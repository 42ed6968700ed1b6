"""The suggestions' rules (S27, §1.1, §1.4–§1.14) made met, at risk and broken on suggestions
taken through their own actions and the casework engine, and on records written around them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from renda.accounts.models import Role, User
from renda.casework import services as cw
from renda.casework.models import Case, Rating, Reply, ReturnRequest
from renda.compliance.registry import REGISTRY, evaluate
from renda.people.models import Organization
from renda.suggestions import services as S
from renda.suggestions.assignment import UnitProposal, suggestion_assign
from renda.suggestions.models import CoSigner, Suggestion
from renda.suggestions.tests.conftest import deputy, other_deputies, units  # noqa: F401

pytestmark = pytest.mark.django_db
D = dt.date
TZ = ZoneInfo("Asia/Shanghai")
SUBMITTED, ASSIGNED, REPLIED = D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 20)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def verdict(code, year, today):
    return evaluate(code, year, today).verdict


def status(code, year, today):
    return verdict(code, year, today).status


@pytest.fixture(autouse=True)
def calendar(db):
    from renda.core.workdays import load_package_calendar

    load_package_calendar()


@pytest.fixture
def officer(users):
    return users["unit_officer"]


@pytest.fixture
def submit(users, deputy):  # noqa: F811
    """A suggestion submitted by the deputy on ``day`` (accepted the next day unless told)."""

    def make(day=SUBMITTED, *, accept=True, title="关于加强乡村教师队伍建设的建议"):
        s = S.suggestion_create(actor=users["deputy"], title=title, content="乡村教师待遇偏低。", category="education", now=at(day))  # fmt: skip
        S.suggestion_submit(actor=users["deputy"], suggestion=s, now=at(day))
        if accept:
            S.suggestion_accept(actor=users["staff"], suggestion=s, now=at(day + dt.timedelta(days=1)))  # fmt: skip
        s.refresh_from_db()
        return s

    return make


@pytest.fixture
def assign(users, units):  # noqa: F811
    def make(s, day=ASSIGNED, co=()):
        suggestion_assign(actor=users["staff"], suggestion=s, lead=units["education"], co_handlers=[units[u] for u in co], now=at(day), proposal=UnitProposal([], []))  # fmt: skip
        s.refresh_from_db()
        return s.case

    return make


@pytest.fixture
def reply(officer, users):
    """The lead unit receives, contacts the deputy and replies on ``day`` with ``result``."""

    def make(case, day=REPLIED, result="A", publish=True):
        if case.status == Case.Status.AWAITING_RECEIPT:
            cw.assignment_receive(actor=officer, case=case, now=at(day - dt.timedelta(days=3)))
        cw.contact_log(actor=officer, case=case, contacted_on=day - dt.timedelta(days=2), method="phone", note="电话沟通", now=at(day - dt.timedelta(days=2)))  # fmt: skip
        cw.reply_submit(actor=officer, case=case, text="经研究，正在落实。", result_class=result, signed_by_name="张局长", now=at(day))  # fmt: skip
        if publish:
            cw.reply_publish(actor=users["staff"], case=case, now=at(day, 16))
        case.refresh_from_db()
        return case

    return make


def test_intake_screening_and_assignment_in_time(submit, assign, users):
    for code in ("§1.1", "§1.5", "§1.10", "S27"):
        assert status(code, 2025, D(2026, 3, 1)) == "not_applicable"
    s = submit(D(2026, 3, 2))
    assign(s, D(2026, 3, 4))
    v = verdict("§1.1", 2026, D(2026, 3, 10))
    assert v.status == "met" and "闭会期间 1 件" in str(v.summary)
    assert status("§1.5", 2026, D(2026, 3, 10)) == "met"  # accepted

    waiting = submit(D(2026, 3, 2), accept=False, title="关于增设公交线路的建议")
    assert status("§1.10", 2026, D(2026, 3, 5)) == "met"
    assert status("§1.10", 2026, D(2026, 3, 13)) == "at_risk"  # ten working days end on 16 March
    v = verdict("§1.10", 2026, D(2026, 3, 17))
    assert v.status == "broken" and "1 件未在提交后 10 个工作日内审查交办" in str(v.summary)

    S.suggestion_not_accept(actor=users["staff"], suggestion=waiting, reasons=["personal"], now=at(D(2026, 3, 6)))  # fmt: skip
    assert status("§1.10", 2026, D(2026, 3, 17)) == "met"  # refused in time
    v = verdict("§1.5", 2026, D(2026, 3, 17))
    assert v.status == "met" and "不予立案 1 件" in str(v.summary)

    # Refused around the action (an import): no reason, no notice to the deputy.
    bare = submit(D(2026, 3, 2), accept=False, title="关于某企业产品的建议")
    Suggestion.objects.filter(pk=bare.pk).update(
        status="not_accepted", screened_at=at(D(2026, 3, 9))
    )
    assert status("§1.5", 2026, D(2026, 3, 17)) == "broken"
    assert status("S27", 2026, D(2026, 3, 17)) == "broken"

    # Marked assigned without passing through the assignment: no case, no assignment time.
    Suggestion.objects.filter(pk=bare.pk).update(status="assigned")
    v = verdict("§1.1", 2026, D(2026, 3, 17))
    assert v.status == "broken" and any(e.label == bare.title for e in v.evidence)


def test_key_suggestions(submit, assign, users):
    assert status("§1.4", 2026, D(2026, 6, 1)) == "not_applicable"
    case = assign(submit())
    assert status("§1.4", 2026, D(2026, 6, 1)) == "at_risk"  # none selected yet
    assert status("§1.4", 2026, D(2027, 1, 5)) == "broken"  # the year passed without any
    committee = Organization.objects.filter(kind=Organization.Kind.SPECIAL_COMMITTEE).first()
    cw.case_key(actor=users["staff"], case=case, leader=users["leader"], committee=committee, now=at(D(2026, 4, 1)))  # fmt: skip
    v = verdict("§1.4", 2026, D(2027, 1, 5))
    assert v.status == "met" and "重点督办 1 件" in str(v.summary)
    Case.objects.filter(pk=case.pk).update(key_leader=None)  # no council member leads it
    assert status("§1.4", 2026, D(2027, 1, 5)) == "broken"


def test_rating_rehandling_and_follow_up(submit, assign, reply, users, officer):
    case = reply(assign(submit()), D(2026, 3, 20), result="B")
    assert status("§1.7", 2026, D(2026, 3, 23)) == "met"
    cw.rating_submit(actor=users["deputy"], case=case, value="dissatisfied", comment="未解决", now=at(D(2026, 3, 24)))  # fmt: skip
    v = verdict("§1.7", 2026, D(2026, 3, 25))
    assert v.status == "met" and "逾期评价 0 件" in str(v.summary)
    assert "待代表工作机构核实" in str(verdict("S27", 2026, D(2026, 3, 25)).summary)
    Rating.objects.filter(case=case).update(late=True)  # on time, yet left out of the figures
    assert status("§1.7", 2026, D(2026, 3, 25)) == "broken"
    Rating.objects.filter(case=case).update(late=False)

    assert status("§1.6", 2026, D(2026, 3, 25)) == "not_applicable"
    cw.dissatisfaction_verify(actor=users["staff"], case=case, rehandle=True, finding="确未解决", now=at(D(2026, 3, 26)))  # fmt: skip
    case.refresh_from_db()
    assert case.due_on == D(2026, 4, 26)
    assert status("§1.6", 2026, D(2026, 4, 1)) == "met"
    assert status("§1.6", 2026, D(2026, 4, 22)) == "at_risk"
    assert status("§1.6", 2026, D(2026, 4, 27)) == "broken"
    assert status("S27", 2026, D(2026, 4, 27)) == "broken"
    reply(case, D(2026, 4, 24), result="B")
    v = verdict("§1.6", 2026, D(2026, 4, 27))
    assert v.status == "met" and "1 个月内" in str(v.summary)

    # §1.12: a B reply waits for its follow-up; an unknown class breaks the rule.
    v = verdict("§1.12", 2026, D(2026, 5, 1))
    assert v.status == "met" and "B 2" in str(v.summary) and "尚未跟踪答复" in str(v.summary)
    assert status("§1.12", 2026, D(2027, 1, 5)) == "at_risk"
    cw.follow_up_reply(actor=officer, case=case, text="已经解决。", result_class="A", signed_by_name="张局长", now=at(D(2026, 9, 1)))  # fmt: skip
    assert status("§1.12", 2026, D(2027, 1, 5)) == "met"
    Reply.objects.filter(case=case, is_follow_up=False).update(result_class="E")
    assert status("§1.12", 2026, D(2027, 1, 5)) == "broken"


def test_contact_signature_and_publication(submit, assign, reply, users, other_deputies):  # noqa: F811
    case = assign(submit())
    assert status("§1.10", 2026, D(2026, 3, 10)) == "met"
    assert status("§1.10", 2026, D(2026, 4, 1)) == "at_risk"  # first contact due on 2 April
    v = verdict("§1.10", 2026, D(2026, 4, 3))
    assert v.status == "broken" and "1 件未在交办后 20 个工作日内联系代表" in str(v.summary)
    reply(case, D(2026, 3, 20), publish=False)
    assert status("§1.10", 2026, D(2026, 4, 3)) == "met"
    assert status("§1.13", 2026, D(2026, 4, 3)) == "at_risk"  # the reply waits for review

    cw.reply_publish(actor=users["staff"], case=case, now=at(D(2026, 3, 23)))
    v = verdict("§1.13", 2026, D(2026, 4, 3))
    assert v.status == "met" and "已公开 1 件" in str(v.summary)
    Case.objects.filter(pk=case.pk).update(published=False)  # hidden from the public site
    assert status("§1.13", 2026, D(2026, 4, 3)) == "broken"

    assert status("§1.11", 2026, D(2026, 4, 3)) == "met"
    Reply.objects.filter(case=case).update(signed_by_name=" ")
    assert status("§1.11", 2026, D(2026, 4, 3)) == "broken"
    Reply.objects.filter(case=case).update(signed_by_name="张局长")
    CoSigner.objects.create(suggestion=case.suggestion, deputy=other_deputies[0], confirmed_at=at(D(2026, 3, 2)))  # fmt: skip
    v = verdict("§1.11", 2026, D(2026, 4, 3))
    assert v.status == "broken" and "未列为答复对象" in str(v.summary)

    # A reply recorded without any contact with the deputy.
    other = assign(submit(title="关于增设公交线路的建议"))
    other.contacts.all().delete()
    Reply.objects.create(case=other, unit=case.assignments.first().unit, text="已答复。", result_class="A", signed_by_name="张局长", replied_at=at(D(2026, 3, 25)))  # fmt: skip
    v = verdict("§1.10", 2026, D(2026, 3, 26))
    assert v.status == "broken" and "1 件答复前未联系代表" in str(v.summary)


def test_return_requests_and_co_opinions(submit, assign, officer, units):  # noqa: F811
    assert status("§1.8", 2026, D(2026, 3, 10)) == "not_applicable"
    assert status("§1.9", 2026, D(2026, 3, 10)) == "not_applicable"
    co_officer = User.objects.create_user("t-officer-transport", password="x", role=Role.UNIT_OFFICER, scope=units["transport"])  # fmt: skip
    case = assign(submit(), D(2026, 3, 4))
    cw.return_request(actor=officer, case=case, reason="不属于本单位职责", now=at(D(2026, 3, 6)))
    assert status("§1.8", 2026, D(2026, 3, 10)) == "met"
    ReturnRequest.objects.filter(case=case).update(
        requested_at=at(D(2026, 3, 20))
    )  # past the window
    v = verdict("§1.8", 2026, D(2026, 3, 25))
    assert v.status == "broken" and "1 件超过期限提出" in str(v.summary)

    case = assign(submit(title="关于增设公交线路的建议"), D(2026, 3, 4), co=["transport"])
    assert status("§1.9", 2026, D(2026, 3, 20)) == "met"  # due on 4 April
    assert status("§1.9", 2026, D(2026, 4, 1)) == "at_risk"
    assert status("§1.9", 2026, D(2026, 4, 6)) == "broken"
    cw.assignment_receive(actor=co_officer, case=case, now=at(D(2026, 3, 5)))
    cw.co_opinion_submit(actor=co_officer, case=case, opinion="同意主办单位意见。", now=at(D(2026, 3, 30)))  # fmt: skip
    assert status("§1.9", 2026, D(2026, 4, 6)) == "met"


def test_evaluation_metrics(submit, assign, reply, users):
    assert status("§1.14", 2026, D(2026, 6, 1)) == "not_applicable"
    case = reply(assign(submit()), D(2026, 3, 20))
    assert status("§1.14", 2026, D(2026, 6, 1)) == "not_due"  # no rating yet this year
    assert status("§1.14", 2026, D(2027, 1, 5)) == "broken"  # the year ended without one
    cw.rating_submit(actor=users["deputy"], case=case, value="satisfied", now=at(D(2026, 3, 24)))
    v = verdict("§1.14", 2026, D(2027, 1, 5))
    assert v.status == "met" and "办复率 100.0%" in str(v.summary) and "解决率 100.0%" in str(v.summary)  # fmt: skip


def test_handling_report_is_registered_with_its_reason():
    entry = REGISTRY["§1.3"]
    assert entry.evaluate is None and "会议议程" in str(entry.reason)


def test_query_count_does_not_grow_with_suggestions(submit, assign, reply):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    codes = [
        c for c, e in REGISTRY.items() if e.area == "suggestions" and e.evaluate and c != "§1.2"
    ]

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            for code in codes:
                evaluate(code, 2026, D(2026, 6, 1))
        return len(ctx)

    reply(assign(submit()))
    one = queries()
    for title in ("关于增设公交线路的建议", "关于改善农村饮水的建议"):
        reply(assign(submit(title=title)))
    assert queries() == one
