"""Each evaluated rule, made met and broken on constructed data (the domain's own records,
judged on a given day)."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.budget import services as budget
from renda.compliance.registry import evaluate
from renda.meetings.models import Meeting
from renda.people.models import Deputy, Membership, Organization, Person

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 6, 1)


def status(code, year, today=TODAY):
    return evaluate(code, year, today).verdict.status


def meeting(term, kind, first, last=None, election=False):
    body = Organization.objects.get(code="congress" if kind == "congress_session" else "standing-committee")  # fmt: skip
    n = Meeting.objects.filter(kind=kind).count() + 1
    return Meeting.objects.create(kind=kind, body=body, term=term, number=n, title=f"{kind}{n}", starts_on=first, ends_on=last or first, has_election=election)  # fmt: skip


def test_meetings_frequency_and_session_length(term):
    meeting(term, "congress_session", D(2024, 1, 8), D(2024, 1, 11))
    meeting(term, "congress_session", D(2026, 1, 8))  # one day, no election
    for day in (D(2025, 1, 10), D(2025, 3, 1), D(2025, 7, 1), D(2025, 9, 1), D(2025, 11, 1)):
        meeting(term, "sc_meeting", day)
    for day in (D(2025, 12, 30), D(2026, 2, 27), D(2026, 4, 27), D(2026, 6, 20)):
        meeting(term, "sc_meeting", day)
    assert status("§8.1", 2024) == "met" and status("§8.1", 2025) == "broken"
    assert status("§8.7", 2025) == "broken" and status("§8.7", 2026) == "met"
    gap = evaluate("§8.7", 2025, TODAY).verdict
    assert "相隔" in gap.summary and len(gap.evidence) == 2  # the two meetings, linked
    assert status("§8.6", 2024) == "met" and status("§8.6", 2026) == "broken"
    assert status("S14", 2026) == "broken" and status("S14", 2024) == "met"
    assert status("S14", 2027) == "not_due"  # a year not begun


def seat(term, n, *, category="other", reelected=False):
    dlg = Organization.objects.get_or_create(code="dlg-x", defaults={"name": "甲代表团", "kind": Organization.Kind.DELEGATION})[0]  # fmt: skip
    for i in range(n):
        person = Person.objects.create(name=f"代表{category}{reelected}{i}", gender="male")
        Deputy.objects.create(person=person, term=term, occupation_category=category, is_reelected=reelected)  # fmt: skip
        Membership.objects.create(person=person, organization=dlg, term=term, start_date=term.start_date)  # fmt: skip


def sc_members(term, n, full_time):
    sc = Organization.objects.get(code="standing-committee")
    for i in range(n):
        person = Person.objects.create(name=f"委员{i}", gender="female")
        Membership.objects.create(person=person, organization=sc, term=term, start_date=term.start_date, is_full_time=i < full_time)  # fmt: skip


def test_composition(term):
    assert status("S20", 2026) == "not_evaluated"  # no deputies seated: nothing to judge
    seat(term, 2, reelected=True)
    seat(term, 1, category="leading_cadre")
    assert status("S20", 2026) == "met" and status("S21", 2026) == "met"
    assert "1/3" in evaluate("S20", 2026, TODAY).verdict.summary
    seat(term, 1, category="leading_cadre")  # 2 of 4: over a third
    assert status("S20", 2026) == "broken" and status("§2.10", 2026) == "broken"
    seat(term, 3)  # 2 of 7 leading cadres again under a third; 2 reelected of 7 under a third too
    assert status("S20", 2026) == "met" and status("S21", 2026) == "broken"
    sc_members(term, 30, full_time=18)
    assert status("§8.15", 2026) == "met" and status("S28", 2026) == "met" and status("§8.16", 2026) == "met"  # fmt: skip
    Membership.objects.filter(is_full_time=True).first().delete()  # 17 of 29: under 60 %
    assert status("S28", 2026) == "broken" and status("§8.15", 2026) == "met"
    Membership.objects.filter(
        organization__code="standing-committee"
    ).first().delete()  # 28: too few
    assert status("§8.15", 2026) == "broken"


def test_budget_steps_publication_and_debt(staff, term):
    june = meeting(term, "sc_meeting", D(2026, 6, 24))
    assert status("§4.3", 2025) == "broken"  # a past year without the step on the calendar
    assert status("§4.3", 2026) == "at_risk"  # this year's window still open, not yet planned
    final = budget.milestone_plan(actor=staff, year=2026, kind="final_accounts", meeting=june)
    assert final.due_on == D(2026, 5, 25)
    assert status("§4.3", 2026, D(2026, 5, 1)) == "not_due"
    assert status("§4.3", 2026, D(2026, 5, 20)) == "at_risk"  # due within two weeks
    budget.milestone_submit(actor=staff, milestone=final, submitted_on=D(2026, 5, 20), document="决算草案")  # fmt: skip
    assert status("§4.3", 2026) == "met"
    late = budget.milestone_plan(actor=staff, year=2026, kind="mid_year", meeting=june)
    assert status("§4.4", 2026, D(2026, 10, 1)) == "broken"  # not heard by the window's end
    assert evaluate("§4.4", 2026, D(2026, 10, 1)).verdict.evidence[0].url.endswith(f"/{late.pk}/")
    assert status("§4.2", 2026) == "not_applicable"  # no adjustment this year
    assert status("§4.7", 2026) == "at_risk"  # nothing recorded to publish yet
    p = budget.publication_record(actor=staff, year=2026, kind="budget", approved_on=D(2026, 1, 20))
    assert status("§4.7", 2026, D(2026, 3, 1)) == "broken"  # twenty days passed
    budget.publication_publish(actor=staff, publication=p, published_on=D(2026, 2, 5), url="https://czj.example.cn/1")  # fmt: skip
    assert status("§4.7", 2026, D(2026, 3, 1)) == "met"
    budget.debt_record(actor=staff, year=2026, kind="general", limit="100", opening="90", issued="20", repaid="0", closing="110")  # fmt: skip
    v = evaluate("§4.6", 2026, TODAY).verdict
    assert v.status == "broken" and "超过限额" in v.summary
    assert status("S7", 2026) == "broken"


def test_party_consent_read_back_on_every_gated_step(staff, term):
    from renda.budget.models import Milestone
    from renda.core import approvals

    assert status("S2", 2026) == "not_applicable"  # nothing passed a gated step yet
    june = meeting(term, "sc_meeting", D(2026, 6, 24))
    final = budget.milestone_plan(actor=staff, year=2026, kind="final_accounts", meeting=june)
    asked = approvals.approval_request(actor=staff, subject=final, kind="party_consent", sent_on=D(2026, 6, 1))  # fmt: skip
    approvals.approval_answer(actor=staff, approval=asked, answer="approved", answered_on=D(2026, 6, 5))  # fmt: skip
    budget.milestone_hear(actor=staff, milestone=final, heard_on=D(2026, 6, 24))
    v = evaluate("S2", 2026, TODAY).verdict
    assert v.status == "met" and "1 项，均经党委同意" in v.summary
    # A step recorded as heard without the consent (written around the action, e.g. an import):
    Milestone.objects.create(year=2026, kind="adjustment", status="heard", heard_on=D(2026, 5, 20))
    v = evaluate("S2", 2026, TODAY).verdict
    assert v.status == "broken" and "2 项，1 项未见党委同意" in v.summary
    assert len(v.evidence) == 1 and v.evidence[0].status == "missing"


def test_deputies_training_reports_and_contacts_against_their_settings(term):
    from renda.core.models import RuleSetting

    assert status("S24", 2026) == "not_evaluated"  # nobody seated
    seat(term, 3)
    sc_members(term, 2, full_time=1)
    assert status("S24", 2025, D(2025, 6, 1)) == "not_due"  # untrained, the term has time left
    assert status("S24", 2026) == "at_risk"  # its last year (the term ends 2027-01-09)
    assert status("§2.6", 2026, D(2027, 2, 1)) == "broken"  # it ended with nobody trained
    assert status("S26", 2026, D(2027, 2, 1)) == "broken" and status("§2.5", 2026, D(2027, 2, 1)) == "broken"  # fmt: skip
    v = evaluate("S23", 2026, TODAY).verdict  # no contacts recorded in the first quarter
    assert v.status == "broken" and "第1季度：2 名常委会组成人员、3 名代表联系次数不足" in v.summary
    for key in ("deputy.training_per_term", "deputy.voter_reports_per_term", "contact.sc_member_per_quarter", "contact.deputy_per_quarter"):  # fmt: skip
        RuleSetting.objects.create(key=key, value="0")  # the local settings govern the verdicts
    assert status("S24", 2026, D(2027, 2, 1)) == "met" and status("S26", 2026, D(2027, 2, 1)) == "met"  # fmt: skip
    assert status("S23", 2026) == "met"
