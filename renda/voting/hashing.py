"""The hashes of a poll, defined once here and independently again in ``renda_verify``.

Every hash is SHA-256 over canonical JSON (sorted keys, no spaces, UTF-8):

- roll hash: ``{"poll", "roll": [[person id, signed in at open], …]}`` by person id;
- ballot hash (the voter's receipt): ``{"poll", "ballot", "choice", "nonce"}``;
- log entry: ``{"poll", "seq", "kind", "payload", "prev"}``, the first ``prev`` being
  64 zeros;
- ballots digest: the sorted list of ballot hashes;
- seal fingerprint: ``{"tally", "head"}``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sha256(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def roll_hash(poll_id: int, roll: list[list[Any]] | list[tuple[int, bool]]) -> str:
    return sha256({"poll": poll_id, "roll": [[int(p), bool(s)] for p, s in sorted(roll)]})


def ballot_hash(poll_id: int, ballot_id: str, choice: Any, nonce: str) -> str:
    return sha256({"poll": poll_id, "ballot": str(ballot_id), "choice": choice, "nonce": nonce})


def log_hash(poll_id: int, seq: int, kind: str, payload: dict, prev: str) -> str:
    return sha256({"poll": poll_id, "seq": seq, "kind": kind, "payload": payload, "prev": prev})


def voters_digest(poll_id: int, voters: list[int]) -> str:
    """Who cast a ballot (not what): the members, by person id, whose roll entry has voted."""
    return sha256({"poll": poll_id, "voters": sorted(int(p) for p in voters)})


def ballots_digest(hashes: list[str]) -> str:
    return sha256(sorted(hashes))


def seal_fingerprint(tally: dict, head: str) -> str:
    return sha256({"tally": tally, "head": head})
