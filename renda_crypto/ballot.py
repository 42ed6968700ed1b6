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

An election that allows write-ins (另选他人) has ``write_ins`` slots (one per seat) and a
published ``roster`` of the persons who may be written in. The last ``write_ins`` entries
of ``choices`` are the slots' flags (0 or 1, inside the sum: ticks and write-ins together
stay within the seats), and the ballot carries ``names``: per slot, the ciphertext of
k·G, k being the written person's place in the roster (1…) or 0, with a Schnorr proof of
knowledge of its randomness bound to the slot (a copied or re-randomised name is refused)::

    "names": [{"alpha": P, "beta": P, "proof": {"c": S, "s": S}}, …  one per slot]

Names cannot be added up: after the totals are decrypted, and only if some flag was set,
the (flag, name) pairs are shuffled by the scrutineers and decrypted one by one
(:mod:`renda_crypto.mix`).

The receipt is SHA-256 of the canonical JSON of that object: it proves that this
encrypted ballot is in the box and says nothing about the choice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from . import group as g
from .proofs import (
    ProofError,
    prove_knowledge,
    prove_range,
    verify_knowledge,
    verify_range,
)

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
    #: Write-in slots (the last entries of the choices are their flags) and who may be
    #: written in, by person id (a name encrypts the 1-based place in this roster).
    write_ins: int = 0
    roster: tuple[int, ...] = ()
    y: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.context, str) or not self.context or "|" in self.context:
            raise BallotError("the context must be a non-empty string without '|'")
        if not (self.options >= 1 and 0 <= self.min <= self.max <= self.options):
            raise BallotError("need 1 ≤ options and 0 ≤ min ≤ max ≤ options")
        if not 0 <= self.write_ins < self.options or (self.write_ins > 0) != bool(self.roster):
            raise BallotError("write-in slots need a roster, and a roster needs slots")
        object.__setattr__(self, "roster", tuple(int(p) for p in self.roster))
        object.__setattr__(self, "y", g.decode_point(self.public_key))

    @property
    def candidates(self) -> int:
        """The entries that are counted by adding up (all but the write-in flags)."""
        return self.options - self.write_ins

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PollKey:
        if data.get("group") != GROUP:
            raise BallotError(f"unknown group {data.get('group')!r}")
        return cls(
            data["context"], data["public_key"], int(data["options"]), int(data["min"]),
            int(data["max"]), int(data.get("write_ins", 0)), tuple(data.get("roster", ())),
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        data = {
            "group": GROUP,
            "context": self.context,
            "public_key": self.public_key,
            "options": self.options,
            "min": self.min,
            "max": self.max,
        }
        if self.write_ins:
            data.update(write_ins=self.write_ins, roster=list(self.roster))
        return data


def decision_key(context: str, public_key: str, options: int = 3) -> PollKey:
    """Exactly one of the options (赞成 / 反对 / 弃权, or the three satisfaction grades)."""
    return PollKey(context, public_key, options, 1, 1)


def election_key(
    context: str, public_key: str, candidates: int, seats: int, roster: list[int] | None = None
) -> PollKey:
    """Each candidate ticked or not, at most ``seats`` ticks (a blank ballot is allowed);
    with a ``roster``, one write-in slot per seat, counted within the seats."""
    if roster:
        return PollKey(
            context, public_key, candidates + seats, 0, seats, seats, tuple(roster)
        )  # fmt: skip
    return PollKey(context, public_key, candidates, 0, min(seats, candidates))


def _name_context(key: PollKey, slot: int) -> str:
    return f"{key.context}|name|{slot}"


def _name_label(alpha: g.Point, beta: g.Point) -> str:
    return f"{g.encode_point(alpha)},{g.encode_point(beta)}"


def encrypt_name(key: PollKey, slot: int, place: int) -> dict[str, Any]:
    """Slot ``slot``'s name: the roster place (1…) or 0, with its proof of randomness."""
    if not 0 <= place <= len(key.roster):
        raise BallotError("the written-in person is not on the roster")
    r = g.random_scalar()
    alpha, beta = g.base(r), g.mul_add_base(key.y, r, place)
    proof = prove_knowledge(_name_context(key, slot), _name_label(alpha, beta), alpha, r)
    return {"alpha": g.encode_point(alpha), "beta": g.encode_point(beta), "proof": proof}


def encrypt(key: PollKey, vector: list[int], names: list[int] | None = None) -> dict[str, Any]:
    """Encrypt a 0/1 vector with its proofs (what the terminal's script does, in Python).

    With write-in slots, the vector's last ``write_ins`` entries are the slots' flags and
    ``names`` the roster place written in each slot (0 where the flag is 0).
    """
    if len(vector) != key.options or any(v not in (0, 1) for v in vector):
        raise BallotError("the vector must hold one 0 or 1 per option")
    if not key.min <= sum(vector) <= key.max:
        raise BallotError("the number of ticks is outside the allowed range")
    names = list(names or [0] * key.write_ins)
    flags = vector[key.candidates :]
    if len(names) != key.write_ins or any(
        (f == 1) != (k != 0) for f, k in zip(flags, names, strict=True)
    ):
        raise BallotError("one name per write-in slot, written exactly where the flag is set")
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
    ballot: dict[str, Any] = {"choices": choices, "sum_proof": sum_proof}
    if key.write_ins:
        ballot["names"] = [encrypt_name(key, j, k) for j, k in enumerate(names)]
    return ballot


def verify_ballot(key: PollKey, ballot: Any) -> list[Ciphertext]:
    """Check shape and every proof; return the entries' ciphertexts for the homomorphic sum."""
    fields = {"choices", "sum_proof"} | ({"names"} if key.write_ins else set())
    if not isinstance(ballot, dict) or set(ballot) != fields:
        raise BallotError(f"a ballot has exactly {', '.join(sorted(fields))}")
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
    if key.write_ins:
        ballot_names(key, ballot, check=True)
    return out


def ballot_names(key: PollKey, ballot: dict[str, Any], *, check: bool = False) -> list[Ciphertext]:
    """The ballot's write-in names (with ``check``, each proof of randomness verified)."""
    names = ballot.get("names")
    if not isinstance(names, list) or len(names) != key.write_ins:
        raise BallotError(f"a ballot has {key.write_ins} write-in names")
    out: list[Ciphertext] = []
    for j, entry in enumerate(names):
        if not isinstance(entry, dict) or set(entry) != {"alpha", "beta", "proof"}:
            raise BallotError(f"name {j}: needs exactly alpha, beta and proof")
        try:
            alpha, beta = g.decode_point(entry["alpha"]), g.decode_point(entry["beta"])
            if check:
                verify_knowledge(
                    _name_context(key, j), _name_label(alpha, beta), alpha, entry["proof"]
                )
        except (g.GroupError, ProofError) as exc:
            raise BallotError(f"name {j}: {exc}") from exc
        out.append((alpha, beta))
    return out


def ballot_alphas(ballot: dict[str, Any]) -> list[str]:
    """Every ciphertext's α of a ballot (entries and names): none may repeat in a box."""
    return [c["alpha"] for c in ballot["choices"]] + [n["alpha"] for n in ballot.get("names", [])]


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
