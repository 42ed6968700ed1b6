"""'My work' items of deputies' matters: what waits for the office."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.work import WorkItem

from . import selectors
from .models import QualificationMatter, TrainingCourse, TrainingEnrolment

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
        return _my_courses(user, today)
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
