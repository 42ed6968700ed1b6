"""Route and API walker expectations for voting and accounts (see tests/walkers/__init__.py)."""

from __future__ import annotations

from tests.walkers import EVERYONE, OFFICE_STAFF, SIGNED_IN, STAFF_SIDE

PERSONS = frozenset({"admin", "leader", "member", "deputy", "unit_officer"})

#: Only the meeting's appointed scrutineers (none of the walker's users) have a device page.
NOBODY: frozenset = frozenset()
ROUTES: dict = {
    "voting:scrutineers": ("GET", OFFICE_STAFF, "chamber_meeting"),
    "voting_screens:scrutineer": ("GET", NOBODY, "chamber_meeting"),
    "voting_screens:scrutineer_state": ("GET", NOBODY, "chamber_meeting"),
    **{
        f"voting_screens:scrutineer_{verb}": ("POST", NOBODY, "chamber_meeting")
        for verb in ("enrol", "deal", "confirm", "decrypt", "mix")
    },
}
OPERATIONS: dict = {
    "voting_poll_create": OFFICE_STAFF,
    "voting_poll_manual_count": OFFICE_STAFF,
    **{
        f"voting_poll_{verb}": STAFF_SIDE
        for verb in ("open", "pause", "resume", "extend", "close", "annul", "manual", "announce")
    },
    "voting_scrutiny_appoint": OFFICE_STAFF,
    # The ceremony's public record; a scrutineer's device reads its next step here.
    "meetings_scrutiny": EVERYONE,
    # Any person may hold the permission; only the appointed scrutineer's own device gets past
    # the precondition (a domain refusal, 403 with its code, for everyone else).
    **{
        f"voting_scrutiny_{verb}": PERSONS
        for verb in ("enrol", "deal", "confirm", "decrypt", "mix")
    },
    # Every signed-in person keeps their own API tokens and password.
    "accounts_token_issue": SIGNED_IN,
    "accounts_token_revoke": SIGNED_IN,
    "accounts_user_password_change": SIGNED_IN,
}
#: ten poll operations; the scrutineers' six; token issue, token revoke, password change
REQUEST_BODIES = 19
PRIVATE_READS: tuple[str, ...] = ()


def objects(users, term) -> dict:
    return {}


def ids(users, term) -> dict:
    from renda.accounts.services import api_token_issue

    token, _secret = api_token_issue(actor=users["staff"], label="walker")
    return {
        "token_id": token.pk,
        "user_id": users["staff"].pk,
        "scrutineer_id": _scrutineer(term).pk,
    }


def _scrutineer(term):
    """A scrutineer of another meeting who is none of the walker's users."""
    import datetime as dt

    from renda.meetings.models import Meeting
    from renda.people.models import Organization, Person
    from renda.voting.models import Scrutineer, ScrutinyKey

    meeting = Meeting.objects.create(
        kind="sc_meeting",
        body=Organization.objects.get(code="standing-committee"),
        term=term,
        number=90,
        title="监票测试会议",
        starts_on=dt.date(2024, 4, 1),
        ends_on=dt.date(2024, 4, 1),
    )
    key = ScrutinyKey.objects.create(meeting=meeting, threshold=1)
    person = Person.objects.create(name="监票测试人", gender="female")
    return Scrutineer.objects.create(key=key, person=person, index=1)
