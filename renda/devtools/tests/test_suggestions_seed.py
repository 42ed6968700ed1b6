"""The demo suggestions: every state present, sensible statistics, public list, intact audit chain."""

from __future__ import annotations

from collections import Counter

import pytest

from renda.casework.models import Case, Contact, Rating, Reply, Verification
from renda.core.audit import verify_chain
from renda.core.models import AuditEvent
from renda.devtools import demo_data as D
from renda.devtools.seeding import seed_demo
from renda.devtools.suggestions_seed import BETWEEN_COUNT, DEMO_TODAY, SESSION_COUNT, SESSION_STATES
from renda.suggestions import statistics
from renda.suggestions.models import Suggestion
from renda.suggestions.selectors import public_suggestion_list


@pytest.fixture
def seeded(db):
    return seed_demo(seed=D.DEFAULT_SEED)


def test_every_state_is_present_in_sensible_numbers(seeded):
    statuses = Counter(Suggestion.objects.values_list("status", flat=True))
    assert set(statuses) >= set(Suggestion.Status.values) - {"merged", "split"}
    from_letters = Suggestion.objects.filter(voter_messages__isnull=False).count()
    assert from_letters == 1  # the demo deputy made one voter's letter into a draft
    assert (
        sum(statuses.values()) == SESSION_COUNT + BETWEEN_COUNT + 5 + from_letters
    )  # + the demo deputy's own five
    assert statuses["assigned"] > 500
    assert 20 <= statuses["not_accepted"] <= 40
    assert statuses["draft"] >= 5 and statuses["submitted"] >= 5 and statuses["accepted"] >= 3

    cases = Counter(Case.objects.values_list("status", flat=True))
    for status in (
        "awaiting_receipt",
        "received",
        "in_handling",
        "replied",
        "rated",
        "dissatisfied",
        "rehandling",
        "closed",
    ):
        assert cases[status] > 0, status
    assert set(Reply.objects.values_list("result_class", flat=True)) == {"A", "B", "C", "D"}
    assert set(Rating.objects.values_list("value", flat=True)) == {
        "satisfied",
        "basically",
        "dissatisfied",
    }
    assert Case.objects.filter(round=2).exists()
    assert Verification.objects.filter(outcome="rehandle").exists()
    assert Verification.objects.filter(outcome="close").exists()
    assert Case.objects.filter(is_key=True).count() >= 10
    assert Case.objects.filter(extended=True).exists()
    assert Reply.objects.filter(publishable=False).exclude(withhold_reason="").exists()

    session = Suggestion.objects.filter(channel="session")
    assert session.count() == SESSION_COUNT
    assert not session.filter(session__isnull=True).exists()
    refused = Suggestion.objects.filter(status="not_accepted")
    assert all(s.not_accepted_reasons for s in refused)
    assert all(code in Suggestion.Reason.values for s in refused for code in s.not_accepted_reasons)
    numbers = list(Suggestion.objects.exclude(number="").values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_handling_keeps_the_engine_invariants(seeded):
    # The demo suggestions' cases; other kinds of case seeded on the same engine have their own rules.
    for reply in Reply.objects.filter(
        is_follow_up=False, case__suggestion__isnull=False
    ).select_related("case"):
        assert Contact.objects.filter(
            case=reply.case,
            round=reply.round,
            unit_id=reply.unit_id,
            contacted_on__lte=reply.replied_at.date(),
        ).exists()
        assert reply.signed_by_name
    for rating in Rating.objects.filter(case__suggestion__isnull=False).select_related("case"):
        assert rating.case.requester_rows.filter(person_id=rating.requester_id).exists()
    handled = Suggestion.objects.filter(status="assigned")
    assert not handled.filter(case__isnull=True).exists()
    assert not Suggestion.objects.exclude(status="assigned").filter(case__isnull=False).exists()
    for case in Case.objects.filter(
        status__in=["replied", "rated"], suggestion__isnull=False
    ).prefetch_related("assignments"):
        assert all(a.status == "done" for a in case.assignments.all())


def test_statistics_are_sensible(seeded):
    totals = statistics.totals(today=DEMO_TODAY)
    assert totals.total > 550
    assert 85 <= totals.reply_rate <= 100
    assert 90 <= totals.satisfaction_rate < 100
    assert 30 <= totals.solved_rate <= 70
    assert 5 <= totals.overdue <= 40
    sessions = statistics.by_session(today=DEMO_TODAY)
    assert len(sessions) == 2
    assert sum(f.total for f in sessions) == totals.total
    units = statistics.by_unit(today=DEMO_TODAY)
    assert len(units) >= 20


def test_published_suggestions_show_on_the_public_page(seeded, client):
    published = public_suggestion_list()
    assert published.count() > 300
    assert not published.filter(is_public=False).exists()
    response = client.get("/suggestions/")
    assert response.status_code == 200
    assert published.first().title in response.content.decode()


def test_seeding_is_audited_once_and_the_chain_verifies(seeded):
    event = AuditEvent.objects.get(action="devtools.suggestions_seeded")
    assert event.changes["seed"] == D.DEFAULT_SEED
    assert event.changes["through_services"] == 5
    states = event.changes["states"]
    for state, n in SESSION_STATES:
        assert states[state] >= n, state
    assert sum(states.values()) == SESSION_COUNT + BETWEEN_COUNT
    # the deputies' demo, seeded afterwards, makes one voter's letter into a draft suggestion
    made_later = Suggestion.objects.filter(voter_messages__isnull=False).count()
    assert seeded.counts["suggestions"] == Suggestion.objects.count() - made_later
    assert verify_chain().ok


def test_every_seeded_case_has_its_timeline(seeded, client):
    from renda.casework.models import Assignment

    cases = Case.objects.filter(suggestion__isnull=False)
    with_events = set(
        AuditEvent.objects.filter(
            object_type="casework.case", action="casework.case.assigned"
        ).values_list("object_id", flat=True)
    )
    assert {str(pk) for pk in cases.values_list("pk", flat=True)} <= with_events
    replied = Reply.objects.values_list("case_id", flat=True).distinct()
    replied_events = set(
        AuditEvent.objects.filter(action="casework.case.replied").values_list(
            "object_id", flat=True
        )
    )
    assert {str(pk) for pk in replied} <= replied_events
    rated = Case.objects.filter(status=Case.Status.RATED).first()
    actions = list(
        AuditEvent.objects.filter(object_type="casework.case", object_id=str(rated.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions.index("casework.case.assigned") < actions.index("casework.case.rated")
    assert actions.index("casework.case.contact_logged") < actions.index("casework.case.replied")
    leads = Assignment.objects.filter(role="lead", case__suggestion__isnull=False)
    assert not leads.filter(contact_due_on__isnull=True).exists()
    assert not leads.filter(case__contacts__isnull=False, first_contact_on__isnull=True).exists()
    assert verify_chain().ok
