"""Voting (§3.4, §7.2): how a new poll is set up and which slates it accepts."""

from __future__ import annotations

from renda.people.models import Person
from renda.voting import services as V

from .cases import Case, Scenario, registry, verdict

CASES: dict[str, Case] = {}
case = registry(CASES)


def agenda_item(s: Scenario):
    from renda.voting.tests.conftest import build_body

    return s.once("body", lambda: build_body(s.term, 3)).item


@case("voting.satisfaction_counts_basic", value="false", default=True, changed=False)
def satisfaction(s: Scenario):
    """§3.4: whether "basically satisfied" counts as satisfied in a new satisfaction poll."""
    poll = V.poll_create(actor=s.staff, agenda_item=agenda_item(s), kind="satisfaction")
    return poll.satisfaction_counts_basic


@case("voting.slate.round_up", value="false", default="slate_out_of_range", changed="accepted")
def slate_rounding(s: Scenario):
    """§7.2: 16 candidates for 15 SC seats; a tenth more is 1.5, rounded up to 2 or down to 1."""
    candidates = s.once(
        "candidates",
        lambda: [Person.objects.create(name=f"候选人{i}", gender="male") for i in range(16)],
    )
    return verdict(
        lambda: V.poll_create(
            actor=s.staff,
            agenda_item=agenda_item(s),
            kind="election",
            office_kind="sc_member",
            seats=15,
            candidates=candidates,
        )  # fmt: skip
    )
