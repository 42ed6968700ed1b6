"""Write-ins (另选他人) of an encrypted election: the scrutineers' shuffle and the decryption
of each (flag, name) pair.

A name cannot be added up like a tick, so write-ins are opened one by one, but only after
the link between a ballot and its names is broken. Once the totals show that some
write-in flag was set (and only then: an election without write-ins never needs this), the
pairs of every ballot, in the published box's order (:func:`write_in_pairs`), are mixed
by ``t`` scrutineers' devices in turn: each re-encrypts every pair with fresh randomness
and permutes the list (:func:`mix`). The next device mixes the previous output; after the
``t``-th, any ``t`` devices decrypt the final list (``renda_crypto.partial_decrypt`` over
its flattened ciphertexts) and a pair counts for the person at its name's roster place
when its flag is 1 (:func:`count_write_ins`).

**What a mix proves, and what it does not.** Each mix carries two Chaum-Pedersen proofs
that the sum of its flags and the sum of its names are re-encryptions of the input's sums
(:func:`verify_mix`): a dropped, added or altered pair that changes a sum is refused. It
does not prove that the output is a permutation of the input (a verifiable shuffle, as
Verificatum's, would): a mixer could trade one name for another while keeping the sums.
Such a trade leaves an entry that decrypts to no roster place, which an honest terminal
never writes; the count reports those as void write-ins. The secrecy of a write-in holds
unless every one of the ``t`` mixers colludes with the server's operator, the same
coalition that could decrypt any ballot with the key. The export says so.
"""

from __future__ import annotations

import secrets
from typing import Any

from . import group as g
from .ballot import Ciphertext, PollKey, ballot_names, decode_ciphertext, encode_ciphertext
from .proofs import ProofError, prove_dleq, verify_dleq
from .threshold import ThresholdError, dlog_table, lagrange

Pair = tuple[Ciphertext, Ciphertext]


class MixError(ValueError):
    """A mix whose shape or proofs do not hold."""


def write_in_pairs(key: PollKey, ballots: list[dict[str, Any]]) -> list[Pair]:
    """Every ballot's (flag, name) pairs, ballot by ballot, slot by slot."""
    out: list[Pair] = []
    first = key.candidates
    for ballot in ballots:
        names = ballot_names(key, ballot)
        for j, name in enumerate(names):
            flag = ballot["choices"][first + j]
            out.append(((g.decode_point(flag["alpha"]), g.decode_point(flag["beta"])), name))
    return out


def encode_pairs(pairs: list[Pair]) -> list[list[dict[str, str]]]:
    return [[encode_ciphertext(f), encode_ciphertext(n)] for f, n in pairs]


def decode_pairs(data: Any) -> list[Pair]:
    if not isinstance(data, list):
        raise MixError("the pairs must be a list")
    out: list[Pair] = []
    for item in data:
        if not isinstance(item, list) or len(item) != 2:
            raise MixError("each pair is [flag, name]")
        out.append((decode_ciphertext(item[0]), decode_ciphertext(item[1])))
    return out


def flatten(pairs: list[Pair]) -> list[Ciphertext]:
    """Flag, name, flag, name…: what the scrutineers decrypt."""
    return [c for pair in pairs for c in pair]


def _ctx(context: str, round_: int, part: str) -> str:
    return f"{context}|mix|{round_}|{part}"


def _sum(cts: list[Ciphertext]) -> Ciphertext:
    return g.add_all(a for a, _ in cts), g.add_all(b for _, b in cts)


def _delta(before: list[Ciphertext], after: list[Ciphertext]) -> Ciphertext:
    (a0, b0), (a1, b1) = _sum(before), _sum(after)
    return g.sub(a1, a0), g.sub(b1, b0)


def _reencrypt(y: g.Point, ct: Ciphertext, r: int) -> Ciphertext:
    return g.add(ct[0], g.base(r)), g.add(ct[1], g.mul(y, r))


def mix(context: str, public_key: str, pairs: list[Pair], round_: int) -> dict[str, Any]:
    """Re-encrypt and permute ``pairs``; the output with its two sum proofs (a device's turn)."""
    y = g.decode_point(public_key)
    order = list(range(len(pairs)))
    secrets.SystemRandom().shuffle(order)
    out: list[Pair] = []
    r_flags = r_names = 0
    for i in order:
        rf, rn = g.random_scalar(), g.random_scalar()
        out.append((_reencrypt(y, pairs[i][0], rf), _reencrypt(y, pairs[i][1], rn)))
        r_flags, r_names = r_flags + rf, r_names + rn
    proof = {}
    for part, index, r in (("flags", 0, r_flags), ("names", 1, r_names)):
        da, db = _delta([p[index] for p in pairs], [p[index] for p in out])
        proof[part] = prove_dleq(_ctx(context, round_, part), da, y, db, r % g.N)
    return {"round": round_, "pairs": encode_pairs(out), "proof": proof}


def verify_mix(
    context: str, public_key: str, pairs: list[Pair], mixed: Any, round_: int
) -> list[Pair]:
    """The mixed pairs, once their number and both sum proofs hold."""
    try:
        if not isinstance(mixed, dict) or mixed.get("round") != round_:
            raise MixError(f"a mix of round {round_} expected")
        out = decode_pairs(mixed["pairs"])
        if len(out) != len(pairs):
            raise MixError(f"{len(out)} pairs out for {len(pairs)} in")
        y = g.decode_point(public_key)
        proof = mixed["proof"]
        if not isinstance(proof, dict) or set(proof) != {"flags", "names"}:
            raise MixError("the mix proves its flags and its names")
        for part, index in (("flags", 0), ("names", 1)):
            da, db = _delta([p[index] for p in pairs], [p[index] for p in out])
            verify_dleq(_ctx(context, round_, part), da, y, db, proof[part])
    except (KeyError, TypeError, ValueError, g.GroupError, ProofError) as exc:
        if isinstance(exc, MixError):
            raise
        raise MixError(f"mix of round {round_}: {exc}") from exc
    return out


def open_values(
    cts: list[Ciphertext], factors: dict[int, list[g.Point]], t: int, bound: int
) -> list[int | None]:
    """Each ciphertext's value in 0…bound, or None when it is none of them."""
    if len(factors) < t:
        raise ThresholdError(f"{len(factors)} partial decryptions, {t} needed")
    chosen = sorted(factors)[:t]
    table = dlog_table(bound)
    weights = {j: lagrange(chosen, j) for j in chosen}
    out: list[int | None] = []
    for i, (_alpha, beta) in enumerate(cts):
        xa = g.add_all(g.mul(factors[j][i], weights[j]) for j in chosen)
        point = g.sub(beta, xa)
        out.append(table.get("0" if point is None else g.encode_point(point)))
    return out


def count_write_ins(values: list[int | None], roster: list[int]) -> tuple[dict[int, int], int]:
    """Votes per written-in person and the number of void write-ins, from the opened pairs.

    A pair counts when its flag is 1 and its name a roster place; a set flag with any other
    name is a void write-in (never written by an honest terminal); an unset flag counts
    nothing whatever its name.
    """
    votes: dict[int, int] = {}
    void = 0
    for flag, name in zip(values[0::2], values[1::2], strict=True):
        if flag != 1:
            if flag != 0:
                void += 1
            continue
        if name is None or not 1 <= name <= len(roster):
            void += 1
            continue
        person = int(roster[name - 1])
        votes[person] = votes.get(person, 0) + 1
    return votes, void
