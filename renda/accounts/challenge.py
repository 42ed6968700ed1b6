"""The login page's challenge (验证码): how a held account still signs in from outside the office.

After any failed login, whatever the reason (an unknown name, a wrong password, an account
held after repeated failures), the browser's session gets a challenge: five characters drawn
as a picture. The next attempt shows it, so seeing it says nothing about whether an account
exists. An account held after repeated failures (``LOGIN_ACCOUNT_DELAY_SECONDS``) signs in
from an address outside ``LOGIN_TRUSTED_NETWORKS`` only with the challenge answered: people
who attack an account from many addresses can keep it held, but cannot keep its owner out.
An answer is good once, for ``TTL`` seconds, and only in the session that was given it.
"""

from __future__ import annotations

import io
import random
import secrets
import time

from django.utils.crypto import constant_time_compare

SESSION_KEY = "renda_login_challenge"
#: No 0/O, 1/I/L, 2/Z, 5/S, 8/B: characters a person could misread.
ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
LENGTH = 5
TTL = 300


def issue(request) -> str:
    """Give the session a fresh challenge (replacing any earlier one); returns its text."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    request.session[SESSION_KEY] = {"code": code, "expires": time.time() + TTL}
    return code


def pending(request) -> bool:
    """Whether the session holds a challenge still to be answered."""
    data = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return bool(data) and data.get("expires", 0) > time.time()


def answer(request, text: str) -> bool:
    """Check an answer (case and spaces ignored). Each challenge is good for one answer."""
    data = request.session.pop(SESSION_KEY, None) if hasattr(request, "session") else None
    if not data or data.get("expires", 0) <= time.time():
        return False
    given = "".join((text or "").split()).upper()
    return constant_time_compare(given, data.get("code", ""))


def picture(request) -> bytes:
    """The session's challenge drawn as a PNG (a new challenge when none is pending)."""
    from PIL import Image, ImageDraw, ImageFont

    data = request.session.get(SESSION_KEY)
    code = data["code"] if pending(request) and data else issue(request)
    rng = random.Random(secrets.randbits(64))  # noqa: S311 - drawing noise, not a secret
    width, height = 200, 64
    image = Image.new("RGB", (width, height), (250, 246, 238))
    draw = ImageDraw.Draw(image)
    for _ in range(6):  # lines across the text
        points = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(2)]
        draw.line(points, fill=(rng.randint(120, 190),) * 3, width=2)
    font = ImageFont.load_default(size=38)
    for i, char in enumerate(code):
        glyph = Image.new("RGBA", (48, 56), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((8, 4), char, font=font, fill=(150, 20, 30, 255))
        glyph = glyph.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC, expand=False)
        image.paste(glyph, (6 + i * 36, rng.randint(0, 8)), glyph)
    for _ in range(220):  # speckles
        draw.point((rng.randint(0, width - 1), rng.randint(0, height - 1)), fill=(90, 90, 90))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
