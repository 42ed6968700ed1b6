"""The prime-order group: secp256k1 through libsecp256k1 (the ``coincurve`` binding).

Points travel as SEC1 compressed hex (66 characters, prefix ``02``/``03``); scalars as
64-character big-endian hex below the group order. Inside Python a point is a
``coincurve.PublicKey`` and the neutral element (the point at infinity) is ``None``:
libsecp256k1 never hands out the neutral element, so every helper here turns its
refusals into ``None`` and back. The curve has cofactor 1, so a point that parses is
in the group; nothing else needs checking.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from coincurve import PublicKey

NAME = "secp256k1"
#: The group order.
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
_G_HEX = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
G = PublicKey(bytes.fromhex(_G_HEX))

Point = PublicKey | None


class GroupError(ValueError):
    """A value that is not a group element or not a scalar of the group."""


def _sb(k: int) -> bytes:
    return k.to_bytes(32, "big")


def random_scalar() -> int:
    """Uniform in [1, N-1] from the operating system's generator."""
    return secrets.randbelow(N - 1) + 1


def decode_point(text: str) -> PublicKey:
    """A group element other than the neutral one, or :class:`GroupError`."""
    if not isinstance(text, str) or len(text) != 66 or text[:2] not in ("02", "03"):
        raise GroupError("not a compressed point")
    try:
        return PublicKey(bytes.fromhex(text))
    except ValueError as exc:
        raise GroupError("not a point of the curve") from exc


def encode_point(point: Point) -> str:
    if point is None:
        raise GroupError("the neutral element has no encoding here")
    return point.format(compressed=True).hex()


def decode_scalar(text: str) -> int:
    if not isinstance(text, str) or len(text) != 64:
        raise GroupError("not a scalar")
    try:
        value = int(text, 16)
    except ValueError as exc:
        raise GroupError("not a scalar") from exc
    if value >= N:
        raise GroupError("scalar out of range")
    return value


def encode_scalar(value: int) -> str:
    return f"{value % N:064x}"


def base(k: int) -> Point:
    """k·G."""
    k %= N
    return PublicKey.from_secret(_sb(k)) if k else None


def mul(point: Point, k: int) -> Point:
    """k·P."""
    k %= N
    if point is None or not k:
        return None
    return point.multiply(_sb(k))


def add(*points: Point) -> Point:
    return add_all(points)


def add_all(points: Iterable[Point]) -> Point:
    present = [p for p in points if p is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    try:
        return PublicKey.combine_keys(present)
    except ValueError:  # the sum is the neutral element
        return None


def neg(point: Point) -> Point:
    if point is None:
        return None
    raw = bytearray(point.format(compressed=True))
    raw[0] ^= 1  # 02 <-> 03: same x, the other y
    return PublicKey(bytes(raw))


def sub(p: Point, q: Point) -> Point:
    return add(p, neg(q))


def mul_add_base(point: Point, k: int, s: int) -> Point:
    """k·P + s·G (one variable-base and one fixed-base multiplication)."""
    kp = mul(point, k)
    s %= N
    if not s:
        return kp
    if kp is None:
        return base(s)
    try:
        return kp.add(_sb(s))
    except ValueError:  # the sum is the neutral element
        return None


def equal(p: Point, q: Point) -> bool:
    if p is None or q is None:
        return p is None and q is None
    return p.format(compressed=True) == q.format(compressed=True)


def hash_to_scalar(*parts: str) -> int:
    """The Fiat-Shamir challenge: SHA-256 of the parts joined by ``|``, reduced mod N."""
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest, "big") % N
