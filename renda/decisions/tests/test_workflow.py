"""The transition tables as data, without a database."""

from __future__ import annotations

from renda.decisions import workflow
from renda.decisions.models import ListStatus as L
from renda.decisions.models import MatterKind, MatterStatus


def test_annual_list_route_follows_rules_6_2():
    """Rules §6.2 / S12 item 3: proposal → comments → revision → party consent (S2) → adoption → publication."""
    route = [
        L.DRAFT,
        L.COMMENTING,
        L.REVISING,
        L.AWAITING_CONSENT,
        L.CONSENTED,
        L.ADOPTED,
        L.PUBLISHED,
        L.SUPERSEDED,
    ]
    for old, new in zip(route, route[1:], strict=False):
        assert new in workflow.LIST_TRANSITIONS[old], (old, new)
    # No shortcut: consent cannot be skipped, nor adoption by the council.
    assert L.ADOPTED not in workflow.LIST_TRANSITIONS[L.AWAITING_CONSENT]
    assert L.PUBLISHED not in workflow.LIST_TRANSITIONS[L.CONSENTED]
    assert workflow.LIST_TRANSITIONS[L.SUPERSEDED] == frozenset()


def test_who_does_what_on_the_list():
    assert workflow.LIST_ACTIONS["submit"].perm == "decisions.submit"
    assert workflow.LIST_ACTIONS["comment"].perm == "decisions.comment"
    assert workflow.LIST_ACTIONS["consent"].perm == "decisions.manage"
    assert workflow.LIST_ACTIONS["adopt"].perm == "decisions.adopt"
    assert workflow.list_allows("edit", L.REVISING) and not workflow.list_allows(
        "edit", L.COMMENTING
    )


def test_matter_kinds_and_lead_times_rules_6_3_6_4():
    assert workflow.LEAD_TIMES[MatterKind.DECISION][1] == "lead.major_matter_motion_days"
    assert workflow.LEAD_TIMES[MatterKind.PRIOR_REPORT][1] == "decisions.lead.report_days"
    assert (
        MatterKind.PRIOR_REPORT in workflow.LIST_KINDS
        and MatterKind.REVOCATION not in workflow.LIST_KINDS
    )
    assert MatterStatus.SCHEDULED in workflow.MATTER_TRANSITIONS[MatterStatus.LISTED]
    assert workflow.MATTER_TRANSITIONS[MatterStatus.DECIDED] == frozenset()
