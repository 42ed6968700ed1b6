"""The casework engine's declared actions: refused without the permission or in the wrong status
with nothing written, one audit event on the case when performed, buttons from the declarations,
and an API operation for each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.casework import services as cw
from renda.casework.models import Case, ExtensionRequest, ReturnRequest
from renda.core.actions import available
from renda.core.errors import Conflict, PermissionDenied
from renda.core.models import AuditEvent

from .conftest import at, reply_kwargs

S = Case.Status
pytestmark = pytest.mark.django_db


def _events() -> int:
    return AuditEvent.objects.count()


def _codes(case) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="casework.case", object_id=str(case.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_every_person_action_is_declared_with_its_audit_code():
    names = {a.name: a.audit for a in cw.actions()}
    assert names["casework.case.assign"] == "casework.case.assigned"
    assert names["casework.case.return"] == "casework.case.return_requested"
    assert names["casework.return_request.decide"] == "casework.case.return_decided"
    assert names["casework.case.key"] == "casework.case.key_marked"
    assert names["casework.case.unkey"] == "casework.case.key_unmarked"
    assert all(code.startswith("casework.case.") for code in names.values())


@pytest.mark.parametrize(
    ("role", "call"),
    [
        ("unit_officer", lambda u, c, unit: cw.case_assign(actor=u, case=c, lead=unit)),
        ("deputy", lambda u, c, unit: cw.case_close(actor=u, case=c)),
        ("staff", lambda u, c, unit: cw.assignment_receive(actor=u, case=c)),
        ("member", lambda u, c, unit: cw.case_key(actor=u, case=c)),
    ],
)
def test_refused_without_the_permission_writes_nothing(case, users, unit, role, call):
    before, status = _events(), case.status
    with pytest.raises(PermissionDenied):
        call(users[role], case, unit)
    case.refresh_from_db()
    assert case.status == status and _events() == before


def test_object_level_refusals_write_nothing(assigned, users, officer_b):
    before = _events()
    with pytest.raises(PermissionDenied) as e:
        cw.assignment_receive(actor=officer_b, case=assigned)
    assert e.value.code == "not_assigned_to_unit"
    with pytest.raises(PermissionDenied):
        cw.case_withdraw(actor=users["member"], case=assigned, reason="x")
    assert _events() == before


@pytest.mark.parametrize(
    "call",
    [
        lambda users, c: cw.case_assign(
            actor=users["staff"], case=c, lead=c.assignments.get().unit
        ),
        lambda users, c: cw.reply_submit(actor=users["unit_officer"], case=c, **reply_kwargs()),
        lambda users, c: cw.dissatisfaction_verify(
            actor=users["staff"], case=c, rehandle=True, finding="x"
        ),
        lambda users, c: cw.case_close(actor=users["staff"], case=c),
    ],
)
def test_wrong_status_is_refused_with_nothing_written(assigned, users, call):
    before = _events()
    with pytest.raises(Conflict) as e:
        call(users, assigned)
    assert e.value.code == "status_not_allowed"
    assigned.refresh_from_db()
    assert assigned.status == S.AWAITING_RECEIPT and _events() == before


def test_each_step_records_exactly_one_event_on_the_case(case, users, unit, calendar_loaded):
    staff, officer, deputy = users["staff"], users["unit_officer"], users["deputy"]
    steps = [
        (lambda: cw.case_assign(actor=staff, case=case, lead=unit, now=at(2026, 3, 2)), "assigned"),
        (lambda: cw.assignment_receive(actor=officer, case=case, now=at(2026, 3, 3)), "received"),
        (
            lambda: cw.contact_log(
                actor=officer,
                case=case,
                contacted_on=dt.date(2026, 3, 3),
                method="phone",
                note="x",
                now=at(2026, 3, 3),
            ),
            "contact_logged",
        ),
        (
            lambda: cw.reply_submit(
                actor=officer, case=case, **reply_kwargs(result_class="B"), now=at(2026, 3, 4)
            ),
            "replied",
        ),
        (
            lambda: cw.follow_up_reply(
                actor=officer, case=case, **reply_kwargs(), now=at(2026, 3, 5)
            ),
            "follow_up_replied",
        ),
        (
            lambda: cw.rating_submit(
                actor=deputy, case=case, value="dissatisfied", comment="x", now=at(2026, 3, 5)
            ),
            "rated",
        ),
        (lambda: cw.case_key(actor=staff, case=case), "key_marked"),
        (
            lambda: cw.supervision_note_add(actor=users["leader"], case=case, note="x"),
            "supervision_note",
        ),
        (
            lambda: cw.dissatisfaction_verify(
                actor=staff, case=case, rehandle=False, finding="已尽力", now=at(2026, 3, 6)
            ),
            "verified",
        ),
    ]
    for step, code in steps:
        before = _events()
        step()
        assert _events() == before + 1, code
        assert _codes(case)[-1] == f"casework.case.{code}"
    case.refresh_from_db()
    assert case.status == S.CLOSED
    event = AuditEvent.objects.filter(action="casework.case.verified").get()
    assert event.changes["status"] == [S.DISSATISFIED, S.CLOSED]


def test_requests_are_decided_with_one_event_on_the_case(assigned, users):
    officer, staff = users["unit_officer"], users["staff"]
    ext = cw.extension_request(actor=officer, case=assigned, reason="复杂")
    before = _events()
    cw.extension_decide(actor=staff, request=ext, approve=False, note="不同意")
    assert _events() == before + 1 and _codes(assigned)[-1] == "casework.case.extension_decided"
    ret = cw.return_request(actor=officer, case=assigned, reason="x", now=at(2026, 3, 3))
    with pytest.raises(PermissionDenied):
        cw.return_decide(actor=officer, request=ret, approve=True)
    cw.return_decide(actor=staff, request=ret, approve=True)
    assert _codes(assigned)[-1] == "casework.case.return_decided"
    assigned.refresh_from_db()
    assert assigned.status == S.NEW
    with pytest.raises(Conflict) as e:
        cw.return_decide(actor=staff, request=ReturnRequest.objects.get(), approve=False, note="x")
    assert e.value.code == "request_already_decided"


def test_merge_and_unkey(case, users, kind):
    second = cw.case_create(
        actor=users["staff"], kind=kind, title="同类", requesters=[users["member"].person]
    )
    cw.case_merge(actor=users["staff"], case=second, into=case)
    assert _codes(second)[-1] == "casework.case.merged"
    assert _codes(case)[-1] == "casework.case.merge_received"
    with pytest.raises(Conflict) as e:
        cw.case_unkey(actor=users["staff"], case=case)
    assert e.value.code == "not_key"
    cw.case_mark_key(actor=users["staff"], case=case)
    cw.case_mark_key(actor=users["staff"], case=case, key=False)
    assert _codes(case)[-2:] == ["casework.case.key_marked", "casework.case.key_unmarked"]


def test_buttons_come_from_the_declarations(assigned, users, officer_b):
    officer, staff = users["unit_officer"], users["staff"]
    # (The return window of §1.8 has passed by the real today: no "return".)
    assert available(officer, assigned, cw.CASE_ACTIONS) == {"receive", "extend"}
    assert available(officer_b, assigned, cw.CASE_ACTIONS) == frozenset()
    assert available(staff, assigned, cw.CASE_ACTIONS) == {"withdraw", "key"}
    assert available(users["deputy"], assigned, cw.CASE_ACTIONS) == {"withdraw"}
    cw.extension_request(actor=officer, case=assigned, reason="复杂")
    assert "extend" not in available(officer, assigned, cw.CASE_ACTIONS)
    req = ExtensionRequest.objects.get()
    assert cw.extension_decide.allows(staff, req) and not cw.extension_decide.allows(officer, req)


def test_case_page_offers_the_allowed_actions(client_for, assigned):
    client = client_for("unit_officer")
    page = client.get(reverse("casework:detail", args=[assigned.pk])).content.decode()
    assert reverse("casework:action", args=[assigned.pk, "receive"]) in page
    assert reverse("casework:action", args=[assigned.pk, "assign"]) not in page
    response = client.post(reverse("casework:action", args=[assigned.pk, "receive"]))
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == S.RECEIVED


# --------------------------------------------------------------------------- API


def _post(client, path, data=None):
    return client.post(f"/api/v1{path}", data=data or {}, content_type="application/json")


def test_api_assign_and_create(client_for, case, users, unit, kind, calendar_loaded):
    client = client_for("unit_officer")
    assert _post(client, f"/cases/{case.pk}/assign", {"lead_id": unit.pk}).status_code == 403
    client = client_for("staff")
    response = _post(client, f"/cases/{case.pk}/assign", {"lead_id": unit.pk})
    assert response.status_code == 200 and response.json()["status"] == S.AWAITING_RECEIPT
    response = _post(
        client,
        "/cases",
        {"kind": kind.code, "title": "新事项", "requester_ids": [users["deputy"].person_id]},
    )
    assert response.status_code == 201 and response.json()["status"] == S.NEW
    assert (
        _post(client_for("deputy"), "/cases", {"kind": kind.code, "title": "x"}).status_code == 403
    )


def test_api_unit_requests_and_staff_decisions(client_for, assigned, users):
    officer = client_for("unit_officer")
    assert _post(officer, f"/cases/{assigned.pk}/extend", {"reason": "复杂"}).status_code == 200
    req = ExtensionRequest.objects.get()
    body = {"request_id": req.pk, "approve": True}
    assert _post(officer, f"/cases/{assigned.pk}/extension-decision", body).status_code == 403
    staff = client_for("staff")
    response = _post(staff, f"/cases/{assigned.pk}/extension-decision", body)
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert _post(staff, f"/cases/{assigned.pk}/return", {"reason": "x"}).status_code == 403


@pytest.mark.parametrize(
    ("path", "body", "allowed", "refused", "expected"),
    [
        ("override", {"reason": "x"}, "staff", "unit_officer", 409),
        ("close", {}, "staff", "deputy", 409),
        ("verify", {"rehandle": True, "finding": "x"}, "staff", "leader", 409),
        ("withdraw", {"reason": "不需要了"}, "deputy", None, 200),
        ("key", {}, "staff", "unit_officer", 200),
        # Notes are for key cases' supervisors (the precondition): this one is not key.
        ("notes", {"note": "x"}, "staff", None, 403),
        ("unkey", {}, "staff", "deputy", 409),
        ("co-opinion", {"opinion": "x"}, "unit_officer", "staff", 403),
        ("follow-up", reply_kwargs(), "unit_officer", "staff", 409),
        # Assigned on 2026-03-02: the return window (§1.8) has passed.
        ("return", {"reason": "x"}, "unit_officer", "deputy", 409),
        ("merge", {"into_id": 999999}, "staff", "unit_officer", 400),
    ],
)
def test_api_action_operations(client_for, assigned, path, body, allowed, refused, expected):
    if refused:
        response = _post(client_for(refused), f"/cases/{assigned.pk}/{path}", body)
        assert response.status_code == 403, response.json()
    response = _post(client_for(allowed), f"/cases/{assigned.pk}/{path}", body)
    assert response.status_code == expected, response.json()
