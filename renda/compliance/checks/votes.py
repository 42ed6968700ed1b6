"""Votes of the standing committee and the congress (S30, §8.2, §8.3, §8.8, §8.11), read from the
voting module's own records; motions (§8.5, §8.10) cannot be judged on the data.

Every poll of the year's SC meetings and congress sessions (``voting.selectors.polls_held``, one
query) is read with its sealed tally and its roll: the members on the roll when the poll opened
and how many of them were signed in (quorum, judged with the meetings' own
``required_for_quorum``); the votes for a result recorded as passed, or for each person recorded
as elected, against more than half of all members (``voting.rules.majority_of_all``, the same
denominator as the tally: the roll, never those present); the method (keypad, or the show of hands
or paper it fell back to), the secrecy and the 未按 (present, no ballot) the tally keeps apart.
Agenda items recorded as voted with no poll behind them
(``voting.selectors.items_voted_without_poll``) were voted outside the electronic system.

The platform refuses to open a poll below quorum and seals the tally it counted itself, so a
failure here means a record written around those steps (an import, a direct edit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.meetings.models import Meeting
from renda.meetings.selectors import required_for_quorum
from renda.voting import selectors as vs
from renda.voting.models import Poll
from renda.voting.rules import majority_of_all
from renda.voting.workflow import PollStatus

from ..registry import Evidence, Status, Verdict, check, join, shared, unevaluable, worst, year_end

AREA = "meetings"
SC, CONGRESS = Meeting.Kind.SC_MEETING, Meeting.Kind.CONGRESS_SESSION
MAX_EVIDENCE = 50


@dataclass
class Held:
    """The year's polls (drafts and annulled aside) and the voted items with no poll."""

    polls: list[Poll]
    off_platform: list[Any]
    off_platform_count: int
    body: dict[str, list[Poll]] = field(default_factory=dict)


def _held(year: int, today: dt.date) -> Held:
    end = year_end(year, today)

    def compute() -> Held:
        kinds = (SC, CONGRESS)
        rows = [p for p in vs.polls_held(meeting_kinds=kinds, year=year, until=end) if p.status != PollStatus.ANNULLED]  # fmt: skip
        items = vs.items_voted_without_poll(meeting_kinds=kinds, year=year, until=end)
        held = Held(rows, list(items[:MAX_EVIDENCE]), items.count())
        for kind in kinds:
            held.body[kind] = [p for p in rows if p.agenda_item.meeting.kind == kind]
        return held

    return shared(("votes", year, end), compute)


def _tally(poll: Poll) -> dict | None:
    if poll.status != PollStatus.SEALED:
        return None
    try:
        return poll.seal.tally
    except ObjectDoesNotExist:
        return None


def _base(poll: Poll, tally: dict | None = None) -> int:
    """All members: the roll frozen at open (never fewer than the poll or its tally say)."""
    return max(poll.base_count or 0, int((tally or {}).get("base") or 0), poll.on_roll)


def _below_quorum(poll: Poll) -> tuple[bool, int, str]:
    """Whether the poll opened below its meeting's quorum, the number required and the rule text."""
    base = _base(poll)
    required, _rule, text = required_for_quorum(poll.agenda_item.meeting.kind, base)
    return base == 0 or poll.present_at_open < required, required, text


def _short_of_majority(poll: Poll) -> bool | None:
    """A result recorded as passed (or a person as elected) without the votes of more than half
    of all members: True; passed with them: False; nothing passed: None."""
    tally = _tally(poll)
    if not tally:
        return None
    need = majority_of_all(_base(poll, tally))
    if poll.kind == Poll.Kind.ELECTION:
        elected = [str(p) for p in tally.get("elected") or []]
        if not elected:
            return None
        votes = tally.get("votes") or {}
        return any(int(votes.get(p) or 0) < need for p in elected)
    if poll.kind == Poll.Kind.SATISFACTION or tally.get("result") != "passed":
        return None
    return int(tally.get("yes") or 0) < need


def _label(poll: Poll) -> str:
    meeting = poll.agenda_item.meeting
    return f"{meeting.title} · {poll.title}"


def _link(poll: Poll, flag: str = "") -> Evidence:
    return Evidence(
        _label(poll), reverse("voting:poll_detail", args=[poll.pk]), flag or poll.status
    )


