"""Poll statuses and their transitions, as plain data (no database)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("待开始")
    """Created with its options; the roll is not yet taken."""
    OPEN = "open", _("表决中")
    """Roll snapshotted and quorum checked; ballots are accepted."""
    PAUSED = "paused", _("已暂停")
    """Temporarily not accepting ballots (system trouble, chair's order)."""
    CLOSED = "closed", _("已截止")
    """No more ballots; for a manual poll, waiting for two agreeing counts."""
    SEALED = "sealed", _("已封存")
    """The tally and the log's chain head are sealed; the result may be announced."""
    ANNULLED = "annulled", _("已作废")
    """Abandoned with a logged reason; no result."""


#: from-status → {to-status: permission}
TRANSITIONS: dict[str, dict[str, str]] = {
    PollStatus.DRAFT: {PollStatus.OPEN: "voting.chair", PollStatus.ANNULLED: "voting.chair"},
    PollStatus.OPEN: {
        PollStatus.PAUSED: "voting.chair",
        PollStatus.CLOSED: "voting.chair",
        PollStatus.SEALED: "voting.chair",
        PollStatus.ANNULLED: "voting.chair",
    },
    PollStatus.PAUSED: {
        PollStatus.OPEN: "voting.chair",
        PollStatus.CLOSED: "voting.chair",
        PollStatus.SEALED: "voting.chair",
        PollStatus.ANNULLED: "voting.chair",
    },
    PollStatus.CLOSED: {PollStatus.SEALED: "voting.manage", PollStatus.ANNULLED: "voting.chair"},
    PollStatus.SEALED: {},
    PollStatus.ANNULLED: {},
}

#: Statuses in which ballots are accepted.
ACCEPTING = frozenset({PollStatus.OPEN})


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, {})


def permission_for(current: str, target: str) -> str | None:
    return TRANSITIONS.get(current, {}).get(target)
