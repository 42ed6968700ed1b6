"""The hash-chained audit log.

Services call :func:`audit_record` inside the transaction that makes the change,
so an action and its event commit or roll back together. Each event's hash
covers its own fields and the previous event's hash; :func:`verify_chain`
recomputes the chain and reports the first broken link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from . import projections
from .models import AuditEvent, AuditHead

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def event_digest(
    *,
    seq: int,
    prev_hash: str,
    created_at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    changes: dict,
) -> str:
    """Return the SHA-256 hex digest that seals one event."""
    payload = {
        "seq": seq,
        "prev": prev_hash,
        "at": created_at,
        "actor": actor_id,
        "actor_label": actor_label,
        "action": action,
        "type": object_type,
        "id": object_id,
        "repr": object_repr,
        "changes": _canonical(changes),
    }
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _digest_of(event: AuditEvent) -> str:
    return event_digest(
        seq=event.seq,
        prev_hash=event.prev_hash,
        created_at=event.created_at.isoformat(),
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        changes=event.changes,
    )


def object_label(obj: Model | None) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}", str(obj.pk), str(obj)[:255]


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Model | None = None,
    changes: dict | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event to the chain; must run inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic()")
    o_type, o_id, o_repr = object_label(obj)
    head, _created = AuditHead.objects.select_for_update().get_or_create(id=1)
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    actor_label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        # The person's name as the record is made (the account's display name, else its
        # person's name), so the chain itself reads as people do; login names only as a
        # last resort.
        name = getattr(actor, "name", None) or getattr(actor, "display_name", None)
        actor_label = str(name or actor.get_username())[:150]
    now = timezone.now()
    event = AuditEvent(
        seq=head.seq + 1,
        created_at=now,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type or o_type,
        object_id=object_id or o_id,
        object_repr=(object_repr if object_repr is not None else o_repr)[:255],
        changes=_canonical(changes or {}),
        prev_hash=head.hash,
    )
    event.hash = _digest_of(event)
    event.save()
    head.seq = event.seq
    head.hash = event.hash
    head.save(update_fields=["seq", "hash"])
    projections.touched(event.object_type, event.object_id)
    return event


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify_chain(events: Iterable[AuditEvent] | None = None) -> ChainReport:
    """Recompute every hash in sequence order and report the first broken link."""
    if events is None:
        events = AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    last_hash = GENESIS
    for event in events:
        if event.seq != expected_seq:
            return ChainReport(
                False,
                checked,
                event.seq,
                f"sequence gap: expected #{expected_seq}, found #{event.seq}",
            )
        if event.prev_hash != prev_hash:
            return ChainReport(False, checked, event.seq, "previous-hash link does not match")
        if _digest_of(event) != event.hash:
            return ChainReport(False, checked, event.seq, "content does not match its hash")
        prev_hash = event.hash
        last_hash = event.hash
        expected_seq += 1
        checked += 1
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and (head.seq != checked or head.hash != last_hash):
        return ChainReport(
            False,
            checked,
            checked + 1 if head.seq > checked else checked,
            "chain head does not match the last event (events removed from the end?)",
        )
    return ChainReport(True, checked)


def history_for(obj: Model):
    """Return the audit events of one object, newest first."""
    o_type, o_id, _ = object_label(obj)
    return AuditEvent.objects.filter(object_type=o_type, object_id=o_id).select_related(None)


__all__ = ["audit_record", "verify_chain", "history_for", "ChainReport", "transaction"]
