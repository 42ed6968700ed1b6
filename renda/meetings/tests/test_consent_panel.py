"""S2: the party committee's consent to a congress session and its agenda is recorded on the
session's page (the approvals panel), and only there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.core import approvals
from renda.core.models import Approval

pytestmark = pytest.mark.django_db


def test_a_congress_session_records_the_party_committees_consent(client_for, staff, term, meeting):
    from renda.meetings import services as S

    session = S.meeting_schedule(
        actor=staff, kind="congress_session", term=term, starts_on=dt.date(2027, 1, 5)
    )
    client = client_for("staff")
    page = client.get(reverse("meetings:detail", args=[session.pk])).content.decode()
    assert str(Approval.Kind.PARTY_CONSENT.label) in page and reverse("core:approval_request") in page  # fmt: skip
    sc_page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("core:approval_request") not in sc_page
    asked = approvals.approval_request(actor=staff, subject=session, kind="party_consent")
    approvals.approval_answer(actor=staff, approval=asked, answer="approved")
    assert approvals.is_approved(session, Approval.Kind.PARTY_CONSENT)
