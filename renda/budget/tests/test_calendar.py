"""The budget calendar (§4.1–§4.6) and the publication tracker (§4.7): each statutory
deadline both ways, the windows of the law, and the settings that move them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.budget import calendar, services
from renda.budget.models import Milestone, Publication
from renda.core import approvals
from renda.core.errors import Conflict, DomainError
from renda.core.models import RuleSetting
from renda.meetings.models import Meeting
from renda.people.models import Organization

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def meeting(term):
    def make(day: dt.date, kind: str = "sc_meeting") -> Meeting:
        body = Organization.objects.get(
            code="congress" if kind == "congress_session" else "standing-committee"
        )
        n = Meeting.objects.count() + 1
        return Meeting.objects.create(kind=kind, body=body, term=term, number=n, title=f"会议{n}", starts_on=day, ends_on=day)  # fmt: skip

    return make


def plan(staff, year, kind, meeting=None, now=None):
    return services.milestone_plan(actor=staff, year=year, kind=kind, meeting=meeting)


def state(m, today):
    m.refresh_from_db()
    return calendar.state(m, today)


def submit(staff, m, day):
    return services.milestone_submit(actor=staff, milestone=m, submitted_on=day, document="草案", now=timezone.make_aware(dt.datetime(2027, 12, 1)))  # fmt: skip


def hear(staff, m, day):
    return services.milestone_hear(actor=staff, milestone=m, heard_on=day, now=timezone.make_aware(dt.datetime(2027, 12, 1)))  # fmt: skip


def test_the_budget_draft_is_due_30_days_before_the_session_both_ways(staff, meeting):
    """§4.1 (预算法 第44条): thirty days before the congress session."""
    session = meeting(D(2027, 1, 20), "congress_session")
    on_time = plan(staff, 2027, "budget_draft", session)
    assert on_time.due_on == D(2026, 12, 21)
    submit(staff, on_time, D(2026, 12, 21))
    assert state(on_time, D(2027, 1, 5)) == "done"
    Milestone.objects.filter(pk=on_time.pk).update(submitted_on=D(2026, 12, 22))
    assert state(on_time, D(2027, 1, 5)) == "late"
    with pytest.raises(DomainError) as e:
        plan(staff, 2028, "budget_draft", meeting(D(2027, 6, 1)))
    assert e.value.code == "wrong_meeting"


def test_a_deadline_on_a_weekend_moves_back_to_the_working_day_before(staff, meeting):
    """§4.2 (预算法 第69条): 2026-08-25 less thirty days is Sunday 26 July: due Friday 24th."""
    m = plan(staff, 2026, "adjustment", meeting(D(2026, 8, 25)))
    assert m.due_on == D(2026, 7, 24)
    submit(staff, m, D(2026, 7, 24))
    assert state(m, D(2026, 8, 1)) == "done"
    Milestone.objects.filter(pk=m.pk).update(submitted_on=D(2026, 7, 25))
    assert state(m, D(2026, 8, 1)) == "late"


def test_the_final_accounts_between_june_and_september_both_ways(staff, meeting):
    """§4.3 (监督法 第19条; 预算法 第78条): heard June–September, the draft 30 days ahead."""
    with pytest.raises(DomainError) as e:
        plan(staff, 2026, "final_accounts", meeting(D(2026, 10, 20)))
    assert e.value.code == "outside_window"
    unscheduled = plan(staff, 2026, "final_accounts")
    assert unscheduled.due_on == D(2026, 8, 31)  # for a meeting on 30 September at the latest
    services.milestone_schedule(actor=staff, milestone=unscheduled, meeting=meeting(D(2026, 6, 25)))
    unscheduled.refresh_from_db()
    assert unscheduled.due_on == D(2026, 5, 26)
    assert state(unscheduled, D(2026, 5, 26)) == "due_soon" and state(unscheduled, D(2026, 5, 27)) == "overdue"  # fmt: skip


def test_the_mid_year_report_is_heard_within_its_window(staff):
    """§4.4 (监督法 第20条): June–September."""
    m = plan(staff, 2026, "mid_year")
    assert m.due_on == D(2026, 9, 30)
    with pytest.raises(DomainError) as e:
        hear(staff, m, D(2026, 10, 10))
    assert e.value.code == "outside_window"
    assert state(m, D(2026, 10, 1)) == "overdue" and state(m, D(2026, 9, 30)) == "due_soon"
    hear(staff, m, D(2026, 8, 20))
    assert state(m, D(2026, 10, 1)) == "done"


def test_the_budget_its_adjustment_and_the_final_accounts_need_the_party_committees_consent(staff, meeting):  # fmt: skip
    """S2: heard only once the party committee agreed; a return for changes is not consent;
    the other steps need none."""
    m = plan(staff, 2026, "final_accounts", meeting(D(2026, 6, 25)))
    with pytest.raises(Conflict) as e:
        hear(staff, m, D(2026, 6, 25))
    assert e.value.code == "approval_required"
    asked = approvals.approval_request(
        actor=staff, subject=m, kind="party_consent", sent_on=D(2026, 6, 1)
    )
    approvals.approval_answer(actor=staff, approval=asked, answer="returned", answered_on=D(2026, 6, 5), note="补充说明")  # fmt: skip
    with pytest.raises(Conflict):
        hear(staff, m, D(2026, 6, 25))
    asked = approvals.approval_request(
        actor=staff, subject=m, kind="party_consent", sent_on=D(2026, 6, 8)
    )
    approvals.approval_answer(actor=staff, approval=asked, answer="approved", answered_on=D(2026, 6, 12))  # fmt: skip
    assert hear(staff, m, D(2026, 6, 25)).status == "heard"
    assets = plan(staff, 2026, "state_assets")
    assert hear(staff, assets, D(2026, 10, 28)).status == "heard"  # no consent asked


def test_rectification_is_due_six_months_after_the_audit_report(staff):
    """§4.5 (监督法 第27条)."""
    audit = plan(staff, 2026, "audit_report")
    rect = plan(staff, 2026, "rectification")
    assert rect.due_on is None and state(rect, D(2026, 12, 31)) == "pending"
    hear(staff, audit, D(2026, 6, 28))
    rect.refresh_from_db()
    assert rect.due_on == D(2026, 12, 28)
    assert state(rect, D(2026, 12, 28)) == "due_soon" and state(rect, D(2026, 12, 29)) == "overdue"
    hear(staff, rect, D(2026, 12, 29))
    assert state(rect, D(2027, 1, 5)) == "late"
    Milestone.objects.filter(pk=rect.pk).update(heard_on=D(2026, 12, 20))
    assert state(rect, D(2027, 1, 5)) == "done"


def test_the_annual_reports_are_due_within_the_year(staff):
    """§4.6 (监督法 第24–25条): once a year each."""
    assets, debt = plan(staff, 2026, "state_assets"), plan(staff, 2026, "government_debt")
    assert assets.due_on == debt.due_on == D(2026, 12, 31)
    hear(staff, assets, D(2026, 10, 28))
    assert state(assets, D(2027, 1, 1)) == "done" and state(debt, D(2027, 1, 1)) == "overdue"


def test_a_local_rule_asking_more_days_moves_the_deadline(staff, meeting):
    RuleSetting.objects.create(key="budget.draft_days", value="45")
    m = plan(staff, 2027, "budget_draft", meeting(D(2027, 1, 20), "congress_session"))
    assert m.due_on == D(2026, 12, 4)  # 6 December is a Sunday, 5th a Saturday


def test_publication_within_20_days_both_ways(staff, tables):
    """§4.7 (预算法 第14条): within twenty days of approval."""
    from renda.budget.models import Department

    p = services.publication_record(actor=staff, year=2026, kind="budget", approved_on=D(2026, 1, 20), now=timezone.make_aware(dt.datetime(2026, 1, 21)))  # fmt: skip
    assert p.due_on == D(2026, 2, 9)
    assert services.publication_state(p, D(2026, 2, 9)) == "due_soon"
    assert services.publication_state(p, D(2026, 2, 10)) == "overdue"
    services.publication_publish(actor=staff, publication=p, published_on=D(2026, 2, 9), url="https://czj.example.cn/ys2026", now=timezone.make_aware(dt.datetime(2026, 2, 12)))  # fmt: skip
    p.refresh_from_db()
    assert services.publication_state(p, D(2026, 3, 1)) == "done" and p.url.endswith("ys2026")
    Publication.objects.filter(pk=p.pk).update(published_on=D(2026, 2, 10))
    p.refresh_from_db()
    assert services.publication_state(p, D(2026, 3, 1)) == "late"
    with pytest.raises(DomainError) as e:
        services.publication_record(actor=staff, year=2026, kind="department_budget", approved_on=D(2026, 1, 20))  # fmt: skip
    assert e.value.code == "field_required"
    dept = services.publication_record(actor=staff, year=2026, kind="department_budget", department=Department.objects.get(code="201"), approved_on=D(2026, 2, 1))  # fmt: skip
    with pytest.raises(DomainError) as e:
        services.publication_publish(actor=staff, publication=dept, published_on=D(2026, 2, 5), url="javascript:alert(1)")  # fmt: skip
    assert e.value.code == "invalid_url"


def test_the_calendar_pages_plan_and_record(client_for, staff, meeting):
    from django.urls import reverse

    client = client_for("staff")
    sc = meeting(D(2026, 8, 25))
    r = client.post(reverse("budget:milestone_plan"), {"year": 2026, "kind": "final_accounts", "meeting": meeting(D(2026, 10, 20)).pk})  # fmt: skip
    assert r.status_code == 400 and "应在2026-06-01至2026-09-30之间的会议审议" in r.content.decode()
    assert 'value="2026"' in r.content.decode() and not Milestone.objects.exists()
    r = client.post(
        reverse("budget:milestone_plan"), {"year": 2026, "kind": "adjustment", "meeting": sc.pk}
    )
    m = Milestone.objects.get()
    assert r.status_code == 302 and m.due_on == D(2026, 7, 24)
    page = client.get(reverse("budget:calendar") + "?year=2026").content.decode()
    assert "预算调整方案审查" in page and "2026-07-24" in page and "尚未安排" in page
    r = client.post(reverse("budget:milestone_act", args=[m.pk, "submit"]), {"submitted_on": "2026-07-20", "document": "2026年预算调整方案（草案）"})  # fmt: skip
    m.refresh_from_db()
    assert r.status_code == 302 and m.status == "submitted"
    page = client.get(reverse("budget:milestone_detail", args=[m.pk])).content.decode()
    assert "按期完成" in page and "登记审议" in page
    r = client.post(reverse("budget:milestone_act", args=[m.pk, "hear"]), {"heard_on": ""})
    assert r.status_code == 400 and "请填写审议日期" in r.content.decode()
    # S2: the adjustment is heard only after the party committee agreed, recorded on the page.
    r = client.post(reverse("budget:milestone_act", args=[m.pk, "hear"]), {"heard_on": "2026-08-25"})  # fmt: skip
    assert r.status_code == 400 and "此步骤须先取得党委同意" in r.content.decode() and "登记报送" in r.content.decode()  # fmt: skip
    back = reverse("budget:milestone_detail", args=[m.pk])
    r = client.post(reverse("core:approval_request"), {"subject_type": "budget.milestone", "subject_id": m.pk, "kind": "party_consent", "sent_on": "2026-08-10", "document_title": "关于预算调整方案的请示", "next": back})  # fmt: skip
    assert r.status_code == 302 and r.url == back
    asked = approvals.latest(m, "party_consent")
    r = client.post(reverse("core:approval_answer", args=[asked.pk]), {"answer": "approved", "answered_on": "2026-08-15", "next": back})  # fmt: skip
    assert r.status_code == 302 and approvals.is_approved(m, "party_consent")
    assert client.post(reverse("budget:milestone_act", args=[m.pk, "hear"]), {"heard_on": "2026-08-25"}).status_code == 302  # fmt: skip
    m.refresh_from_db()
    assert m.status == "heard"
    member = client_for("member")
    assert member.get(reverse("budget:calendar")).status_code == 200
    assert member.post(reverse("budget:milestone_act", args=[m.pk, "submit"]), {"submitted_on": "2026-08-01"}).status_code == 403  # fmt: skip


def test_the_publication_page_and_the_api(client_for, staff, tables):
    from django.urls import reverse

    client = client_for("staff")
    r = client.post(reverse("budget:publication_record"), {"year": 2026, "kind": "budget", "approved_on": "2026-01-20"})  # fmt: skip
    p = Publication.objects.get()
    assert r.status_code == 302 and p.due_on == D(2026, 2, 9)
    r = client.post(reverse("budget:publication_publish", args=[p.pk]), {"published_on": "2026-02-12", "url": "https://czj.example.cn/a"})  # fmt: skip
    page = client.get(reverse("budget:publications") + "?year=2026").content.decode()
    assert "逾期完成" in page and "https://czj.example.cn/a" in page
    body = client.get("/api/v1/budget/publications?year=2026").json()
    assert body["items"][0]["state"] == "late" and body["items"][0]["due_on"] == "2026-02-09"
    r = client.post("/api/v1/budget/milestones", {"year": 2026, "kind": "mid_year"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 201 and r.json()["due_on"] == "2026-09-30" and r.json()["window"] == ["2026-06-01", "2026-09-30"]  # fmt: skip
    r = client.post(f"/api/v1/budget/milestones/{r.json()['id']}/hear", {"heard_on": "2026-05-30"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "outside_window"
    assert client.get("/api/v1/budget/milestones?year=2026").json()["count"] == 1


def test_a_refused_publication_keeps_the_typed_link(client_for, staff, tables):
    from django.urls import reverse

    p = services.publication_record(actor=staff, year=2026, kind="budget", approved_on=D(2026, 1, 20), now=timezone.make_aware(dt.datetime(2026, 1, 21)))  # fmt: skip
    r = client_for("staff").post(reverse("budget:publication_publish", args=[p.pk]), {"published_on": "", "url": "https://czj.example.cn/ys"})  # fmt: skip
    page = r.content.decode()
    assert (
        r.status_code == 400
        and "请填写公开日期" in page
        and 'value="https://czj.example.cn/ys"' in page
    )
    p.refresh_from_db()
    assert p.published_on is None
