"""Demo data for the compliance view: the party committee's meetings on the congress's work
(S1) — the congress-work conference early in the term and the yearly hearing of the
standing committee party group's report."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.compliance import services as C

#: (kind, day, title, note)
PARTY_MEETINGS = (
    ("conference", dt.date(2022, 9, 16), "中共清河市委人大工作会议", "学习贯彻中央人大工作会议精神，部署新时代全市人大工作。"),
    ("group_report", dt.date(2023, 12, 8), "市委常委会听取市人大常委会党组2023年工作情况汇报", ""),
    ("group_report", dt.date(2024, 12, 13), "市委常委会听取市人大常委会党组2024年工作情况汇报", ""),
    ("group_report", dt.date(2025, 12, 12), "市委常委会听取市人大常委会党组2025年工作情况汇报", "研究2026年人大立法、监督和重大事项决定工作安排。"),
)  # fmt: skip


#: The rules the demo office shows on the public site.
PUBLISHED = ("S14", "§8.1", "§8.7", "S8", "S9", "§1.2", "§5.2", "§4.7")


def seed_published(*, actor) -> dict[str, int]:
    for code in PUBLISHED:
        C.rule_publish(actor=actor, code=code, publish=True)
    return {"published_rules": len(PUBLISHED)}


def seed_party(*, actor) -> dict[str, int]:
    today = timezone.localdate()
    n = 0
    for kind, day, title, note in PARTY_MEETINGS:
        if day <= today:
            at = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 17))
            C.party_meeting_record(actor=actor, kind=kind, held_on=day, title=title, note=note, now=at)  # fmt: skip
            n += 1
    return {"party_meetings": n}
