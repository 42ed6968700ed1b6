"""The filings demo: about sixty documents in every state, fast, and idempotent."""

from __future__ import annotations

import pytest

from renda.filings.models import Filing, Review, ReviewItem, ReviewSuggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments(jurisdiction, users):
    from renda.accounts.models import Role, User
    from renda.devtools.filings_demo import DOCUMENTS
    from renda.people.models import Organization

    gov = Organization.objects.get(code="government")
    codes = sorted({code for code, _t, _s in DOCUMENTS if code.startswith("gov-")})
    orgs = {
        c: Organization.objects.create(
            code=c, name=f"清河市{c}", kind="government_department", parent=gov
        )
        for c in codes
    }
    User.objects.create_user(
        "unit", password="x", role=Role.UNIT_OFFICER, scope=orgs["gov-education"]
    )
    return orgs


def test_seed_filings_covers_every_state(departments, users, term):
    from renda.casework.models import Case
    from renda.devtools.filings_demo import seed_filings

    counts = seed_filings(actor=users["admin"], term=term, seed=20261128)
    assert 50 <= counts["filings"] == Filing.objects.count() <= 60
    assert all(
        key.startswith("filing") for key in counts
    )  # merged into the seed summary with others
    # Every state but "revoked", which needs the SC meeting (seed_filing_revocation, test_seed_demo).
    assert set(Filing.objects.values_list("status", flat=True)) == set(Filing.Status.values) - {
        "revoked"
    }
    assert Filing.objects.filter(is_late=True).count() >= 3
    assert Filing.objects.filter(returned_count__gt=0).exists()
    assert ReviewItem.objects.exclude(checklist={}).exists()
    assert Review.objects.filter(kind="thematic").exists()
    case = ReviewItem.objects.get(outcome="correction").correction_case
    assert (
        case.status == Case.Status.RECEIVED and case.assignments.get().unit.code == "gov-education"
    )
    assert set(ReviewSuggestion.objects.values_list("status", flat=True)) == {
        "received",
        "incomplete",
        "under_review",
        "transferred",
        "not_started",
    }
    assert all(
        len(code) == 14 for code in ReviewSuggestion.objects.values_list("tracking_code", flat=True)
    )
    from renda.accounts.models import User

    gov = User.objects.get(username="gov")
    assert gov.scope.code == "government" and gov.check_password("Renda-gov-2026")
    assert Filing.objects.filter(enacting_body=gov.scope).exists()
    assert seed_filings(actor=users["admin"], term=term, seed=1) == {}
