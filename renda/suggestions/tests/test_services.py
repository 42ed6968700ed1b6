"""Suggestion services with a database: drafts, co-signers, submission, screening, merge, split, assignment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.suggestions import services as S
from renda.suggestions.assignment import propose_units, suggestion_assign
from renda.suggestions.models import Suggestion
from renda.suggestions.selectors import suggestions_visible_to

pytestmark = pytest.mark.django_db


def _actions(obj):
    return list(
        AuditEvent.objects.filter(object_id=str(obj.pk), action__startswith="suggestions.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_draft_submit_numbers_the_suggestion_between_sessions(make_suggestion):
    s = make_suggestion()
    assert s.status == Suggestion.Status.SUBMITTED
    assert s.channel == "between" and s.number == "第17届闭会期间第001号"
    assert make_suggestion().number == "第17届闭会期间第002号"
    assert _actions(s) == ["suggestions.suggestion.created", "suggestions.suggestion.submitted"]


def test_session_suggestions_are_numbered_per_session(make_suggestion, session):
    s = make_suggestion(session=session)
    assert s.channel == "session" and s.number == f"第17届第{session.number}次会议第001号"


def test_only_a_serving_deputy_writes(users, deputy):
    with pytest.raises(PermissionDenied):
        S.suggestion_create(actor=users["staff"], title="t", content="c")
    deputy.status = "resigned"
    deputy.save()
    with pytest.raises(PermissionDenied) as err:
        S.suggestion_create(actor=users["deputy"], title="t", content="c")
    assert err.value.code == "not_a_deputy"


def test_bad_input_is_refused_with_a_field(users, deputy):
    with pytest.raises(DomainError) as err:
        S.suggestion_create(actor=users["deputy"], title=" ", content="c")
    assert (err.value.code, err.value.field) == ("field_required", "title")
    with pytest.raises(DomainError) as err:
        S.suggestion_create(actor=users["deputy"], title="t", content="c", category="nope")
    assert err.value.code == "invalid_category"
    assert not Suggestion.objects.exists()


def test_update_only_the_own_draft(make_suggestion, users, other_deputies):
    draft = make_suggestion(status="draft")
    S.suggestion_update(actor=users["deputy"], suggestion=draft, title="新标题")
    draft.refresh_from_db()
    assert draft.title == "新标题"
    other = users["deputy"].__class__.objects.get(username="t-deputy1")
    with pytest.raises(PermissionDenied):
        S.suggestion_update(actor=other, suggestion=draft, title="x")
    S.suggestion_submit(actor=users["deputy"], suggestion=draft)
    with pytest.raises(Conflict) as err:
        S.suggestion_update(actor=users["deputy"], suggestion=draft, title="y")
    assert err.value.code == "status_not_allowed"


def test_cosigners_must_confirm_before_submission(make_suggestion, users, other_deputies):
    draft = make_suggestion(status="draft")
    S.cosigner_invite(actor=users["deputy"], suggestion=draft, deputy=other_deputies[0])
    with pytest.raises(Conflict) as err:
        S.cosigner_invite(actor=users["deputy"], suggestion=draft, deputy=other_deputies[0])
    assert err.value.code == "cosigner_exists"
    with pytest.raises(Conflict) as err:
        S.suggestion_submit(actor=users["deputy"], suggestion=draft)
    assert err.value.code == "cosigners_unconfirmed"
    cosigner_user = other_deputies[0].person.user
    assert draft in suggestions_visible_to(cosigner_user)
    S.cosigner_confirm(actor=cosigner_user, suggestion=draft)
    with pytest.raises(PermissionDenied):
        S.cosigner_confirm(actor=other_deputies[1].person.user, suggestion=draft)
    S.suggestion_submit(actor=users["deputy"], suggestion=draft)
    assert draft not in suggestions_visible_to(other_deputies[1].person.user)


def test_attachments_are_type_and_size_checked(make_suggestion, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = make_suggestion(status="draft")
    ok = S.attachment_add(
        actor=users["deputy"],
        suggestion=draft,
        upload=SimpleUploadedFile("调研报告.pdf", b"%PDF-1.4 test"),
    )
    assert ok.size == len(b"%PDF-1.4 test")
    with pytest.raises(DomainError) as err:
        S.attachment_add(
            actor=users["deputy"], suggestion=draft, upload=SimpleUploadedFile("x.pdf", b"MZ\x90")
        )
    assert err.value.code == "upload_type"
    with pytest.raises(DomainError) as err:
        S.attachment_add(
            actor=users["deputy"], suggestion=draft, upload=SimpleUploadedFile("x.exe", b"MZ")
        )
    assert err.value.code == "upload_type"
    assert draft.attachments.count() == 1


def test_withdraw_before_assignment_only(make_suggestion, users):
    s = make_suggestion()
    s = S.suggestion_withdraw(actor=users["deputy"], suggestion=s, reason="已解决")
    assert s.status == Suggestion.Status.WITHDRAWN
    with pytest.raises(Conflict):
        S.suggestion_withdraw(actor=users["deputy"], suggestion=s)


def test_not_accepted_needs_reasons_and_tells_the_deputy(
    make_suggestion, users, mailoutbox, django_capture_on_commit_callbacks
):
    users["deputy"].email = "deputy@example.org"
    users["deputy"].save()
    s = make_suggestion()
    with pytest.raises(DomainError) as err:
        S.suggestion_not_accept(actor=users["staff"], suggestion=s, reasons=[])
    assert err.value.code == "reason_required"
    with pytest.raises(DomainError) as err:
        S.suggestion_not_accept(actor=users["staff"], suggestion=s, reasons=["other"])
    assert err.value.field == "note"
    with pytest.raises(PermissionDenied):
        S.suggestion_not_accept(actor=users["deputy"], suggestion=s, reasons=["personal"])
    with pytest.raises(DomainError):
        S.suggestion_not_accept(actor=users["staff"], suggestion=s, reasons=["nonsense"])
    with django_capture_on_commit_callbacks(execute=True):
        S.suggestion_not_accept(
            actor=users["staff"], suggestion=s, reasons=["pending_case", "complaint"]
        )
    s.refresh_from_db()
    assert s.status == "not_accepted" and s.not_accepted_reasons == ["pending_case", "complaint"]
    assert len(mail.outbox) == 1 and "涉及尚未审结的诉讼案件" in mail.outbox[0].body


def test_merge_moves_the_deputies_to_the_kept_suggestion(make_suggestion, users, other_deputies):
    keep, dup = make_suggestion(), make_suggestion()
    dup.lead_deputy = other_deputies[0]
    dup.save()
    S.suggestion_merge(actor=users["staff"], into=keep, others=[dup])
    dup.refresh_from_db()
    assert dup.status == "merged" and dup.merged_into == keep
    assert list(keep.cosigners.values_list("deputy_id", flat=True)) == [other_deputies[0].pk]
    with pytest.raises(DomainError):
        S.suggestion_merge(actor=users["staff"], into=keep, others=[keep])


def test_split_creates_accepted_parts(make_suggestion, users):
    s = make_suggestion()
    parts = S.suggestion_split(
        actor=users["staff"],
        suggestion=s,
        parts=[("教育部分", "教师待遇"), ("交通部分", "校车补贴")],
    )
    assert [p.number for p in parts] == [f"{s.number}之一", f"{s.number}之二"]
    assert {p.status for p in parts} == {"accepted"}
    s.refresh_from_db()
    assert s.status == "split"
    with pytest.raises(DomainError):
        S.suggestion_split(actor=users["staff"], suggestion=parts[0], parts=[("a", "b")])


def test_assign_hands_over_to_the_engine_and_records_the_proposal(
    make_suggestion, users, units, other_deputies
):
    from renda.casework.models import Case

    first = make_suggestion(status="accepted")
    suggestion_assign(
        actor=users["staff"],
        suggestion=first,
        lead=units["education"],
        co_handlers=[units["finance"]],
        now=dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC),
    )
    first.refresh_from_db()
    assert first.status == "assigned" and first.case.status == Case.Status.AWAITING_RECEIPT
    assert first.case.kind.code == "suggestion" and first.case.due_on == dt.date(2026, 4, 20)
    assert first.proposed_lead is None  # nothing learned yet
    second = make_suggestion(title="关于提高乡村教师待遇的建议", status="accepted")
    proposal = propose_units(second)
    assert proposal.lead[0] == units["education"] and proposal.lead[1] == 1.0
    assert [org for org, _c in proposal.co_handlers] == [units["finance"]]
    suggestion_assign(actor=users["staff"], suggestion=second, lead=units["transport"])
    second.refresh_from_db()
    assert second.proposed_lead == units["education"] and second.proposed_co_handlers == [
        units["finance"].pk
    ]
    event = AuditEvent.objects.filter(action="suggestions.suggestion.assigned").last()
    assert event.changes["followed_proposal"] is False
    # the unit officer of the lead unit sees it through the engine's case
    assert first in suggestions_visible_to(users["unit_officer"])
    assert second not in suggestions_visible_to(users["unit_officer"])
    with pytest.raises(Conflict):
        S.suggestion_withdraw(actor=users["deputy"], suggestion=first)


def test_assign_refuses_a_non_handling_unit_and_writes_nothing(
    make_suggestion, users, jurisdiction
):
    from renda.casework.models import Case
    from renda.people.models import Organization

    s = make_suggestion(status="accepted")
    with pytest.raises(DomainError) as err:
        suggestion_assign(
            actor=users["staff"], suggestion=s, lead=Organization.objects.get(code="office")
        )
    assert err.value.code == "not_handling_unit"
    assert not Case.objects.exists()


def test_staff_do_not_see_drafts(make_suggestion, users):
    draft, sent = make_suggestion(status="draft"), make_suggestion()
    assert list(suggestions_visible_to(users["staff"])) == [sent]
    assert set(suggestions_visible_to(users["deputy"])) == {draft, sent}
    assert not suggestions_visible_to(users["member"]).exists()
