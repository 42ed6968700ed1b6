"""Services with a database: every rule, every refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.casework import services as cw
from renda.casework.models import Assignment, Case, Contact, Notification, Rating, Reply
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent

from .conftest import at, reply_kwargs

S = Case.Status
pytestmark = pytest.mark.django_db(transaction=False)


def _events(case):
    return list(
        AuditEvent.objects.filter(object_type="casework.case", object_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )


def test_create_needs_staff_and_a_requester(users, kind):
    with pytest.raises(PermissionDenied):
        cw.case_create(
            actor=users["deputy"], kind=kind, title="x", requesters=[users["deputy"].person]
        )
    with pytest.raises(DomainError) as e:
        cw.case_create(actor=users["staff"], kind=kind, title="x")
    assert e.value.code == "requester_required"
    with pytest.raises(DomainError) as e:
        cw.case_create(
            actor=users["staff"], kind=kind, title=" ", requesters=[users["deputy"].person]
        )
    assert e.value.code == "field_required"
    assert not Case.objects.exists()


def test_assign_stores_deadlines_rule_1_2_and_1_9(case, users, unit, unit_b, calendar_loaded):
    cw.case_assign(
        actor=users["staff"], case=case, lead=unit, co_handlers=[unit_b], now=at(2026, 3, 2)
    )
    case.refresh_from_db()
    assert case.status == S.AWAITING_RECEIPT
    assert case.due_on == dt.date(2026, 6, 2)  # 3 months (§1.2)
    co = case.assignments.get(role="co")
    assert co.due_on == dt.date(2026, 4, 2)  # 1 month (§1.9)
    assert "casework.case.assigned" in _events(case)


def test_assign_refuses_lead_as_co_and_twice(case, users, unit, calendar_loaded):
    with pytest.raises(DomainError) as e:
        cw.case_assign(actor=users["staff"], case=case, lead=unit, co_handlers=[unit])
    assert e.value.code == "unit_duplicate"
    cw.case_assign(actor=users["staff"], case=case, lead=unit)
    with pytest.raises(Conflict) as e:
        cw.case_assign(actor=users["staff"], case=case, lead=unit)
    assert e.value.code == "status_not_allowed"
    assert Assignment.objects.filter(case=case).count() == 1


def test_assignment_notifies_the_unit_after_commit(
    case, users, unit, calendar_loaded, django_capture_on_commit_callbacks, mailoutbox
):
    users["unit_officer"].email = "officer@example.org"
    users["unit_officer"].save()
    with django_capture_on_commit_callbacks(execute=True):
        cw.case_assign(actor=users["staff"], case=case, lead=unit, now=at(2026, 3, 2))
    n = Notification.objects.get(user=users["unit_officer"])
    assert n.kind == "assigned" and "2026-06-02" in n.text
    assert len(mailoutbox) == 1


def test_foreign_unit_cannot_act(assigned, officer_b, users):
    # The lead has received it, so the case's status allows each action: the unit is refused.
    cw.assignment_receive(actor=users["unit_officer"], case=assigned, now=at(2026, 3, 3))
    for call in (
        lambda: cw.assignment_receive(actor=officer_b, case=assigned),
        lambda: cw.contact_log(
            actor=officer_b,
            case=assigned,
            contacted_on=dt.date(2026, 3, 3),
            method="phone",
            note="x",
            now=at(2026, 3, 3),
        ),
        lambda: cw.reply_submit(actor=officer_b, case=assigned, **reply_kwargs()),
        lambda: cw.return_request(actor=officer_b, case=assigned, reason="x"),
    ):
        with pytest.raises(PermissionDenied) as e:
            call()
        assert e.value.code == "not_assigned_to_unit"
    assigned.refresh_from_db()
    assert assigned.status == S.RECEIVED


def test_receive_then_contact_starts_handling(assigned, users):
    officer = users["unit_officer"]
    cw.assignment_receive(actor=officer, case=assigned, now=at(2026, 3, 3))
    assigned.refresh_from_db()
    assert assigned.status == S.RECEIVED
    with pytest.raises(Conflict) as e:
        cw.assignment_receive(actor=officer, case=assigned)
    assert e.value.code == "already_received"
    with pytest.raises(DomainError) as e:
        cw.contact_log(
            actor=officer,
            case=assigned,
            contacted_on=dt.date(2026, 3, 9),
            method="phone",
            note="x",
            now=at(2026, 3, 4),
        )
    assert e.value.code == "date_in_future"
    with pytest.raises(DomainError) as e:
        cw.contact_log(
            actor=officer,
            case=assigned,
            contacted_on=dt.date(2026, 3, 4),
            method="fax",
            note="x",
            now=at(2026, 3, 4),
        )
    assert e.value.code == "invalid_choice"
    cw.contact_log(
        actor=officer,
        case=assigned,
        contacted_on=dt.date(2026, 3, 4),
        method="visit",
        note="面商",
        now=at(2026, 3, 4),
    )
    assigned.refresh_from_db()
    assert assigned.status == S.IN_HANDLING


def test_reply_without_contact_is_refused_rule_1_10(assigned, users):
    officer = users["unit_officer"]
    cw.assignment_receive(actor=officer, case=assigned, now=at(2026, 3, 3))
    with pytest.raises(Conflict) as e:
        cw.reply_submit(actor=officer, case=assigned, **reply_kwargs())
    assert e.value.code == "contact_required"
    assert not Reply.objects.exists()
    assigned.refresh_from_db()
    assert assigned.status == S.RECEIVED


def test_reply_checks_its_fields(handling, users):
    officer = users["unit_officer"]
    for over, code in (
        ({"result_class": "Z"}, "result_class_invalid"),
        ({"signed_by_name": ""}, "field_required"),
        ({"text": ""}, "field_required"),
        ({"publishable": False}, "withhold_reason_required"),
    ):
        with pytest.raises(DomainError) as e:
            cw.reply_submit(actor=officer, case=handling, **reply_kwargs(**over))
        assert e.value.code == code
    assert not Reply.objects.exists()
    reply = cw.reply_submit(
        actor=officer,
        case=handling,
        **reply_kwargs(publishable=False, withhold_reason="涉及个人隐私"),
    )
    handling.refresh_from_db()
    assert handling.status == S.REPLIED and not handling.published and reply.withhold_reason


def test_co_handlers_pending_vs_override_rule_1_9(
    case, users, unit, unit_b, officer_b, calendar_loaded
):
    staff, officer = users["staff"], users["unit_officer"]
    cw.case_assign(actor=staff, case=case, lead=unit, co_handlers=[unit_b], now=at(2026, 3, 2))
    cw.assignment_receive(actor=officer, case=case, now=at(2026, 3, 3))
    cw.contact_log(
        actor=officer,
        case=case,
        contacted_on=dt.date(2026, 3, 3),
        method="phone",
        note="x",
        now=at(2026, 3, 3),
    )
    checks = {c["code"]: c for c in cw.reply_checks(case, unit.pk)}
    assert checks["contact_required"]["met"] and not checks["co_handlers_pending"]["met"]
    assert "已提交 0/1" in str(checks["co_handlers_pending"]["detail"])
    with pytest.raises(Conflict) as e:
        cw.reply_submit(actor=officer, case=case, **reply_kwargs())
    assert e.value.code == "co_handlers_pending" and "卫生健康委" in e.value.message_in("zh-hans")
    with pytest.raises(PermissionDenied):
        cw.co_handlers_override(actor=officer, case=case, reason="急")
    with pytest.raises(DomainError):
        cw.co_handlers_override(actor=staff, case=case, reason="")
    cw.co_handlers_override(actor=staff, case=case, reason="协办单位已口头同意")
    case.refresh_from_db()
    allowed = {c["code"]: c for c in cw.reply_checks(case, unit.pk)}["co_handlers_pending"]
    assert allowed["met"] and "已准予先行答复" in str(allowed["detail"])
    cw.reply_submit(actor=officer, case=case, **reply_kwargs())
    case.refresh_from_db()
    assert case.status == S.REPLIED


def test_co_opinion_lets_the_lead_reply(case, users, unit, unit_b, officer_b, calendar_loaded):
    staff, officer = users["staff"], users["unit_officer"]
    cw.case_assign(actor=staff, case=case, lead=unit, co_handlers=[unit_b], now=at(2026, 3, 2))
    with pytest.raises(PermissionDenied) as e:
        cw.co_opinion_submit(actor=officer, case=case, opinion="x")
    assert e.value.code == "not_assigned_to_unit"
    with pytest.raises(Conflict) as e:
        cw.co_opinion_submit(actor=officer_b, case=case, opinion="意见")
    assert e.value.code == "receive_first"
    cw.assignment_receive(actor=officer_b, case=case)
    cw.co_opinion_submit(actor=officer_b, case=case, opinion="同意主办意见")
    with pytest.raises(Conflict) as e:
        cw.co_opinion_submit(actor=officer_b, case=case, opinion="again")
    assert e.value.code == "opinion_already_sent"
    cw.assignment_receive(actor=officer, case=case)
    with pytest.raises(PermissionDenied) as e:
        cw.reply_submit(actor=officer_b, case=case, **reply_kwargs())
    assert e.value.code == "lead_only"
    cw.contact_log(actor=officer, case=case, contacted_on=dt.date.today(), method="phone", note="x")
    cw.reply_submit(actor=officer, case=case, **reply_kwargs())


def test_rating_once_per_round_and_late_flag_rule_1_7(handling, users):
    cw.reply_submit(
        actor=users["unit_officer"], case=handling, **reply_kwargs(), now=at(2026, 4, 1)
    )
    handling.refresh_from_db()
    assert handling.rating_due_on == dt.date(
        2026, 4, 23
    )  # 15 working days (§1.7), 清明 4-4..4-6 off
    with pytest.raises(PermissionDenied) as e:
        cw.rating_submit(actor=users["member"], case=handling, value="satisfied")
    assert e.value.code == "not_requester"
    with pytest.raises(DomainError) as e:
        cw.rating_submit(actor=users["deputy"], case=handling, value="dissatisfied")
    assert e.value.code == "field_required"
    rating = cw.rating_submit(
        actor=users["deputy"], case=handling, value="satisfied", now=at(2026, 4, 24)
    )
    assert rating.late
    with pytest.raises(Conflict) as e:
        cw.rating_submit(actor=users["deputy"], case=handling, value="basically")
    assert e.value.code == "already_rated"
    assert Rating.objects.count() == 1
    handling.refresh_from_db()
    assert handling.status == S.RATED


def test_dissatisfied_then_rehandle_with_new_deadline_s27(handling, users):
    staff, officer = users["staff"], users["unit_officer"]
    cw.reply_submit(
        actor=officer, case=handling, **reply_kwargs(result_class="D"), now=at(2026, 4, 1)
    )
    cw.rating_submit(
        actor=users["deputy"],
        case=handling,
        value="dissatisfied",
        comment="未解决",
        now=at(2026, 4, 2),
    )
    handling.refresh_from_db()
    assert handling.status == S.DISSATISFIED
    with pytest.raises(PermissionDenied):
        cw.dissatisfaction_verify(actor=officer, case=handling, rehandle=True, finding="x")
    v = cw.dissatisfaction_verify(
        actor=staff, case=handling, rehandle=True, finding="答复过于笼统", now=at(2026, 4, 10)
    )
    handling.refresh_from_db()
    assert handling.status == S.REHANDLING and handling.round == 2
    assert v.new_due_on == handling.due_on == dt.date(2026, 5, 10)  # 1 month (S27, §1.6)
    # A new round needs a new contact (§1.10).
    with pytest.raises(Conflict) as e:
        cw.reply_submit(actor=officer, case=handling, **reply_kwargs())
    assert e.value.code == "contact_required"
    cw.contact_log(
        actor=officer,
        case=handling,
        contacted_on=dt.date(2026, 4, 11),
        method="visit",
        note="再次面商",
        now=at(2026, 4, 11),
    )
    cw.reply_submit(actor=officer, case=handling, **reply_kwargs(), now=at(2026, 4, 20))
    cw.rating_submit(actor=users["deputy"], case=handling, value="satisfied", now=at(2026, 4, 21))
    handling.refresh_from_db()
    assert handling.status == S.RATED
    cw.case_close(actor=staff, case=handling)
    handling.refresh_from_db()
    assert handling.status == S.CLOSED


def test_verify_close_with_reasons(handling, users):
    cw.reply_submit(actor=users["unit_officer"], case=handling, **reply_kwargs())
    cw.rating_submit(actor=users["deputy"], case=handling, value="dissatisfied", comment="不满意")
    with pytest.raises(DomainError):
        cw.dissatisfaction_verify(actor=users["staff"], case=handling, rehandle=False, finding="")
    cw.dissatisfaction_verify(
        actor=users["staff"], case=handling, rehandle=False, finding="已尽力，受条件限制"
    )
    handling.refresh_from_db()
    assert handling.status == S.CLOSED and handling.close_reason


def test_close_waits_for_the_rating_window(handling, users):
    cw.reply_submit(
        actor=users["unit_officer"], case=handling, **reply_kwargs(), now=at(2026, 4, 1)
    )
    with pytest.raises(Conflict) as e:
        cw.case_close(actor=users["staff"], case=handling, now=at(2026, 4, 10))
    assert e.value.code == "rating_pending"
    cw.case_close(actor=users["staff"], case=handling, now=at(2026, 4, 27))


def test_follow_up_only_for_b_and_c_rule_1_12(handling, users):
    officer = users["unit_officer"]
    cw.reply_submit(actor=officer, case=handling, **reply_kwargs(result_class="A"))
    with pytest.raises(Conflict) as e:
        cw.follow_up_reply(actor=officer, case=handling, **reply_kwargs())
    assert e.value.code == "follow_up_not_needed"


def test_follow_up_for_b(handling, users):
    officer = users["unit_officer"]
    cw.reply_submit(actor=officer, case=handling, **reply_kwargs(result_class="B"))
    reply = cw.follow_up_reply(
        actor=officer, case=handling, **reply_kwargs(text="已建成", result_class="A")
    )
    assert reply.is_follow_up
    handling.refresh_from_db()
    assert handling.status == S.REPLIED


def test_extension_request_and_approval_rule_1_2(assigned, users):
    officer, staff = users["unit_officer"], users["staff"]
    with pytest.raises(DomainError):
        cw.extension_request(actor=officer, case=assigned, reason="")
    req = cw.extension_request(actor=officer, case=assigned, reason="涉及多部门")
    with pytest.raises(Conflict) as e:
        cw.extension_request(actor=officer, case=assigned, reason="again")
    assert e.value.code == "extension_pending"
    with pytest.raises(PermissionDenied):
        cw.extension_decide(actor=officer, request=req, approve=True)
    cw.extension_decide(actor=staff, request=req, approve=True)
    assigned.refresh_from_db()
    assert assigned.extended and assigned.due_on == dt.date(2026, 9, 2)  # 6 months from 2026-03-02
    with pytest.raises(Conflict) as e:
        cw.extension_decide(actor=staff, request=req, approve=False, note="x")
    assert e.value.code == "request_already_decided"
    with pytest.raises(Conflict) as e:
        cw.extension_request(actor=officer, case=assigned, reason="again")
    assert e.value.code == "already_extended"


def test_reject_needs_a_note(assigned, users):
    req = cw.extension_request(actor=users["unit_officer"], case=assigned, reason="复杂")
    with pytest.raises(DomainError) as e:
        cw.extension_decide(actor=users["staff"], request=req, approve=False)
    assert e.value.code == "note_required"


def test_return_within_window_then_reassign_rule_1_8(assigned, users, unit_b):
    officer, staff = users["unit_officer"], users["staff"]
    # Assigned Monday 2026-03-02: 5 working days end Monday 2026-03-09.
    req = cw.return_request(
        actor=officer, case=assigned, reason="不属于本单位职责", now=at(2026, 3, 9)
    )
    assigned.refresh_from_db()
    assert assigned.status == S.RETURN_REQUESTED
    cw.return_decide(actor=staff, request=req, approve=True)
    assigned.refresh_from_db()
    assert assigned.status == S.NEW and assigned.due_on is None
    cw.case_assign(actor=staff, case=assigned, lead=unit_b, now=at(2026, 3, 10))
    assigned.refresh_from_db()
    assert assigned.status == S.AWAITING_RECEIPT


def test_return_after_the_window_is_refused(assigned, users):
    with pytest.raises(Conflict) as e:
        cw.return_request(
            actor=users["unit_officer"], case=assigned, reason="x", now=at(2026, 3, 10)
        )
    assert e.value.code == "return_window_passed"
    assigned.refresh_from_db()
    assert assigned.status == S.AWAITING_RECEIPT
    assert not assigned.return_requests.exists()


def test_rejected_return_restores_the_status(assigned, users):
    cw.assignment_receive(actor=users["unit_officer"], case=assigned, now=at(2026, 3, 3))
    req = cw.return_request(
        actor=users["unit_officer"], case=assigned, reason="x", now=at(2026, 3, 4)
    )
    cw.return_decide(actor=users["staff"], request=req, approve=False, note="属于贵单位职责")
    assigned.refresh_from_db()
    assert assigned.status == S.RECEIVED
    assert assigned.assignments.get().status == "received"


def test_withdraw_by_requester_before_handling_rule_1_5(case, users):
    with pytest.raises(PermissionDenied):
        cw.case_withdraw(actor=users["member"], case=case, reason="x")
    cw.case_withdraw(actor=users["deputy"], case=case, reason="问题已解决")
    case.refresh_from_db()
    assert case.status == S.WITHDRAWN


def test_withdraw_refused_in_handling(handling, users):
    with pytest.raises(Conflict):
        cw.case_withdraw(actor=users["staff"], case=handling, reason="x")


def test_merge_moves_requesters(case, users, kind, term):
    from renda.people.models import Person

    other = Person.objects.create(name="李代表", gender="male")
    second = cw.case_create(actor=users["staff"], kind=kind, title="同类建议", requesters=[other])
    with pytest.raises(DomainError) as e:
        cw.case_merge(actor=users["staff"], case=second, into=second)
    assert e.value.code == "merge_into_self"
    cw.case_merge(actor=users["staff"], case=second, into=case)
    second.refresh_from_db()
    assert second.status == S.MERGED and second.merged_into_id == case.pk
    assert set(case.requester_rows.values_list("person_id", flat=True)) == {
        users["deputy"].person_id,
        other.pk,
    }


def test_key_supervision_rule_1_4(assigned, users, jurisdiction):
    from renda.people.models import Organization

    committee = Organization.objects.filter(kind__in=["special_committee", "working_body"]).first()
    with pytest.raises(PermissionDenied):
        cw.case_mark_key(actor=users["unit_officer"], case=assigned)
    with pytest.raises(DomainError) as e:
        cw.case_mark_key(actor=users["staff"], case=assigned, leader=users["member"])
    assert e.value.code == "leader_invalid"
    cw.case_mark_key(
        actor=users["staff"], case=assigned, leader=users["leader"], committee=committee
    )
    assigned.refresh_from_db()
    assert assigned.is_key
    with pytest.raises(PermissionDenied):
        cw.supervision_note_add(actor=users["unit_officer"], case=assigned, note="x")
    cw.supervision_note_add(actor=users["leader"], case=assigned, note="请加快办理")
    assert assigned.supervision_notes.count() == 1


def test_every_transition_is_audited(handling, users):
    cw.reply_submit(actor=users["unit_officer"], case=handling, **reply_kwargs())
    actions = _events(handling)
    for verb in ("created", "assigned", "received", "contact_logged", "replied"):
        assert f"casework.case.{verb}" in actions


def test_contact_rows_are_per_round(handling):
    assert Contact.objects.filter(case=handling, round=1).count() == 1
