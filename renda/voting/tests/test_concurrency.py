"""E1: one member, one vote, under 100 concurrent casts (real transactions, real threads)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from renda.core.errors import DomainError
from renda.voting import services
from renda.voting.models import Ballot, RollEntry

from .conftest import build_body

pytestmark = pytest.mark.django_db(transaction=True)

ATTEMPTS = 100


def workers() -> int:
    # PostgreSQL's default max_connections is 100; keep head-room for the test's own.
    return ATTEMPTS if connection.vendor == "sqlite" else 40


def hammer(poll, user, key_for) -> list:
    barrier = threading.Barrier(workers())
    results: list = []
    lock = threading.Lock()

    def one(i: int):
        try:
            if i < workers():
                barrier.wait(timeout=30)
            outcome = services.ballot_cast(
                actor=user, poll=poll, choice="yes", idempotency_key=key_for(i)
            )
        except DomainError as exc:
            outcome = exc.code
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    with ThreadPoolExecutor(max_workers=workers()) as pool:
        list(pool.map(one, range(ATTEMPTS)))
    return results


@pytest.fixture
def open_poll(term, users):
    body = build_body(term, 10, prefix="c")
    body.sign_in()
    poll = services.poll_create(actor=users["staff"], agenda_item=body.item, kind="decision")
    poll = services.poll_open(actor=users["leader"], poll=poll)
    return poll, body


def test_e1_hundred_concurrent_casts_one_accepted(open_poll):
    poll, body = open_poll
    voter = body.voters[0]
    results = hammer(poll, voter, key_for=lambda i: None)
    receipts = [r for r in results if not isinstance(r, str)]
    assert len(results) == ATTEMPTS
    assert len(receipts) == 1, results
    assert all(r == "already_voted" for r in results if isinstance(r, str))
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert RollEntry.objects.get(poll=poll, person_id=voter.person_id).has_voted
    poll.refresh_from_db()
    assert poll.received == 1


def test_e1_retries_with_one_key_all_get_the_same_receipt(open_poll):
    poll, body = open_poll
    results = hammer(poll, body.voters[1], key_for=lambda i: "same-key")
    assert all(not isinstance(r, str) for r in results), results
    assert len({r.receipt for r in results}) == 1
    assert sum(1 for r in results if not r.replayed) == 1
    assert Ballot.objects.filter(poll=poll).count() == 1
