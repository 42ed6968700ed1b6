"""The shape of a case and the scenario helpers the cases share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from renda.core.errors import DomainError

D = dt.date


@dataclass(frozen=True)
class Case:
    """``run`` gives ``default`` under the statute default and ``changed`` once the setting is
    ``value``."""

    value: str
    default: Any
    changed: Any
    run: Callable[[Scenario], Any]


def registry(cases: dict[str, Case]):
    """A decorator registering ``fn`` as the case of ``key``."""

    def case(key: str, *, value: str, default: Any, changed: Any):
        def register(fn: Callable[[Scenario], Any]) -> Callable[[Scenario], Any]:
            if key in cases:
                raise ValueError(f"two cases for {key}")
            cases[key] = Case(value, default, changed, fn)
            return fn

        return register

    return case


class Scenario:
    """The fixtures of one test and what a case builds once for both of its runs."""

    def __init__(self, request: pytest.FixtureRequest):
        self.request = request
        self._built: dict[str, Any] = {}
        self._serial = 0

    def fixture(self, name: str) -> Any:
        return self.request.getfixturevalue(name)

    @property
    def users(self) -> dict[str, Any]:
        return self.fixture("users")

    @property
    def staff(self) -> Any:
        return self.users["staff"]

    @property
    def term(self) -> Any:
        return self.fixture("term")

    def once(self, name: str, build: Callable[[], Any]) -> Any:
        """``build()`` on the first run only; the second run reuses what it made."""
        if name not in self._built:
            self._built[name] = build()
        return self._built[name]

    def serial(self) -> int:
        """A number not used before in this test, for names that must be unique."""
        self._serial += 1
        return self._serial


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """A moment of ``day`` in the local time zone."""
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def verdict(call: Callable[[], Any]) -> str:
    """``"accepted"`` when ``call`` succeeds, else the code of the domain error it raises."""
    try:
        call()
    except DomainError as error:
        return error.code
    return "accepted"
