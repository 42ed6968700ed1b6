"""Per-address counting in the shared cache: public form limits and login failure windows.

Counters live in fixed windows (``window`` seconds) keyed by a scope and a key (usually
the client's address), so every process that shares the cache shares the count.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def client_address(request) -> str:
    """The address the request came from (``REMOTE_ADDR``, set by the front proxy)."""
    return (request.META.get("REMOTE_ADDR", "") if request is not None else "") or "unknown"


def address_key(address: str) -> str:
    """The counting key of an address: itself for IPv4, its /64 network for IPv6 (one
    household or host usually holds a whole /64, so single addresses are cheap to rotate)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _bucket(scope: str, key: str, window: int) -> str:
    slot = int(timezone.now().timestamp() // window)
    return f"throttle:{scope}:{key}:{window}:{slot}"


def hit(scope: str, key: str, *, window: int) -> int:
    """Count one event for ``key`` in the current window and return the window's count."""
    name = _bucket(scope, key, window)
    if cache.add(name, 1, timeout=window + 10):
        return 1
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window + 10)
        return 1


def count(scope: str, key: str, *, window: int) -> int:
    """How many events ``key`` has in the current window (without counting one)."""
    return int(cache.get(_bucket(scope, key, window)) or 0)


def seconds_left(*, window: int) -> int:
    """Seconds until the current window ends."""
    now = timezone.now().timestamp()
    return max(1, int(window - now % window))


def rate_limited(request, scope: str, *, limit: int | None = None, window: int = 60) -> bool:
    """Count one request from this address under ``scope``; True when over the limit.

    The limit defaults to ``PUBLIC_FORM_RATE_PER_MINUTE`` per minute, the limit of the
    public forms and of looking up a tracking code (page and API alike)."""
    if limit is None:
        limit = settings.PUBLIC_FORM_RATE_PER_MINUTE
    return hit(scope, address_key(client_address(request)), window=window) > limit


def address_in_networks(address: str, networks: Iterable[str]) -> bool:
    """True when ``address`` lies in one of the CIDR ``networks`` (bad entries are skipped)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in networks:
        try:
            if ip in ipaddress.ip_network(str(network).strip(), strict=False):
                return True
        except ValueError:
            continue
    return False
