"""The legislative plans (S5; 立法法 第56条): adoption by the council of chairpersons,
publication after the party committee's consent (S2), adjustments as versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.core import approvals
from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.legislation import selectors, services
from renda.legislation.models import PlanItem
from renda.meetings.models import Meeting
from renda.people.models import Organization


def _plan(staff, **kw):
    return services.plan_create(actor=staff, kind="annual", title="2027年度立法计划", year_from=2027, **kw)  # fmt: skip


def test_an_annual_plan_is_adopted_then_published_only_with_the_party_committee_consent(staff, term):  # fmt: skip
    plan = _plan(staff)
    assert plan.year_to == 2027 and plan.status == "draft"
    with pytest.raises(Conflict) as exc:
        services.plan_adopt(actor=staff, plan=plan, adopted_on=timezone.localdate())
    assert exc.value.code == "plan_empty"
    services.plan_add_item(actor=staff, plan=plan, title="清河市养犬管理条例", category="formal", drafter="市公安局", expected_month=6)  # fmt: skip
    services.plan_add_item(actor=staff, plan=plan, title="清河市物业管理条例", category="research")
    with pytest.raises(Conflict) as exc:
        services.plan_add_item(
            actor=staff, plan=plan, title="清河市养犬管理条例", category="formal"
        )
    assert exc.value.code == "item_listed"
    council = Organization.objects.get(kind="chairpersons_council")
    day = timezone.localdate() - dt.timedelta(days=2)
    meeting = Meeting.objects.create(kind="chairpersons_council", body=council, term=term, number=1, title="第一次主任会议", starts_on=day, ends_on=day)  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.plan_adopt(actor=staff, plan=plan, adopted_on=day - dt.timedelta(days=1), meeting=meeting)  # fmt: skip
    assert exc.value.code == "date_not_meeting"
    services.plan_adopt(actor=staff, plan=plan, adopted_on=day, meeting=meeting)
    plan.refresh_from_db()
    assert plan.status == "adopted" and plan.adopted_meeting == meeting
    with pytest.raises(Conflict) as exc:  # S2: not without the party committee's consent
        services.plan_publish(actor=staff, plan=plan)
    assert exc.value.code == "approval_required"
    asked = approvals.approval_request(actor=staff, subject=plan, kind="party_consent", sent_on=day)
    approvals.approval_answer(actor=staff, approval=asked, answer="approved", answered_on=timezone.localdate(), note="")  # fmt: skip
    services.plan_publish(actor=staff, plan=plan)
    plan.refresh_from_db()
    assert plan.status == "published" and plan.published_at is not None
    assert AuditEvent.objects.filter(action="legislation.plan.publish").count() == 1


def test_after_adoption_a_change_needs_its_reason_and_raises_the_version(staff, term):
    plan = _plan(staff)
    draft_item = services.plan_add_item(actor=staff, plan=plan, title="甲条例", category="formal")
    services.plan_remove_item(actor=staff, plan=plan, item=draft_item)
    assert not PlanItem.objects.filter(pk=draft_item.pk).exists()  # while drafting: gone
    kept = services.plan_add_item(actor=staff, plan=plan, title="乙条例", category="formal")
    services.plan_adopt(actor=staff, plan=plan, adopted_on=timezone.localdate())
    with pytest.raises(DomainError) as exc:
        services.plan_add_item(actor=staff, plan=plan, title="丙条例", category="preparatory")
    assert exc.value.code == "field_required" and exc.value.field == "reason"
    plan.refresh_from_db()
    assert plan.version == 1  # the refused change left nothing behind
    added = services.plan_add_item(actor=staff, plan=plan, title="丙条例", category="preparatory", reason="市委部署")  # fmt: skip
    services.plan_remove_item(actor=staff, plan=plan, item=kept, reason="条件尚不成熟")
    plan.refresh_from_db()
    kept.refresh_from_db()
    assert plan.version == 3 and added.added_in == 2
    assert (
        kept.status == "removed" and kept.removed_in == 3 and kept.change_reason == "条件尚不成熟"
    )


def test_progress_counts_items_by_their_projects(staff, term):
    plan = _plan(staff)
    a = services.plan_add_item(actor=staff, plan=plan, title="甲条例", category="formal")
    services.plan_add_item(actor=staff, plan=plan, title="乙条例", category="formal")
    p = services.project_create(actor=staff, proposer="government", plan_item=a, title="")
    assert p.title == "甲条例"
    formal = next(r for r in selectors.plan_progress(plan) if r.category == "formal")
    assert (formal.listed, formal.submitted, formal.passed) == (2, 0, 0)
    p.status = "in_reading"
    p.save()
    formal = next(r for r in selectors.plan_progress(plan) if r.category == "formal")
    assert (formal.listed, formal.submitted, formal.passed) == (2, 1, 0)
    with pytest.raises(Conflict) as exc:
        services.project_create(actor=staff, proposer="government", plan_item=a, title="")
    assert exc.value.code == "item_taken"


def test_a_five_year_plan_spans_two_to_five_years(staff, term):
    with pytest.raises(DomainError) as exc:
        services.plan_create(actor=staff, kind="five_year", title="规划", year_from=2026, year_to=2032)  # fmt: skip
    assert exc.value.code == "plan_years_invalid"
    plan = services.plan_create(actor=staff, kind="five_year", title="规划", year_from=2026, year_to=2030)  # fmt: skip
    assert plan.years == "2026–2030"
