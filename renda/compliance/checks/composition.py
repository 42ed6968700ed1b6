"""Composition (S20, S21, S28, §2.10, §8.15, §8.16): the composition page's own figures, as they
stood at the year's end (or today, for the current year)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.people import composition

from ..registry import Evidence, Status, Verdict, check, join, shared, worst, year_end


def _figures(year, today) -> dict:
    day = year_end(year, today)

    def compute() -> dict:
        figures = composition.congress_figures(today=day) + composition.standing_committee_figures(day)  # fmt: skip
        return {f.key: f for f in figures}

    return shared(("composition", day), compute)


def _judge(year, today, *keys) -> Verdict:
    figures = _figures(year, today)
    parts = [figures[k] for k in keys if k in figures]
    link = Evidence(_("代表和常委会组成人员构成"), reverse("people:composition"))
    if not parts or any(f.passed is None for f in parts):
        return Verdict(Status.NOT_EVALUATED, _("尚无届次或组成人员数据。"), [link], str(year))
    lines = [
        format_lazy(
            _("{label}：{count}/{total}（{percent}），要求 {threshold}"),
            label=f.label,
            count=f.count,
            total=f.total,
            percent=f.percent if f.comparator != "range" else f.count,
            threshold=f.threshold_text,
        )  # fmt: skip
        for f in parts
    ]
    status = worst(*(Status.MET if f.passed else Status.BROKEN for f in parts))
    return Verdict(status, join(str(line) for line in lines), [link], str(year))


@check("S20", "deputies")
def leading_cadres(year, today) -> Verdict:
    return _judge(year, today, "leading_cadres")


@check("S21", "deputies")
def reelected(year, today) -> Verdict:
    return _judge(year, today, "reelected")


@check("§2.10", "deputies")
def deputy_structure(year, today) -> Verdict:
    return _judge(year, today, "leading_cadres", "reelected")


@check("S28", "organization")
def full_time_share(year, today) -> Verdict:
    return _judge(year, today, "sc_full_time")


@check("§8.16", "organization")
def full_time_members(year, today) -> Verdict:
    return _judge(year, today, "sc_full_time")


@check("§8.15", "organization")
def sc_size(year, today) -> Verdict:
    return _judge(year, today, "sc_size")
