"""Login failures per client address, and the trusted office networks.

An address with ``LOGIN_ADDRESS_MAX_FAILURES`` failed logins (any names, known or not)
within a window of ``LOGIN_ADDRESS_WINDOW_MINUTES`` is refused until the window ends.
Addresses in ``LOGIN_TRUSTED_NETWORKS`` are never throttled and sign in even while their
account is held after repeated failures.
"""

from __future__ import annotations

from django.conf import settings

from renda.core import throttle as core_throttle

from .services import login_address_throttled_record

SCOPE = "login-failures"


def _window() -> int:
    return max(1, settings.LOGIN_ADDRESS_WINDOW_MINUTES) * 60


def address_of(request) -> str:
    return core_throttle.client_address(request)


def address_is_trusted(address: str) -> bool:
    return core_throttle.address_in_networks(address, settings.LOGIN_TRUSTED_NETWORKS)


def address_is_throttled(address: str) -> bool:
    count = core_throttle.count(SCOPE, core_throttle.address_key(address), window=_window())
    return count >= settings.LOGIN_ADDRESS_MAX_FAILURES


def address_seconds_left() -> int:
    return core_throttle.seconds_left(window=_window())


def address_failure_record(address: str) -> None:
    """Count one failed login from ``address``; audit the moment it reaches the limit."""
    if address_is_trusted(address):
        return
    count = core_throttle.hit(SCOPE, core_throttle.address_key(address), window=_window())
    if count == settings.LOGIN_ADDRESS_MAX_FAILURES:
        login_address_throttled_record(address=address)
