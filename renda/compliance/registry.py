"""One registry of checks: every rule code of the rule book (the seed's S-codes and the
statutory rules), each evaluated on live data for a year, or saying why it cannot be.

A check reuses its domain's own selectors (the rule is computed once, where the domain keeps
it) and returns a :class:`Verdict`: the status, a sentence, the period it covers and the
evidence — links to the meetings, reports, cases and filings behind it.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core import rulebook


class Status(models.TextChoices):
    MET = "met", _("已落实")
    AT_RISK = "at_risk", _("有风险")
    BROKEN = "broken", _("未落实")
    NOT_DUE = "not_due", _("尚未到期")
    NOT_APPLICABLE = "not_applicable", _("本级不适用")
    NOT_EVALUATED = "not_evaluated", _("不能自动评估")


#: The order of badness, worst first: a rule's status is the worst of its parts.
SEVERITY = (Status.BROKEN, Status.AT_RISK, Status.NOT_DUE, Status.MET, Status.NOT_APPLICABLE, Status.NOT_EVALUATED)  # fmt: skip

AREAS = {
    "party": _("党的领导"),
    "meetings": _("会议与表决"),
    "supervision": _("监督工作"),
    "budget": _("预决算审查监督"),
    "filings": _("备案审查"),
    "decisions": _("重大事项决定"),
    "appointments": _("选举任免"),
    "deputies": _("代表工作"),
    "suggestions": _("代表建议"),
    "legislation": _("地方立法"),
    "organization": _("机构与保障"),
}


@dataclass
class Evidence:
    label: Any
    url: str = ""
    status: str = ""


@dataclass
class Verdict:
    status: str
    summary: Any
    evidence: list[Evidence] = field(default_factory=list)
    period: Any = ""


Evaluate = Callable[[int, dt.date], Verdict]


@dataclass(frozen=True)
class Check:
    code: str
    area: str
    evaluate: Evaluate | None = None
    #: Why it cannot be evaluated on the data (when ``evaluate`` is None).
    reason: Any = ""

    @property
    def rule(self) -> rulebook.Rule | None:
        return rulebook.rule(self.code)


@dataclass
class Result:
    check: Check
    verdict: Verdict

    @property
    def code(self) -> str:
        return self.check.code

    @property
    def status_label(self) -> Any:
        return Status(self.verdict.status).label


REGISTRY: dict[str, Check] = {}


def check(code: str, area: str) -> Callable[[Evaluate], Evaluate]:
    """Register ``evaluate(year, today)`` as the check of ``code``."""

    def register(fn: Evaluate) -> Evaluate:
        _add(Check(code, area, fn))
        return fn

    return register


def unevaluable(code: str, area: str, reason: Any) -> None:
    """Register ``code`` as one the data cannot decide, with the reason shown on the page."""
    _add(Check(code, area, None, reason))


def _add(entry: Check) -> None:
    if entry.code not in rulebook.RULES:
        raise ValueError(f"{entry.code}: not a rule of the rule book")
    if entry.area not in AREAS:
        raise ValueError(f"{entry.code}: unknown area {entry.area}")
    if entry.code in REGISTRY and REGISTRY[entry.code] != entry:
        raise ValueError(f"{entry.code}: registered twice")
    REGISTRY[entry.code] = entry


def join(parts) -> str:
    """Sentences joined into one, without a full stop before each semicolon."""
    return "；".join(str(p).rstrip("。") for p in parts if str(p))


def worst(*statuses: str) -> str:
    """The worst of several parts' statuses (for a rule made of several checks)."""
    present = set(statuses)
    return next((s for s in SEVERITY if s in present), Status.NOT_EVALUATED)


def evaluate(code: str, year: int, today: dt.date) -> Result:
    entry = REGISTRY[code]
    if entry.evaluate is None:
        return Result(entry, Verdict(Status.NOT_EVALUATED, entry.reason))
    if year > today.year:
        return Result(entry, Verdict(Status.NOT_DUE, _("该年度尚未开始。"), period=str(year)))
    return Result(entry, entry.evaluate(year, today))


_SHARED: ContextVar[dict | None] = ContextVar("compliance_shared", default=None)


def shared(key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per :func:`evaluate_all` for the checks that read the same thing
    (the meeting calendar's findings, the composition figures); each call alone otherwise."""
    store = _SHARED.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def evaluate_all(year: int, today: dt.date, codes: set[str] | None = None) -> list[Result]:
    """Every registered rule (or those of ``codes``) in the rule book's order."""
    order = list(rulebook.RULES)
    chosen = REGISTRY if codes is None else [c for c in REGISTRY if c in codes]
    token = _SHARED.set({})
    try:
        return [evaluate(code, year, today) for code in sorted(chosen, key=order.index)]
    finally:
        _SHARED.reset(token)


#: How long evaluated rules are reused when nothing was audited since (changes written around
#: the actions, such as an import, show after this at the latest).
REUSE_SECONDS = 600
_reused: dict[tuple, tuple[float, list[Result]]] = {}
_reuse_lock = threading.Lock()


def evaluate_all_reused(year: int, today: dt.date, codes: set[str] | None = None) -> list[Result]:
    """:func:`evaluate_all`, reused until the next audited change (the audit chain's head moves),
    the day turns or :data:`REUSE_SECONDS` pass; one evaluation at a time in a process, so a
    burst of readers after a change waits for one evaluation rather than making one each."""
    from django.utils import translation

    from renda.core.models import AuditHead

    head = AuditHead.objects.filter(id=1).values_list("seq", "hash").first()
    if head is None:
        return evaluate_all(year, today, codes)  # nothing audited yet: nothing to tell changes by
    key = (year, today, translation.get_language(), frozenset(codes or ()), codes is None, head)
    with _reuse_lock:
        found = _reused.get(key)
        if found and time.monotonic() - found[0] < REUSE_SECONDS:
            return found[1]
        results = evaluate_all(year, today, codes)
        if len(_reused) >= 32:
            _reused.clear()
        _reused[key] = (time.monotonic(), results)
        return results


def year_end(year: int, today: dt.date) -> dt.date:
    """The day a year is judged on: its last day once it is over, else today."""
    return min(today, dt.date(year, 12, 31))


def summary(results: list[Result]) -> dict:
    """Counts by status, by area and overall (what the dashboard's cards show)."""
    counts = {s.value: 0 for s in Status}
    areas = {key: {"key": key, "label": label, "results": [], "counts": {s.value: 0 for s in Status}} for key, label in AREAS.items()}  # fmt: skip
    for result in results:
        counts[result.verdict.status] += 1
        area = areas[result.check.area]
        area["results"].append(result)
        area["counts"][result.verdict.status] += 1
    missing = [rule for code, rule in rulebook.RULES.items() if code not in REGISTRY and code != "counting"]  # fmt: skip
    return {
        "counts": counts,
        "areas": [a for a in areas.values() if a["results"]],
        "missing": missing,
    }
