"""The standing committee's readings, the unified review and the vote (立法法 第31–44、87条)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.meetings.models import AgendaItem, Meeting

from ..models import DraftVersion, Project, Reading
from ._common import MANAGE
from .projects import meeting_for_sc

S = Project.Status
RS = Reading.Status


def _latest_version(project: Project) -> DraftVersion | None:
    return project.versions.order_by("-number").first()


def _no_reading_waiting(ctx: ActionContext, project: Project) -> None:
    if project.readings.filter(status=RS.SCHEDULED).exists():
        raise Conflict("reading_scheduled", _("上一次审议尚未登记，不能再安排审议。"))
    if project.readings.filter(status=RS.HELD).count() >= project.readings_required:
        raise Conflict(
            "readings_complete", _("已审议{n}次，应进行统一审议后交付表决。"),
            n=project.readings_required,
        )  # fmt: skip


@action(
    "legislation.project.schedule_reading",
    model=Project,
    subject="project",
    sources={S.SUBMITTED, S.IN_READING},
    target=S.IN_READING,
    permission=MANAGE,
    precondition=_no_reading_waiting,
    rule="S5",
    label=_("列入常委会会议审议"),
)
def project_schedule_reading(
    ctx: ActionContext, *, project: Project, meeting: Meeting | None
) -> Reading:
    """Put the latest version on a meeting's agenda: the draft reached the members
    ``legislation.draft_to_members_days`` days before (第31条), and the interval since the
    last reading is at least ``legislation.reading_interval_days``."""
    from renda.meetings.services import agenda_item_add, document_add

    meeting = meeting_for_sc(meeting, _("常委会会议"))
    version = _latest_version(project)
    lead = int(param("legislation.draft_to_members_days"))
    if (meeting.starts_on - version.sent_on).days < lead:
        raise Conflict(
            "draft_late",
            _("法规草案应在会议举行{days}日前发给常委会组成人员；{label}于{on}印发，不能列入{day}的会议。"),
            field="meeting", days=lead, label=version.label, on=version.sent_on.isoformat(),
            day=meeting.starts_on.isoformat(),
        )  # fmt: skip
    last = project.readings.filter(status=RS.HELD).order_by("-held_on").first()
    interval = int(param("legislation.reading_interval_days"))
    if last is not None and (meeting.starts_on - last.held_on).days < max(interval, 1):
        raise Conflict(
            "reading_too_soon", _("距上次审议（{on}）不足{days}日。"), field="meeting",
            on=last.held_on.isoformat(), days=max(interval, 1),
        )  # fmt: skip
    number = project.readings.filter(status=RS.HELD).count() + 1
    title = _("审议《{title}》（第{n}次审议）").format(title=project.title, n=number)
    item = agenda_item_add(
        actor=ctx.user, meeting=meeting, kind="motion", title=str(title)[:200],
        description=version.explanation[:2000], now=ctx.now,
    )  # fmt: skip
    document_add(
        actor=ctx.user, meeting=meeting, item=item, kind="motion",
        title=f"{project.title}（{version.label}）"[:200], received_on=version.sent_on, now=ctx.now,
    )  # fmt: skip
    reading = Reading.objects.create(
        project=project, number=number, meeting=meeting, agenda_item=item, version=version
    )
    ctx.changes.update(reading=reading.pk, number=number, meeting=meeting.pk, version=version.pk)
    return reading


@action(
    "legislation.project.record_reading",
    model=Project,
    subject="project",
    sources={S.IN_READING},
    permission=MANAGE,
    rule="S5",
    label=_("登记审议情况"),
    refs={"reading": Reading},
)
def project_record_reading(
    ctx: ActionContext, *, project: Project, reading: Reading, held_on: dt.date | None,
    opinions: str,
) -> Reading:  # fmt: skip
    """Record that the reading took place, with a summary of the members' opinions."""
    if reading.project_id != project.pk or reading.status != RS.SCHEDULED:
        raise DomainError("reading_unknown", _("该次审议不在待登记之列。"), field="reading")
    validation.required(held_on, "held_on", _("审议日期"))
    meeting = reading.meeting
    if not meeting.starts_on <= held_on <= meeting.ends_on or held_on > ctx.today:
        raise DomainError("date_not_meeting", _("审议日期应为会议举行期间且不晚于今天。"), field="held_on")  # fmt: skip
    reading.held_on, reading.status = held_on, RS.HELD
    reading.opinions = validation.text(opinions, field="opinions", label=_("审议意见摘要"), max_length=20000)  # fmt: skip
    reading.save(update_fields=["held_on", "status", "opinions", "updated_at"])
    item = reading.agenda_item
    if item is not None and item.disposition == AgendaItem.Disposition.PENDING:
        # A reading deliberates without a vote: the item is decided (S16), the bill goes on.
        from renda.meetings.services import agenda_item_decide

        ctx.perform(agenda_item_decide, item=item, note=str(_("已审议，提出审议意见。")))
    ctx.changes.update(reading=reading.pk, number=reading.number, held_on=str(held_on))
    return reading


