"""An honest encrypted poll export built without the server, for the verifier's tests.

It plays every part in pure Python: the scrutineers' key generation (each a dealer),
the terminals (``renda_crypto.encrypt`` or ballots handed in, e.g. from the browser
script), the box, the homomorphic totals, t partial decryptions, the log chain and the
seal, all in the layout ``renda_verify`` reads.
"""

from __future__ import annotations

import random
from typing import Any

import renda_crypto as rc
from renda_crypto import ballot as rb
from renda_verify import GENESIS, _tally_election, _tally_simple, sha256
from renda_verify.encrypted import FORMAT_ENCRYPTED, election_votes, simple_counts

POLL = 41


def scrutineers(context: str, n: int, t: int) -> tuple[dict[str, Any], dict[int, int]]:
    """The public record of a dealer-free key generation and each scrutineer's share."""
    dealt = [rc.make_dealing(context, i, n, t) for i in range(1, n + 1)]
    for dealing, shares in dealt:
        assert all(rc.verify_share(dealing, j, shares[j]) for j in range(1, n + 1))
    joint = rc.joint_public(context, [d for d, _ in dealt], n, t)
    shares = {j: rc.joint_share([s[j] for _, s in dealt]) for j in range(1, n + 1)}
    record = {
        "n": n,
        "t": t,
        "dealings": [d for d, _ in dealt],
        "verification_keys": joint["verification_keys"],
    }
    return {"record": record, "public_key": joint["public_key"]}, shares


def poll_key(kind: str, context: str, public_key: str, candidates=None, seats=None):
    if kind == "election":
        return rc.election_key(context, public_key, len(candidates), seats)
    return rc.decision_key(context, public_key)


def build(
    kind: str = "decision",
    vectors: list[list[int]] | None = None,
    *,
    base: int = 30,
    n: int = 3,
    t: int = 2,
    candidates: list[int] | None = None,
    seats: int = 0,
    ballots: list[dict[str, Any]] | None = None,
    decrypt_with: list[int] | None = None,
    setup: tuple | None = None,
) -> dict[str, Any]:
    """An export of a closed, sealed poll; ``ballots`` overrides encryption of ``vectors``."""
    context = f"renda-poll:{POLL}"
    if setup is None:
        setup = scrutineers(context, n, t)
    keys, shares = setup
    key = poll_key(kind, context, keys["public_key"], candidates, seats)
    if ballots is None:
        ballots = [rc.encrypt(key, v) for v in vectors or []]
    box = sorted(({"hash": rc.receipt(b), "ballot": b} for b in ballots), key=lambda e: e["hash"])
    parsed = [rc.verify_ballot(key, e["ballot"]) for e in box]
    totals = rc.homomorphic_totals(key.options, parsed)
    record = keys["record"]
    chosen = decrypt_with or list(range(1, record["t"] + 1))
    partials = [rc.partial_decrypt(context, j, shares[j], totals) for j in chosen]
    factors = {
        p["trustee"]: rc.verify_partial(
            context, record["verification_keys"][p["trustee"] - 1], totals, p
        )
        for p in partials
    }
    counts = rc.combine(totals, factors, record["t"], len(box))
    crypto = {
        "key": key.to_json(),
        "trustees": record,
        "totals": [rb.encode_ciphertext(c) for c in totals],
        "partials": partials,
        "counts": counts,
    }
    roll = [[p, True] for p in range(1, base + 1)]
    voters = random.Random(7).sample(range(1, base + 1), len(box))
    opening = {
        "kind": kind,
        "seats": seats,
        "candidates": candidates or [],
        "counts_basic": False,
        "base_count": base,
        "roll_hash": sha256({"poll": POLL, "roll": roll}),
        "crypto_digest": sha256({"key": crypto["key"], "trustees": record}),
    }
    figures = {"present": base, "voted_present": len(box), "late": 0}
    if kind == "election":
        tally = _tally_election(
            base, seats, candidates, election_votes(candidates, counts), len(box), 0, None,
            None, figures,
        )  # fmt: skip
    else:
        tally = _tally_simple(kind, base, simple_counts(kind, counts), False, figures)
    closing = {
        "ballots": len(box),
        "ballots_digest": sha256(sorted(e["hash"] for e in box)),
        "attendance": "roll",
        "voters_digest": sha256({"poll": POLL, "voters": sorted(voters)}),
    }
    export = {
        "format": FORMAT_ENCRYPTED,
        "poll": {"id": POLL, "kind": kind},
        "roll": roll,
        "roll_hash": opening["roll_hash"],
        "voters": sorted(voters),
        "log": [
            {"kind": "open", "payload": opening},
            {"kind": "close", "payload": closing},
            {"kind": "tally", "payload": {"tally": tally}},
        ],
        "ballots": box,
        "crypto": crypto,
        "tally": tally,
    }
    return rechain(export)


def rechain(export: dict[str, Any]) -> dict[str, Any]:
    """Recompute the chain and the seal from the entries' payloads — what an operator who
    rewrites the log after the fact would do; only what the log cannot vouch for remains."""
    prev = GENESIS
    for seq, entry in enumerate(export["log"], start=1):
        entry["seq"], entry["prev_hash"] = seq, prev
        entry["hash"] = sha256(
            {
                "poll": POLL,
                "seq": seq,
                "kind": entry["kind"],
                "payload": entry["payload"],
                "prev": prev,
            }
        )
        prev = entry["hash"]
    tally = export["log"][-1]["payload"]["tally"]
    export["tally"] = tally
    export["seal"] = {
        "tally": tally,
        "chain_head": prev,
        "fingerprint": sha256({"tally": tally, "head": prev}),
    }
    return export
