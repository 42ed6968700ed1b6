"""The encrypted box of a ``renda-poll-export-encrypted/1`` export (Level 2 polls).

The export carries, besides the log, roll and seal of a plain export:

- ``crypto.key``: the poll's public parameters (group, context, public key, options and
  the allowed range of a ballot's sum), logged at open as ``crypto_digest``
  (SHA-256 of canonical ``{"key", "trustees"}``);
- ``crypto.trustees``: ``n``, ``t``, every scrutineer's dealing (coefficient commitments
  with a proof of knowledge) and the verification keys; the public key and the
  verification keys are recomputed from the dealings;
- ``ballots``: ``[{"hash": receipt, "ballot": encrypted ballot}]`` in receipt order, the
  receipt being SHA-256 of the canonical JSON of the encrypted ballot;
- ``crypto.totals``: the per-option sums of the ballots' ciphertexts;
  ``crypto.partials``: at least ``t`` partial decryptions with their proofs;
  ``crypto.counts``: the decrypted totals, which the tally must match.

Nothing here names a choice: an encrypted ballot and its receipt say nothing about it.
"""

from __future__ import annotations

from typing import Any

FORMAT_ENCRYPTED = "renda-poll-export-encrypted/1"
SIMPLE_OPTIONS = {
    "satisfaction": ["satisfied", "basically_satisfied", "dissatisfied"],
}
DEFAULT_OPTIONS = ["yes", "no", "abstain"]


def check_box(export: dict[str, Any], opening: dict[str, Any], error: type[Exception], sha256):
    """Check the key and every ballot; return the receipts and what the decryption needs."""
    import renda_crypto as rc  # only an encrypted export needs the curve library
    from renda_crypto import ballot as rb
    from renda_crypto import group as g

    crypto = export["crypto"]
    key_json, trustees = crypto["key"], crypto["trustees"]
    if sha256({"key": key_json, "trustees": trustees}) != opening["crypto_digest"]:
        raise error("crypto digest mismatch: the key or scrutineers are not those logged at open")
    try:
        key = rc.PollKey.from_json(key_json)
    except (rc.BallotError, g.GroupError) as exc:
        raise error(f"poll key: {exc}") from exc
    expected = _expected_shape(opening)
    if (key.options, key.min, key.max) != expected:
        raise error(f"poll key: options/min/max {key.options, key.min, key.max} != {expected}")
    # 1. The scrutineers' key (made once for the meeting: its proofs name the ceremony).
    n, t = int(trustees["n"]), int(trustees["t"])
    try:
        joint = rc.joint_public(trustees.get("context", key.context), trustees["dealings"], n, t)
    except rc.ThresholdError as exc:
        raise error(f"scrutineers' key: {exc}") from exc
    if len(trustees["dealings"]) != n:
        raise error(f"scrutineers' key: {len(trustees['dealings'])} dealings for {n} scrutineers")
    if joint["public_key"] != key.public_key:
        raise error("scrutineers' key: the poll's public key is not the joint key of the dealings")
    if joint["verification_keys"] != trustees["verification_keys"]:
        raise error("scrutineers' key: verification keys differ from the dealings")
    # 2. Every ballot: receipt, proofs, no copy of another ballot's ciphertext.
    receipts, parsed, seen = [], [], set()
    for entry in export["ballots"]:
        if set(entry) != {"hash", "ballot"}:
            raise error("an encrypted ballot entry has exactly 'hash' and 'ballot'")
        label = f"ballot {str(entry['hash'])[:8]}…"
        if rb.receipt(entry["ballot"]) != entry["hash"]:
            raise error(f"{label}: hash mismatch")
        try:
            cts = rc.verify_ballot(key, entry["ballot"])
        except (rc.BallotError, g.GroupError) as exc:
            raise error(f"{label}: invalid ballot proof ({exc})") from exc
        for choice in entry["ballot"]["choices"]:
            if choice["alpha"] in seen:
                raise error(f"{label}: repeats a ciphertext of another ballot (a copy)")
            seen.add(choice["alpha"])
        receipts.append(entry["hash"])
        parsed.append(cts)
    return receipts, (key, trustees, parsed)


def check_decryption(export: dict[str, Any], state: tuple, error: type[Exception]) -> list[int]:
    """After the box matched the close entry: the totals, their decryption and the counts."""
    import renda_crypto as rc
    from renda_crypto import ballot as rb

    key, trustees, parsed = state
    n, t = int(trustees["n"]), int(trustees["t"])
    crypto = export["crypto"]
    # 3. The homomorphic totals.
    totals = rc.homomorphic_totals(key.options, parsed)
    if [rb.encode_ciphertext(c) for c in totals] != crypto["totals"]:
        raise error("encrypted totals differ: they are not the product of the published ballots")
    logged = [e["payload"] for e in export["log"] if e["kind"] == "close"]
    if logged and "totals" in logged[0] and logged[0]["totals"] != crypto["totals"]:
        raise error("encrypted totals differ from those logged at close")
    in_log = [e["payload"] for e in export["log"] if e["kind"] == "partial"]
    if in_log and in_log != crypto["partials"]:
        raise error("partial decryptions differ from those logged")
    # 4. The partial decryptions and the counts.
    factors: dict[int, list] = {}
    for partial in crypto["partials"]:
        j = int(partial["trustee"])
        if not 1 <= j <= n or j in factors:
            raise error(f"partial decryption: scrutineer {j} unknown or listed twice")
        try:
            factors[j] = rc.verify_partial(
                key.context, trustees["verification_keys"][j - 1], totals, partial
            )
        except rc.ThresholdError as exc:
            raise error(f"decryption proof: {exc}") from exc
    try:
        counts = rc.combine(totals, factors, t, len(export["ballots"]))
    except rc.ThresholdError as exc:
        raise error(f"decryption: {exc}") from exc
    if counts != crypto["counts"]:
        raise error(f"decrypted totals {counts} != published totals {crypto['counts']}")
    return counts


def _expected_shape(opening: dict[str, Any]) -> tuple[int, int, int]:
    if opening["kind"] == "election":
        seats, candidates = int(opening["seats"]), len(opening["candidates"])
        return candidates, 0, min(seats, candidates)
    return len(SIMPLE_OPTIONS.get(opening["kind"], DEFAULT_OPTIONS)), 1, 1


def simple_counts(kind: str, counts: list[int]) -> dict[str, int]:
    return dict(zip(SIMPLE_OPTIONS.get(kind, DEFAULT_OPTIONS), counts, strict=True))


def election_votes(candidates: list[int], counts: list[int]) -> dict[int, int]:
    return {int(p): c for p, c in zip(candidates, counts, strict=True)}
