"""The decisions demo: this year's published list, next year's in comments, sealed decisions, fast."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.audit import verify_chain
from renda.decisions.models import AnnualList, Decision, Matter
from renda.decisions.selectors import overdue_matters

pytestmark = pytest.mark.django_db


def test_demo_records(users, term, committee):
    from renda.accounts.models import User
    from renda.devtools.decisions_demo import seed_decisions
    from renda.meetings.models import Meeting

    counts = seed_decisions(actor=users["admin"], term=term, seed=1)
    assert counts["major_matter_lists"] == 2 and counts["major_matters"] == 13
    this_year = AnnualList.objects.get(year=2026)
    next_year = AnnualList.objects.get(year=2027)
    assert this_year.status == "published" and this_year.items.count() == 12
    assert len({i.category_id for i in this_year.items.all()}) == 5
    assert next_year.status == "commenting" and next_year.comments.count() == 2
    published = Decision.objects.filter(status="published")
    assert published.count() == counts["major_matter_decisions"] >= 4
    assert all(d.poll.status == "sealed" and d.poll.announced_at for d in published)
    assert published.filter(kind="revocation").exists()
    assert Matter.objects.filter(kind="prior_report", status="concluded").exists()
    assert Matter.objects.exclude(case=None).count() == 1
    assert [m.title for m in overdue_matters(today=dt.date(2026, 11, 28))] == [
        "关于饮用水水源保护区划定调整方案的议案"
    ]
    gov = User.objects.get(username="gov")
    assert gov.check_password("Renda-gov-2026") and gov.scope.code == "government"
    assert Meeting.objects.get(starts_on=dt.date(2026, 11, 26)).status == "in_progress"
    assert verify_chain().ok
    # A second run changes nothing.
    assert seed_decisions(actor=users["admin"], term=term, seed=1) == {}
