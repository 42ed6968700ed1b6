"""Voters' messages (S25, S26): a citizen writes, the addressee handles, the office moderates;
the writer's contact stays out of the audit trail."""

from __future__ import annotations

import pytest

from renda.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from renda.core.models import AuditEvent
from renda.deputies import services
from renda.deputies.models import LiaisonStation, VoterMessage
from renda.deputies.services.messages import by_code, normalise_code
from renda.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def write(deputy=None, station=None, **kw) -> VoterMessage:
    fields = {
        "subject": "小区门口路灯坏了", "body": "清河路12号小区门口路灯坏了两个月，晚上出行不安全。",
        "writer_name": "张大妈", "contact": PHONE, "consent_publish": True,
    }  # fmt: skip
    fields.update(kw)
    return services.message_submit(deputy=deputy, station=station, **fields)


def test_a_citizen_writes_and_follows_the_answer_by_code(users, deputies):
    m = write(deputies[0])
    assert m.status == "received" and len(m.code) == 14
    assert by_code(m.code.lower().replace("-", " ")).pk == m.pk
    with pytest.raises(NotFound):
        by_code("AAAA-AAAA-AAAA")
    assert normalise_code("bad") == ""
    services.message_acknowledge(actor=users["deputy"], message=m)
    services.message_answer(actor=users["deputy"], message=m, answer="已联系街道，本周内修复。")
    m.refresh_from_db()
    assert (m.status, m.answered_by) == ("answered", users["deputy"])
    events = AuditEvent.objects.filter(action__startswith="deputies.message.")
    assert events.count() == 3
    for e in events:  # the writer's name and contact never reach the audit trail
        assert PHONE not in str(e.changes) and "张大妈" not in str(e.changes)


def test_bad_input_is_refused_and_nothing_is_written(deputies, staff):
    for kw, code in (
        ({"body": "太短"}, "body_too_short"),
        ({"subject": ""}, "field_required"),
        ({"contact": "x" * 101}, "field_too_long"),
    ):
        with pytest.raises(DomainError) as exc:
            write(deputies[0], **kw)
        assert exc.value.code == code
    with pytest.raises(DomainError) as exc:
        write()
    assert exc.value.code == "addressee_required"
    station = LiaisonStation.objects.create(name="站", area="街道", address="路1号", active=False)
    with pytest.raises(Conflict):
        write(station=station)
    assert not VoterMessage.objects.exists()


def test_only_the_addressee_or_the_office_handles_a_message(users, staff, deputies, unit):
    m = write(deputies[1])  # not the deputy user's
    with pytest.raises(PermissionDenied):
        services.message_answer(actor=users["deputy"], message=m, answer="我来答复一下。")
    with pytest.raises(PermissionDenied):
        services.message_dismiss(actor=users["deputy"], message=write(deputies[0]), reason="x")
    services.message_forward(actor=staff, message=m, unit=unit, note="请市教育局核实处理。")
    m.refresh_from_db()
    assert (m.status, m.forwarded_to) == ("forwarded", unit)
    services.message_answer(actor=staff, message=m, answer="教育局已答复：下学期增设学位。")
    assert VoterMessage.objects.get(pk=m.pk).status == "answered"


def test_forwarding_needs_a_handling_unit(staff, deputies, jurisdiction):
    from renda.people.models import Organization

    m = write(deputies[0])
    congress = Organization.objects.get(code="congress")
    with pytest.raises(DomainError) as exc:
        services.message_forward(actor=staff, message=m, unit=congress, note="转交")
    assert exc.value.code == "not_a_unit"
    assert VoterMessage.objects.get(pk=m.pk).status == "received"


def test_the_deputy_turns_a_message_into_a_draft_suggestion(users, staff, deputies):
    m = write(deputies[0])
    with pytest.raises(Conflict):  # the office cannot make a deputy's suggestion
        services.message_suggest(actor=staff, message=m, title="建议", content="内容")
    services.message_suggest(
        actor=users["deputy"], message=m, title="关于加快修复老旧小区路灯的建议",
        content="群众反映清河路小区路灯长期损坏……",
    )  # fmt: skip
    m.refresh_from_db()
    s = Suggestion.objects.get()
    assert (m.status, m.suggestion, s.status, s.lead_deputy) == ("suggestion", s, "draft", deputies[0])  # fmt: skip
    assert list(s.voter_messages.all()) == [m]
    services.message_answer(actor=users["deputy"], message=m, answer="已形成代表建议，提交后交有关单位办理。")  # fmt: skip
    assert VoterMessage.objects.get(pk=m.pk).suggestion == s


