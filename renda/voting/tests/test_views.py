"""Back-office voting pages: the polls of a meeting, creating a poll, its record, hand counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.voting import services
from renda.voting.models import ManualCount, Poll

pytestmark = pytest.mark.django_db


def test_meeting_polls_lists_items_and_polls(
    client, staff, body, make_poll, django_assert_num_queries
):
    make_poll(open_=False)
    client.force_login(staff)
    url = reverse("voting:meeting_polls", args=[body.meeting.pk])
    client.get(url)  # warm caches (jurisdiction name, translations)
    with django_assert_num_queries(7):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert body.item.title in page and "新建表决" in page


def test_meeting_polls_query_count_is_fixed(client, staff, body, django_assert_num_queries):
    from renda.meetings.models import AgendaItem

    for i in range(2, 12):
        item = AgendaItem.objects.create(
            meeting=body.meeting, order=i, kind="motion", title=f"议题{i}"
        )
        services.poll_create(actor=staff, agenda_item=item, kind="decision")
    client.force_login(staff)
    url = reverse("voting:meeting_polls", args=[body.meeting.pk])
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_create_a_decision_poll(client, staff, body):
    client.force_login(staff)
    response = client.post(
        reverse("voting:poll_create", args=[body.item.pk]),
        {"kind": "decision", "method": "keypad", "seats": 1, "office_kind": "other"},
    )
    poll = Poll.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "voting:poll_detail", args=[poll.pk]
    )
    assert poll.secrecy == "anonymous" and poll.title == body.item.title


def test_appointment_without_nominee_is_refused_on_the_form(client, staff, body):
    client.force_login(staff)
    response = client.post(
        reverse("voting:poll_create", args=[body.item.pk]),
        {"kind": "appointment", "method": "keypad", "seats": 1, "office_kind": "other"},
    )
    assert response.status_code == 200
    assert "逐人进行" in response.content.decode()
    assert not Poll.objects.exists()


def test_competitive_slate_out_of_range_is_refused(client, staff, body):
    client.force_login(staff)
    people = [v.person_id for v in body.voters[:2]]
    response = client.post(
        reverse("voting:poll_create", args=[body.item.pk]),
        {
            "kind": "election",
            "method": "keypad",
            "seats": 2,
            "office_kind": "sc_member",
            "candidates": people,
        },
    )
    assert response.status_code == 200 and "差额" in response.content.decode()
    assert not Poll.objects.exists()


def test_detail_shows_only_received_while_open(client, staff, body, make_poll):
    poll = make_poll()
    for voter in body.voters[:3]:
        services.ballot_cast(actor=voter, poll=poll, choice="yes")
    client.force_login(staff)
    page = client.get(reverse("voting:poll_detail", args=[poll.pk])).content.decode()
    assert "3 / 30" in page
    assert "poll-result" not in page and "赞成" not in page


def test_detail_after_seal_shows_tally_fingerprint_and_checks_receipts(
    client, staff, chair, body, make_poll
):
    poll = make_poll()
    receipts = [services.ballot_cast(actor=v, poll=poll, choice="yes") for v in body.voters[:16]]
    services.poll_close(actor=chair, poll=poll)
    poll.refresh_from_db()
    client.force_login(staff)
    url = reverse("voting:poll_detail", args=[poll.pk])
    page = client.get(url).content.decode()
    assert "通过" in page and poll.seal.fingerprint in page
    receipt = receipts[0].receipt
    assert "该回执在已公布的选票中" in client.get(url, {"receipt": receipt}).content.decode()
    assert "未找到该回执" in client.get(url, {"receipt": "0" * 64}).content.decode()


def test_hand_count_needs_two_staff_who_agree(client, users, chair, body, make_poll):
    poll = make_poll(open_=False)
    services.poll_switch_to_manual(actor=chair, poll=poll)
    poll = services.poll_open(actor=chair, poll=poll)
    services.poll_close(actor=chair, poll=poll)
    url = reverse("voting:manual_count", args=[poll.pk])
    counts = {"yes": 20, "no": 5, "abstain": 3}
    client.force_login(users["staff"])
    client.post(url, counts)
    assert ManualCount.objects.count() == 1
    client.post(url, counts)  # the same person again is refused
    assert ManualCount.objects.count() == 1
    client.force_login(users["admin"])
    client.post(url, {**counts, "yes": 19})  # disagreeing
    assert ManualCount.objects.count() == 1
    client.post(url, counts)
    poll.refresh_from_db()
    assert poll.status == "sealed" and poll.seal.tally["yes"] == 20


def test_members_and_units_cannot_open_the_back_office(client, users, body):
    for role in ("member", "deputy", "unit_officer"):
        client.force_login(users[role])
        assert (
            client.get(reverse("voting:meeting_polls", args=[body.meeting.pk])).status_code == 403
        )


def test_public_poll_page_only_after_seal(client, chair, body, make_poll):
    poll = make_poll()
    receipt = services.ballot_cast(actor=body.voters[0], poll=poll, choice="no").receipt
    url = reverse("portal:poll_detail", args=[poll.pk])
    assert client.get(url).status_code == 404
    services.poll_close(actor=chair, poll=poll)
    page = client.get(url).content.decode()
    assert "未通过" in page and "renda_verify" in page
    assert "该回执在已公布的选票中" in client.get(url, {"receipt": receipt}).content.decode()
    meeting_page = client.get(
        reverse("portal:meeting_detail", args=[body.meeting.pk])
    ).content.decode()
    assert poll.title in meeting_page and url in meeting_page


def test_public_poll_page_hides_closed_door_meetings(client, chair, body, make_poll):
    body.meeting.is_public = False
    body.meeting.save(update_fields=["is_public"])
    poll = make_poll()
    services.poll_close(actor=chair, poll=poll)
    assert client.get(reverse("portal:poll_detail", args=[poll.pk])).status_code == 404
