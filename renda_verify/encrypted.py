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

An election whose ballots carry write-ins (另选他人; the key's ``write_ins`` slots and
``roster``) has, when any write-in flag was set, ``crypto.write_ins``: the scrutineers'
``mixes`` of the box's (flag, name) pairs (each with the proofs that it keeps both sums),
the ``partials`` of the last mix's decryption, and the resulting ``votes`` and ``void``.
Its ``trust`` is ``"shuffle"``: the mixes prove the sums, not the permutation
(``renda_crypto.mix`` says what that leaves open).

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
    expected = _expected_shape(opening, key.write_ins)
    if (key.options, key.min, key.max) != expected:
        raise error(f"poll key: options/min/max {key.options, key.min, key.max} != {expected}")
    if key.write_ins and key.write_ins != int(opening["seats"]):
        raise error("poll key: one write-in slot per seat expected")
    if set(key.roster) & {int(c) for c in opening.get("candidates", [])}:
        raise error("poll key: a candidate is also on the write-in roster")
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
        for alpha in rb.ballot_alphas(entry["ballot"]):
            if alpha in seen:
                raise error(f"{label}: repeats a ciphertext of another ballot (a copy)")
            seen.add(alpha)
        receipts.append(entry["hash"])
        parsed.append(cts)
    return receipts, (key, trustees, parsed)


def check_decryption(
    export: dict[str, Any], state: tuple, error: type[Exception]
) -> tuple[list[int], dict[int, int]]:
    """After the box matched the close entry: the totals, their decryption and the counts
    (one per option or candidate), and the votes of written-in persons."""
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
    written: dict[int, int] = {}
    if key.write_ins and sum(counts[key.candidates :]):
        written = check_write_ins(export, key, factors_keys(trustees), error)
    elif "write_ins" in crypto:
        raise error("write-ins published although no write-in flag was set")
    return counts[: key.candidates], written


def factors_keys(trustees: dict[str, Any]) -> tuple[int, int, list[str]]:
    return int(trustees["n"]), int(trustees["t"]), trustees["verification_keys"]


def check_write_ins(
    export: dict[str, Any], key: Any, trustees: tuple, error: type[Exception]
) -> dict[int, int]:
    """Every mix from the box's pairs on, the decryption of the last one, and the count."""
    import renda_crypto as rc
    from renda_crypto import mix

    n, t, vkeys = trustees
    opened = export["crypto"].get("write_ins")
    if not isinstance(opened, dict):
        raise error("write-in flags were set but the write-ins' shuffle is not published")
    log = export["log"]
    if [e["payload"] for e in log if e["kind"] == "mix"] != opened["mixes"]:
        raise error("write-in mixes differ from those logged")
    if [e["payload"] for e in log if e["kind"] == "partial_names"] != opened["partials"]:
        raise error("write-in decryptions differ from those logged")
    pairs = mix.write_in_pairs(key, [e["ballot"] for e in export["ballots"]])
    mixers: set[int] = set()
    for round_, made in enumerate(opened["mixes"]):
        who = int(made.get("trustee", 0))
        if not 1 <= who <= n or who in mixers:
            raise error(f"write-in mix {round_}: scrutineer {who} unknown or mixing twice")
        mixers.add(who)
        body = {k: v for k, v in made.items() if k != "trustee"}
        try:
            pairs = mix.verify_mix(key.context, key.public_key, pairs, body, round_)
        except mix.MixError as exc:
            raise error(f"write-in mix: {exc}") from exc
    if len(mixers) < t:
        raise error(f"write-ins mixed by {len(mixers)} scrutineers, {t} needed")
    flat = mix.flatten(pairs)
    factors: dict[int, list] = {}
    for partial in opened["partials"]:
        j = int(partial["trustee"])
        if not 1 <= j <= n or j in factors:
            raise error(f"write-in decryption: scrutineer {j} unknown or listed twice")
        try:
            factors[j] = rc.verify_partial(key.context, vkeys[j - 1], flat, partial)
        except rc.ThresholdError as exc:
            raise error(f"write-in decryption proof: {exc}") from exc
    try:
        values = mix.open_values(flat, factors, t, len(key.roster))
    except rc.ThresholdError as exc:
        raise error(f"write-in decryption: {exc}") from exc
    votes, void = mix.count_write_ins(values, list(key.roster))
    if {str(p): v for p, v in sorted(votes.items())} != opened["votes"] or void != opened["void"]:
        raise error(
            f"write-in votes {votes} (void {void}) != published {opened['votes']} "
            f"(void {opened['void']})"
        )
    return votes


def _expected_shape(opening: dict[str, Any], write_ins: int = 0) -> tuple[int, int, int]:
    if opening["kind"] == "election":
        seats, candidates = int(opening["seats"]), len(opening["candidates"])
        if write_ins:
            return candidates + seats, 0, seats
        return candidates, 0, min(seats, candidates)
    return len(SIMPLE_OPTIONS.get(opening["kind"], DEFAULT_OPTIONS)), 1, 1


def simple_counts(kind: str, counts: list[int]) -> dict[str, int]:
    return dict(zip(SIMPLE_OPTIONS.get(kind, DEFAULT_OPTIONS), counts, strict=True))


def election_votes(candidates: list[int], counts: list[int]) -> dict[int, int]:
    return {int(p): c for p, c in zip(candidates, counts, strict=True)}
