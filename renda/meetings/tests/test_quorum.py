"""Quorum thresholds: SC more than half of all members; congress at least two thirds (§8.2, §8.8)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renda.meetings.models import Meeting
from renda.meetings.selectors import required_for_quorum


@pytest.mark.parametrize(
    ("n", "expected"), [(3, 2), (15, 8), (30, 16), (45, 23), (51, 26), (76, 39), (61, 31)]
)
def test_sc_needs_more_than_half_of_all_members(n, expected):
    assert required_for_quorum(Meeting.Kind.SC_MEETING, n)[0] == expected


@pytest.mark.parametrize(
    ("n", "expected"), [(3, 2), (450, 300), (451, 301), (2977, 1985), (100, 67)]
)
def test_congress_needs_two_thirds(n, expected):
    assert required_for_quorum(Meeting.Kind.CONGRESS_SESSION, n)[0] == expected


@given(st.integers(min_value=1, max_value=3000))
def test_thresholds_are_exact(n):
    sc = required_for_quorum(Meeting.Kind.SC_MEETING, n)[0]
    assert 2 * sc > n and 2 * (sc - 1) <= n
    congress = required_for_quorum(Meeting.Kind.CONGRESS_SESSION, n)[0]
    assert 3 * congress >= 2 * n and 3 * (congress - 1) < 2 * n
