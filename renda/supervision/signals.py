"""Receivers of other domains' signals: a sealed satisfaction poll carries its result onto the evaluation."""

from __future__ import annotations


def record_evaluation_result(sender, poll, actor, **kwargs) -> None:
    """``voting.signals.poll_sealed``: record the result of a supervision evaluation (§3.4)."""
    from .services import evaluation_record_sealed

    evaluation_record_sealed(poll=poll, actor=actor)
