"""Anchors of the audit chain kept outside the database.

The hash chain of :mod:`renda.core.audit` shows that no event was changed *in place*, but
someone who can write to the database can rewrite an event and recompute every later hash,
or drop the last events and move the head back. An anchor closes that gap: at a fixed
interval the chain head (sequence number and hash) is signed with an Ed25519 key that lives
in a file outside the database (``AUDIT_ANCHOR_KEY_FILE``) and appended, one JSON object a
line, to a file outside the database (``AUDIT_ANCHOR_FILE``). :func:`verify_anchors` then
checks that every anchor is signed by that key and that the chain in the database still holds
the anchored hash at the anchored sequence number.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import AuditEvent, AuditHead

logger = logging.getLogger("renda.audit.anchor")

FORMAT = "renda-audit-anchor/1"
_TAIL_BYTES = 8192


def key_path() -> Path:
    return Path(settings.AUDIT_ANCHOR_KEY_FILE)


def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHOR_FILE)


def _make_parent(path: Path) -> None:
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)


def load_private_key(*, create: bool = False) -> Ed25519PrivateKey | None:
    """Return the signing key; with ``create`` make one (mode 0600) when there is none."""
    path = key_path()
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 private key")
        return key
    if not create:
        return None
    _make_parent(path)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # O_EXCL: never overwrite a key another process has just written.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_private_key(create=False)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    logger.warning("created a new audit anchor key at %s; back it up outside the database", path)
    return key


def _public_hex(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def signed_message(seq: int, head_hash: str, at: str) -> bytes:
    """The exact bytes an anchor's signature covers."""
    body = {"format": FORMAT, "seq": seq, "hash": head_hash, "at": at}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Anchor:
    line: int
    seq: int
    hash: str
    at: str
    public_key: str
    signature: str

    @property
    def at_datetime(self):
        return parse_datetime(self.at)

    @property
    def hash_prefix(self) -> str:
        return self.hash[:16]


def _parse(line_no: int, raw: str) -> Anchor:
    data = json.loads(raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not an audit anchor")
    seq = data["seq"]
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise ValueError("bad sequence number")
    return Anchor(
        line=line_no,
        seq=seq,
        hash=str(data["hash"]),
        at=str(data["at"]),
        public_key=str(data["public_key"]),
        signature=str(data["signature"]),
    )


def read_anchors(path: Path | None = None) -> tuple[list[Anchor], list[str]]:
    """Return every anchor in the file and the problems of lines that are not anchors."""
    path = path or anchor_path()
    anchors: list[Anchor] = []
    problems: list[str] = []
    if not path.exists():
        return anchors, problems
    with path.open("r", encoding="utf-8") as fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                anchors.append(_parse(line_no, raw))
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"anchor file line {line_no} is unreadable ({exc})")
    return anchors, problems


def latest_anchor(path: Path | None = None) -> Anchor | None:
    """The last anchor in the file, reading only its tail (cheap enough for every page)."""
    path = path or anchor_path()
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - _TAIL_BYTES))
            tail = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return None
    for raw in reversed(tail.splitlines()):
        try:
            return _parse(0, raw)
        except (ValueError, KeyError, TypeError):
            continue
    return None


def anchor_now() -> Anchor | None:
    """Sign the current chain head and append it; ``None`` when the head has not moved.

    Safe to call as often as one likes: a head already anchored adds no line, and an
    empty chain is not anchored.
    """
    head = AuditHead.objects.filter(id=1).first()
    if head is None or head.seq == 0:
        return None
    last = latest_anchor()
    if last is not None and last.seq == head.seq and last.hash == head.hash:
        return None
    key = load_private_key(create=True)
    assert key is not None
    at = timezone.now().isoformat()
    signature = key.sign(signed_message(head.seq, head.hash, at))
    record: dict[str, Any] = {
        "format": FORMAT,
        "seq": head.seq,
        "hash": head.hash,
        "at": at,
        "public_key": _public_hex(key.public_key()),
        "signature": base64.b64encode(signature).decode("ascii"),
    }
    path = anchor_path()
    _make_parent(path)
    line = json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
    logger.info("audit anchor seq=%s hash=%s", head.seq, head.hash)
    return _parse(0, line)


@dataclass(frozen=True)
class AnchorReport:
    ok: bool
    anchors: int
    failures: tuple[str, ...] = ()
    latest: Anchor | None = None


def verify_anchors() -> AnchorReport:
    """Check every anchor's signature and that the database chain still holds it."""
    anchors, failures = read_anchors()
    if not anchors:
        return AnchorReport(not failures, 0, tuple(failures))
    key = load_private_key(create=False)
    if key is None:
        failures.append(f"anchor key {key_path()} is missing: anchor signatures cannot be checked")
        public = None
    else:
        public = key.public_key()
        own = _public_hex(public)
    head = AuditHead.objects.filter(id=1).first()
    head_seq = head.seq if head is not None else 0
    last_event = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    chain_length = min(head_seq, last_event) if head is not None else last_event
    hashes = dict(
        AuditEvent.objects.filter(seq__in={a.seq for a in anchors}).values_list("seq", "hash")
    )
    previous = 0
    for anchor in anchors:
        where = f"anchor at line {anchor.line} (#{anchor.seq}, {anchor.at})"
        if public is not None:
            if anchor.public_key != own:
                failures.append(f"{where} was signed by another key ({anchor.public_key[:16]}…)")
            else:
                try:
                    public.verify(
                        base64.b64decode(anchor.signature, validate=True),
                        signed_message(anchor.seq, anchor.hash, anchor.at),
                    )
                except (InvalidSignature, ValueError):
                    failures.append(f"{where}: signature is not valid (anchor file altered?)")
        if anchor.seq < previous:
            failures.append(f"{where} goes back from #{previous} (anchor file reordered?)")
        previous = max(previous, anchor.seq)
        if anchor.seq > chain_length:
            failures.append(
                f"{where}: the chain has only {chain_length} events, fewer than the anchored "
                f"#{anchor.seq} (events removed from the end)"
            )
        elif hashes.get(anchor.seq) != anchor.hash:
            failures.append(
                f"{where}: event #{anchor.seq} no longer has the anchored hash "
                f"{anchor.hash[:16]}… (chain rewritten and rehashed)"
            )
    return AnchorReport(not failures, len(anchors), tuple(failures), anchors[-1])


__all__ = ["anchor_now", "verify_anchors", "latest_anchor", "read_anchors", "Anchor"]
