"""The scrutineers' (监票人) threshold key and the decryption of the totals.

Key generation is dealer-free: the joint-Feldman distributed key generation of Pedersen
(1991), as in Belenios' threshold mode. Scrutineer i (1…n) draws a random polynomial
f_i of degree t-1, publishes its coefficient commitments C_ik = a_ik·G with a Schnorr
proof of knowledge of a_i0, and hands f_i(j) privately to scrutineer j, who checks it
against the commitments (:func:`verify_share`). Scrutineer j's key share is
x_j = Σ_i f_i(j); nobody ever holds x = Σ_i a_i0. Public: Y = Σ_i C_i0 and each
verification key Y_j = x_j·G = Σ_i Σ_k j^k·C_ik, recomputable from the dealings alone.

Decryption: each of any t scrutineers publishes D_j = x_j·α for every total with a
Chaum-Pedersen proof against Y_j; then x·α = Σ λ_j·D_j (Lagrange at 0) and
m·G = β − x·α, m found in a table of 0…bound (bound = roll size).
"""

from __future__ import annotations

from typing import Any

from . import group as g
from .ballot import Ciphertext
from .proofs import ProofError, prove_dleq, prove_knowledge, verify_dleq, verify_knowledge


class ThresholdError(ValueError):
    """A dealing, share or partial decryption that does not hold."""


def _label(dealer: int) -> str:
    return f"dealer:{dealer}"


def make_dealing(context: str, dealer: int, n: int, t: int) -> tuple[dict[str, Any], dict]:
    """Scrutineer ``dealer``'s first round: the public dealing and the private shares."""
    if not 1 <= t <= n or not 1 <= dealer <= n:
        raise ThresholdError("need 1 ≤ t ≤ n and 1 ≤ dealer ≤ n")
    coeffs = [g.random_scalar() for _ in range(t)]
    commitments = [g.base(a) for a in coeffs]
    dealing = {
        "dealer": dealer,
        "commitments": [g.encode_point(c) for c in commitments],
        "proof": prove_knowledge(context, _label(dealer), commitments[0], coeffs[0]),
    }
    shares = {
        j: sum(a * pow(j, k, g.N) for k, a in enumerate(coeffs)) % g.N for j in range(1, n + 1)
    }
    return dealing, shares


def check_dealing(context: str, dealing: Any, t: int) -> list[g.Point]:
    """The dealing's commitments, once its shape and proof of knowledge hold."""
    try:
        commitments = [g.decode_point(c) for c in dealing["commitments"]]
        if len(commitments) != t:
            raise ThresholdError(f"dealer {dealing['dealer']}: {t} commitments expected")
        verify_knowledge(context, _label(dealing["dealer"]), commitments[0], dealing["proof"])
    except (KeyError, TypeError, g.GroupError, ProofError) as exc:
        raise ThresholdError(f"dealing: {exc}") from exc
    return commitments


def _evaluate(commitments: list[g.Point], j: int) -> g.Point:
    return g.add_all(g.mul(c, pow(j, k, g.N)) for k, c in enumerate(commitments))


def verify_share(dealing: dict[str, Any], j: int, share: int) -> bool:
    """Scrutineer j checks the share it received (else it files a complaint)."""
    commitments = [g.decode_point(c) for c in dealing["commitments"]]
    return g.equal(g.base(share), _evaluate(commitments, j))


def joint_public(context: str, dealings: list[dict[str, Any]], n: int, t: int) -> dict[str, Any]:
    """Y and Y_1…Y_n from the (qualified) dealings — what everyone can recompute."""
    dealers = [d["dealer"] for d in dealings]
    if len(set(dealers)) != len(dealers) or not dealings:
        raise ThresholdError("each dealer once, at least one")
    if not 1 <= t <= n or any(not isinstance(d, int) or not 1 <= d <= n for d in dealers):
        raise ThresholdError("dealers are numbered 1…n and 1 ≤ t ≤ n")
    all_commitments = [check_dealing(context, d, t) for d in dealings]
    y = g.add_all(c[0] for c in all_commitments)
    keys = [g.add_all(_evaluate(c, j) for c in all_commitments) for j in range(1, n + 1)]
    return {
        "public_key": g.encode_point(y),
        "verification_keys": [g.encode_point(k) for k in keys],
    }


def joint_share(received: list[int]) -> int:
    """x_j = Σ_i f_i(j) over the qualified dealers."""
    return sum(received) % g.N


def _ctx(context: str) -> str:
    return f"{context}|decrypt"


def partial_decrypt(
    context: str, index: int, share: int, totals: list[Ciphertext]
) -> dict[str, Any]:
    yi = g.base(share)
    factors, proofs = [], []
    for alpha, _beta in totals:
        d = g.mul(alpha, share)
        factors.append(g.encode_point(d) if d is not None else "0")
        proofs.append(prove_dleq(_ctx(context), yi, alpha, d, share) if d is not None else None)
    return {"trustee": index, "factors": factors, "proofs": proofs}


def verify_partial(
    context: str, verification_key: str, totals: list[Ciphertext], partial: Any
) -> list[g.Point]:
    try:
        yi = g.decode_point(verification_key)
        factors, proofs = partial["factors"], partial["proofs"]
        if len(factors) != len(totals) or len(proofs) != len(totals):
            raise ThresholdError("one factor and one proof per total")
        out = []
        for (alpha, _beta), f, p in zip(totals, factors, proofs, strict=True):
            if alpha is None:  # an empty box: nothing to decrypt
                if f != "0" or p is not None:
                    raise ThresholdError("an empty total has factor '0' and no proof")
                out.append(None)
                continue
            d = g.decode_point(f)
            verify_dleq(_ctx(context), yi, alpha, d, p)
            out.append(d)
    except (KeyError, TypeError, g.GroupError, ProofError) as exc:
        raise ThresholdError(
            f"partial decryption of scrutineer {partial.get('trustee')}: {exc}"
        ) from exc
    return out


def lagrange(indices: list[int], i: int) -> int:
    num, den = 1, 1
    for j in indices:
        if j != i:
            num = num * j % g.N
            den = den * (j - i) % g.N
    return num * pow(den, -1, g.N) % g.N


def combine(
    totals: list[Ciphertext], factors: dict[int, list[g.Point]], t: int, bound: int
) -> list[int]:
    """The plain totals from the verified factors of at least t scrutineers."""
    if len(factors) < t:
        raise ThresholdError(f"{len(factors)} partial decryptions, {t} needed")
    chosen = sorted(factors)[:t]
    table = dlog_table(bound)
    out = []
    for i, (_alpha, beta) in enumerate(totals):
        xa = g.add_all(g.mul(factors[j][i], lagrange(chosen, j)) for j in chosen)
        m = table.get(_key(g.sub(beta, xa)))
        if m is None:
            raise ThresholdError(f"total {i} is not between 0 and {bound}")
        out.append(m)
    return out


def _key(p: g.Point) -> str:
    return "0" if p is None else g.encode_point(p)


def dlog_table(bound: int) -> dict[str, int]:
    """m·G → m for 0 ≤ m ≤ bound (one point addition per entry)."""
    table, p = {"0": 0}, None
    for m in range(1, bound + 1):
        p = g.add(p, g.G)
        table[_key(p)] = m
    return table
