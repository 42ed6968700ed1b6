"""The party committee's consent on record for a step that waits for it (S2): asked and
agreed on the same day, as the office records it."""

from __future__ import annotations

import datetime as dt

from renda.core import approvals


def consent_to(subject, *, actor, on: dt.date | None = None):
    """Record the consent to ``subject`` (a congress session, a budget step, an appointment)."""
    from django.utils import timezone

    day = on or timezone.localdate()
    asked = approvals.approval_request(actor=actor, subject=subject, kind="party_consent", sent_on=day)  # fmt: skip
    return approvals.approval_answer(actor=actor, approval=asked, answer="approved", answered_on=day)  # fmt: skip
