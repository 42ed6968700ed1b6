"""Suggestions' declared actions: refused without the permission or in the wrong status with nothing
written, one audit event each, buttons from the declarations, and the office's API operations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.core.actions import available
from renda.core.errors import Conflict, PermissionDenied
from renda.core.models import AuditEvent
from renda.suggestions import imports, services
from renda.suggestions.assignment import UnitProposal, suggestion_assign
from renda.suggestions.models import Suggestion
from renda.suggestions.views import DETAIL_ACTIONS

from .test_import import workbook

pytestmark = pytest.mark.django_db


def _events() -> int:
    return AuditEvent.objects.count()


def test_every_action_keeps_its_audit_code():
    audits = {a.name: a.audit for a in services.actions()}
    assert audits["suggestions.suggestion.accept"] == "suggestions.suggestion.accepted"
    assert audits["suggestions.cosigner.invite"] == "suggestions.cosigner.invited"
    assert audits["suggestions.suggestion.assign"] == "suggestions.suggestion.assigned"
    assert audits["suggestions.suggestion.import_row"] == "suggestions.suggestion.imported"


@pytest.mark.parametrize(
    ("role", "call"),
    [
        ("deputy", lambda u, s: services.suggestion_accept(actor=u, suggestion=s)),
        ("unit_officer", lambda u, s: services.suggestion_withdraw(actor=u, suggestion=s)),
        ("member", lambda u, s: services.suggestion_split(actor=u, suggestion=s, parts=[])),
    ],
)
def test_refused_without_the_permission_writes_nothing(make_suggestion, users, role, call):
    s = make_suggestion()
    before = _events()
    with pytest.raises(PermissionDenied):
        call(users[role], s)
    s.refresh_from_db()
    assert s.status == Suggestion.Status.SUBMITTED and _events() == before


def test_wrong_status_is_refused_with_nothing_written(make_suggestion, users, units):
    s = make_suggestion()
    before = _events()
    for call in (
        lambda: services.suggestion_submit(actor=users["deputy"], suggestion=s),
        lambda: suggestion_assign(
            actor=users["staff"],
            suggestion=s,
            lead=units["transport"],
            proposal=UnitProposal([], []),
        ),
    ):
        with pytest.raises(Conflict) as e:
            call()
        assert e.value.code == "status_not_allowed"
    s.refresh_from_db()
    assert s.status == Suggestion.Status.SUBMITTED and _events() == before


def test_each_action_records_one_event(make_suggestion, users, units):
    s = make_suggestion()
    for call, code in (
        (lambda: services.suggestion_accept(actor=users["staff"], suggestion=s), "accepted"),
        (
            lambda: suggestion_assign(
                actor=users["staff"],
                suggestion=s,
                lead=units["transport"],
                proposal=UnitProposal([], []),
            ),
            "assigned",
        ),
    ):
        before = _events()
        call()
        codes = list(
            AuditEvent.objects.filter(object_type="suggestions.suggestion")
            .order_by("seq")
            .values_list("action", flat=True)
        )
        assert codes[-1] == f"suggestions.suggestion.{code}"
        # The assignment also creates and assigns the engine's case (its own events).
        assert _events() == before + (3 if code == "assigned" else 1)


def test_an_unchanged_update_records_nothing(make_suggestion, users):
    draft = make_suggestion(status="draft")
    before = _events()
    services.suggestion_update(actor=users["deputy"], suggestion=draft, title=draft.title)
    assert _events() == before


def test_import_is_one_action_with_an_event_per_row(users, session, deputy):
    name = users["deputy"].person.name
    before = _events()
    created = imports.suggestions_import(
        actor=users["staff"],
        session=session,
        upload=workbook([("标题一", "内容", "", name, ""), ("标题二", "内容", "", name, "")]),
    )
    assert len(created) == 2 and _events() == before + 3
    with pytest.raises(PermissionDenied):
        imports.suggestions_import(actor=users["deputy"], session=session, upload=workbook([]))


def test_buttons_come_from_the_declarations(make_suggestion, users, other_deputies):
    draft = make_suggestion(status="draft")
    services.cosigner_invite(actor=users["deputy"], suggestion=draft, deputy=other_deputies[0])
    assert available(users["deputy"], draft, DETAIL_ACTIONS) == {
        "invite",
        "submit",
        "withdraw",
        "update",
        "add",
    }
    invited = other_deputies[0].person.user
    assert available(invited, draft, DETAIL_ACTIONS) == {"confirm"}
    assert available(other_deputies[1].person.user, draft, DETAIL_ACTIONS) == frozenset()
    sent = make_suggestion()
    assert available(users["staff"], sent, DETAIL_ACTIONS) == {"accept", "merge", "split"}


def test_detail_page_shows_screening_for_staff(client_for, make_suggestion):
    s = make_suggestion()
    page = client_for("staff").get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert reverse("suggestions:screen", args=[s.pk]) in page
    assert reverse("suggestions:assign", args=[s.pk]) not in page


# --------------------------------------------------------------------------- API


def _post(client, path, data=None):
    return client.post(f"/api/v1{path}", data=data or {}, content_type="application/json")


def test_api_screening_merge_and_split(client_for, make_suggestion):
    keep, dup, big = make_suggestion(), make_suggestion(), make_suggestion()
    assert _post(client_for("deputy"), f"/suggestions/{keep.pk}/accept").status_code == 403
    response = _post(client_for("staff"), f"/suggestions/{keep.pk}/accept", {"note": "立案"})
    assert response.status_code == 200
    body = {"other_ids": [dup.pk]}
    assert _post(client_for("deputy"), f"/suggestions/{keep.pk}/merge", body).status_code == 403
    response = _post(client_for("staff"), f"/suggestions/{keep.pk}/merge", body)
    assert response.status_code == 200
    dup.refresh_from_db()
    assert dup.status == "merged"
    parts = {"parts": [{"title": "一", "content": "甲"}, {"title": "二", "content": "乙"}]}
    assert _post(client_for("deputy"), f"/suggestions/{big.pk}/split", parts).status_code == 403
    response = _post(client_for("staff"), f"/suggestions/{big.pk}/split", parts)
    assert response.status_code == 200 and response.json()["status"] == "split"
    other = make_suggestion()
    not_accept = {"reasons": ["complaint"]}
    response = _post(client_for("deputy"), f"/suggestions/{other.pk}/not-accept", not_accept)
    assert response.status_code == 403
    response = _post(client_for("staff"), f"/suggestions/{other.pk}/not-accept", not_accept)
    assert response.status_code == 200 and response.json()["status"] == "not_accepted"


def test_api_assignment_and_its_help(client_for, make_suggestion, units):
    s = make_suggestion(status="accepted")
    help_path = f"/api/v1/suggestions/{s.pk}/assignment-help"
    assert client_for("deputy").get(help_path).status_code == 403
    response = client_for("staff").get(help_path)
    assert response.status_code == 200 and response.json()["leads"] == []
    body = {"lead_id": units["transport"].pk}
    assert _post(client_for("deputy"), f"/suggestions/{s.pk}/assign", body).status_code == 403
    response = _post(client_for("staff"), f"/suggestions/{s.pk}/assign", body)
    assert response.status_code == 200 and response.json()["status"] == "assigned"


def test_api_draft_cosigners_and_withdrawal(client_for, make_suggestion, other_deputies):
    draft = make_suggestion(status="draft")
    body = {"deputy_id": other_deputies[0].pk}
    staff = client_for("staff")
    assert _post(staff, f"/suggestions/{draft.pk}/cosigners/invite", body).status_code in (
        403,
        404,
    )
    deputy = client_for("deputy")
    assert _post(deputy, f"/suggestions/{draft.pk}/cosigners/invite", body).status_code == 200
    assert _post(deputy, f"/suggestions/{draft.pk}/update", {"title": "新标题"}).status_code == 200
    assert _post(deputy, f"/suggestions/{draft.pk}/cosigners/confirm").status_code == 403
    assert _post(deputy, f"/suggestions/{draft.pk}/cosigners/remove", body).status_code == 200
    response = _post(deputy, f"/suggestions/{draft.pk}/withdraw", {"reason": "不提了"})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    draft.refresh_from_db()
    assert draft.title == "新标题"
