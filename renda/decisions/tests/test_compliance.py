"""The compliance view's major-matters rules (§6.2, S12) on the decisions' own records."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.compliance.registry import evaluate

pytestmark = pytest.mark.django_db


def test_annual_list_and_matters_in_their_quarter(published_list):
    assert evaluate("§6.2", 2026, dt.date(2026, 3, 1)).verdict.status == "broken"  # no list
    published_list(2026)
    assert evaluate("§6.2", 2026, dt.date(2026, 3, 1)).verdict.status == "met"
    assert evaluate("S12", 2026, dt.date(2026, 3, 1)).verdict.status == "met"
    v = evaluate(
        "S12", 2026, dt.date(2026, 7, 15)
    ).verdict  # the Q2 report never went before the SC
    assert v.status == "broken" and "1 项重大事项逾期未提请审议" in v.summary
    assert any(e.status == "overdue" for e in v.evidence)
