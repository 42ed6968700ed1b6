"""Legislation (S5; 立法法 第31、40条): how often a bill is read, when its draft reaches the
members, how long it is published for comment and how far apart its readings are."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.legislation import services as L
from renda.meetings.services import meeting_schedule

from .cases import Case, Scenario, registry, verdict

CASES: dict[str, Case] = {}
case = registry(CASES)

DRAFT = "第一条 为了规范养犬行为，制定本条例。"


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def drafted(s: Scenario, *, sent: int):
    """A new bill argued and drafted, its draft sent to the members ``sent`` days ago."""
    project = L.project_create(
        actor=s.staff, title=f"清河市养犬管理条例{s.serial()}", proposer="government",
        proposer_name="清河市人民政府", drafter="市公安局", proposed_on=days_ago(60),
    )  # fmt: skip
    L.project_argue(actor=s.staff, project=project, argued_on=days_ago(50), argument="必要且可行。")  # fmt: skip
    version = L.project_add_version(
        actor=s.staff, project=project, label="草案", text=DRAFT, explanation="关于草案的说明。",
        sent_on=days_ago(sent),
    )  # fmt: skip
    return project, version


def submitted(s: Scenario, *, sent: int, on: dt.date):
    """A new bill whose draft was sent ``sent`` days ago, submitted on ``on``."""
    project, _version = drafted(s, sent=sent)
    L.project_submit(actor=s.staff, project=project, submitted_on=on)
    project.refresh_from_db()
    return project


def sc_meeting(s: Scenario, day: dt.date):
    return meeting_schedule(actor=s.staff, kind="sc_meeting", term=s.term, starts_on=day)


@case("legislation.readings", value="2", default=3, changed=2)
def readings(s: Scenario):
    """S5: a bill submitted is read the number of times of the setting."""
    return submitted(s, sent=20, on=days_ago(0)).readings_required


@case("legislation.comment_days", value="20", default="comment_period_short", changed="accepted")  # fmt: skip
def comment(s: Scenario):
    """第40条: a draft is published for comment for twenty days from today."""
    project, version = s.once("drafted", lambda: drafted(s, sent=20))
    opens = days_ago(0)
    return verdict(
        lambda: L.project_open_comment(
            actor=s.staff,
            project=project,
            version=version,
            opens_on=opens,
            closes_on=opens + dt.timedelta(days=19),
        )  # fmt: skip
    )


@case("legislation.draft_to_members_days", value="5", default="draft_late", changed="accepted")
def draft_to_members(s: Scenario):
    """第31条: a draft sent to the members five days ago, read at a meeting held today."""
    project, meeting = s.once(
        "bill", lambda: (submitted(s, sent=5, on=days_ago(3)), sc_meeting(s, days_ago(0)))
    )
    return verdict(lambda: L.project_schedule_reading(actor=s.staff, project=project, meeting=meeting))  # fmt: skip


@case("legislation.reading_interval_days", value="30", default="accepted", changed="reading_too_soon")  # fmt: skip
def reading_interval(s: Scenario):
    """S5: a bill first read 30 days ago is put on a meeting held ten days later."""
    first, second = s.once("meetings", lambda: (sc_meeting(s, days_ago(30)), sc_meeting(s, days_ago(20))))  # fmt: skip
    project = submitted(s, sent=40, on=days_ago(35))
    reading = L.project_schedule_reading(actor=s.staff, project=project, meeting=first)
    L.project_record_reading(
        actor=s.staff, project=project, reading=reading, held_on=first.starts_on,
        opinions="组成人员普遍赞成。",
    )  # fmt: skip
    return verdict(lambda: L.project_schedule_reading(actor=s.staff, project=project, meeting=second))  # fmt: skip
