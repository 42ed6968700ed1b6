"""How polls read on pages: labels of options and results, and result tables."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.people.models import Person

OPTION_LABELS = {
    "yes": _("赞成"),
    "no": _("反对"),
    "abstain": _("弃权"),
    "not_voted": _("未按"),
    "absent": _("缺席"),
    "late": _("开始后签到投票"),
    "base": _("应到"),
    "present": _("实到"),
    "satisfied": _("满意"),
    "basically_satisfied": _("基本满意"),
    "dissatisfied": _("不满意"),
}

RESULT_LABELS = {
    "passed": _("通过"),
    "failed": _("未通过"),
    "satisfied": _("满意"),
    "not_satisfied": _("不满意"),
    "complete": _("选举完成"),
    "revote": _("须再次投票"),
    "further_election": _("须另行选举"),
    "void": _("选举无效"),
}


def result_label(tally: dict[str, Any]) -> Any:
    return RESULT_LABELS.get(tally.get("result"), "")


def result_rows(poll, tally: dict[str, Any]) -> list[tuple]:
    """(label, votes, elected, re-vote) rows of a sealed tally, for tables beside any chart."""
    if poll.kind == "election":
        names = dict(
            Person.objects.filter(pk__in=[int(p) for p in tally.get("votes", {})]).values_list(
                "pk", "name"
            )
        )
        elected = set(tally.get("elected", []))
        revote = set(tally.get("revote", []))
        rows = [
            (names.get(int(pid), pid), votes, int(pid) in elected, int(pid) in revote)
            for pid, votes in sorted(tally.get("votes", {}).items(), key=lambda kv: -kv[1])
        ]
        if "absent" in tally:
            rows += [(OPTION_LABELS[k], tally[k], None, None) for k in ("not_voted", "absent")]
        return rows
    keys = (
        ["satisfied", "basically_satisfied", "dissatisfied"]
        if poll.kind == "satisfaction"
        else ["yes", "no", "abstain"]
    )
    keys.append("not_voted")
    if "absent" in tally:
        keys.append("absent")
    return [(OPTION_LABELS[k], tally.get(k, 0), None, None) for k in keys]


def attendance_rows(tally: dict[str, Any]) -> list[tuple[Any, int]]:
    """应到 / 实到 (and late voters when any) of a sealed tally, for the result's header."""
    if "present" not in tally:
        return [(OPTION_LABELS["base"], tally.get("base", 0))]
    rows = [(OPTION_LABELS[k], tally[k]) for k in ("base", "present")]
    if tally.get("late"):
        rows.append((OPTION_LABELS["late"], tally["late"]))
    return rows
