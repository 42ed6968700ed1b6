"""Matters of qualification (代表法 Arts. 62–63; rules.md §2.2, S22).

When a deputy reaches the unapproved-absence limit from congress sessions in a term, the
platform raises a matter for the credentials committee with the evidence; approved leave
never counts, and a matter whose count falls below the limit again (leave approved late) is
withdrawn by the platform. The office may raise a matter on another ground. The committee
reports, and the standing committee announces the termination: the announcement ends the
mandate and is published on the public site.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, SystemActor, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.people.models import Deputy

from .. import workflow
from ..hooks import QUALIFICATION_ANNOUNCED
from ..models import QualificationMatter
from ..selectors import absence_evidence, open_matter
from ._common import record_text

MANAGE = "deputies.manage"
Q = QualificationMatter.Status
G = QualificationMatter.Ground


def _seated(deputy: Deputy) -> None:
    if not deputy.is_seated:
        raise Conflict(
            "deputy_not_seated",
            _("{name}的代表职务已经终止（{status}）。"),
            name=deputy.person.name,
            status=deputy.get_status_display(),
        )


@action(
    "deputies.qualification.raise_absences",
    model=QualificationMatter,
    permission=SYSTEM,
    rule="S22",
    label=_("依据缺席记录提出代表资格事项"),
    audit="deputies.qualification.raised",
)
def qualification_raise_absences(
    ctx: ActionContext, *, deputy: Deputy
) -> QualificationMatter | None:
    """Raise the absence matter of a seated deputy at the limit; nothing otherwise (idempotent)."""
    deputy = Deputy.objects.select_for_update().select_related("person").get(pk=deputy.pk)
    evidence = absence_evidence(deputy)
    limit = param("deputy.unapproved_absence_limit")
    if not deputy.is_seated or evidence["count"] < limit or open_matter(deputy, G.ABSENCES):
        ctx.audited = False
        return None
    matter = QualificationMatter.objects.create(
        deputy=deputy,
        ground=G.ABSENCES,
        raised_on=ctx.today,
        raised_by_platform=True,
        evidence={**evidence, "limit": limit},
        facts=record_text(
            _("{name}在本届任期内未经批准{count}次不出席本级人民代表大会会议（限{limit}次）。"),
            name=deputy.person.name,
            count=evidence["count"],
            limit=limit,
        ),
    )
    ctx.audit_object = matter
    ctx.changes.update(
        deputy=deputy.pk,
        ground=G.ABSENCES,
        count=evidence["count"],
        limit=limit,
        meetings=[s["meeting_id"] for s in evidence["sessions"] if s["counts"]],
    )
    return matter


def _still_short(ctx: ActionContext, matter: QualificationMatter) -> None:
    if matter.ground != G.ABSENCES:
        raise DomainError("not_an_absence_matter", _("只有依据缺席记录提出的事项可自动撤回。"))
    if absence_evidence(matter.deputy)["count"] >= param("deputy.unapproved_absence_limit"):
        raise Conflict("absences_still_at_limit", _("未经批准缺席次数仍达到法定次数。"))


@action(
    "deputies.qualification.withdraw",
    model=QualificationMatter,
    subject="matter",
    sources=workflow.WITHDRAW_SOURCES,
    target=Q.WITHDRAWN,
    permission=SYSTEM,
    precondition=_still_short,
    rule="S22",
    label=_("撤回代表资格事项"),
)
def qualification_withdraw(
    ctx: ActionContext, *, matter: QualificationMatter
) -> QualificationMatter:
    """Withdraw an absence matter whose count fell below the limit (leave approved afterwards)."""
    evidence = absence_evidence(matter.deputy)
    matter.closing_note = record_text(
        _("请假获批准后，未经批准缺席次数为{count}次，未达到法定次数。"), count=evidence["count"]
    )[:300]
    matter.closed_on = ctx.today
    matter.save(update_fields=["closing_note", "closed_on", "updated_at"])
    ctx.changes.update(count=evidence["count"])
    return matter


def review_absences(deputy: Deputy, *, actor=None, now=None) -> QualificationMatter | None:
    """Bring the deputy's absence matter in line with the record: raise it or withdraw it.

    Called after every attendance change of a congress session (the effect of
    ``meetings.attendance_changed``) and by the daily sweep; both are idempotent.
    """
    actor = actor if isinstance(actor, SystemActor) else SystemActor(actor, "attendance changed")
    existing = open_matter(deputy, G.ABSENCES)
    count = absence_evidence(deputy)["count"]
    if existing is None:
        return qualification_raise_absences(actor=actor, deputy=deputy, now=now)
    if count < param("deputy.unapproved_absence_limit"):
        return qualification_withdraw(actor=actor, matter=existing, now=now)
    return existing


def sweep_absences() -> int:
    """The daily sweep: review every seated deputy who missed a session; returns matters raised."""
    from renda.meetings.models import Attendance, Meeting

    person_ids = (
        Attendance.objects.filter(
            meeting__kind=Meeting.Kind.CONGRESS_SESSION, status=Attendance.Status.ABSENT
        )
        .values_list("person_id", flat=True)
        .distinct()
    )
    raised = 0
    for deputy in Deputy.objects.filter(
        person_id__in=person_ids, status__in=[Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED]
    ).select_related("person"):
        before = open_matter(deputy, G.ABSENCES)
        after = review_absences(deputy, actor=SystemActor(None, "daily sweep"))
        raised += int(before is None and after is not None)
    for matter in QualificationMatter.objects.filter(
        ground=G.ABSENCES, status__in=QualificationMatter.OPEN
    ).select_related("deputy__person"):
        review_absences(matter.deputy, actor=SystemActor(None, "daily sweep"))
    return raised


# -- the office -------------------------------------------------------------------------


@action(
    "deputies.qualification.open",
    model=QualificationMatter,
    permission=MANAGE,
    rule="§2.2",
    label=_("提出代表资格事项"),
    audit="deputies.qualification.raised",
    refs={"deputy": Deputy},
)
def qualification_open(
    ctx: ActionContext,
    *,
    deputy: Deputy,
    ground: str,
    facts: str,
    raised_on: dt.date | None = None,
) -> QualificationMatter:
    """Raise a matter on a ground the office learnt of (moving away, nationality…).

    Absences are raised from the attendance record only, never typed in.
    """
    validation.choice(ground, [g for g in G.values if g != G.ABSENCES], field="ground")
    facts = validation.text(facts, field="facts", label=_("事实和依据"), max_length=2000)
    deputy = Deputy.objects.select_for_update().select_related("person").get(pk=deputy.pk)
    _seated(deputy)
    if open_matter(deputy, ground):
        raise Conflict(
            "qualification_matter_open",
            _("{name}已有同一事由的代表资格事项在办理中。"),
            name=deputy.person.name,
        )
    matter = QualificationMatter.objects.create(
        deputy=deputy,
        ground=ground,
        raised_on=raised_on or ctx.today,
        facts=facts,
        raised_by=ctx.user,
    )
    ctx.audit_object = matter
    ctx.changes.update(deputy=deputy.pk, ground=ground)
    return matter


@action(
    "deputies.qualification.report",
    model=QualificationMatter,
    subject="matter",
    sources=workflow.REPORT_SOURCES,
    target=Q.REPORTED,
    permission=MANAGE,
    rule="§2.2",
    label=_("登记资格审查委员会的报告"),
)
def qualification_report(
    ctx: ActionContext,
    *,
    matter: QualificationMatter,
    report: str,
    reported_on: dt.date | None = None,
) -> QualificationMatter:
    """Record the credentials committee's report to the standing committee (Art. 63)."""
    matter.report = validation.text(
        report, field="report", label=_("资格审查委员会的报告"), max_length=4000
    )
    matter.reported_on = reported_on or ctx.today
    if matter.reported_on < matter.raised_on:
        raise DomainError("date_order", _("报告日期不能早于事项提出日期。"), field="reported_on")
    matter.save(update_fields=["report", "reported_on", "updated_at"])
    ctx.changes.update(reported_on=str(matter.reported_on))
    return matter


