"""Tracking codes (查询码) that people who write in without an account follow their item by.

Twelve characters from an alphabet without the look-alikes (0/O, 1/I/L), shown in groups of
four; what a person types back is read leniently (spaces, dashes, lower case).
"""

from __future__ import annotations

import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 12


def new_code() -> str:
    """Draw a fresh code, as stored (``ABCD-EFGH-JKMN``)."""
    raw = "".join(secrets.choice(ALPHABET) for _i in range(LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise(code: str) -> str:
    """The code as stored, from what a person typed (any case, spaces, full-width characters, with or
    without the dashes); "" when it cannot be one."""
    text = unicodedata.normalize("NFKC", str(code or "")).upper()
    raw = "".join(ch for ch in text if ch in ALPHABET)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == LENGTH else ""
