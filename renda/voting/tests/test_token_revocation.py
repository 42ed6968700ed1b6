"""A terminal's voter token ends at once with the login behind it (issue: token revocation).

The token is taken from the terminal page as a member's browser gets it; each way of
ending it (logout, deactivation, password change, leaving the body) is then tried on the
real cast route, and nothing reaches the box.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from renda.voting.models import Ballot
from renda.voting.tests.asgi_client import run_in_thread
from renda.voting.tests.test_live_fastpath import cast, open_poll

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app():
    from config.asgi import application

    return application


def _terminal(body, user) -> tuple[Client, str]:
    client = Client()
    client.force_login(user)
    page = client.get(f"/chamber/meetings/{body.meeting.pk}/terminal/")
    assert page.status_code == 200
    token = re.search(r'data-token="([^"]+)"', page.content.decode())
    assert token, "the terminal page of a member on the roll carries a voter token"
    return client, token.group(1)


def _cast(app, token, poll_id, choice="yes"):
    from renda.voting import fastpath

    async def main():
        try:
            return await cast(app, token, poll_id, choice)
        finally:
            await fastpath.shutdown()

    return run_in_thread(main)


def _logout(client, user, body):
    client.post("/accounts/logout/")


def _deactivate(client, user, body):
    user.is_active = False
    user.save(update_fields=["is_active"])


def _change_password(client, user, body):
    user.set_password("a-new-and-long-passphrase-2026")
    user.save(update_fields=["password"])


def _admin():
    from renda.accounts.models import User

    return User.objects.get(username="t-admin")


def _deactivated_by_the_administrator(client, user, body):
    from renda.accounts.management_services import user_deactivate

    user_deactivate(actor=_admin(), user=user)


def _password_reset_by_the_administrator(client, user, body):
    from renda.accounts.management_services import user_password_reset

    user_password_reset(actor=_admin(), user=user, password="Qinghe-reset-passphrase-2026")


def _leave_the_body(client, user, body):
    from renda.people.models import Membership

    Membership.objects.filter(person_id=user.person_id).update(
        end_date=body.meeting.starts_on - dt.timedelta(days=1)
    )


@pytest.mark.parametrize(
    ("end", "code"),
    [
        (_logout, "voter_token_revoked"),
        (_deactivate, "voter_token_revoked"),
        (_change_password, "voter_token_revoked"),
        (_deactivated_by_the_administrator, "voter_token_revoked"),
        (_password_reset_by_the_administrator, "voter_token_revoked"),
        (_leave_the_body, "not_entitled"),
    ],
    ids=[
        "logout",
        "deactivated",
        "password_changed",
        "deactivated_on_the_user_page",
        "reset_on_the_user_page",
        "off_the_roll",
    ],
)
def test_an_ended_terminal_casts_nothing(app, body, staff, users, end, code):
    poll = open_poll(body, staff)
    member, other = body.voters[0], body.voters[1]
    client, token = _terminal(body, member)
    _client2, token2 = _terminal(body, other)
    end(client, member, body)
    status, answer = _cast(app, token, poll.pk)
    assert (status, answer["code"]) == (403, code)
    assert "message" in answer and answer["message"]
    # The other member's terminal is untouched, and only their ballot is in the box.
    status2, answer2 = _cast(app, token2, poll.pk)
    assert status2 == 200 and answer2["receipt"]
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_a_live_terminal_casts_and_reopening_it_reuses_its_grant(app, body, staff):
    from renda.voting.models import TerminalGrant

    poll = open_poll(body, staff)
    client, token = _terminal(body, body.voters[0])
    client.get(f"/chamber/meetings/{body.meeting.pk}/terminal/")
    assert TerminalGrant.objects.filter(user=body.voters[0]).count() == 1
    status, answer = _cast(app, token, poll.pk, "no")
    assert status == 200 and len(answer["receipt"]) == 64
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_checking_a_batch_of_grants_costs_two_queries(body, django_assert_num_queries):
    """One query for the grants with their meetings, one for who is still entitled."""
    from renda.voting.fastpath import grants_holding, read_voter_token
    from renda.voting.tests.terminals import terminal_token

    voters = [read_voter_token(terminal_token(u, body.meeting)) for u in body.voters]
    with django_assert_num_queries(2):
        holding, off_roll = grants_holding(voters)
    assert holding == {v.grant for v in voters} and off_roll == set()