def _announcement_text(matter: QualificationMatter) -> str:
    """The notice's default text, naming the deputy, the ground and the term."""
    deputy = matter.deputy
    return record_text(
        _(
            "根据《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》的规定，"
            "{name}因{ground}，其{term}人民代表大会代表资格终止。"
            "经代表资格审查委员会审查，常务委员会予以公告。"
        ),
        name=deputy.person.name,
        ground=record_text(matter.get_ground_display()),
        term=deputy.term,
    )


@action(
    "deputies.qualification.announce",
    model=QualificationMatter,
    subject="matter",
    sources=workflow.ANNOUNCE_SOURCES,
    target=Q.ANNOUNCED,
    permission=MANAGE,
    rule="§2.2",
    label=_("公告终止代表资格"),
)
def qualification_announce(
    ctx: ActionContext,
    *,
    matter: QualificationMatter,
    announcement: str = "",
    announced_on: dt.date | None = None,
) -> QualificationMatter:
    """The standing committee's announcement (Art. 63): the mandate ends; the public site
    publishes the notice after commit (the ``deputies.qualification_announced`` effect)."""
    from renda.people.services import deputy_change_status

    deputy = Deputy.objects.select_related("person", "term").get(pk=matter.deputy_id)
    _seated(deputy)
    on = announced_on or ctx.today
    if matter.reported_on and on < matter.reported_on:
        raise DomainError(
            "date_order", _("公告日期不能早于资格审查委员会报告日期。"), field="announced_on"
        )
    text = validation.text(
        announcement, field="announcement", label=_("公告"), required=False, max_length=2000
    ) or _announcement_text(matter)
    ctx.perform(
        deputy_change_status,
        deputy=deputy,
        status=Deputy.Status.TERMINATED,
        on=on,
        reason=record_text(matter.get_ground_display())[:200],
    )
    matter.announcement, matter.announced_on, matter.closed_on = text, on, on
    matter.save(update_fields=["announcement", "announced_on", "closed_on", "updated_at"])
    ctx.emit(QUALIFICATION_ANNOUNCED, matter_id=matter.pk)
    ctx.changes.update(announced_on=str(on), deputy=deputy.pk)
    return matter


@action(
    "deputies.qualification.dismiss",
    model=QualificationMatter,
    subject="matter",
    sources=workflow.DISMISS_SOURCES,
    target=Q.DISMISSED,
    permission=MANAGE,
    rule="§2.2",
    label=_("不终止代表资格"),
)
def qualification_dismiss(
    ctx: ActionContext, *, matter: QualificationMatter, note: str
) -> QualificationMatter:
    """Close a matter whose ground was not borne out, with the reason (the record keeps it)."""
    matter.closing_note = validation.text(note, field="note", label=_("理由"), max_length=300)
    matter.closed_on = ctx.today
    matter.save(update_fields=["closing_note", "closed_on", "updated_at"])
    ctx.changes.update(note=matter.closing_note)
    return matter


#: The office's actions on a matter, for the pages' buttons (:func:`renda.core.actions.available`).
QUALIFICATION_ACTIONS = (
    qualification_report,
    qualification_announce,
    qualification_dismiss,
)
