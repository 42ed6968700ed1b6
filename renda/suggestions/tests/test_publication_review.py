"""答复公开审核: a reply the unit marks public reaches the public site only after the office approves it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.casework import services as cw
from renda.casework.models import Notification, Reply
from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.core.work import work_for
from renda.suggestions import selectors

pytestmark = pytest.mark.django_db


def _public_ids():
    return list(selectors.public_suggestion_list().values_list("pk", flat=True))


def test_a_public_reply_waits_for_the_office_then_goes_out(handled, users, client, client_for):
    s = handled(result="A", approve=False)
    reply = Reply.objects.get(case=s.case)
    assert reply.publishable and reply.published_at is None
    assert s.pk not in _public_ids()
    assert client.get(reverse("portal:suggestion_detail", args=[s.pk])).status_code == 404
    # The office sees it waiting in 我的待办, with the case page's approval at hand.
    items = [i for i in work_for(users["staff"]) if str(i.kind) == "答复待公开审核"]
    assert [i.title for i in items] == [s.case.title]
    page = client_for("staff").get(reverse("casework:detail", args=[s.case_id])).content.decode()
    assert 'id="act-publish_reply"' in page and 'data-publication="awaiting"' in page
    # A unit officer cannot approve its own reply.
    assert not cw.reply_publish.allows(users["unit_officer"], s.case)

    response = client_for("staff").post(
        reverse("casework:action", args=[s.case_id, "publish_reply"])
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    s.case.refresh_from_db()
    assert reply.published_at is not None and reply.published_by == users["staff"]
    assert s.case.published and s.pk in _public_ids()
    assert client.get(reverse("portal:suggestion_detail", args=[s.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        action="casework.case.reply_published", object_id=str(s.case_id)
    ).exists()
    assert not [i for i in work_for(users["staff"]) if str(i.kind) == "答复待公开审核"]
    with pytest.raises(Conflict):
        cw.reply_publish(actor=users["staff"], case=s.case)


def test_the_office_may_withhold_it_with_a_reason_the_unit_is_told(
    handled, users, django_capture_on_commit_callbacks
):
    s = handled(result="B", approve=False)
    with pytest.raises(DomainError) as refused:
        cw.reply_withhold(actor=users["staff"], case=s.case, reason="  ")
    assert refused.value.code == "field_required"
    with django_capture_on_commit_callbacks(execute=True):
        cw.reply_withhold(actor=users["staff"], case=s.case, reason="涉及尚未公开的规划")
    reply = Reply.objects.get(case=s.case)
    assert not reply.publishable and reply.withhold_reason == "涉及尚未公开的规划"
    s.case.refresh_from_db()
    assert not s.case.published and s.pk not in _public_ids()
    lead_unit = s.case.assignments.get(role="lead").unit_id
    told = Notification.objects.filter(user__scope_id=lead_unit, case=s.case).last()
    assert told is not None and "不予公开" in told.text and "尚未公开的规划" in told.text


def test_the_public_search_never_reads_a_reply_waiting_for_review(handled, users):
    waiting = handled(result="A", approve=False)  # the reply reads 经研究，已经落实
    from renda.casework.selectors import reply_case_ids

    assert list(reply_case_ids("落实", published_only=True)) == []
    assert [r["case_id"] for r in reply_case_ids("落实")] == [waiting.case_id]
    cw.reply_publish(actor=users["staff"], case=waiting.case)
    assert [r["case_id"] for r in reply_case_ids("落实", published_only=True)] == [waiting.case_id]


def test_kinds_without_review_publish_at_once(handled):
    from renda.casework.models import CaseKind
    from renda.suggestions.assignment import suggestion_kind

    suggestion_kind()
    CaseKind.objects.filter(code="suggestion").update(publish_review=False)
    s = handled(result="A", approve=False)
    assert Reply.objects.get(case=s.case).published_at is not None
    assert s.pk in _public_ids()


def test_the_same_review_through_the_api(handled, client_for):
    first = handled(result="A", approve=False)
    second = handled(result="B", approve=False)
    staff = client_for("staff")
    response = staff.post(
        f"/api/v1/cases/{first.case_id}/publish-reply", content_type="application/json"
    )
    assert response.status_code == 200
    assert first.pk in _public_ids()
    again = staff.post(
        f"/api/v1/cases/{first.case_id}/publish-reply", content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["code"] == "no_reply_awaiting_review"
    empty = staff.post(
        f"/api/v1/cases/{second.case_id}/withhold-reply",
        {"reason": ""},
        content_type="application/json",
    )
    assert empty.status_code == 400 and empty.json()["code"] == "field_required"
    assert Reply.objects.get(case=second.case).publishable  # nothing written
    withheld = staff.post(
        f"/api/v1/cases/{second.case_id}/withhold-reply",
        {"reason": "涉及个人隐私"},
        content_type="application/json",
    )
    assert withheld.status_code == 200 and second.pk not in _public_ids()
    unit = client_for("unit_officer")
    third = handled(result="A", approve=False)
    refused = unit.post(
        f"/api/v1/cases/{third.case_id}/publish-reply", content_type="application/json"
    )
    assert refused.status_code == 403 and third.pk not in _public_ids()


def test_a_notice_is_dated_by_the_action_that_sent_it(
    handled, users, django_capture_on_commit_callbacks
):
    """Notices carry the action's moment (its ``now``), so replayed history reads in order."""
    with django_capture_on_commit_callbacks(execute=True):
        s = handled(result="A")
    reply = Reply.objects.get(case=s.case)
    told = Notification.objects.get(user=users["deputy"], case=s.case, kind="replied")
    assert told.created_at == reply.replied_at
    assert told.key_date == reply.replied_at.date()
