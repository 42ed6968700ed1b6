"""Recalls (§2.11): a county's deputy is recalled by the voters of the original constituency —
a petition of at least the statutory number, the defence distributed, a vote passed by more
than half of the electorate (not of those voting); a city's deputy by the electing county
congress, whose decision is recorded. A recall ends the mandate and the delegation seat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.deputies import services
from renda.deputies.models import Recall
from renda.people.composition import congress_figures
from renda.people.models import Deputy, Jurisdiction, Membership, Organization

pytestmark = pytest.mark.django_db

REASONS = "该代表长期不履行代表职责，不联系原选区选民。"


def _county():
    Jurisdiction.objects.update(level=Jurisdiction.Level.COUNTY)


def _petition(staff, deputy, petitioners=62, **kw):
    return services.recall_open(
        actor=staff, deputy=deputy, filed_on=kw.pop("filed_on", timezone.localdate()),
        proposer="原选区选民张某等62人", reasons=REASONS, petitioners=petitioners, **kw,
    )  # fmt: skip


def _distributed(staff, deputy):
    r = _petition(staff, deputy)
    return services.recall_distribute(
        actor=staff, recall=r, distributed_on=timezone.localdate(),
        defence="本人一直按时参加代表活动，所列事实与实际不符。",
    )  # fmt: skip


def _vote(staff, r, votes_for, *, electorate=1000, against=None, other=20, on=None):
    return services.recall_record_vote(
        actor=staff, recall=r, voted_on=on or timezone.localdate(), electorate=electorate,
        votes_for=votes_for, votes_against=600 - votes_for - other if against is None else against,
        votes_other=other,
    )  # fmt: skip


def test_a_county_petition_needs_the_statutory_number_of_voters(staff, deputies):
    _county()
    with pytest.raises(DomainError) as exc:
        _petition(staff, deputies[1], petitioners=49)
    assert exc.value.code == "petition_too_few" and exc.value.field == "petitioners"
    assert "50" in str(exc.value.message_in("zh-hans"))
    with pytest.raises(DomainError) as exc:
        _petition(staff, deputies[1], petitioners=None)
    assert exc.value.code == "field_required"
    assert not Recall.objects.exists()
    r = _petition(staff, deputies[1], petitioners=50)
    assert (r.route, r.status, r.petitioners) == ("voters", "petitioned", 50)
    assert AuditEvent.objects.filter(action="deputies.recall.open").count() == 1
    with pytest.raises(Conflict) as exc:
        _petition(staff, deputies[1])
    assert exc.value.code == "recall_open"


def test_dates_are_not_in_the_future_and_in_order(staff, deputies):
    _county()
    today = timezone.localdate()
    with pytest.raises(DomainError) as exc:
        _petition(staff, deputies[1], filed_on=today + dt.timedelta(days=1))
    assert exc.value.code == "future_date"
    r = _petition(staff, deputies[1], filed_on=today - dt.timedelta(days=5))
    with pytest.raises(DomainError) as exc:
        services.recall_distribute(actor=staff, recall=r, distributed_on=today - dt.timedelta(days=6))  # fmt: skip
    assert exc.value.code == "date_order"
    services.recall_distribute(actor=staff, recall=r, distributed_on=today - dt.timedelta(days=2))
    with pytest.raises(DomainError) as exc:
        _vote(staff, r, 480, on=today - dt.timedelta(days=3))
    assert exc.value.code == "date_order"
    r.refresh_from_db()
    assert r.status == "distributed" and r.defence == ""


def test_the_majority_is_of_the_electorate_not_of_those_voting(staff, deputies):
    _county()
    r = _distributed(staff, deputies[2])
    assert r.status == "distributed" and r.defence.startswith("本人")
    # 600 of 1000 voted; 480 for is 80% of those voting but not more than half of the voters.
    _vote(staff, r, 480)
    r.refresh_from_db()
    assert r.status == "not_recalled" and (r.electorate, r.votes_for) == (1000, 480)
    assert Deputy.objects.get(pk=deputies[2].pk).status == Deputy.Status.ACTIVE
    assert AuditEvent.objects.filter(action="deputies.recall.decided").count() == 1
    # exactly half is not more than half
    r2 = _distributed(staff, deputies[2])
    _vote(staff, r2, 500)
    r2.refresh_from_db()
    assert r2.status == "not_recalled"


def test_a_passed_vote_ends_the_mandate_and_the_seat(staff, term, deputies):
    _county()
    delegation = Organization.objects.create(code="dlg-dz", name="东镇代表小组", kind="delegation")
    seat = Membership.objects.create(
        person=deputies[3].person, organization=delegation, start_date=term.start_date
    )
    before = congress_figures(term)[0].total
    r = _distributed(staff, deputies[3])
    with pytest.raises(DomainError) as exc:
        _vote(staff, r, 501, against=400, other=100)  # 1001 ballots from 1000 voters
    assert exc.value.code == "votes_exceed_electorate"
    _vote(staff, r, 501)
    r.refresh_from_db()
    assert r.status == "recalled" and r.votes_for == 501
    deputy = Deputy.objects.get(pk=deputies[3].pk)
    assert deputy.status == Deputy.Status.RECALLED and deputy.status_date == timezone.localdate()
    assert "罢免" in deputy.status_reason
    seat.refresh_from_db()
    assert seat.end_date == timezone.localdate()
    assert congress_figures(term)[0].total == before - 1
    decided = AuditEvent.objects.get(action="deputies.recall.decided")
    assert decided.changes["recalled"] is True and decided.changes["needed"] == 501
    assert AuditEvent.objects.filter(action="people.deputy.status_changed").exists()
    with pytest.raises(Conflict) as exc:  # no new recall of a deputy no longer seated
        _petition(staff, deputy)
    assert exc.value.code == "deputy_not_active"


def test_a_city_deputy_is_recalled_by_the_electing_body(staff, term, deputies):
    before = congress_figures(term)[0].total
    r = services.recall_open(
        actor=staff, deputy=deputies[4], filed_on=timezone.localdate(),
        proposer="清河区人民代表大会主席团", reasons=REASONS, petitioners=3,
    )  # fmt: skip
    assert (r.route, r.status, r.petitioners) == ("electing_body", "filed", None)
    with pytest.raises(Conflict) as exc:  # the voters' steps are not this route's
        services.recall_distribute(actor=staff, recall=r, distributed_on=timezone.localdate())
    assert exc.value.code in ("status_not_allowed", "recalled_by_electing_body")
    assert not services.recall_distribute.allows(staff, r)
    assert not services.recall_record_vote.allows(staff, r)
    assert services.recall_record_decision.allows(staff, r)
    with pytest.raises(DomainError) as exc:
        services.recall_record_decision(
            actor=staff, recall=r, recalled=True, decided_on=timezone.localdate(), document=""
        )
    assert exc.value.code == "field_required"
    services.recall_record_decision(
        actor=staff, recall=r, recalled=True, decided_on=timezone.localdate(),
        document="清河区人大常委会关于罢免某某的市人民代表大会代表职务的决定",
    )  # fmt: skip
    r.refresh_from_db()
    assert r.status == "recalled" and r.decision_document.startswith("清河区")
    assert Deputy.objects.get(pk=deputies[4].pk).status == Deputy.Status.RECALLED
    assert congress_figures(term)[0].total == before - 1


def test_the_electing_body_may_decide_not_to_recall(staff, deputies):
    r = services.recall_open(
        actor=staff, deputy=deputies[5], filed_on=timezone.localdate(),
        proposer="清河区人大常委会主任会议", reasons=REASONS,
    )  # fmt: skip
    services.recall_record_decision(
        actor=staff, recall=r, recalled=False, decided_on=timezone.localdate(), document="不予罢免"
    )
    assert Recall.objects.get().status == "not_recalled"
    assert Deputy.objects.get(pk=deputies[5].pk).status == Deputy.Status.ACTIVE


def test_the_electing_body_route_refuses_the_voters_steps_and_the_reverse(staff, deputies):
    _county()
    r = _petition(staff, deputies[1])
    assert not services.recall_record_decision.allows(staff, r)
    with pytest.raises(Conflict):
        services.recall_record_decision(
            actor=staff, recall=r, recalled=True, decided_on=timezone.localdate(), document="x"
        )
    with pytest.raises(Conflict):  # not distributed yet
        _vote(staff, r, 600)
    assert Recall.objects.get().status == "petitioned"


def test_a_recall_is_withdrawn_with_a_reason(staff, deputies):
    _county()
    r = _distributed(staff, deputies[1])
    with pytest.raises(DomainError):
        services.recall_withdraw(actor=staff, recall=r, reason="")
    services.recall_withdraw(actor=staff, recall=r, reason="提出人书面撤回")
    r.refresh_from_db()
    assert r.status == "withdrawn" and r.closing_note == "提出人书面撤回"
    assert Deputy.objects.get(pk=deputies[1].pk).status == Deputy.Status.ACTIVE
    assert AuditEvent.objects.filter(action="deputies.recall.withdraw").count() == 1
    with pytest.raises(Conflict):
        services.recall_withdraw(actor=staff, recall=r, reason="再次撤回")
    _petition(staff, deputies[1])  # a withdrawn recall does not block a new one


def test_only_the_office_acts(users, deputies):
    from renda.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.recall_open(
            actor=users["leader"], deputy=deputies[1], filed_on=timezone.localdate(),
            proposer="主席团", reasons=REASONS,
        )  # fmt: skip
