"""Experts, consultations and hearings, and evaluation after legislating (S5; 立法法 第39、67条)."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.legislation import services
from renda.legislation.models import Evaluation, HearingRegistration, Project

from .conftest import today


@pytest.fixture
def experts(staff):
    return [
        services.expert_create(
            actor=staff, name="陈立言", fields="行政法；城市管理", organisation="清河大学法学院"
        ),  # fmt: skip
        services.expert_create(
            actor=staff,
            name="吴正衡",
            fields="律师实务",
            organisation="正衡律师事务所",
            conflicts="市公安局",
        ),  # fmt: skip
        services.expert_create(
            actor=staff, name="何兽医", fields="动物防疫", organisation="市公安局"
        ),  # fmt: skip
    ]


def test_an_argumentation_invites_available_experts_without_a_conflict(staff, project, experts):
    scholar, lawyer, officer = experts
    assert project.drafter == "市公安局"
    for conflicted in (lawyer, officer):  # advises the drafter / works for it
        with pytest.raises(Conflict) as exc:
            services.project_plan_consultation(actor=staff, project=project, kind="argumentation", title="论证会", held_on=today(), experts=[conflicted])  # fmt: skip
        assert exc.value.code == "expert_conflict"
    services.expert_set_availability(actor=staff, expert=scholar, available=False, note="出国访学")
    scholar.refresh_from_db()
    with pytest.raises(Conflict) as exc:
        services.project_plan_consultation(actor=staff, project=project, kind="argumentation", title="论证会", held_on=today(), experts=[scholar])  # fmt: skip
    assert exc.value.code == "expert_unavailable"
    services.expert_set_availability(actor=staff, expert=scholar, available=True)
    scholar.refresh_from_db()
    c = services.project_plan_consultation(actor=staff, project=project, kind="argumentation", title="犬只分类管理论证会", held_on=today(), experts=[scholar])  # fmt: skip
    services.consultation_add_opinion(actor=staff, consultation=c, expert=scholar, opinion="建议按体型分类管理。")  # fmt: skip
    with pytest.raises(Conflict):
        services.consultation_add_opinion(actor=staff, consultation=c, expert=scholar, opinion="再一条。")  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.consultation_add_opinion(actor=staff, consultation=c, expert=lawyer, opinion="未受邀。")  # fmt: skip
    assert exc.value.code == "expert_not_invited"
    services.consultation_record(actor=staff, consultation=c, record="与会专家一致认为……")
    c.refresh_from_db()
    assert c.status == "held" and c.opinions.count() == 1


def test_a_hearing_takes_registrations_until_its_deadline_and_hears_each_side(staff, project):
    with pytest.raises(DomainError) as exc:
        services.project_plan_consultation(actor=staff, project=project, kind="hearing", title="听证会", held_on=today() + dt.timedelta(days=20), notice="公告")  # fmt: skip
    assert exc.value.field == "registration_closes_on"
    h = services.project_plan_consultation(
        actor=staff, project=project, kind="hearing", title="养犬管理条例立法听证会",
        held_on=today() + dt.timedelta(days=20), registration_closes_on=today() + dt.timedelta(days=10),
        notice="定于……举行听证会，欢迎报名。", place="市人大常委会会议厅",
    )  # fmt: skip
    a = services.consultation_register(actor=None, consultation=h, name="钱女士", contact="13600000000", side="for", summary="支持限制大型犬。")  # fmt: skip
    b = services.consultation_register(actor=None, consultation=h, name="孙先生", contact="13500000000", side="against", summary="反对一刀切。")  # fmt: skip
    events = AuditEvent.objects.filter(action="legislation.consultation.register")
    assert events.count() == 2 and all("1360" not in str(e.changes) and "钱女士" not in str(e.changes) for e in events)  # fmt: skip
    with pytest.raises(Conflict) as exc:
        services.consultation_select_speakers(actor=staff, consultation=h, registrations=[a])
    assert exc.value.code == "speakers_one_sided"
    services.consultation_select_speakers(actor=staff, consultation=h, registrations=[a, b])
    assert set(HearingRegistration.objects.values_list("status", flat=True)) == {"selected"}
    with pytest.raises(Conflict) as exc:  # not before the day
        services.consultation_record(actor=staff, consultation=h, record="记录")
    assert exc.value.code == "not_yet_held"
    late = today() + dt.timedelta(days=11)
    from django.utils import timezone

    with pytest.raises(Conflict) as exc:
        services.consultation_register(
            actor=None, consultation=h, name="李", contact="1", side="other", summary="x",
            now=timezone.make_aware(dt.datetime.combine(late, dt.time(9))),
        )  # fmt: skip
    assert exc.value.code == "registration_closed"


def test_an_evaluation_that_finds_the_regulation_wanting_leads_to_an_amendment(staff, project):
    with pytest.raises(Conflict):  # not yet in force
        services.project_plan_evaluation(
            actor=staff, project=project, plan="方案", started_on=today()
        )
    Project.objects.filter(pk=project.pk).update(status="promulgated", effective_on=today() - dt.timedelta(days=400))  # fmt: skip
    project.refresh_from_db()
    ev = services.project_plan_evaluation(actor=staff, project=project, plan="问卷和座谈。", started_on=today() - dt.timedelta(days=30))  # fmt: skip
    with pytest.raises(Conflict) as exc:
        services.project_plan_evaluation(
            actor=staff, project=project, plan="方案", started_on=today()
        )
    assert exc.value.code == "evaluation_open"
    services.evaluation_report(actor=staff, evaluation=ev, report="部分条款不适应。", conclusion="keep", reported_on=today())  # fmt: skip
    ev.refresh_from_db()
    with pytest.raises(Conflict) as exc:
        services.evaluation_follow_up(actor=staff, evaluation=ev)
    assert exc.value.code == "no_follow_up"
    Evaluation.objects.filter(pk=ev.pk).update(conclusion="amend")
    ev.refresh_from_db()
    amendment = services.evaluation_follow_up(actor=staff, evaluation=ev)
    ev.refresh_from_db()
    assert (
        amendment.kind == "amend" and amendment.status == "proposed" and ev.follow_up == amendment
    )
    assert "修改" in amendment.title and amendment.drafter == project.drafter
