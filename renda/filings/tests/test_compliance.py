"""The compliance view's filing rule (§5.2) on the filings' own lateness flag."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.compliance.registry import evaluate

pytestmark = pytest.mark.django_db


def test_filed_on_time_or_late(make_filing):
    today = timezone.localdate()
    assert evaluate("§5.2", today.year, today).verdict.status == "not_applicable"
    make_filing(published_on=today - dt.timedelta(days=5))
    assert evaluate("§5.2", today.year, today).verdict.status == "met"
    late = make_filing(published_on=today - dt.timedelta(days=60))
    v = evaluate("§5.2", today.year, today).verdict
    assert late.is_late and v.status == "broken" and "逾期报备 1 件" in v.summary


def test_the_rule_counts_what_the_late_list_shows(make_filing, client_for):
    from django.urls import reverse

    today = timezone.localdate()
    make_filing(published_on=today - dt.timedelta(days=5), title="按时报备的办法")
    late = [make_filing(published_on=today - dt.timedelta(days=40 + i), title=f"逾期报备的办法{i}") for i in range(3)]  # fmt: skip
    page = client_for("staff").get(reverse("filings:late"))
    listed = page.context["page_obj"].paginator.count
    v = evaluate("§5.2", today.year, today).verdict
    assert listed == len(late) == 3 and f"逾期报备 {listed} 件" in v.summary
    assert {e.label for e in v.evidence if e.status == "late"} == {f.title for f in late}
