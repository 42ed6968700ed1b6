"""The 'my work' home: each domain registers a provider of items for a user.

A provider returns :class:`WorkItem` rows (what waits for this user, with its due
date); the home page sorts them by due date and colours due-soon and overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone


@dataclass
class WorkItem:
    title: Any
    url: str
    kind: Any
    due: dt.date | None = None
    rule: str = ""
    detail: Any = ""
    #: Waits now, not by a date (a live vote): shown first, as a card with a big button.
    urgent: bool = False
    action: Any = ""

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days


Provider = Callable[[Any, dt.date], list[WorkItem]]
_PROVIDERS: list[Provider] = []


def register_work(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def work_for(user, today: dt.date | None = None) -> list[WorkItem]:
    today = today or timezone.localdate()
    items: list[WorkItem] = []
    for provider in _PROVIDERS:
        items.extend(provider(user, today))
    far = dt.date.max
    return sorted(items, key=lambda i: (i.due or far, str(i.title)))
