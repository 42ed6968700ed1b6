"""Encrypted ballots: exponential ElGamal vectors with validity proofs, as in Helios/Belenios.

A poll's parameters (:class:`PollKey`) are its context string (binds every proof to the
poll), the joint public key Y, the number of options and the allowed range of the sum:

- decision, appointment, satisfaction: 3 options, sum exactly 1 (``min = max = 1``);
- election: one entry per candidate, each 0 or 1, sum between 0 and ``seats``.

Entry i encrypts m_i ∈ {0, 1} as (α, β) = (r·G, r·Y + m_i·G) with a disjunctive proof
bound to ``context|i`` (so entries cannot be swapped); the sum of the entries (Σα, Σβ)
has a disjunctive proof over ``min..max`` bound to ``context|sum``. JSON shape::

    {"choices": [{"alpha": P, "beta": P, "proof": [{"c": S, "s": S}, {"c": S, "s": S}]}, …],
     "sum_proof": [{"c": S, "s": S}, …  one per value min..max]}

The receipt is SHA-256 of the canonical JSON of that object: it proves that this
encrypted ballot is in the box and says nothing about the choice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from . import group as g
from .proofs import ProofError, prove_range, verify_range

GROUP = g.NAME
Ciphertext = tuple[g.Point, g.Point]


class BallotError(ValueError):
    """An encrypted ballot that is malformed or whose proofs do not hold."""


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def receipt(ballot: dict[str, Any]) -> str:
    """The voter's receipt: SHA-256 (hex) of the canonical JSON of the encrypted ballot."""
    return hashlib.sha256(canonical(ballot)).hexdigest()


@dataclass(frozen=True)
class PollKey:
    context: str
    public_key: str
    options: int
    min: int
    max: int
    y: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.context, str) or not self.context or "|" in self.context:
            raise BallotError("the context must be a non-empty string without '|'")
        if not (self.options >= 1 and 0 <= self.min <= self.max <= self.options):
            raise BallotError("need 1 ≤ options and 0 ≤ min ≤ max ≤ options")
        object.__setattr__(self, "y", g.decode_point(self.public_key))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PollKey:
        if data.get("group") != GROUP:
            raise BallotError(f"unknown group {data.get('group')!r}")
        return cls(
            data["context"], data["public_key"], int(data["options"]), int(data["min"]),
            int(data["max"]),
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "group": GROUP,
            "context": self.context,
            "public_key": self.public_key,
            "options": self.options,
            "min": self.min,
            "max": self.max,
        }


def decision_key(context: str, public_key: str, options: int = 3) -> PollKey:
    """Exactly one of the options (赞成 / 反对 / 弃权, or the three satisfaction grades)."""
    return PollKey(context, public_key, options, 1, 1)


def election_key(context: str, public_key: str, candidates: int, seats: int) -> PollKey:
    """Each candidate ticked or not, at most ``seats`` ticks (a blank ballot is allowed)."""
    return PollKey(context, public_key, candidates, 0, min(seats, candidates))


def encrypt(key: PollKey, vector: list[int]) -> dict[str, Any]:
    """Encrypt a 0/1 vector with its proofs (what the terminal's script does, in Python)."""
    if len(vector) != key.options or any(v not in (0, 1) for v in vector):
        raise BallotError("the vector must hold one 0 or 1 per option")
    if not key.min <= sum(vector) <= key.max:
        raise BallotError("the number of ticks is outside the allowed range")
    choices, r_sum, a_sum, b_sum = [], 0, [], []
    for i, m in enumerate(vector):
        r = g.random_scalar()
        alpha, beta = g.base(r), g.mul_add_base(key.y, r, m)
        proof = prove_range(f"{key.context}|{i}", key.y, alpha, beta, r, m, [0, 1])
        choices.append(
            {"alpha": g.encode_point(alpha), "beta": g.encode_point(beta), "proof": proof}
        )
        r_sum += r
        a_sum.append(alpha)
        b_sum.append(beta)
    sum_proof = prove_range(
        f"{key.context}|sum", key.y, g.add_all(a_sum), g.add_all(b_sum), r_sum % g.N,
        sum(vector), list(range(key.min, key.max + 1)),
    )  # fmt: skip
    return {"choices": choices, "sum_proof": sum_proof}


def verify_ballot(key: PollKey, ballot: Any) -> list[Ciphertext]:
    """Check shape and every proof; return the entries' ciphertexts for the homomorphic sum."""
    if not isinstance(ballot, dict) or set(ballot) != {"choices", "sum_proof"}:
        raise BallotError("a ballot has exactly 'choices' and 'sum_proof'")
    choices = ballot["choices"]
    if not isinstance(choices, list) or len(choices) != key.options:
        raise BallotError(f"a ballot has {key.options} entries")
    out: list[Ciphertext] = []
    for i, entry in enumerate(choices):
        if not isinstance(entry, dict) or set(entry) != {"alpha", "beta", "proof"}:
            raise BallotError(f"entry {i}: needs exactly alpha, beta and proof")
        try:
            alpha, beta = g.decode_point(entry["alpha"]), g.decode_point(entry["beta"])
            verify_range(f"{key.context}|{i}", key.y, alpha, beta, entry["proof"], [0, 1])
        except (g.GroupError, ProofError) as exc:
            raise BallotError(f"entry {i}: {exc}") from exc
        out.append((alpha, beta))
    a_sum, b_sum = g.add_all(a for a, _ in out), g.add_all(b for _, b in out)
    try:
        verify_range(
            f"{key.context}|sum", key.y, a_sum, b_sum, ballot["sum_proof"],
            list(range(key.min, key.max + 1)),
        )  # fmt: skip
    except ProofError as exc:
        raise BallotError(f"sum: {exc}") from exc
    return out


def homomorphic_totals(options: int, ballots: list[list[Ciphertext]]) -> list[Ciphertext]:
    """Per option, the product (here: the sum of points) of every ballot's entry."""
    return [
        (g.add_all(b[i][0] for b in ballots), g.add_all(b[i][1] for b in ballots))
        for i in range(options)
    ]


def encode_ciphertext(ct: Ciphertext) -> dict[str, str]:
    return {"alpha": _enc(ct[0]), "beta": _enc(ct[1])}


def decode_ciphertext(data: Any) -> Ciphertext:
    if not isinstance(data, dict) or set(data) != {"alpha", "beta"}:
        raise BallotError("a ciphertext has exactly alpha and beta")
    return _dec(data["alpha"]), _dec(data["beta"])


def _enc(p: g.Point) -> str:
    """Totals may be the neutral element (an empty box): written as ``"0"``."""
    return "0" if p is None else g.encode_point(p)


def _dec(text: Any) -> g.Point:
    return None if text == "0" else g.decode_point(text)