def _evidence(flagged: list[tuple[Poll, str]], rest: list[Poll]) -> list[Evidence]:
    """The flagged polls first, then the others, at most :data:`MAX_EVIDENCE` links."""
    seen = {p.pk for p, _f in flagged}
    out = [_link(p, f) for p, f in flagged] + [_link(p) for p in rest if p.pk not in seen]
    return out[:MAX_EVIDENCE]


def _quorum(polls: list[Poll], body) -> tuple[str, Any, list[tuple[Poll, str]]]:
    short = [(p, *_below_quorum(p)) for p in polls]
    bad = [(p, "below_quorum") for p, below, _r, _t in short if below]
    text = short[0][3] if short else ""
    if bad:
        line = format_lazy(_("{body}表决 {n} 项，其中 {bad} 项开始表决时出席人数未达到法定人数（应为全体{members}的 {text}）"), body=body[0], n=len(polls), bad=len(bad), members=body[1], text=text)  # fmt: skip
        return Status.BROKEN, line, bad
    line = format_lazy(_("{body}表决 {n} 项，开始表决时出席人数均达到法定人数（应为全体{members}的 {text}，平台在开始表决时核对）"), body=body[0], n=len(polls), members=body[1], text=text)  # fmt: skip
    return Status.MET, line, []


def _majority(polls: list[Poll], members) -> tuple[str, Any, list[tuple[Poll, str]]]:
    judged = [(p, _short_of_majority(p)) for p in polls]
    passed = [p for p, short in judged if short is not None]
    bad = [(p, "short_of_majority") for p, short in judged if short]
    if not passed:
        return Status.NOT_APPLICABLE, _("没有获通过或当选的表决结果"), []
    if bad:
        line = format_lazy(_("获通过或当选 {n} 项，其中 {bad} 项赞成票或得票未超过全体{members}的半数"), n=len(passed), bad=len(bad), members=members)  # fmt: skip
        return Status.BROKEN, line, bad
    line = format_lazy(_("获通过或当选 {n} 项，均获全体{members}过半数的赞成票或选票（平台以全体{members}为计票基数）"), n=len(passed), members=members)  # fmt: skip
    return Status.MET, line, []


SC_BODY = (_("常委会"), _("组成人员"))
CONGRESS_BODY = (_("人代会"), _("代表"))


@check("§8.2", AREA)
def congress_quorum(year: int, today: dt.date) -> Verdict:
    """Every vote of the year's congress sessions opened with at least two thirds of all deputies."""
    polls = _held(year, today).body[CONGRESS]
    if not polls:
        return Verdict(Status.NOT_APPLICABLE, _("本年度人代会会议没有表决。"), [], str(year))
    status, line, bad = _quorum(polls, CONGRESS_BODY)
    return Verdict(status, line, _evidence(bad, polls), str(year))


@check("§8.3", AREA)
def congress_majority(year: int, today: dt.date) -> Verdict:
    """Congress decisions and elections recorded as passed carried a majority of all deputies."""
    polls = _held(year, today).body[CONGRESS]
    status, line, bad = _majority(polls, CONGRESS_BODY[1])
    if status == Status.NOT_APPLICABLE:
        return Verdict(status, _("本年度人代会没有获通过的决定或当选的选举结果。"), [], str(year))
    return Verdict(
        status, format_lazy(_("人代会{line}"), line=line), _evidence(bad, polls), str(year)
    )


@check("§8.8", AREA)
def sc_quorum_and_majority(year: int, today: dt.date) -> Verdict:
    """Every SC vote opened with more than half of all members present, and what passed had
    the votes of more than half of all members."""
    polls = _held(year, today).body[SC]
    if not polls:
        return Verdict(Status.NOT_APPLICABLE, _("本年度常委会会议没有表决。"), [], str(year))
    q_status, q_line, q_bad = _quorum(polls, SC_BODY)
    m_status, m_line, m_bad = _majority(polls, SC_BODY[1])
    return Verdict(worst(q_status, m_status), join([q_line, m_line]), _evidence(q_bad + m_bad, polls), str(year))  # fmt: skip


