"""Effects of a committed change on other domains: registered, stored, run after commit, retried.

A lower app names a hook and emits it from the action that makes the change
(``ctx.emit("voting.poll_sealed", poll_id=…, actor_id=…)``); a higher app registers a
handler for it::

    @effects.on("voting.poll_sealed", "supervision.evaluation_result")
    def record_evaluation(*, poll_id, actor_id): ...

Emitting stores one :class:`~renda.core.models.Effect` row per handler in the emitting
transaction, so an effect exists exactly when its cause committed. After commit each
runs in its own transaction; a handler that raises leaves its row pending with the
error, visible on the audit page, and :func:`retry_pending` (the daily sweep, or
``manage.py effects_retry``) runs it again. Handlers must be idempotent: a retried
effect finds its work done and returns. No signals, no swallowed failures.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Effect

log = logging.getLogger(__name__)

#: hook → [(handler name, function)], in registration order.
HANDLERS: dict[str, list[tuple[str, Callable[..., Any]]]] = {}
#: Attempts after which a pending effect is left for a person to look at (still listed).
MAX_ATTEMPTS = 20


def on(hook: str, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as the handler ``name`` of ``hook``."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        handlers = HANDLERS.setdefault(hook, [])
        if any(existing == name for existing, _fn in handlers):
            raise RuntimeError(f"effect handler {name} registered twice for {hook}")
        handlers.append((name, fn))
        return fn

    return register


def _handler(hook: str, name: str) -> Callable[..., Any] | None:
    for existing, fn in HANDLERS.get(hook, []):
        if existing == name:
            return fn
    return None


def emit(hook: str, **payload: Any) -> list[Effect]:
    """Store the effects of ``hook`` in the current transaction and run them after commit."""
    rows = [
        Effect.objects.create(hook=hook, handler=name, payload=payload)
        for name, _fn in HANDLERS.get(hook, [])
    ]
    if rows:
        ids = [row.pk for row in rows]
        transaction.on_commit(lambda: run_effects(ids))
    return rows


def run(effect: Effect) -> bool:
    """Run one pending effect in its own transaction; record success or the failure."""
    fn = _handler(effect.hook, effect.handler)
    now = timezone.now()
    error = ""
    if fn is None:
        error = f"no handler {effect.handler!r} is registered for {effect.hook!r}"
    else:
        try:
            with transaction.atomic():
                fn(**effect.payload)
                Effect.objects.filter(pk=effect.pk).update(
                    done_at=now, attempts=effect.attempts + 1, last_tried_at=now, last_error=""
                )
        except Exception:  # a failing effect is kept and retried, never lost
            error = traceback.format_exc(limit=8)
            log.exception("effect %s (%s) failed", effect.pk, effect.handler)
    if error:
        Effect.objects.filter(pk=effect.pk).update(
            attempts=effect.attempts + 1, last_tried_at=now, last_error=error[-4000:]
        )
        return False
    return True


def run_effects(ids: list[int]) -> int:
    """Run the given effects that are still pending; return how many succeeded."""
    done = 0
    for effect in Effect.objects.filter(pk__in=ids, done_at__isnull=True).order_by("id"):
        done += run(effect)
    return done


def pending():
    """Effects not yet done, oldest first (what the audit page lists)."""
    return Effect.objects.filter(done_at__isnull=True).order_by("id")


def retry_pending(*, limit: int = 1000) -> tuple[int, int]:
    """Run pending effects again; return (succeeded, still pending among those tried)."""
    ok = failed = 0
    for effect in pending().filter(attempts__lt=MAX_ATTEMPTS)[:limit]:
        if run(effect):
            ok += 1
        else:
            failed += 1
    return ok, failed
