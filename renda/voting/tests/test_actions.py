"""The chair's and the office's poll actions, as declared actions; their API operations.

Each action refuses a role without its permission and a poll in the wrong status with
nothing changed (no audit event); a success writes exactly one event with its code (plus
the seal's own event when closing seals). Casting is not an action and writes no event.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.core.actions import REGISTRY, SYSTEM, available, declared
from renda.core.errors import Conflict, PermissionDenied
from renda.core.models import AuditEvent
from renda.voting import services
from renda.voting.models import ManualCount, Poll
from renda.voting.screens import offers, valid_actions

pytestmark = pytest.mark.django_db


def _events(poll: Poll | None = None) -> list[str]:
    qs = AuditEvent.objects.all()
    if poll is not None:
        qs = qs.filter(object_type="voting.poll", object_id=str(poll.pk))
    return list(qs.order_by("id").values_list("action", flat=True))


def test_every_poll_action_is_declared_and_casting_is_not():
    names = {a.name for a in declared("voting.")}
    assert names == {
        "voting.poll.create",
        "voting.poll.open",
        "voting.poll.pause",
        "voting.poll.resume",
        "voting.poll.extend",
        "voting.poll.close",
        "voting.poll.seal",
        "voting.poll.annul",
        "voting.poll.manual",
        "voting.poll.manual_count",
        "voting.poll.announce",
        "voting.scrutiny.appoint",
        "voting.scrutiny.enrol",
        "voting.scrutiny.deal",
        "voting.scrutiny.confirm",
        "voting.scrutiny.decrypt",
        "voting.scrutiny.mix",
    }
    assert all(REGISTRY[n].rule and REGISTRY[n].label for n in names)
    assert REGISTRY["voting.poll.seal"].permission == SYSTEM
    # The cast path stays a plain function on its fast path: never performed by the kernel.
    assert not any(a.work is services.ballot_cast for a in REGISTRY.values())
    assert "voting.ballot.cast" not in REGISTRY


@pytest.mark.parametrize("role", ["member", "deputy", "unit_officer"])
def test_refused_without_the_permission_changes_nothing(make_poll, users, role):
    poll = make_poll(open_=False)
    before = _events()
    for act, kwargs in (
        (services.poll_open, {}),
        (services.poll_annul, {"reason": "故障"}),
        (services.poll_switch_to_manual, {}),
        (services.poll_close, {}),
    ):
        with pytest.raises(PermissionDenied):
            act(actor=users[role], poll=poll, **kwargs)
    with pytest.raises(PermissionDenied):
        services.poll_create(actor=users[role], agenda_item=poll.agenda_item, kind="decision")
    poll.refresh_from_db()
    assert poll.status == "draft" and poll.method == "keypad"
    assert _events() == before


def test_the_leader_chairs_but_does_not_set_polls_up(make_poll, users):
    poll = make_poll(open_=False)
    leader = users["leader"]
    assert services.poll_open.permits(leader, poll)
    assert not services.poll_create.permits(leader)
    assert not services.manual_count_enter.permits(leader, poll)


def test_wrong_status_is_refused_with_nothing_changed(make_poll, chair, staff):
    poll = make_poll(open_=False)
    before = _events()
    for act, kwargs in (
        (services.poll_pause, {}),
        (services.poll_resume, {}),
        (services.poll_extend, {"closes_at": timezone.now() + dt.timedelta(minutes=5)}),
        (services.poll_close, {}),
        (services.poll_announce, {}),
    ):
        with pytest.raises(Conflict) as exc:
            act(actor=chair, poll=poll, **kwargs)
        assert exc.value.code == "status_not_allowed", act.name
    with pytest.raises(Conflict) as exc:
        services.manual_count_enter(actor=staff, poll=poll, counts={})
    assert exc.value.code == "status_not_allowed"
    poll.refresh_from_db()
    assert poll.status == "draft" and _events() == before


def test_each_success_writes_one_event_with_its_code(body, staff, chair):
    poll = services.poll_create(actor=staff, agenda_item=body.item, kind="decision")
    assert _events(poll) == ["voting.poll.created"]
    steps = [
        (services.poll_open, {}, "open", "voting.poll.opened"),
        (services.poll_pause, {"reason": "故障"}, "paused", "voting.poll.pause"),
        (services.poll_resume, {}, "open", "voting.poll.resume"),
        (
            services.poll_extend,
            {"closes_at": timezone.now() + dt.timedelta(minutes=10)},
            "open",
            "voting.poll.extend",
        ),
    ]
    for act, kwargs, status, code in steps:
        before = len(_events())
        poll = act(actor=chair, poll=poll, **kwargs)
        assert poll.status == status
        assert len(_events()) == before + 1 and _events(poll)[-1] == code
    services.ballot_cast(actor=body.voters[0], poll=poll, choice="yes")
    before = len(_events())
    poll = services.poll_close(actor=chair, poll=poll)
    assert poll.status == "sealed"
    # Closing a keypad poll seals it: its own event and the seal's, nothing for the ballot.
    assert sorted(_events()[before:]) == ["voting.poll.closed", "voting.poll.sealed"]
    closed = AuditEvent.objects.get(action="voting.poll.closed", object_id=str(poll.pk))
    assert closed.changes["status"] == ["open", "closed"] and closed.changes["ballots"] == 1
    # A repeat changes nothing and writes nothing.
    before = len(_events())
    assert services.poll_close(actor=chair, poll=poll).status == "sealed"
    assert len(_events()) == before
    poll = services.poll_announce(actor=chair, poll=poll)
    assert poll.announced_at is not None and _events(poll)[-1] == "voting.poll.announced"
    before = len(_events())
    services.poll_announce(actor=chair, poll=poll)
    assert len(_events()) == before


def test_the_seal_stores_its_effects_in_the_sealing_transaction(make_poll, chair):
    from renda.core.models import Effect

    poll = make_poll()
    services.poll_close(actor=chair, poll=poll)
    # One stored effect per handler registered for the hook (decisions, filings, supervision).
    payloads = list(
        Effect.objects.filter(hook="voting.poll_sealed").values_list("payload", flat=True)
    )
    assert payloads and all(p["poll_id"] == poll.pk for p in payloads)
    assert all(p["actor_id"] == chair.pk for p in payloads)


def test_manual_poll_hand_counts_seal_on_the_second_agreeing_entry(make_poll, users, chair):
    poll = make_poll()
    poll = services.poll_switch_to_manual(actor=chair, poll=poll, method="show_of_hands")
    assert _events(poll)[-1] == "voting.poll.method_changed"
    poll = services.poll_close(actor=chair, poll=poll)
    assert poll.status == "closed"
    counts = {"yes": 20, "no": 5, "abstain": 2}
    services.manual_count_enter(actor=users["staff"], poll=poll, counts=counts)
    assert _events(poll)[-1] == "voting.manual_count.entered"
    with pytest.raises(Conflict) as exc:
        services.manual_count_enter(actor=users["staff"], poll=poll, counts=counts)
    assert exc.value.code == "manual_same_staff"
    before = len(_events())
    services.manual_count_enter(actor=users["admin"], poll=poll, counts=counts)
    assert sorted(_events()[before:]) == ["voting.manual_count.entered", "voting.poll.sealed"]
    poll.refresh_from_db()
    assert poll.status == "sealed" and ManualCount.objects.filter(poll=poll).count() == 2


def test_annul_writes_one_event_and_ends_the_poll(make_poll, chair):
    poll = make_poll()
    before = len(_events())
    poll = services.poll_annul(actor=chair, poll=poll, reason="改期")
    assert poll.status == "annulled" and _events()[before:] == ["voting.poll.annulled"]
    with pytest.raises(Conflict) as exc:
        services.poll_annul(actor=chair, poll=poll, reason="再次")
    assert exc.value.code == "status_not_allowed"


def test_console_buttons_come_from_the_declarations(make_poll, body, chair, users):
    poll = make_poll(open_=False)
    assert available(chair, poll, services.CONSOLE.values()) == {"open", "annul", "manual"}
    assert available(users["member"], poll, services.CONSOLE.values()) == frozenset()
    table = offers()
    assert table["close"]["statuses"] == ["open", "paused"]
    assert table["announce"]["unless"] == "announced"
    assert set(table) == set(services.CONSOLE)
    poll = services.poll_open(actor=chair, poll=poll)
    services.ballot_cast(actor=body.voters[0], poll=poll, choice="yes")
    poll.refresh_from_db()
    assert "manual" not in available(chair, poll, services.CONSOLE.values())
    assert valid_actions({"status": "open", "received": 1}) == {"pause", "close", "extend", "annul"}


def test_console_refuses_a_member_with_nothing_changed(client, make_poll, users):
    poll = make_poll(open_=False)
    client.force_login(users["member"])
    before = _events()
    url = reverse("voting_screens:action", kwargs={"poll_id": poll.pk})
    assert client.post(url, {"action": "open"}).status_code == 403
    assert _events() == before


# --------------------------------------------------------------------------- API


def _post(client, user, path, data=None):
    if user is not None:
        client.force_login(user)
    response = client.post(
        f"/api/v1{path}", json.dumps(data or {}), content_type="application/json"
    )
    return response.status_code, response.json()


def test_api_runs_a_poll_from_creation_to_announcement(client, body, users):
    staff, leader = users["staff"], users["leader"]
    status, data = _post(
        client, staff, "/polls", {"agenda_item_id": body.item.pk, "kind": "decision"}
    )
    assert status == 201 and data["status"] == "draft", data
    pk = data["id"]
    status, data = _post(client, leader, f"/polls/{pk}/open")
    assert status == 200 and data == {"id": pk, "status": "open"}
    assert _post(client, leader, f"/polls/{pk}/pause", {"reason": "故障"})[1]["status"] == "paused"
    assert _post(client, leader, f"/polls/{pk}/resume")[1]["status"] == "open"
    later = (timezone.now() + dt.timedelta(minutes=30)).isoformat()
    assert _post(client, leader, f"/polls/{pk}/extend", {"closes_at": later})[0] == 200
    assert _post(client, leader, f"/polls/{pk}/manual", {"method": "paper"})[1]["status"] == "open"
    assert _post(client, leader, f"/polls/{pk}/close")[1]["status"] == "closed"
    counts = {"counts": {"yes": 20, "no": 3, "abstain": 1}}
    status, data = _post(client, staff, f"/polls/{pk}/manual-count", counts)
    assert status == 200 and data["poll_id"] == pk and data["status"] == "closed"
    status, data = _post(client, users["admin"], f"/polls/{pk}/manual-count", counts)
    assert status == 200 and data["status"] == "sealed"
    assert _post(client, leader, f"/polls/{pk}/announce")[1]["status"] == "sealed"
    assert Poll.objects.get(pk=pk).announced_at is not None
    status, err = _post(client, leader, f"/polls/{pk}/annul", {"reason": "迟了"})
    assert status == 409 and err["code"] == "status_not_allowed"


def test_api_annul_needs_a_reason(client, make_poll, users):
    poll = make_poll()
    status, err = _post(client, users["leader"], f"/polls/{poll.pk}/annul", {"reason": " "})
    assert status == 400 and err["code"] == "reason_required"
    status, data = _post(client, users["leader"], f"/polls/{poll.pk}/annul", {"reason": "故障"})
    assert status == 200 and data["status"] == "annulled"


@pytest.mark.parametrize(
    "verb,data",
    [
        ("open", {}),
        ("pause", {}),
        ("resume", {}),
        ("close", {}),
        ("annul", {"reason": "x"}),
        ("manual", {}),
        ("announce", {}),
    ],
)
def test_api_chair_operations_refused_for_a_member(client, make_poll, users, verb, data):
    poll = make_poll(open_=False)
    before = _events()
    status, err = _post(client, users["member"], f"/polls/{poll.pk}/{verb}", data)
    assert status == 403 and err["code"]
    assert _events() == before and Poll.objects.get(pk=poll.pk).status == "draft"


def test_api_create_and_count_refused_for_a_leader_and_anonymous(client, body, make_poll, users):
    status, _err = _post(
        client, users["leader"], "/polls", {"agenda_item_id": body.item.pk, "kind": "decision"}
    )
    assert status == 403
    poll = make_poll()
    status, _err = _post(
        client, users["leader"], f"/polls/{poll.pk}/manual-count", {"counts": {"yes": 1}}
    )
    assert status == 403
    client.logout()
    assert _post(client, None, f"/polls/{poll.pk}/close")[0] == 401
    assert Poll.objects.get(pk=poll.pk).status == "open"
