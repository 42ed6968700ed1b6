"""Route and API walker expectations for voting and accounts (see tests/walkers/__init__.py)."""

from __future__ import annotations

from tests.walkers import OFFICE_STAFF, SIGNED_IN, STAFF_SIDE

ROUTES: dict = {}
OPERATIONS: dict = {
    "voting_poll_create": OFFICE_STAFF,
    "voting_poll_manual_count": OFFICE_STAFF,
    **{
        f"voting_poll_{verb}": STAFF_SIDE
        for verb in ("open", "pause", "resume", "extend", "close", "annul", "manual", "announce")
    },
    # Every signed-in person keeps their own API tokens and password.
    "accounts_token_issue": SIGNED_IN,
    "accounts_token_revoke": SIGNED_IN,
    "accounts_user_password_change": SIGNED_IN,
}
#: ten poll operations; token issue, token revoke, password change
REQUEST_BODIES = 13
PRIVATE_READS: tuple[str, ...] = ()


def objects(users, term) -> dict:
    return {}


def ids(users, term) -> dict:
    from renda.accounts.services import api_token_issue

    token, _secret = api_token_issue(actor=users["staff"], label="walker")
    return {"token_id": token.pk, "user_id": users["staff"].pk}
