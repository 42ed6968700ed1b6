"""Zero-knowledge proofs, non-interactive through strong Fiat-Shamir (the challenge hashes
the context, the public key, the whole statement and every commitment).

- :func:`prove_range` / :func:`verify_range`: a ciphertext (α, β) under Y encrypts one
  of the listed values — the disjunctive Chaum-Pedersen proof of Cramer, Damgård and
  Schoenmakers, as Helios and Belenios use it for 0/1 entries and for a ballot's sum.
- :func:`prove_dleq` / :func:`verify_dleq`: log_G(Y_i) = log_α(D) (Chaum-Pedersen), for a
  scrutineer's partial decryption D = x_i·α.
- :func:`prove_knowledge` / :func:`verify_knowledge`: Schnorr proof of knowledge of
  log_G(C), for a scrutineer's first key-generation commitment.

Each proof is compact (challenge ``c`` and response ``s`` per branch); the verifier
recomputes the commitments: ``A = c·X + s·G`` and checks the hash.
"""

from __future__ import annotations

from typing import Any

from . import group as g

RANGE = "renda-range/1"
DLEQ = "renda-decrypt/1"
KNOW = "renda-dkg/1"


class ProofError(ValueError):
    """A proof that does not hold or is not shaped as one."""


def _pair(item: Any) -> tuple[int, int]:
    if not isinstance(item, dict) or set(item) != {"c", "s"}:
        raise ProofError("a proof step needs exactly c and s")
    try:
        return g.decode_scalar(item["c"]), g.decode_scalar(item["s"])
    except g.GroupError as exc:
        raise ProofError(str(exc)) from exc


def _enc(p: g.Point) -> str:
    return "0" if p is None else g.encode_point(p)


def _range_hash(context: str, y: g.Point, alpha, beta, commits: list[g.Point]) -> int:
    return g.hash_to_scalar(
        RANGE, context, _enc(y), _enc(alpha), _enc(beta), ",".join(_enc(c) for c in commits)
    )


def prove_range(
    context: str, y: g.Point, alpha: g.Point, beta: g.Point, r: int, value: int, values: list[int]
) -> list[dict[str, str]]:
    """Prove that (α, β) = (r·G, r·Y + value·G) with value among ``values``."""
    real = values.index(value)
    cs, ss, commits = [0] * len(values), [0] * len(values), []
    w = g.random_scalar()
    for i, v in enumerate(values):
        if i == real:
            commits += [g.base(w), g.mul(y, w)]
            continue
        cs[i], ss[i] = g.random_scalar(), g.random_scalar()
        commits += [
            g.mul_add_base(alpha, cs[i], ss[i]),
            g.add(g.mul_add_base(beta, cs[i], -cs[i] * v), g.mul(y, ss[i])),
        ]
    c = _range_hash(context, y, alpha, beta, commits)
    cs[real] = (c - sum(cs)) % g.N
    ss[real] = (w - cs[real] * r) % g.N
    return [
        {"c": g.encode_scalar(ci), "s": g.encode_scalar(si)} for ci, si in zip(cs, ss, strict=True)
    ]


def verify_range(
    context: str, y: g.Point, alpha: g.Point, beta: g.Point, proof: Any, values: list[int]
) -> None:
    if not isinstance(proof, list) or len(proof) != len(values):
        raise ProofError(f"the proof must have {len(values)} branches")
    total, commits = 0, []
    for item, v in zip(proof, values, strict=True):
        c, s = _pair(item)
        total += c
        commits.append(g.mul_add_base(alpha, c, s))
        commits.append(g.add(g.mul_add_base(beta, c, -c * v), g.mul(y, s)))
    if total % g.N != _range_hash(context, y, alpha, beta, commits):
        raise ProofError("the proof does not hold")


def prove_dleq(context: str, yi: g.Point, alpha: g.Point, d: g.Point, x: int) -> dict[str, str]:
    w = g.random_scalar()
    a, b = g.base(w), g.mul(alpha, w)
    c = g.hash_to_scalar(DLEQ, context, _enc(yi), _enc(alpha), _enc(d), _enc(a), _enc(b))
    return {"c": g.encode_scalar(c), "s": g.encode_scalar(w - c * x)}


def verify_dleq(context: str, yi: g.Point, alpha: g.Point, d: g.Point, proof: Any) -> None:
    c, s = _pair(proof)
    a = g.mul_add_base(yi, c, s)
    b = g.add(g.mul(d, c), g.mul(alpha, s))
    if c != g.hash_to_scalar(DLEQ, context, _enc(yi), _enc(alpha), _enc(d), _enc(a), _enc(b)):
        raise ProofError("the decryption proof does not hold")


def prove_knowledge(context: str, label: str, commitment: g.Point, secret: int) -> dict[str, str]:
    w = g.random_scalar()
    c = g.hash_to_scalar(KNOW, context, label, _enc(commitment), _enc(g.base(w)))
    return {"c": g.encode_scalar(c), "s": g.encode_scalar(w - c * secret)}


def verify_knowledge(context: str, label: str, commitment: g.Point, proof: Any) -> None:
    c, s = _pair(proof)
    a = g.mul_add_base(commitment, c, s)
    if c != g.hash_to_scalar(KNOW, context, label, _enc(commitment), _enc(a)):
        raise ProofError("the proof of knowledge does not hold")
