"""The supervision demo data: written through the services, fast, and consistent."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from renda.core.audit import verify_chain
from renda.devtools import seeding
from renda.supervision import selectors
from renda.supervision.models import (
    Evaluation,
    InquirySession,
    Inspection,
    Interpellation,
    JudicialRecord,
    Opinion,
    Plan,
)

pytestmark = pytest.mark.django_db


def test_demo_supervision():
    result = seeding.seed_demo()
    plan = Plan.objects.get(year=2026)
    assert plan.status == Plan.Status.PUBLISHED and plan.items.exclude(obligation="").count() == 7
    assert (
        result.counts["supervision_opinions"] == 2 and result.counts["supervision_evaluations"] == 1
    )
    ev = Evaluation.objects.get()
    assert ev.poll.status == "sealed" and ev.result == Evaluation.Result.SATISFIED
    court_opinions = Opinion.objects.filter(
        report__budget_milestone__isnull=True
    )  # the budget demo sends one more
    assert court_opinions.filter(status=Opinion.Status.IN_HANDLING).count() == 1
    assert Inspection.objects.get().report_id and InquirySession.objects.count() == 1
    assert Interpellation.objects.get().signer_rows.count() == 5
    assert JudicialRecord.objects.get(kind="misconduct_lead").case.due_on is not None
    court = authenticate(username="court", password="Renda-court-2026")
    assert court is not None and court.scope.code == "court"
    assert authenticate(username="procuratorate", password="Renda-jcy-2026") is not None
    assert selectors.opinions_visible_to(court).count() == 2
    assert not selectors.opinions_visible_to(
        authenticate(username="procuratorate", password="Renda-jcy-2026")
    ).exists()
    assert verify_chain().ok