def test_the_office_publishes_only_with_consent_and_an_answer(users, staff, deputies):
    m = write(deputies[0])
    with pytest.raises(Conflict):
        services.message_publish(actor=staff, message=m, public_body="内容", public_answer="答复")
    services.message_answer(actor=users["deputy"], message=m, answer="已联系街道，本周内修复。")
    with pytest.raises(PermissionDenied):
        services.message_publish(actor=users["deputy"], message=m, public_body="x", public_answer="y")  # fmt: skip
    services.message_publish(
        actor=staff, message=m, public_body="小区门口路灯坏了两个月。", public_answer="已联系街道，本周内修复。"
    )  # fmt: skip
    m.refresh_from_db()
    assert m.published_at is not None and m.published_by == staff
    services.message_answer(actor=users["deputy"], message=m, answer="路灯已于周三修复。")
    m.refresh_from_db()
    assert m.published_at is None  # a changed answer goes back to the office
    private = write(deputies[0], consent_publish=False)
    services.message_answer(actor=users["deputy"], message=private, answer="已转告有关部门。")
    with pytest.raises(Conflict) as exc:
        services.message_publish(actor=staff, message=private, public_body="x", public_answer="y")
    assert exc.value.code == "no_consent"


def test_the_office_dismisses_and_unpublishes_with_reasons(users, staff, deputies):
    spam = write(deputies[0], subject="广告", body="代办各类证件，联系电话……" * 2)
    services.message_dismiss(actor=staff, message=spam, reason="广告信息")
    assert VoterMessage.objects.get(pk=spam.pk).status == "dismissed"
    m = write(deputies[0])
    services.message_answer(actor=users["deputy"], message=m, answer="已联系街道，本周内修复。")
    with pytest.raises(Conflict):
        services.message_unpublish(actor=staff, message=m, reason="误发")
    services.message_publish(
        actor=staff, message=m, public_body="内容内容", public_answer="答复答复"
    )
    services.message_unpublish(actor=staff, message=m, reason="写信人要求撤下")
    assert VoterMessage.objects.get(pk=m.pk).published_at is None


def test_a_forwarded_letter_is_a_case_on_the_units_clock(
    users, deputies, unit, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from renda.casework.models import Notification
    from renda.casework.selectors import cases_visible_to

    m = write(deputies[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.message_forward(actor=users["deputy"], message=m, unit=unit, note="请核实路灯维修责任单位。")  # fmt: skip
    m.refresh_from_db()
    case = m.case
    assert case.kind.code == "voter_letter" and case.assignments.get().unit == unit
    assert case.status == "awaiting_receipt" and case.source_id == str(m.pk)
    assigned_on = timezone.localtime(case.assigned_at).date()
    assert case.due_on == assigned_on + dt.timedelta(days=60)  # deputy.forwarded_letter_reply_days
    assert list(case.requester_rows.values_list("person_id", flat=True)) == [deputies[0].person_id]
    assert "路灯坏了两个月" in case.summary and "请核实路灯维修责任单位" in case.summary
    assert (
        PHONE not in case.summary and "张大妈" not in case.summary
    )  # the unit never sees who wrote
    assert case in cases_visible_to(users["unit_officer"])
    assert Notification.objects.filter(
        case=case, user=users["unit_officer"], kind="assigned"
    ).exists()
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(users["deputy"])
    page = client.get(f"/office/deputies/messages/{m.pk}/").content.decode()
    assert f'<a href="{reverse("casework:detail", args=[case.pk])}" id="message-case">' in page
    api = client.get("/api/v1/voter-messages/inbox").json()["items"]
    assert next(i for i in api if i["id"] == m.pk)["case_id"] == case.pk
    assert (
        client.get(reverse("casework:detail", args=[case.pk])).status_code == 200
    )  # the requester follows it
    with pytest.raises(Conflict):  # forwarded once: the case carries it from here
        services.message_forward(actor=users["deputy"], message=m, unit=unit, note="再转一次")


def test_the_deputy_is_told_of_a_new_letter_without_the_writer(
    users, deputies, django_capture_on_commit_callbacks, mailoutbox
):
    from django.urls import reverse

    from renda.casework.models import Notification

    users["deputy"].email = "deputy@example.org"
    users["deputy"].save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        m = write(deputies[0])
        write(station=LiaisonStation.objects.create(name="清河站", area="清河街道", address="清河路1号"))  # fmt: skip
    told = Notification.objects.get(kind="letter")  # a station's letter tells no deputy
    assert told.user == users["deputy"] and told.case is None
    assert told.link == reverse("deputies:message_detail", args=[m.pk])
    assert told.title == "小区门口路灯坏了" and told.created_at == m.received_at
    assert "张大妈" not in told.text + told.title and PHONE not in told.text + told.title
    assert len(mailoutbox) == 1 and PHONE not in mailoutbox[0].body
    from django.test import Client

    client = Client()
    client.force_login(users["deputy"])
    page = client.get(reverse("casework:notifications")).content.decode()
    assert f'<a href="{told.link}">小区门口路灯坏了</a>' in page
