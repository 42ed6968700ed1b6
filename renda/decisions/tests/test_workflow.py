"""The route of the list and of matters, read from the declared actions (no database)."""

from __future__ import annotations

from renda.core.actions import SYSTEM, declared
from renda.decisions import (
    services,  # noqa: F401  (declares the actions)
    workflow,
)
from renda.decisions.models import ListStatus as L
from renda.decisions.models import MatterKind, MatterStatus


def _transitions(prefix: str, statuses) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {s: set() for s in statuses}
    for act in declared(prefix):
        if act.target is not None:
            for source in act.sources or ():
                table[source].add(act.target)
    return table


def _actions(prefix: str) -> dict[str, object]:
    return {a.verb: a for a in declared(prefix)}


def test_annual_list_route_follows_rules_6_2():
    """Rules §6.2 / S12 item 3: proposal → comments → revision → party consent (S2) → adoption → publication."""
    moves = _transitions("decisions.annual_list.", L.values)
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
        assert new in moves[old], (old, new)
    # No shortcut: consent cannot be skipped, nor adoption by the council.
    assert L.ADOPTED not in moves[L.AWAITING_CONSENT]
    assert L.PUBLISHED not in moves[L.CONSENTED]
    assert moves[L.SUPERSEDED] == set()


def test_who_does_what_on_the_list():
    acts = _actions("decisions.annual_list.")
    assert acts["submit"].permission == "decisions.submit"
    assert acts["resubmit"].permission == "decisions.submit"
    assert acts["comment"].permission == "decisions.comment"
    assert acts["consent"].permission == "decisions.manage"
    assert acts["adopt"].permission == "decisions.adopt"
    # Only the platform supersedes a list, when its change is published.
    assert acts["supersede"].permission == SYSTEM
    # The council adopts only after the party committee's consent (S2).
    assert acts["adopt"].precondition.approval_kind == "party_consent"
    edit = _actions("decisions.list_item.")["edit"]
    assert L.REVISING in edit.sources and L.COMMENTING not in edit.sources
    assert edit.sources == acts["add_item"].sources == workflow.EDITABLE


def test_matter_kinds_and_lead_times_rules_6_3_6_4():
    assert workflow.LEAD_TIMES[MatterKind.DECISION][1] == "lead.major_matter_motion_days"
    assert workflow.LEAD_TIMES[MatterKind.PRIOR_REPORT][1] == "decisions.lead.report_days"
    assert (
        MatterKind.PRIOR_REPORT in workflow.LIST_KINDS
        and MatterKind.REVOCATION not in workflow.LIST_KINDS
    )
    moves = _transitions("decisions.matter.", MatterStatus.values)
    assert MatterStatus.SCHEDULED in moves[MatterStatus.LISTED]
    assert moves[MatterStatus.DECIDED] == set()
