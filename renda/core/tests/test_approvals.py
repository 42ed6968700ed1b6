"""The external-approval step (S2): request, answer, the precondition, pages and API."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from renda.core import approvals
from renda.core.actions import ActionContext
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import Approval, AuditEvent
from renda.people.models import Person

pytestmark = pytest.mark.django_db
PARTY = Approval.Kind.PARTY_CONSENT


@pytest.fixture
def subject(monkeypatch, jurisdiction):
    """A person stands in for any registered subject (the registry is per domain)."""
    monkeypatch.setitem(
        approvals.SUBJECTS,
        ("people.person", PARTY),
        approvals.Subject(model=Person, kind=PARTY, label="测试事项"),
    )
    return Person.objects.create(name="报请事项甲", gender="male")


def _request(staff, subject, **kw):
    return approvals.approval_request(
        actor=staff,
        subject=subject,
        kind=PARTY,
        sent_on=kw.pop("sent_on", dt.date(2026, 3, 2)),
        document_title="关于年度清单的请示",
        document_reference="常委会党组〔2026〕3号",
        **kw,
    )


def test_request_then_agreement_satisfies_the_precondition(staff, subject):
    precondition = approvals.requires(PARTY)
    ctx = ActionContext(action=approvals.approval_request, actor=staff, now=dt.datetime.now())
    with pytest.raises(Conflict) as exc:
        precondition(ctx, subject)
    assert exc.value.code == "approval_required" and "党委同意" in exc.value.message_in("zh-hans")
    approval = _request(staff, subject)
    assert approval.status == Approval.Status.PENDING and approval.purpose == "测试事项：报请事项甲"
    with pytest.raises(Conflict):
        precondition(ctx, subject)  # sent, not yet answered
    approvals.approval_answer(
        actor=staff,
        approval=approval,
        answer="approved",
        answered_on=dt.date(2026, 3, 5),
        answer_reference="市委办〔2026〕9号",
    )
    precondition(ctx, subject)
    assert approvals.is_approved(subject, PARTY)
    codes = list(
        AuditEvent.objects.filter(action__startswith="core.approval.")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert codes == ["core.approval.request", "core.approval.answer"]
    answer = AuditEvent.objects.get(action="core.approval.answer")
    assert answer.changes["status"] == ["pending", "approved"]


def test_one_pending_request_and_a_return_needs_the_reasons(staff, subject):
    approval = _request(staff, subject)
    with pytest.raises(Conflict) as exc:
        _request(staff, subject)
    assert exc.value.code == "approval_pending"
    with pytest.raises(DomainError) as exc:
        approvals.approval_answer(actor=staff, approval=approval, answer="returned")
    assert exc.value.code == "field_required" and exc.value.field == "note"
    with pytest.raises(DomainError) as exc:
        approvals.approval_answer(
            actor=staff, approval=approval, answer="approved", answered_on=dt.date(2026, 3, 1)
        )
    assert exc.value.code == "date_order"
    approval.refresh_from_db()
    assert approval.status == Approval.Status.PENDING
    approvals.approval_answer(actor=staff, approval=approval, answer="returned", note="请补充依据")
    assert not approvals.is_approved(subject, PARTY)
    again = _request(staff, subject, sent_on=dt.date(2026, 3, 9))  # after the changes
    assert again.status == Approval.Status.PENDING and approvals.history(subject).count() == 2
    with pytest.raises(Conflict) as exc:
        approvals.approval_answer(actor=staff, approval=approval, answer="approved")
    assert exc.value.code == "status_not_allowed"


def test_only_the_office_records_and_only_registered_subjects(users, staff, subject):
    with pytest.raises(PermissionDenied):
        _request(users["deputy"], subject)
    with pytest.raises(PermissionDenied):
        _request(users["leader"], subject)
    with pytest.raises(DomainError) as exc:
        approvals.approval_request(actor=staff, subject=subject, kind="provincial_approval")
    assert exc.value.code == "approval_not_applicable"
    with pytest.raises(DomainError) as exc:
        _request(staff, subject, sent_on=dt.date.today() + dt.timedelta(days=1))
    assert exc.value.code == "date_in_future"
    assert not Approval.objects.exists()


def test_the_panel_forms_record_and_return_to_the_subject_page(client_for, users, subject):
    client = client_for("staff")
    back = "/office/people/persons/"
    response = client.post(
        reverse("core:approval_request"),
        {
            "subject_type": "people.person",
            "subject_id": subject.pk,
            "kind": PARTY,
            "document_title": "请示",
            "sent_on": "2026-03-02",
            "next": back,
        },
    )
    assert response.status_code == 302 and response["Location"] == back
    approval = Approval.objects.get()
    response = client.post(
        reverse("core:approval_answer", args=[approval.pk]),
        {"answer": "returned", "answered_on": "2026-03-04", "note": "", "next": back},
        follow=True,
    )
    approval.refresh_from_db()
    assert approval.status == Approval.Status.PENDING  # the reasons are required
    assert "答复意见" in response.content.decode()
    client.post(
        reverse("core:approval_answer", args=[approval.pk]),
        {"answer": "approved", "answered_on": "2026-03-04", "next": "https://evil.example/"},
    )
    approval.refresh_from_db()
    assert approval.status == Approval.Status.APPROVED
    listing = client.get(reverse("core:approvals"), {"status": "approved"})
    assert listing.status_code == 200 and "报请事项甲" in listing.content.decode()
    assert listing.context["page_obj"].paginator.count == 1
    assert client_for("leader").get(reverse("core:approvals")).status_code == 200
    assert client_for("deputy").get(reverse("core:approvals")).status_code == 403


@pytest.mark.parametrize("n", [2, 12])
def test_the_list_page_has_a_fixed_query_count(
    client_for, staff, subject, django_assert_num_queries, n
):
    for i in range(n):
        Approval.objects.create(
            subject_type="people.person",
            subject_id=str(subject.pk),
            kind=PARTY,
            purpose=f"事项{i}",
            sent_on=dt.date(2026, 1, 5),
            status="approved",
            requested_by=staff,
        )
    client = client_for("staff")
    # session, user, scope, count, page rows with the recorders, site name
    with django_assert_num_queries(6):
        response = client.get(reverse("core:approvals"))
    assert len(response.context["rows"]) == n


def test_the_api_records_a_request_and_its_answer(client_for, subject):
    client = client_for("staff")
    created = client.post(
        "/api/v1/approvals",
        json.dumps(
            {
                "subject_type": "people.person",
                "subject_id": str(subject.pk),
                "kind": PARTY,
                "sent_on": "2026-03-02",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    unknown = client.post(
        "/api/v1/approvals",
        json.dumps({"subject_type": "people.person", "subject_id": "999999", "kind": PARTY}),
        content_type="application/json",
    )
    assert unknown.status_code == 404 and unknown.json()["code"] == "unknown_reference"
    answered = client.post(
        f"/api/v1/approvals/{pk}/answer",
        json.dumps({"answer": "approved", "answered_on": "2026-03-03"}),
        content_type="application/json",
    )
    assert answered.status_code == 200, answered.content
    assert answered.json() == {"id": pk, "status": "approved"}
    listed = client.get("/api/v1/approvals", {"subject_id": str(subject.pk)}).json()
    assert listed["count"] == 1 and listed["items"][0]["answered_on"] == "2026-03-03"
    refused = client_for("deputy").post(
        f"/api/v1/approvals/{pk}/answer",
        json.dumps({"answer": "returned", "note": "x"}),
        content_type="application/json",
    )
    assert refused.status_code == 403
