"""The action kernel: permission, lock, state, precondition, work, audit and after-commit, in order.

The kernel is generic; it is exercised here on the supervision plan's declared actions,
the first domain moved onto it.
"""

from __future__ import annotations

import pytest

from renda.core.actions import PUBLIC, REGISTRY, SYSTEM, SystemActor, available, declared
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.supervision import services
from renda.supervision.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(staff):
    return services.plan_create(actor=staff, year=2026)


def _events(code: str) -> int:
    return AuditEvent.objects.filter(action=code).count()


def test_a_declared_action_is_registered_once_with_its_rule_and_label():
    adopt = REGISTRY["supervision.plan.adopt"]
    assert adopt is services.plan_adopt
    assert adopt.verb == "adopt" and adopt.rule.startswith("§3.1") and str(adopt.label)
    assert adopt.sources == frozenset({Plan.Status.DRAFT}) and adopt.target == Plan.Status.ADOPTED
    assert adopt in declared("supervision.plan.")
    assert all(a.name.startswith("supervision.") for a in declared("supervision."))


def test_performing_writes_the_work_the_status_and_one_audit_event(staff, users, plan):
    before = AuditEvent.objects.count()
    adopted = services.plan_adopt(actor=users["leader"], plan=plan, party_consent=True)
    assert adopted.status == Plan.Status.ADOPTED and adopted.party_consent is True
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.get(action="supervision.plan.adopted")
    assert event.actor_id == users["leader"].pk
    assert event.changes["status"] == ["draft", "adopted"]
    assert event.changes["party_consent"] is True


def test_permission_is_checked_first_and_nothing_changes(users, plan):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.plan_adopt(actor=users["deputy"], plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_publish(actor=None, plan=plan)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and AuditEvent.objects.count() == before


def test_a_status_outside_the_sources_is_refused_with_nothing_changed(staff, users, plan):
    before = AuditEvent.objects.count()
    with pytest.raises(Conflict) as exc:
        services.plan_publish(actor=staff, plan=plan)
    assert exc.value.code == "status_not_allowed"
    assert exc.value.params["status"] == plan.get_status_display()
    assert plan.get_status_display() in exc.value.message_in("zh-hans")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and AuditEvent.objects.count() == before


def test_the_state_is_read_from_the_locked_row_not_the_callers_copy(staff, users, plan):
    stale = Plan.objects.get(pk=plan.pk)
    services.plan_adopt(actor=users["leader"], plan=plan)
    assert stale.status == Plan.Status.DRAFT  # the caller's copy is out of date
    with pytest.raises(Conflict):
        services.plan_adopt(actor=users["leader"], plan=stale)
    assert _events("supervision.plan.adopted") == 1


def test_a_failing_precondition_or_work_rolls_everything_back(staff, users, plan):
    for item in plan.items.all():
        item.cancelled = True
        item.save()
    with pytest.raises(Conflict) as exc:
        services.plan_adopt(actor=users["leader"], plan=plan)
    assert exc.value.code == "plan_empty"
    plan.items.update(cancelled=False)
    with pytest.raises(DomainError) as exc:
        services.plan_adopt(actor=users["leader"], plan=plan, party_consent_note="x" * 301)
    assert exc.value.code == "field_too_long"
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and _events("supervision.plan.adopted") == 0


def test_a_status_held_by_another_row_is_checked_on_that_row(staff, users, plan):
    item = services.plan_item_add(actor=staff, plan=plan, kind="research", title="专题调研议题")
    services.plan_adopt(actor=users["leader"], plan=plan)
    with pytest.raises(Conflict) as exc:
        services.plan_item_cancel(actor=staff, item=item, reason="不再需要")
    assert exc.value.code == "status_not_allowed"
    item.refresh_from_db()
    assert item.cancelled is False


def test_allows_and_available_come_from_the_same_declarations(staff, users, plan):
    leader, deputy = users["leader"], users["deputy"]
    plan_actions = declared("supervision.plan.")
    assert "adopt" in available(leader, plan, plan_actions)
    assert "publish" not in available(staff, plan, plan_actions)
    assert available(deputy, plan, plan_actions) == frozenset()
    services.plan_adopt(actor=leader, plan=plan)
    plan.refresh_from_db()
    assert {"publish", "reopen"} <= available(staff, plan, plan_actions)
    assert "adopt" not in available(leader, plan, plan_actions)


def test_system_actions_take_only_the_platform_and_the_platform_nothing_else(staff, plan):
    system = SystemActor(staff, "test")
    assert not services.plan_publish.permits(system, plan)
    with pytest.raises(PermissionDenied):
        services.plan_reopen(actor=system, plan=plan, reason="x")
    for act in REGISTRY.values():
        if act.permission == SYSTEM:
            assert not act.permits(staff) and act.permits(system)


def test_an_effect_whose_handler_is_gone_stays_pending_with_the_reason(
    django_capture_on_commit_callbacks,
):
    from renda.core import effects
    from renda.core.models import Effect

    effect = Effect.objects.create(hook="test.hook", handler="test.missing", payload={"x": 1})
    assert effects.run(effect) is False
    effect.refresh_from_db()
    assert effect.done_at is None and effect.attempts == 1
    assert "no handler 'test.missing'" in effect.last_error
    assert effects.emit("test.nobody_listens", x=1) == []


def test_public_actions_take_anyone_but_the_platform(staff):
    from django.contrib.auth.models import AnonymousUser

    submit = REGISTRY["filings.suggestion.submit"]
    assert submit.permission == PUBLIC
    assert submit.permits(None) and submit.permits(AnonymousUser()) and submit.permits(staff)
    assert not submit.permits(SystemActor(staff, "test"))


def test_templates_read_an_action_and_never_perform_it():
    from django.template import Context, Template

    rendered = Template("{{ a.label }}·{{ a.rule }}·{{ a }}").render(
        Context({"a": services.plan_publish})
    )
    assert rendered.startswith("公布计划·§3.1, S11·")
