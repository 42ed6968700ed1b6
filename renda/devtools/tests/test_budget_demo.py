"""The demo's budget: sixty departments, three years of figures through the import path,
the sample classification to the 项 level, deviations to look at, the 2026 calendar and the
publication tracker in every state."""

from __future__ import annotations

import pytest
from django.utils import timezone

from renda.budget import calendar, monitoring, services
from renda.budget.models import Classification, Import, Milestone, Publication
from renda.devtools.seeding import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_budget():
    result = seed_demo()
    assert result.counts["budget_departments"] == 60
    assert Classification.objects.filter(kind="functional", level=3, sample=True).count() == 250
    years = set(Import.objects.filter(status="committed").values_list("year", flat=True))
    assert years == {2024, 2025, 2026}
    assert Import.objects.filter(dataset="final", status="committed").count() == 2
    p = monitoring.period(2026)
    assert p.base.dataset in ("budget", "adjustment") and p.month >= 1
    flagged = {r.key: r.flag for r in monitoring.by_department(p) if r.flag}
    assert flagged.get("214") == "slow" and flagged.get("220") == "fast"
    assert p.last_year is not None  # year on year
    from renda.budget import adjustments

    changed = {r.department.code: r for r in adjustments.changes(2025) if r.flagged}
    assert set(changed) == {"201", "202"}
    assert changed["202"].adjusted_flag and changed["201"].transferred_flag
    today = timezone.localdate()
    states = {m.kind: calendar.state(m, today) for m in Milestone.objects.filter(year=2026)}
    assert len(states) == 8 and states["budget_draft"] == "done" and states["adjustment"] == "late"
    final = Milestone.objects.get(year=2026, kind="final_accounts")
    assert final.report.plan_item.obligation == "final_accounts"  # the supervision plan's own item
    assert [o.status for o in final.report.opinions.all()] == ["in_handling"]  # sent, in casework
    pubs = {
        p.kind: services.publication_state(p, today)
        for p in Publication.objects.filter(department=None, year=2026)
    }
    assert pubs == {"budget": "done", "final_accounts": "late", "adjustment": "overdue"}
    # The public page: 2025's documents all published in time, with their figures.
    from renda.budget import public

    seen = public.overview(2025, today)
    assert len(seen["publications"]) == 9 and all(p.published_on <= p.due_on for p in seen["publications"])  # fmt: skip
    assert len(seen["classes"].columns) == 3 and len(seen["departments"].rows) == 3
    assert public.years() == [2026, 2025]
    from renda.budget.models import AuditFinding

    assert result.counts["budget_findings"] == 4
    assert set(AuditFinding.objects.values_list("status", flat=True)) == {"open", "assessed"}
    from renda.budget.services.debt import year_rows

    assert result.counts["budget_debt_figures"] == 4
    states = {r.kind: r.state for r in year_rows(2025)}
    assert states == {"general": "ok", "special": "warning", "total": "warning"}
    # The party committee's meetings (S1): the conference of the term and each year's hearing.
    from renda.compliance.registry import evaluate

    assert result.counts["party_meetings"] == 4
    assert evaluate("S1", 2025, today).verdict.status == "met"
