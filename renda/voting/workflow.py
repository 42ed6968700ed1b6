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


#: Statuses in which ballots are accepted.
ACCEPTING = frozenset({PollStatus.OPEN})

# The moves between statuses, who may make them and what they need are declared with the
# actions themselves (renda.voting.services: voting.poll.open, .pause, .close, .seal…).

#: Actions a repeat of which is accepted and changes nothing, so no button offers it:
#: verb → the statuses in which it is already done.
DONE_IN: dict[str, frozenset[str]] = {
    "close": frozenset({PollStatus.CLOSED, PollStatus.SEALED}),
}
#: verb → the field of the poll's public state (streams.poll_public_state) that, once true,
#: means the action is done or its precondition fails: offered only while it is false.
OFFERED_UNLESS: dict[str, str] = {"announce": "announced", "manual": "received"}
