"""Counting rules without a database: thresholds (R1), elections (R2) and slates (§7.1, §7.2)."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renda.core.statute import REGISTRY
from renda.voting import rules as r
from renda.voting.statute import PARAMS

# --------------------------------------------------------------------------- R1 thresholds (§8.3, §8.8)


@pytest.mark.parametrize(
    ("n", "needed"), [(30, 16), (76, 39), (2977, 1489), (3000, 1501), (3, 2), (4, 3)]
)
def test_r1_majority_of_all_members(n, needed):
    """过半数 of ALL members (rules.md counting conventions, §8.8)."""
    assert r.majority_of_all(n) == needed


@given(st.integers(min_value=3, max_value=3000))
def test_r1_threshold_is_the_least_number_above_half(n):
    t = r.majority_of_all(n)
    assert 2 * t > n and 2 * (t - 1) <= n


@given(st.integers(min_value=3, max_value=3000), st.data())
def test_r1_decision_passes_exactly_at_threshold(n, data):
    yes = data.draw(st.integers(min_value=0, max_value=n))
    no = data.draw(st.integers(min_value=0, max_value=n - yes))
    abstain = data.draw(st.integers(min_value=0, max_value=n - yes - no))
    tally = r.tally_simple(
        kind="decision", base=n, counts={"yes": yes, "no": no, "abstain": abstain}
    )
    assert (tally["result"] == "passed") == (2 * yes > n)
    # Abstaining is a ballot; not pressing (未按) is the rest of the roll.
    assert tally["ballots"] == yes + no + abstain
    assert tally["not_voted"] == n - yes - no - abstain


def test_r1_henan_76_members_38_yes_of_70_present_fails():
    """The rules.md fixture: 38 of 70 present is a majority of those present, not of all 76."""
    tally = r.tally_simple(kind="appointment", base=76, counts={"yes": 38, "no": 20, "abstain": 12})
    assert tally["threshold"] == 39
    assert tally["result"] == "failed"
    assert tally["not_voted"] == 6


def test_r1_abstain_is_not_not_pressed():
    a = r.tally_simple(kind="decision", base=30, counts={"yes": 15, "abstain": 10})
    b = r.tally_simple(kind="decision", base=30, counts={"yes": 15})
    assert a["abstain"] == 10 and a["not_voted"] == 5
    assert b["abstain"] == 0 and b["not_voted"] == 15
    assert a["result"] == b["result"] == "failed"


@pytest.mark.parametrize(
    ("basic_counts", "result"), [(True, "satisfied"), (False, "not_satisfied")]
)
def test_satisfaction_counts_basic_by_setting(basic_counts, result):
    tally = r.tally_simple(
        kind="satisfaction",
        base=30,
        counts={"satisfied": 10, "basically_satisfied": 8, "dissatisfied": 5},
        counts_basic=basic_counts,
    )
    assert tally["result"] == result


def test_majority_params_carry_their_rule_codes():
    assert REGISTRY["voting.majority_share_exceeds"].rule == "§8.8"
    assert REGISTRY["voting.majority_share_exceeds"].default == Fraction(1, 2)
    assert REGISTRY["voting.election_share_exceeds"].rule == "§7.4"
    assert all(p.rule for p in PARAMS)


# --------------------------------------------------------------------------- R2 elections (§7.4)


def ballot(*ticked, write_ins=()):
    return {"candidates": list(ticked), "write_ins": list(write_ins)}


def test_r2_over_selection_is_void():
    """A ballot ticking more persons than seats is void (废票)."""
    ballots = [ballot(1, 2), ballot(1, 2, 3)] + [ballot(1)] * 5
    tally = r.tally_election(base=10, seats=2, candidates=[1, 2, 3], ballots=ballots)
    assert tally["void"] == 1 and tally["valid"] == 6 and tally["ballots"] == 7
    assert tally["votes"] == {"1": 6, "2": 1, "3": 0}


def test_r2_write_in_counts_and_over_selection_includes_write_ins():
    ballots = [ballot(write_ins=[9])] * 6 + [ballot(1, write_ins=[9])]
    tally = r.tally_election(base=10, seats=1, candidates=[1, 2], ballots=ballots)
    assert tally["void"] == 1
    assert tally["votes"]["9"] == 6
    assert tally["elected"] == [9] and tally["result"] == "complete"


def test_r2_winner_needs_more_than_half_of_all_deputies():
    """Votes of 5 of 10 deputies are not enough; 6 are (组织法 第25条)."""
    ballots = [ballot(1)] * 5 + [ballot(2)] * 3
    tally = r.tally_election(base=10, seats=1, candidates=[1, 2], ballots=ballots)
    assert tally["threshold"] == 6
    assert tally["elected"] == [] and tally["further_election_seats"] == 1
    assert tally["result"] == "further_election"


def test_r2_shortfall_goes_to_further_election():
    ballots = [ballot(1, 2)] * 6 + [ballot(3)] * 2
    tally = r.tally_election(base=10, seats=3, candidates=[1, 2, 3, 4], ballots=ballots)
    assert tally["elected"] == [1, 2]
    assert tally["further_election_seats"] == 1 and tally["result"] == "further_election"


def test_r2_most_votes_fill_the_seats():
    ballots = [ballot(1, 2)] * 8 + [ballot(1, 3)] * 2
    tally = r.tally_election(base=10, seats=2, candidates=[1, 2, 3], ballots=ballots)
    assert tally["elected"] == [1, 2] and tally["result"] == "complete"


def test_r2_tie_at_the_last_seat_goes_to_a_revote():
    ballots = [ballot(1, 2)] * 10 + [ballot(1, 3)] * 10
    tally = r.tally_election(base=20, seats=2, candidates=[1, 2, 3], ballots=ballots)
    assert tally["threshold"] == 11
    # 1 has 20; 2 and 3 have 10 each, below the threshold: one seat for a further election.
    assert tally["elected"] == [1] and tally["further_election_seats"] == 1
    tally = r.tally_election(
        base=18, seats=2, candidates=[1, 2, 3], votes={1: 18, 2: 10, 3: 10}, returned=18, issued=18
    )
    assert tally["elected"] == [1]
    assert tally["revote"] == [2, 3] and tally["revote_seats"] == 1
    assert tally["result"] == "revote"


@pytest.mark.parametrize(
    ("votes", "seats", "elected", "revote", "further"),
    [
        ({1: 9, 2: 8, 3: 2}, 2, [1, 2], [], 0),
        ({1: 9, 2: 9, 3: 9}, 2, [], [1, 2, 3], 0),
        ({1: 10, 2: 9, 3: 9}, 2, [1], [2, 3], 0),
        ({1: 5, 2: 4}, 1, [], [], 1),
        ({1: 6, 2: 6}, 1, [], [1, 2], 0),
        ({1: 6, 2: 6, 3: 6}, 3, [1, 2, 3], [], 0),
    ],
)
def test_r2_outcome_table(votes, seats, elected, revote, further):
    """Statute table: threshold 6 of 10 deputies (§7.4)."""
    out = r.election_outcome(votes, seats=seats, threshold=6)
    assert (out["elected"], out["revote"], out["further_election_seats"]) == (
        elected,
        revote,
        further,
    )


def test_r2_more_returned_than_issued_voids_the_poll():
    tally = r.tally_election(
        base=10, seats=1, candidates=[1, 2], votes={1: 8}, issued=10, returned=11
    )
    assert tally["result"] == "void" and tally["elected"] == []
    tally = r.tally_election(
        base=10, seats=1, candidates=[1, 2], votes={1: 8}, issued=10, returned=10
    )
    assert tally["result"] == "complete" and tally["elected"] == [1]


# --------------------------------------------------------------------------- slates (§7.1, §7.2)

VALUES = {p.key: p.default for p in PARAMS if p.key.startswith("voting.slate.")}


@pytest.mark.parametrize(
    ("office", "seats", "bounds"),
    [
        ("deputy_direct", 3, (4, 6)),  # §7.1: +1/3 to +1×
        ("deputy_direct", 4, (6, 8)),  # 4/3 rounds up to 2
        ("deputy_indirect", 10, (12, 15)),  # §7.1: +1/5 to +1/2
        ("head", 1, (1, 2)),  # §7.2: +1, or equal with a single nominee
        ("deputy_head", 4, (5, 7)),  # §7.2: +1 to +3
        ("sc_member", 30, (33, 36)),  # §7.2: +1/10 to +1/5
        ("sc_member", 25, (28, 30)),  # 2.5 → 3, 5 → 5 (进一法)
        ("other", 5, None),
    ],
)
def test_slate_bounds(office, seats, bounds):
    assert r.slate_bounds(office_kind=office, seats=seats, values=VALUES) == bounds


def test_slate_rounding_is_configurable():
    values = {**VALUES, "voting.slate.round_up": False}
    assert r.slate_bounds(office_kind="sc_member", seats=25, values=values) == (27, 30)