@check("S30", AREA)
def electronic_voting(year: int, today: dt.date) -> Verdict:
    """The year's SC and congress votes taken on the electronic voting system: by keypad, or
    by the show of hands or paper it fell back to; votes recorded with no poll were taken off it."""
    held = _held(year, today)
    polls = held.polls
    manual = [p for p in polls if p.method != Poll.Method.KEYPAD]
    off = held.off_platform_count
    if not polls and not off:
        return Verdict(
            Status.NOT_APPLICABLE, _("本年度常委会和人代会会议尚无表决。"), [], str(year)
        )
    keypad = len(polls) - len(manual)
    lines = [format_lazy(_("常委会和人代会在电子表决系统上表决 {n} 项：按表决器 {keypad} 项，改用举手或纸质票 {manual} 项"), n=len(polls), keypad=keypad, manual=len(manual))]  # fmt: skip
    if off:
        lines.append(format_lazy(_("{n} 项议程记为已表决，但没有电子表决系统的表决记录"), n=off))
    if polls and not keypad:
        lines.append(_("本年度没有一项表决使用表决器"))
    status = Status.BROKEN if off or (polls and not keypad) else Status.MET
    evidence = [Evidence(f"{i.meeting.title} · {i.title}", reverse("meetings:detail", args=[i.meeting_id]), "off_platform") for i in held.off_platform]  # fmt: skip
    evidence += _evidence([(p, p.method) for p in manual], [])
    meetings = {p.agenda_item.meeting.pk: p.agenda_item.meeting for p in polls}
    evidence += [Evidence(m.title, reverse("voting:meeting_polls", args=[m.pk])) for m in meetings.values()]  # fmt: skip
    return Verdict(status, join(lines), evidence[:MAX_EVIDENCE], str(year))


@check("§8.11", AREA)
def voting_method(year: int, today: dt.date) -> Verdict:
    """Sealed votes taken anonymously (keypad, or the hand count it fell back to), with the
    members present who did not press (未按) recorded apart from the absent, and counted."""
    sealed = [(p, t) for p in _held(year, today).polls if (t := _tally(p)) is not None]
    polls = [p for p, _t in sealed]
    if not polls:
        return Verdict(Status.NOT_APPLICABLE, _("本年度常委会和人代会没有已封存结果的表决。"), [], str(year))  # fmt: skip
    named = [(p, "named") for p in polls if p.secrecy == Poll.Secrecy.NAMED]
    unrecorded = [(p, "no_not_voted") for p, t in sealed if not {"present", "not_voted"} <= set(t)]
    idle = [
        (p, int(t["not_voted"] or 0)) for p, t in sealed if "present" in t and t.get("not_voted")
    ]
    not_pressed = sum(n for _p, n in idle)
    manual = sum(1 for p in polls if p.method != Poll.Method.KEYPAD)
    lines = [format_lazy(_("已封存表决 {n} 项，其中举手或纸质票 {manual} 项"), n=len(polls), manual=manual)]  # fmt: skip
    statuses = [Status.MET]
    if named:
        statuses.append(Status.BROKEN)
        lines.append(format_lazy(_("{n} 项采用记名方式，未按无记名方式表决"), n=len(named)))
    if unrecorded:
        statuses.append(Status.BROKEN)
        lines.append(format_lazy(_("{n} 项的结果没有分列出席未按和缺席人数"), n=len(unrecorded)))
    if idle:
        statuses.append(Status.AT_RISK)
        lines.append(format_lazy(_("{n} 项表决中共有 {people} 人次出席而未按表决器（出席人员应当表决），已记录为未按"), n=len(idle), people=not_pressed))  # fmt: skip
    else:
        lines.append(_("出席人员均已表决"))
    return Verdict(worst(*statuses), join(lines), _evidence(named + unrecorded + [(p, "not_voted") for p, _n in idle], polls), str(year))  # fmt: skip


unevaluable(
    "§8.5",
    AREA,
    _(
        "§8.5 要求代表联名提出议案须达到法定人数，并在大会主席团规定的截止时间前提交；"
        "本平台的议程事项只记载议题、报告机关和报告人，不记载议案的提出人、联名代表及其人数和提交时间，"
        "也没有记载主席团规定的截止时间，无法在数据上核对。"
    ),
)
unevaluable(
    "§8.10",
    AREA,
    _(
        "§8.10 要求常委会组成人员联名提出议案须达到法定人数（设区的市与县不同）；"
        "本平台的议程事项只记载议题和报告机关，立法项目只记载提案主体（如“常委会组成人员联名”），"
        "都不记载联名的组成人员及其人数，无法在数据上核对。"
    ),
)
