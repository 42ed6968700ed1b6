"""'My work' items of deputies' matters: what waits for the office."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.work import WorkItem

from . import selectors
from .models import (
    OPEN_STATUSES,
    QualificationMatter,
    TrainingCourse,
    TrainingEnrolment,
    VoterMessage,
    VoterReport,
)

Q = QualificationMatter.Status
#: Which matter statuses wait for the office, and what to do.
WAITING = {
    Q.RAISED: _("交资格审查委员会审查并登记报告"),
    Q.REPORTED: _("常务委员会公告或作出不终止的结论"),
}


def deputies_work(user, today: dt.date) -> list[WorkItem]:
    if not user.is_authenticated:
        return []
    if user.has_perm("deputies.train") and not user.has_perm("deputies.manage"):
        return _my_courses(user, today) + _letters(selectors.visible_messages(user))
    if not user.has_perm("deputies.manage"):
        return []
    items = [
        WorkItem(
            title=format_lazy(
                _("代表资格：{name}（{ground}）"),
                name=m.deputy.person.name,
                ground=m.get_ground_display(),
            ),
            url=reverse("deputies:matter_detail", args=[m.pk]),
            kind=WAITING[m.status],
            rule="§2.2",
            detail=m.get_status_display(),
        )
        for m in QualificationMatter.objects.filter(status__in=list(WAITING))
        .select_related("deputy__person")
        .order_by("raised_on", "id")
    ]
    items += [
        WorkItem(
            title=format_lazy(_("培训办结：{title}"), title=c.title),
            url=reverse("deputies:course_detail", args=[c.pk]),
            kind=_("登记参训情况并办结"),
            rule="S24",
            detail=format_lazy(_("{end} 结束"), end=c.ends_on.isoformat()),
        )
        for c in TrainingCourse.objects.filter(
            status=TrainingCourse.Status.PLANNED, ends_on__lt=today
        ).order_by("ends_on", "id")
    ]
    items += _training_reminder(today)
    items += _letters(selectors.visible_messages(user).filter(station__isnull=False))
    items += _office_letters_and_reports(today)
    return items


def _letters(visible) -> list[WorkItem]:
    """Letters waiting for their addressee: a deputy's own, or the stations' for the office."""
    return [
        WorkItem(
            title=format_lazy(_("群众来信：{subject}"), subject=m.subject),
            url=reverse("deputies:message_detail", args=[m.pk]),
            kind=_("受理并答复写信人"),
            rule="S25",
            detail=m.get_status_display(),
        )
        for m in visible.filter(status__in=OPEN_STATUSES).order_by("received_at", "id")
    ]


def _office_letters_and_reports(today: dt.date) -> list[WorkItem]:
    """Answered letters the writers agreed to publish, waiting for the office's review; and
    reports to voters whose day has passed without a record."""
    items = []
    waiting = VoterMessage.objects.filter(
        status=VoterMessage.Status.ANSWERED, consent_publish=True, published_at__isnull=True
    ).count()
    if waiting:
        items.append(
            WorkItem(
                title=format_lazy(_("{n} 封群众来信待审核公开"), n=waiting),
                url=reverse("deputies:messages") + "?to_publish=on",
                kind=_("审核后公开或不公开"),
                rule="S26",
            )
        )
    items += [
        WorkItem(
            title=format_lazy(_("代表述职：{name}"), name=r.deputy.person.name),
            url=reverse("deputies:report_detail", args=[r.pk]),
            kind=_("记录述职情况"),
            rule="§2.5",
            detail=format_lazy(_("{day} 已举行"), day=r.held_on.isoformat()),
        )
        for r in VoterReport.objects.filter(status=VoterReport.Status.PLANNED, held_on__lt=today)
        .select_related("deputy__person")
        .order_by("held_on", "id")
    ]
    return items


def _training_reminder(today: dt.date) -> list[WorkItem]:
    """The deputies not yet trained this term, once the term is half over (S24, §2.6)."""
    from renda.people.selectors import current_term

    term = current_term(today)
    if term is None or term.end_date is None:
        return []
    halfway = term.start_date + (term.end_date - term.start_date) / 2
    if today < halfway:
        return []
    short = selectors.untrained(term).count()
    if not short:
        return []
    return [
        WorkItem(
            title=format_lazy(_("本届尚有 {n} 名代表未完成履职学习培训"), n=short),
            url=reverse("deputies:training_coverage") + "?short=1",
            kind=_("安排培训"),
            rule="S24",
            due=term.end_date,
            detail=format_lazy(_("本届任期 {end} 届满"), end=term.end_date.isoformat()),
        )
    ]


def _my_courses(user, today: dt.date) -> list[WorkItem]:
    """A deputy's courses this week that still wait for their sign-in."""
    if not user.person_id:
        return []
    return [
        WorkItem(
            title=format_lazy(_("培训：{title}"), title=e.course.title),
            url=reverse("deputies:my_training"),
            kind=_("按时参加并签到"),
            due=e.course.starts_on,
            rule="S24",
            detail=e.course.place,
        )
        for e in TrainingEnrolment.objects.filter(
            deputy__person_id=user.person_id,
            status=TrainingEnrolment.Status.ENROLLED,
            course__status=TrainingCourse.Status.PLANNED,
            course__starts_on__lte=today + dt.timedelta(days=7),
            course__ends_on__gte=today,
        )
        .select_related("course")
        .order_by("course__starts_on", "id")
    ]
