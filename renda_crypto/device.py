"""A scrutineer's device (监票人终端): its key, the sealed shares, and what it answers.

The whole protocol of one scrutineer, in Python; the browser page runs the same steps in
``renda/voting/static/voting/scrutineer_crypto.js`` and both produce the same JSON. The
load generator and the tests use this module as the scrutineers' devices; the server
never runs it (it never holds a device secret or a share).

1. **Enrol.** The device draws a secret d and registers its device key D = d·G.
2. **Deal.** Once every scrutineer has enrolled, each device makes its dealing
   (:func:`renda_crypto.make_dealing`: coefficient commitments with a proof of
   knowledge) and seals the share f_i(j) for every scrutineer j to j's device key, so the
   server relays shares it cannot read (hashed ElGamal: R = k·G, mask = H(k·D_j),
   c = f_i(j) + mask mod N; :func:`seal_share`).
3. **Confirm.** Once every dealing is in, each device opens the shares sealed to it
   (:func:`open_share`), checks each against its dealer's commitments
   (:func:`renda_crypto.verify_share`), adds them into its key share x_j and answers
   its verification key x_j·G, which must equal the one everybody recomputes from the
   dealings. A share that does not check is a complaint against its dealer.
4. **Decrypt.** At a poll's close the device answers its partial decryption of the
   encrypted totals with proofs (:func:`renda_crypto.partial_decrypt`).

The device keeps only d; x_j is recomputed from the sealed shares whenever it is needed.
"""

from __future__ import annotations

from typing import Any

from . import group as g
from .ballot import decode_ciphertext
from .threshold import ThresholdError, joint_share, make_dealing, partial_decrypt, verify_share

SHARE = "renda-share/1"


def _mask(context: str, dealer: int, recipient: int, r: g.Point, shared: g.Point) -> int:
    return g.hash_to_scalar(
        SHARE, context, str(dealer), str(recipient), g.encode_point(r), g.encode_point(shared)
    )


def new_device() -> tuple[int, str]:
    """A device secret and its public device key."""
    d = g.random_scalar()
    return d, g.encode_point(g.base(d))


def seal_share(context: str, dealer: int, recipient: int, device_key: str, share: int) -> dict:
    """The share f_dealer(recipient), readable only with the recipient's device secret."""
    k = g.random_scalar()
    r = g.base(k)
    shared = g.mul(g.decode_point(device_key), k)
    c = (share + _mask(context, dealer, recipient, r, shared)) % g.N
    return {"r": g.encode_point(r), "c": g.encode_scalar(c)}


def open_share(context: str, dealer: int, recipient: int, secret: int, sealed: Any) -> int:
    try:
        r = g.decode_point(sealed["r"])
        c = g.decode_scalar(sealed["c"])
    except (KeyError, TypeError, g.GroupError) as exc:
        raise ThresholdError(f"sealed share of dealer {dealer}: {exc}") from exc
    return (c - _mask(context, dealer, recipient, r, g.mul(r, secret))) % g.N


def deal(context: str, dealer: int, t: int, device_keys: dict[int, str]) -> dict[str, Any]:
    """Scrutineer ``dealer``'s dealing and its shares sealed to every device (1…n)."""
    n = len(device_keys)
    dealing, shares = make_dealing(context, dealer, n, t)
    sealed = {
        str(j): seal_share(context, dealer, j, device_keys[j], shares[j]) for j in range(1, n + 1)
    }
    return {"dealing": dealing, "shares": sealed}


def key_share(context: str, index: int, secret: int, dealt: list[dict[str, Any]]) -> int:
    """x_index from every dealer's dealing and the share it sealed to this device.

    ``dealt`` holds ``{"dealing": …, "share": sealed}`` per dealer. A share that does not
    match its dealer's commitments raises :class:`ThresholdError` naming the dealer.
    """
    received = []
    for item in dealt:
        dealer = int(item["dealing"]["dealer"])
        share = open_share(context, dealer, index, secret, item["share"])
        if not verify_share(item["dealing"], index, share):
            raise ThresholdError(f"the share of dealer {dealer} does not match its commitments")
        received.append(share)
    return joint_share(received)


def verification_key(share: int) -> str:
    return g.encode_point(g.base(share))


def decrypt(context: str, index: int, share: int, totals: list[dict[str, str]]) -> dict[str, Any]:
    """This scrutineer's partial decryption of a poll's encrypted totals, with proofs."""
    return partial_decrypt(context, index, share, [decode_ciphertext(c) for c in totals])
