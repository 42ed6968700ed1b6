"""应到 / 实到 / 赞成 / 反对 / 弃权 / 未按 / 缺席 on the sealed result, the export and Popolo.

未按 counts only members present (signed in) when the poll opened; members who were not
signed in are 缺席, and a member who signed in later and voted is counted as a late voter.
"""

from __future__ import annotations

import copy

import pytest

from renda.voting import rules, selectors, services
from renda_verify import VerificationError, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def partly_present(body_factory):
    """A committee of 30 of whom 24 are signed in when the poll opens."""
    b = body_factory(30, prefix="att")
    b.sign_in(b.voters[:24])
    return b


def test_result_separates_not_voted_from_absent(partly_present, staff, chair):
    b = partly_present
    poll = services.poll_create(actor=staff, agenda_item=b.item, kind="decision")
    poll = services.poll_open(actor=chair, poll=poll)
    for i, user in enumerate(b.voters[:20]):  # 4 present members do not press
        services.ballot_cast(actor=user, poll=poll, choice=["yes", "no", "abstain"][i % 3])
    b.sign_in([b.voters[24]])  # arrives after the opening and votes
    services.ballot_cast(actor=b.voters[24], poll=poll, choice="yes")
    services.poll_close(actor=chair, poll=poll)
    poll.refresh_from_db()
    tally = poll.seal.tally
    assert (tally["base"], tally["present"], tally["ballots"]) == (30, 24, 21)
    assert (tally["yes"], tally["no"], tally["abstain"]) == (8, 7, 6)
    assert tally["not_voted"] == 4 and tally["late"] == 1 and tally["absent"] == 5
    # 应到 = 实到 + late voters + 缺席; 实到 = 未按 + ballots from those present at open.
    assert tally["base"] == tally["present"] + tally["late"] + tally["absent"]
    assert tally["present"] == tally["not_voted"] + tally["ballots"] - tally["late"]

    export = selectors.poll_export(poll)
    verify(copy.deepcopy(export))
    assert len(export["voters"]) == 21 and "choice" not in str(export["voters"])
    event = selectors.poll_popolo(poll)
    counts = {c["option"]: c["value"] for c in event["counts"]}
    assert counts["not voting"] == 4 and counts["absent"] == 5


def test_verifier_refuses_a_changed_attendance(partly_present, staff, chair):
    b = partly_present
    poll = services.poll_open(
        actor=chair, poll=services.poll_create(actor=staff, agenda_item=b.item, kind="decision")
    )
    for user in b.voters[:10]:
        services.ballot_cast(actor=user, poll=poll, choice="yes")
    services.poll_close(actor=chair, poll=poll)
    poll.refresh_from_db()
    export = selectors.poll_export(poll)
    dropped = copy.deepcopy(export)
    dropped["voters"] = dropped["voters"][1:]
    with pytest.raises(VerificationError, match="voters digest"):
        verify(dropped)
    swapped = copy.deepcopy(export)
    swapped["seal"]["tally"]["not_voted"] = 0
    swapped["seal"]["tally"]["absent"] += 14
    with pytest.raises(VerificationError):
        verify(swapped)


def test_paper_count_takes_ballots_from_those_present_first():
    figures = rules.attendance(base=30, ballots=26, present=25, voted_present=None)
    assert figures == {"present": 25, "not_voted": 0, "late": 1, "absent": 4}
    figures = rules.attendance(base=30, ballots=20, present=25, voted_present=None)
    assert figures == {"present": 25, "not_voted": 5, "late": 0, "absent": 5}
