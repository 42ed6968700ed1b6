"""Stand-alone verifier of a Renda poll export (``python -m renda_verify EXPORT.json``).

It imports nothing from Django or Renda: it recomputes, from the published export
alone, the poll log's hash chain, the roll hash, every ballot hash (receipt), the
digest of the sorted ballot hashes logged at close, the tally and the seal's
fingerprint, and reports the first thing that does not match.

An encrypted export (``renda-poll-export-encrypted/1``, see ``encrypted.py``) has the
same log, roll and seal; its box holds encrypted ballots whose receipt is the hash of
the encrypted ballot, and the tally comes from the threshold decryption of the
homomorphic totals, every proof checked (through ``renda_crypto``, which imports
nothing from Django or Renda either).

Hash definitions (all SHA-256 over canonical JSON: sorted keys, no spaces, UTF-8):
roll ``{"poll", "roll"}``; ballot ``{"poll", "ballot", "choice", "nonce"}``; log entry
``{"poll", "seq", "kind", "payload", "prev"}`` starting from 64 zeros; ballots digest:
the sorted list of ballot hashes; seal ``{"tally", "head"}``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from .encrypted import FORMAT_ENCRYPTED, check_decryption, election_votes, simple_counts
from .encrypted import check_box as encrypted_box

GENESIS = "0" * 64
FORMAT = "renda-poll-export/1"
__all__ = ["verify", "VerificationError", "sha256"]


class VerificationError(Exception):
    """The export does not verify; the message says exactly where."""


def sha256(value: Any) -> str:
    raw = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )
    return hashlib.sha256(raw).hexdigest()


# --------------------------------------------------------------------------- tally (independent)


def _majority(n: int) -> int:
    return n // 2 + 1


def _attendance(base: int, ballots: int, roll: dict[str, Any]) -> dict[str, int]:
    """实到 (signed in at open), 未按 (of them, no ballot), late voters, 缺席 (the rest)."""
    present, voted_present, late = roll["present"], roll["voted_present"], roll.get("late", 0)
    if voted_present is None:  # a hand count: who voted is unknown
        voted_present, late = min(present, ballots), max(ballots - present, 0)
    return {
        "present": present,
        "not_voted": max(present - voted_present, 0),
        "late": late,
        "absent": max(base - present - late, 0),
    }


def _tally_simple(
    kind: str, base: int, counts: dict[str, int], counts_basic: bool, roll: Any = None
) -> dict[str, Any]:
    options = (
        ["satisfied", "basically_satisfied", "dissatisfied"]
        if kind == "satisfaction"
        else ["yes", "no", "abstain"]
    )
    out: dict[str, Any] = {"kind": kind, "base": base, "threshold": _majority(base)}
    for o in options:
        out[o] = int(counts.get(o, 0))
    out["ballots"] = sum(out[o] for o in options)
    out["not_voted"] = max(base - out["ballots"], 0)
    if roll is not None:
        out.update(_attendance(base, out["ballots"], roll))
    if kind == "satisfaction":
        out["counts_basic"] = bool(counts_basic)
        good = out["satisfied"] + (out["basically_satisfied"] if counts_basic else 0)
        out["result"] = "satisfied" if good >= out["threshold"] else "not_satisfied"
    else:
        out["result"] = "passed" if out["yes"] >= out["threshold"] else "failed"
    return out


def _tally_election(
    base: int,
    seats: int,
    candidates: list[int],
    votes: dict[int, int],
    n_ballots: int,
    n_void: int,
    issued: Any,
    returned: Any,
    roll: Any = None,
) -> dict[str, Any]:
    threshold = _majority(base)
    everyone = dict.fromkeys(candidates, 0)
    everyone.update(votes)
    out: dict[str, Any] = {
        "kind": "election",
        "base": base,
        "threshold": threshold,
        "seats": seats,
        "ballots": n_ballots,
        "void": n_void,
        "valid": n_ballots - n_void,
        "not_voted": max(base - n_ballots, 0),
        "votes": {str(p): everyone[p] for p in sorted(everyone)},
        "issued": issued,
        "returned": returned,
    }
    if roll is not None:
        out.update(_attendance(base, n_ballots, roll))
    if issued is not None and returned is not None and returned > issued:
        out.update(elected=[], revote=[], revote_seats=0, further_election_seats=0, result="void")
        return out
    ranked = sorted(
        [(p, v) for p, v in everyone.items() if v >= threshold], key=lambda pv: (-pv[1], pv[0])
    )
    elected, revote = [p for p, _ in ranked], []
    if len(ranked) > seats:
        cut = ranked[seats - 1][1]
        if ranked[seats][1] < cut:
            elected = [p for p, _ in ranked[:seats]]
        else:
            elected = [p for p, v in ranked if v > cut]
            revote = [p for p, v in ranked if v == cut]
    revote_seats = seats - len(elected) if revote else 0
    further = seats - len(elected) - revote_seats
    out.update(
        elected=elected, revote=revote, revote_seats=revote_seats, further_election_seats=further
    )
    out["result"] = "revote" if revote else "further_election" if further else "complete"
    return out


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key in sorted(value):
            flat.update(_flatten(value[key], f"{prefix}{key}."))
        return flat
    return {prefix.rstrip("."): value}


def _compare_tally(recomputed: dict, stated: dict, where: str) -> None:
    a, b = _flatten(recomputed), _flatten(stated)
    for key in sorted(set(a) | set(b)):
        if a.get(key, "(missing)") != b.get(key, "(missing)"):
            raise VerificationError(
                f"tally differs{where}: {key} {a.get(key, '(missing)')} != "
                f"{b.get(key, '(missing)')}"
            )


# --------------------------------------------------------------------------- verify


def _plain_box(poll_id: Any, ballots: list[dict[str, Any]]) -> list[str]:
    seen: set[str] = set()
    hashes = []
    for ballot in ballots:
        digest = sha256(
            {
                "poll": poll_id,
                "ballot": ballot["id"],
                "choice": ballot["choice"],
                "nonce": ballot["nonce"],
            }
        )
        if digest != ballot["hash"]:
            raise VerificationError(f"ballot {str(ballot['id'])[:8]}…: hash mismatch")
        if ballot["id"] in seen:
            raise VerificationError(f"ballot {str(ballot['id'])[:8]}…: listed twice")
        seen.add(ballot["id"])
        hashes.append(ballot["hash"])
    return hashes


def verify(export: dict[str, Any]) -> None:
    """Raise :class:`VerificationError` at the first fault; return None if everything holds."""
    if not isinstance(export, dict) or export.get("format") not in (FORMAT, FORMAT_ENCRYPTED):
        raise VerificationError(
            f"not a poll export (format must be {FORMAT!r} or {FORMAT_ENCRYPTED!r})"
        )
    try:
        _verify(export)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise VerificationError(f"malformed export: {type(exc).__name__}: {exc}") from exc


def _verify(export: dict[str, Any]) -> None:
    poll_id = export["poll"]["id"]
    log = export["log"]
    # 1. The chain.
    prev = GENESIS
    for position, entry in enumerate(log, start=1):
        seq = entry["seq"]
        if seq != position:
            raise VerificationError(
                f"log entry {position}: sequence number {seq}, expected {position}"
            )
        if entry["prev_hash"] != prev:
            raise VerificationError(f"log entry {seq}: previous-hash link broken")
        digest = sha256(
            {
                "poll": poll_id,
                "seq": seq,
                "kind": entry["kind"],
                "payload": entry["payload"],
                "prev": entry["prev_hash"],
            }
        )
        if digest != entry["hash"]:
            raise VerificationError(f"log entry {seq}: hash mismatch")
        prev = entry["hash"]
    if not log or log[0]["kind"] != "open":
        raise VerificationError("log entry 1: the log must start with 'open'")
    opening = log[0]["payload"]
    kinds = [e["kind"] for e in log]
    # 2. The roll.
    roll = sorted([int(p), bool(s)] for p, s in export["roll"])
    if sha256({"poll": poll_id, "roll": roll}) != opening["roll_hash"]:
        raise VerificationError(
            "roll hash mismatch: the published roll is not the one logged at open"
        )
    if export.get("roll_hash") != opening["roll_hash"]:
        raise VerificationError("roll hash mismatch: export header differs from the log")
    base = len(roll)
    if opening["base_count"] != base:
        raise VerificationError(f"base count differs: {opening['base_count']} != roll size {base}")
    # 3. The box.
    ballots = export["ballots"]
    encrypted = export["format"] == FORMAT_ENCRYPTED
    if encrypted:
        hashes, box_state = encrypted_box(export, opening, VerificationError, sha256)
    else:
        hashes = _plain_box(poll_id, ballots)
    if hashes != sorted(hashes):
        raise VerificationError("ballots are not in published (hash) order")
    if len(ballots) > base:
        raise VerificationError(f"more ballots ({len(ballots)}) than members on the roll ({base})")
    if "close" not in kinds:
        raise VerificationError("the log has no 'close' entry")
    closing = log[kinds.index("close")]["payload"]
    if closing["ballots"] != len(ballots):
        raise VerificationError(
            f"ballot count differs: {len(ballots)} published != {closing['ballots']} at close"
        )
    if sha256(sorted(hashes)) != closing["ballots_digest"]:
        raise VerificationError(
            "ballots digest mismatch: the published ballots are not those closed"
        )
    # 4. Attendance: who voted (never what), against the close entry and the roll.
    roll_figures = None
    if "attendance" in closing:
        voters = sorted(int(p) for p in export.get("voters", []))
        if sha256({"poll": poll_id, "voters": voters}) != closing["voters_digest"]:
            raise VerificationError(
                "voters digest mismatch: the published voters are not those closed"
            )
        signed = {p for p, s in roll if s}
        if not set(voters) <= {p for p, _s in roll}:
            raise VerificationError("a published voter is not on the roll")
        if closing["attendance"] == "roll":
            if len(voters) != len(ballots):
                raise VerificationError(
                    f"voter count differs: {len(voters)} voters != {len(ballots)} ballots"
                )
            roll_figures = {
                "present": len(signed),
                "voted_present": len(signed & set(voters)),
                "late": len(set(voters) - signed),
            }
        else:
            roll_figures = {"present": len(signed), "voted_present": None}
    # 5. The tally (for an encrypted box, from the checked decryption of its totals).
    if encrypted:
        decrypted, written = check_decryption(export, box_state, VerificationError)
    kind, seats = opening["kind"], int(opening["seats"])
    manual = [e["payload"] for e in log if e["kind"] == "manual"]
    if kind == "election":
        if encrypted and not manual:
            recomputed = _tally_election(
                base, seats, opening["candidates"],
                {**election_votes(opening["candidates"], decrypted), **written},
                len(ballots), 0, None, None, roll_figures,
            )  # fmt: skip
        elif manual:
            m = manual[-1]
            recomputed = _tally_election(
                base,
                seats,
                opening["candidates"],
                {int(p): v for p, v in m["counts"]["votes"].items()},
                m["returned"] or 0,
                m["counts"]["void"],
                m["issued"],
                m["returned"],
                roll_figures,
            )
        else:
            votes: Counter[int] = Counter()
            void = 0
            for b in ballots:
                marks = [int(p) for p in b["choice"].get("candidates", [])] + [
                    int(p) for p in b["choice"].get("write_ins", [])
                ]
                if len(marks) > seats:
                    void += 1
                else:
                    votes.update(marks)
            recomputed = _tally_election(
                base,
                seats,
                opening["candidates"],
                dict(votes),
                len(ballots),
                void,
                None,
                None,
                roll_figures,
            )
    else:
        if manual:
            counts = manual[-1]["counts"]
        elif encrypted:
            counts = simple_counts(kind, decrypted)
        else:
            counts = Counter(b["choice"] for b in ballots)
        recomputed = _tally_simple(kind, base, counts, opening["counts_basic"], roll_figures)
    if kinds[-1] != "tally":
        raise VerificationError(f"log entry {len(log)}: the log must end with 'tally'")
    _compare_tally(recomputed, log[-1]["payload"]["tally"], " from log")
    seal = export["seal"]
    _compare_tally(recomputed, seal["tally"], "")
    if export.get("tally") != seal["tally"]:
        raise VerificationError("tally differs: export header differs from the seal")
    # 6. The seal.
    if seal["chain_head"] != log[-1]["hash"]:
        raise VerificationError("seal: chain head differs from the last log entry")
    if sha256({"tally": seal["tally"], "head": seal["chain_head"]}) != seal["fingerprint"]:
        raise VerificationError("seal: fingerprint mismatch")
