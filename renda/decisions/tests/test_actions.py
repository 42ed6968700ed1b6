"""Major matters as declared actions: the annual list, matters, decisions, the party's consent (S2).

Every main action refuses a role without its permission and a subject in the wrong status
with nothing changed (no audit event), and a success writes one event with its code. The
party committee's consent is the core approval step: the resubmission records the request,
the office's consent or return records the answer, and adoption requires the agreement.
The new API operations: an allowed role succeeds, another gets 403.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.core import approvals
from renda.core.actions import REGISTRY, SYSTEM, SystemActor, available
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import Approval, AuditEvent
from renda.decisions import services as S
from renda.decisions.models import AnnualList, Decision, ListComment, ListItem, Material, Matter

from .conftest import run_poll

pytestmark = pytest.mark.django_db

API = "/api/v1/decisions"
CONSENT = Approval.Kind.PARTY_CONSENT


def _events() -> int:
    return AuditEvent.objects.count()


def _codes(since: int) -> list[str]:
    return list(
        AuditEvent.objects.filter(seq__gt=since).order_by("seq").values_list("action", flat=True)
    )


def _seq() -> int:
    last = AuditEvent.objects.order_by("-seq").first()
    return last.seq if last else 0


def post(client, path, data=None):
    response = client.post(f"{API}{path}", json.dumps(data or {}), content_type="application/json")
    return response.status_code, response.json()


@pytest.fixture
def draft(gov, categories):
    lst = S.annual_list_create(actor=gov, year=2027)
    S.list_item_add(
        actor=gov,
        annual_list=lst,
        category=categories["plans-budgets"],
        title="关于2027年预算调整的议案",
        planned_quarter=2,
    )
    return AnnualList.objects.get(pk=lst.pk)


@pytest.fixture
def revising(draft, gov, users):
    S.annual_list_submit(actor=gov, annual_list=draft)
    S.list_comment_add(actor=users["staff"], annual_list=draft, text="建议提前至第一季度。")
    S.annual_list_close_comments(actor=users["staff"], annual_list=draft)
    return AnnualList.objects.get(pk=draft.pk)


@pytest.fixture
def awaiting(revising, gov):
    S.annual_list_submit(actor=gov, annual_list=revising)
    return AnnualList.objects.get(pk=revising.pk)


@pytest.fixture
def scheduled_report(users, published_list, sc_meeting):
    published_list()
    matter = Matter.objects.get(kind="report")
    return S.matter_schedule(actor=users["staff"], matter=matter, meeting=sc_meeting)


@pytest.fixture
def pending_decision(users, published_list, sc_meeting):
    published_list()
    matter = Matter.objects.get(kind="decision")
    S.matter_schedule(actor=users["staff"], matter=matter, meeting=sc_meeting)
    return S.decision_propose(
        actor=users["staff"],
        matter=matter,
        kind="decision",
        title="关于某事项的决定",
        text="决定正文",
    )


def test_the_actions_are_declared():
    names = {
        "decisions.annual_list.create",
        "decisions.annual_list.change",
        "decisions.annual_list.add_item",
        "decisions.list_item.edit",
        "decisions.list_item.remove",
        "decisions.annual_list.submit",
        "decisions.annual_list.resubmit",
        "decisions.annual_list.comment",
        "decisions.list_comment.respond",
        "decisions.annual_list.close_comments",
        "decisions.annual_list.return",
        "decisions.annual_list.consent",
        "decisions.annual_list.adopt",
        "decisions.annual_list.publish",
        "decisions.annual_list.supersede",
        "decisions.matter.create",
        "decisions.matter.add_material",
        "decisions.matter.schedule",
        "decisions.matter.conclude",
        "decisions.matter.opinions",
        "decisions.decision.propose",
        "decisions.decision.record",
        "decisions.decision.record_sealed",
        "decisions.decision.publish",
    }
    assert names <= set(REGISTRY)
    for name in names:
        assert REGISTRY[name].rule and REGISTRY[name].label, name
    assert REGISTRY["decisions.decision.record_sealed"].permission == SYSTEM
    assert REGISTRY["decisions.annual_list.supersede"].permission == SYSTEM
    assert S.annual_list_adopt is REGISTRY["decisions.annual_list.adopt"]
    # The audit codes stay those of the hand-written services.
    assert REGISTRY["decisions.annual_list.consent"].audit == "decisions.list.consent_recorded"
    assert REGISTRY["decisions.matter.add_material"].audit == "decisions.material.added"


# -- (a) a role without the permission: refused, nothing changed --------------------------------


@pytest.mark.parametrize("role", ["leader", "member", "deputy", "unit_officer"])
def test_closing_comments_refused_without_permission(users, draft, gov, role):
    S.annual_list_submit(actor=gov, annual_list=draft)
    before = _events()
    with pytest.raises(PermissionDenied):
        S.annual_list_close_comments(actor=users[role], annual_list=draft)
    assert AnnualList.objects.get(pk=draft.pk).status == "commenting"
    assert _events() == before


def test_the_office_does_not_adopt_and_the_government_does_not_consent(users, awaiting, gov):
    before = _events()
    with pytest.raises(PermissionDenied):
        S.annual_list_record_consent(
            actor=gov, annual_list=awaiting, consented_on=timezone.localdate()
        )
    assert AnnualList.objects.get(pk=awaiting.pk).status == "awaiting_consent"
    assert approvals.latest(awaiting, CONSENT).status == Approval.Status.PENDING
    assert _events() == before


def test_a_person_cannot_take_the_sealed_polls_action(users, pending_decision):
    before = _events()
    with pytest.raises(PermissionDenied):
        S.decision_record_sealed(actor=users["staff"], decision=pending_decision)
    assert Decision.objects.get(pk=pending_decision.pk).status == "pending"
    assert _events() == before


# -- (b) the wrong status: refused, nothing changed ---------------------------------------------


def test_consent_refused_while_the_list_is_out_for_comments(users, draft, gov):
    S.annual_list_submit(actor=gov, annual_list=draft)
    before = _events()
    with pytest.raises(Conflict) as exc:
        S.annual_list_record_consent(
            actor=users["staff"], annual_list=draft, consented_on=timezone.localdate()
        )
    assert exc.value.code == "status_not_allowed"
    lst = AnnualList.objects.get(pk=draft.pk)
    assert lst.status == "commenting" and lst.consented_on is None
    assert _events() == before and not approvals.history(lst).exists()


def test_publishing_a_pending_decision_is_refused(users, pending_decision):
    before = _events()
    with pytest.raises(Conflict) as exc:
        S.decision_publish(actor=users["staff"], decision=pending_decision)
    assert exc.value.code == "status_not_allowed"
    assert Decision.objects.get(pk=pending_decision.pk).published_at is None
    assert _events() == before


def test_a_heard_report_is_not_scheduled_again(users, scheduled_report, sc_meeting):
    before = _events()
    with pytest.raises(Conflict) as exc:
        S.matter_schedule(actor=users["staff"], matter=scheduled_report, meeting=sc_meeting)
    assert exc.value.code == "status_not_allowed"
    assert _events() == before


# -- (c) success: one event with its code ---------------------------------------------------------


def test_closing_comments_writes_one_event(users, draft, gov):
    S.annual_list_submit(actor=gov, annual_list=draft)
    since = _seq()
    lst = S.annual_list_close_comments(actor=users["staff"], annual_list=draft)
    assert lst.status == "revising"
    assert _codes(since) == ["decisions.list.comments_closed"]
    event = AuditEvent.objects.get(seq__gt=since)
    assert event.changes["status"] == ["commenting", "revising"]


def test_adoption_and_decision_publication_write_one_event_each(users, awaiting, pending_decision):
    S.annual_list_record_consent(
        actor=users["staff"], annual_list=awaiting, consented_on=timezone.localdate()
    )
    since = _seq()
    S.annual_list_adopt(actor=users["leader"], annual_list=awaiting)
    assert _codes(since) == ["decisions.list.adopted"]
    decision = Decision.objects.get(pk=pending_decision.pk)
    Decision.objects.filter(pk=decision.pk).update(status="adopted")
    since = _seq()
    decision = S.decision_publish(actor=users["staff"], decision=decision)
    assert decision.status == "published" and decision.published_at
    assert _codes(since) == ["decisions.decision.published"]


# -- the party committee's consent on the core approval step (S2) ------------------------------


def test_resubmission_requests_the_party_committees_consent(users, revising, gov):
    since = _seq()
    lst = S.annual_list_submit(actor=gov, annual_list=revising)
    assert lst.status == "awaiting_consent"
    assert _codes(since) == ["core.approval.request", "decisions.list.submitted"]
    request = approvals.latest(lst, CONSENT)
    assert request.status == Approval.Status.PENDING and request.sent_on == timezone.localdate()
    assert request.requested_by == gov and lst.title in request.purpose
    # The council cannot adopt before the consent is recorded.
    AnnualList.objects.filter(pk=lst.pk).update(status="consented")
    with pytest.raises(Conflict) as exc:
        S.annual_list_adopt(actor=users["leader"], annual_list=lst)
    assert exc.value.code == "approval_required"


def test_consent_records_the_answer_and_opens_adoption(users, awaiting):
    staff = users["staff"]
    today = timezone.localdate()
    since = _seq()
    lst = S.annual_list_record_consent(
        actor=staff, annual_list=awaiting, consented_on=today, reference="清委〔2026〕9号"
    )
    assert lst.status == "consented" and lst.consent_reference == "清委〔2026〕9号"
    assert _codes(since) == ["core.approval.answer", "decisions.list.consent_recorded"]
    answer = approvals.latest(lst, CONSENT)
    assert answer.status == Approval.Status.APPROVED and answer.answered_on == today
    assert answer.answer_reference == "清委〔2026〕9号" and answer.answered_by == staff
    assert approvals.is_approved(lst, CONSENT)
    S.annual_list_adopt(actor=users["leader"], annual_list=lst)
    assert AnnualList.objects.get(pk=lst.pk).status == "adopted"


def test_a_consent_dated_before_the_request_is_refused(users, awaiting):
    before = _events()
    with pytest.raises(DomainError) as exc:
        S.annual_list_record_consent(
            actor=users["staff"],
            annual_list=awaiting,
            consented_on=timezone.localdate() - dt.timedelta(days=30),
        )
    assert exc.value.code == "date_order"
    assert AnnualList.objects.get(pk=awaiting.pk).status == "awaiting_consent"
    assert _events() == before


def test_return_records_the_party_committees_reasons(users, awaiting, gov):
    lst = S.annual_list_return(
        actor=users["staff"], annual_list=awaiting, reason="请补充生态环境方面的事项。"
    )
    assert lst.status == "revising" and lst.consent_note == "请补充生态环境方面的事项。"
    returned = approvals.latest(lst, CONSENT)
    assert returned.status == Approval.Status.RETURNED
    assert returned.note == "请补充生态环境方面的事项。"
    # Revised again, it goes back with a new request.
    S.annual_list_submit(actor=gov, annual_list=lst)
    assert approvals.latest(lst, CONSENT).status == Approval.Status.PENDING
    assert approvals.history(lst, CONSENT).count() == 2


def test_the_lists_page_shows_the_approval_history_without_its_forms(client, users, awaiting):
    S.annual_list_record_consent(
        actor=users["staff"], annual_list=awaiting, consented_on=timezone.localdate()
    )
    client.force_login(users["staff"])
    page = client.get(reverse("decisions:list_detail", args=[awaiting.pk])).content.decode()
    assert "approval-h-party_consent" in page and "已同意" in page
    assert reverse("core:approval_request") not in page


# -- the sealed poll -------------------------------------------------------------------------------


def test_the_sealed_poll_names_the_person_who_sealed_it(
    users, pending_decision, sc_meeting, committee
):
    staff = users["staff"]
    run_poll(staff, sc_meeting, pending_decision.poll, committee, ["yes", "yes", "no"])
    since = _seq()
    decision = S.decision_record_sealed(
        actor=SystemActor(staff, "poll sealed"), decision=pending_decision
    )
    assert decision.status == "adopted"
    event = AuditEvent.objects.get(seq__gt=since)
    assert event.action == "decisions.decision.recorded" and event.actor_id == staff.pk
    assert event.changes["automatic"] is True
    # Again: nothing changes, no event.
    S.decision_record_sealed(actor=SystemActor(staff, "poll sealed"), decision=decision)
    assert _seq() == event.seq


# -- buttons from the declarations -----------------------------------------------------------------


def test_buttons_come_from_the_declarations(users, gov, awaiting, scheduled_report):
    from renda.decisions.views import LIST_ACTIONS, MATTER_ACTIONS

    assert available(users["staff"], awaiting, LIST_ACTIONS) == {"consent", "return"}
    assert available(gov, awaiting, LIST_ACTIONS) == frozenset()
    assert available(users["leader"], awaiting, LIST_ACTIONS) == frozenset()
    assert available(users["staff"], scheduled_report, MATTER_ACTIONS) == {
        "add_material",
        "conclude",
        "opinions",
        "propose",
    }
    assert available(users["member"], scheduled_report, MATTER_ACTIONS) == frozenset()


# -- the API operations of the declared actions ---------------------------------------------------


def test_api_government_edits_removes_and_answers(client, users, gov, draft, categories):
    item = draft.items.get()
    client.force_login(users["staff"])
    assert post(client, f"/list-items/{item.pk}/edit", {"planned_quarter": 3})[0] == 403
    assert post(client, f"/list-items/{item.pk}/remove")[0] == 403
    client.force_login(gov)
    status, body = post(
        client, f"/list-items/{item.pk}/edit", {"planned_quarter": 3, "category": "major-policies"}
    )
    assert status == 200 and body["planned_quarter"] == 3
    assert ListItem.objects.get(pk=item.pk).category.code == "major-policies"
    status, body = post(client, f"/list-items/{item.pk}/remove")
    assert status == 200 and body == {"id": item.pk, "status": "draft"}
    assert not ListItem.objects.filter(pk=item.pk).exists()


def test_api_comments_are_closed_answered_and_the_list_returned(client, users, gov, draft):
    S.annual_list_submit(actor=gov, annual_list=draft)
    S.list_comment_add(actor=users["staff"], annual_list=draft, text="建议提前。")
    comment = ListComment.objects.get(annual_list=draft)
    client.force_login(gov)
    assert post(client, f"/lists/{draft.pk}/close-comments")[0] == 403
    client.force_login(users["staff"])
    status, body = post(client, f"/lists/{draft.pk}/close-comments")
    assert status == 200 and body == {"id": draft.pk, "status": "revising"}
    assert post(client, f"/list-comments/{comment.pk}/respond", {"response": "已采纳。"})[0] == 403
    client.force_login(gov)
    status, body = post(client, f"/list-comments/{comment.pk}/respond", {"response": "已采纳。"})
    assert status == 200 and body == {"id": comment.pk, "status": "revising"}
    S.annual_list_submit(actor=gov, annual_list=draft)
    assert post(client, f"/lists/{draft.pk}/return", {"reason": "请修改。"})[0] == 403
    client.force_login(users["staff"])
    status, body = post(client, f"/lists/{draft.pk}/return", {"reason": "请修改。"})
    assert status == 200 and body["status"] == "revising"
    assert approvals.latest(draft, CONSENT).status == Approval.Status.RETURNED


def test_api_change_of_a_published_list(client, users, gov, published_list):
    lst = published_list()
    client.force_login(users["staff"])
    assert post(client, f"/lists/{lst.pk}/change", {"explanation": "调整"})[0] == 403
    client.force_login(gov)
    status, body = post(client, f"/lists/{lst.pk}/change", {"explanation": "增加一项。"})
    assert status == 201 and body["status"] == "draft"
    assert AnnualList.objects.get(pk=body["id"]).base_id == lst.pk


def test_api_materials_conclusion_and_opinions(client, users, scheduled_report):
    matter = scheduled_report
    upload = {
        "kind": "report",
        "title": "报告文本",
        "file_name": "report.pdf",
        "file_base64": base64.b64encode(b"%PDF-1.4 test").decode(),
    }
    client.force_login(users["member"])
    assert post(client, f"/matters/{matter.pk}/materials", upload)[0] == 403
    client.force_login(users["leader"])
    assert post(client, f"/matters/{matter.pk}/conclude", {"conclusion": "听取"})[0] == 403
    assert post(client, f"/matters/{matter.pk}/opinions", {"text": "意见"})[0] == 403
    client.force_login(users["staff"])
    status, body = post(client, f"/matters/{matter.pk}/materials", upload)
    assert status == 201 and body["kind"] == "report"
    assert Material.objects.filter(matter=matter).count() == 1
    status, body = post(
        client, f"/matters/{matter.pk}/materials", {**upload, "file_base64": "not base64!"}
    )
    assert status == 400 and body["code"] == "file_base64_invalid"
    status, body = post(client, f"/matters/{matter.pk}/conclude", {"conclusion": "听取并审议。"})
    assert status == 200 and body == {"id": matter.pk, "status": "concluded"}
    status, body = post(client, f"/matters/{matter.pk}/opinions", {"text": "建议做好公示。"})
    assert status == 200 and body["id"] == matter.pk and body["case_id"]
    assert Matter.objects.get(pk=matter.pk).case_id == body["case_id"]


def test_api_decision_propose_record_and_publish(
    client, users, published_list, sc_meeting, committee
):
    staff = users["staff"]
    published_list()
    matter = Matter.objects.get(kind="decision")
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    data = {"kind": "decision", "title": "关于批准的决定", "text": "批准。"}
    client.force_login(users["leader"])
    assert post(client, f"/matters/{matter.pk}/decisions", data)[0] == 403
    client.force_login(staff)
    status, body = post(client, f"/matters/{matter.pk}/decisions", data)
    assert status == 201 and body["status"] == "pending" and body["poll_id"]
    decision = Decision.objects.get(pk=body["id"])
    status, body = post(client, f"/decisions/{decision.pk}/record")
    assert status == 409 and body["code"] == "poll_not_sealed"
    run_poll(staff, sc_meeting, decision.poll, committee, ["yes", "yes", "no"])
    client.force_login(users["leader"])
    assert post(client, f"/decisions/{decision.pk}/record")[0] == 403
    assert post(client, f"/decisions/{decision.pk}/publish")[0] == 403
    client.force_login(staff)
    status, body = post(client, f"/decisions/{decision.pk}/record")
    assert status == 200 and body == {"id": decision.pk, "status": "adopted"}
    status, body = post(client, f"/decisions/{decision.pk}/publish")
    assert status == 200 and body == {"id": decision.pk, "status": "published"}