def _readings_done(ctx: ActionContext, project: Project) -> None:
    held = project.readings.filter(status=RS.HELD).count()
    if held < project.readings_required:
        raise Conflict(
            "readings_incomplete",
            _("法规案应经{n}次常委会会议审议后交付表决，目前已审议{held}次。"),
            n=project.readings_required, held=held,
        )  # fmt: skip


@action(
    "legislation.project.review",
    model=Project,
    subject="project",
    sources={S.IN_READING},
    target=S.REVIEWED,
    permission=MANAGE,
    precondition=_readings_done,
    rule="S5",
    label=_("登记统一审议结果"),
)
def project_review(
    ctx: ActionContext, *, project: Project, reviewed_on: dt.date | None, report: str
) -> Project:
    """The legal committee's report on the review results (第87条第2款); the latest version
    is the text put to the vote (表决稿)."""
    validation.required(reviewed_on, "reviewed_on", _("统一审议日期"))
    if reviewed_on > ctx.today:
        raise DomainError("date_future", _("统一审议日期不能晚于今天。"), field="reviewed_on")
    project.reviewed_on = reviewed_on
    project.review_report = validation.text(report, field="report", label=_("审议结果的报告"), max_length=20000)  # fmt: skip
    project.save(update_fields=["reviewed_on", "review_report", "updated_at"])
    ctx.changes.update(reviewed_on=str(reviewed_on), version=_latest_version(project).pk)
    return project


@action(
    "legislation.project.put_to_vote",
    model=Project,
    subject="project",
    sources={S.REVIEWED},
    target=S.VOTING,
    permission=MANAGE,
    rule="S5",
    label=_("交付表决"),
)
def project_put_to_vote(
    ctx: ActionContext, *, project: Project, meeting: Meeting | None
) -> Project:
    """Put the text for the vote to the standing committee: a decision poll, carried by a
    majority of all members (立法法 第44条, counted by the voting core)."""
    from renda.meetings.services import agenda_item_add
    from renda.voting.services import poll_create

    meeting = meeting_for_sc(meeting, _("常委会会议"))
    last = project.readings.filter(status=RS.HELD).order_by("-held_on").first()
    if last is not None and meeting.ends_on < last.held_on:
        raise DomainError("meeting_before_reading", _("表决会议不能早于最后一次审议。"), field="meeting")  # fmt: skip
    title = _("表决《{title}》").format(title=project.title)
    item = agenda_item_add(
        actor=ctx.user, meeting=meeting, kind="motion", title=str(title)[:200],
        description=project.review_report[:2000], now=ctx.now,
    )  # fmt: skip
    poll = poll_create(actor=ctx.user, agenda_item=item, kind="decision", now=ctx.now)
    project.agenda_item, project.poll = item, poll
    project.save(update_fields=["agenda_item", "poll", "updated_at"])
    ctx.changes.update(meeting=meeting.pk, agenda_item=item.pk, poll=poll.pk)
    return project


def _has_poll(ctx: ActionContext, project: Project) -> None:
    if project.poll_id is None:
        raise Conflict("no_poll", _("尚未交付表决。"))


def _carry(ctx: ActionContext, project: Project) -> Project:
    from renda.voting.selectors import sealed_tally

    tally = sealed_tally(project.poll_id)
    project.tally, project.voted_on = tally, ctx.today
    project.status = S.PASSED if tally.get("result") == "passed" else S.NOT_PASSED
    project.save(update_fields=["tally", "voted_on", "status", "updated_at"])
    ctx.changes.update(result=tally.get("result"), yes=tally.get("yes"), poll=project.poll_id)
    return project


@action(
    "legislation.project.record_vote",
    model=Project,
    subject="project",
    sources={S.VOTING},
    outcomes={S.PASSED, S.NOT_PASSED},
    permission=MANAGE,
    precondition=_has_poll,
    rule="S5",
    label=_("登记表决结果"),
    audit="legislation.project.voted",
)
def project_record_vote(ctx: ActionContext, *, project: Project) -> Project:
    """The office's button, after a manual count: carry the sealed vote."""
    return _carry(ctx, project)


@action(
    "legislation.project.carry_vote",
    model=Project,
    subject="project",
    sources={S.VOTING},
    outcomes={S.PASSED, S.NOT_PASSED},
    permission=SYSTEM,
    precondition=_has_poll,
    rule="S5",
    label=_("表决封存后登记结果"),
    audit="legislation.project.voted",
)
def project_carry_vote(ctx: ActionContext, *, project: Project) -> Project:
    """The sealed poll records its result on its own (the seal is the authority)."""
    return _carry(ctx, project)
