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
        return [
            (names.get(int(pid), pid), votes, int(pid) in elected, int(pid) in revote)
            for pid, votes in sorted(tally.get("votes", {}).items(), key=lambda kv: -kv[1])
        ]
    keys = (
        ["satisfied", "basically_satisfied", "dissatisfied"]
        if poll.kind == "satisfaction"
        else ["yes", "no", "abstain"]
    )
    return [(OPTION_LABELS[k], tally.get(k, 0), None, None) for k in [*keys, "not_voted"]]
