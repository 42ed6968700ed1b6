"""Renda's voting cryptography, shared by the server and the stand-alone verifier.

Pure Python over libsecp256k1 (``coincurve``); it imports nothing from Django or from
the ``renda`` package, so ``renda_verify`` can use it. The protocol is the one of Helios
and Belenios: exponential ElGamal ballots with disjunctive validity proofs, homomorphic
totals, and threshold decryption with Chaum-Pedersen proofs under a key made by a
dealer-free distributed key generation. The browser side is
``renda/voting/static/voting/ballot_crypto.js``; both produce and accept the same JSON.
See docs/voting-security.md.
"""

from .ballot import (
    BallotError,
    PollKey,
    decision_key,
    election_key,
    encrypt,
    homomorphic_totals,
    receipt,
    verify_ballot,
)
from .threshold import (
    ThresholdError,
    combine,
    joint_public,
    joint_share,
    make_dealing,
    partial_decrypt,
    verify_partial,
    verify_share,
)

__all__ = [
    "BallotError",
    "PollKey",
    "ThresholdError",
    "combine",
    "decision_key",
    "election_key",
    "encrypt",
    "homomorphic_totals",
    "joint_public",
    "joint_share",
    "make_dealing",
    "partial_decrypt",
    "receipt",
    "verify_ballot",
    "verify_partial",
    "verify_share",
]
