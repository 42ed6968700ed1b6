"""Writes of supervision, one service per step (rules §3, §4.3–§4.6, S8–S11).

Each service checks the actor's permission and its rules (a
:class:`~renda.core.errors.DomainError` with a stable code), locks the row, checks the
workflow table, writes and audits inside one transaction. Agenda items go through
:mod:`renda.meetings.services`, polls through :mod:`renda.voting.services` and the
handling of opinions through :mod:`renda.casework.services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.casework import services as cw
from renda.casework.kinds import ensure_kind
from renda.casework.models import Case, CaseKind, DeadlineUnit
from renda.casework.services._common import check_upload
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.statute import param, params
from renda.meetings import services as meeting_services
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Deputy, Jurisdiction, Membership, Organization, Person
from renda.voting import services as voting_services
from renda.voting.models import Poll

from . import (
    statute,  # noqa: F401  (registers the parameters)
    workflow,
)
from .models import (
    Evaluation,
    InquiryQuestion,
    InquiryRespondent,
    InquirySession,
    InquiryTopic,
    Inspection,
    InspectionMember,
    Interpellation,
    InterpellationSigner,
    JudicialRecord,
    Opinion,
    OpinionRound,
    Plan,
    PlanItem,
    PlanRevision,
    Report,
    Research,
    ResearchMember,
    TopicKind,
    TopicSource,
)
from .obligations import OBLIGATIONS, windows

O = Opinion.Status  # noqa: E741
MAX_TEXT = 20_000
SOURCE_TYPE = "supervision.opinion_round"
#: Result classes of a handling report (研究处理情况), marked for translation.
RESULT_CLASSES = {"A": "已落实", "B": "正在落实", "C": "列入计划逐步落实"}
_RESULT_LABELS = (_("已落实"), _("正在落实"), _("列入计划逐步落实"))
#: Casework kinds: code → (name, reply-months parameter).
CASE_KINDS = {
    Opinion.Origin.REPORT: ("deliberation_opinion", "审议意见", "supervision.opinion_reply_months"),
    Opinion.Origin.INSPECTION: (
        "inspection_opinion",
        "执法检查审议意见",
        "supervision.inspection_reply_months",
    ),
    Opinion.Origin.INQUIRY: ("inquiry_opinion", "专题询问意见", "supervision.inquiry_reply_months"),
    Opinion.Origin.RESEARCH: (
        "research_opinion",
        "专题调研报告审议意见",
        "supervision.opinion_reply_months",
    ),
    "lead": ("misconduct_lead", "司法人员违法违纪线索", "supervision.lead_feedback_months"),
}
_KIND_NAMES = (
    _("审议意见"),
    _("执法检查审议意见"),
    _("专题询问意见"),
    _("司法人员违法违纪线索"),
    _("专题调研报告审议意见"),
)


# -- helpers ------------------------------------------------------------------------------


def _require(actor, perm: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(perm):
        raise PermissionDenied()


def _text(
    value: Any, *, field: str, label, required: bool = True, max_length: int = MAX_TEXT
) -> str:
    out = "" if value is None else str(value).strip()
    if required and not out:
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)
    if len(out) > max_length:
        raise DomainError(
            "field_too_long",
            _("{label}不能超过{max}个字符。"),
            field=field,
            label=label,
            max=max_length,
        )
    if "\x00" in out:
        raise DomainError("invalid_text", _("{label}含有无效字符。"), field=field, label=label)
    return out


def _choice(value: Any, choices, *, field: str) -> str:
    if value not in choices.values:
        raise DomainError(
            "invalid_choice", _("选项“{value}”无效。"), field=field, value=value or ""
        )
    return value


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _day(now: dt.datetime) -> dt.date:
    return timezone.localdate(now) if timezone.is_aware(now) else now.date()


def _status_conflict(obj) -> Conflict:
    return Conflict(
        "status_not_allowed",
        _("当前状态为“{status}”，不能执行此操作。"),
        status=obj.get_status_display(),
    )


def _check(table: dict, action: str, obj) -> None:
    if not workflow.allows(table, action, obj.status):
        raise _status_conflict(obj)


def _sc() -> Organization:
    body = (
        Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE)
        .order_by("id")
        .first()
    )
    if body is None:
        raise Conflict("standing_committee_missing", _("尚未设置常务委员会机构。"))
    return body


def case_kind(key: str) -> CaseKind:
    """The casework kind of an opinion origin (or of a misconduct lead), created on first use."""
    code, name, months_key = CASE_KINDS[key]
    return ensure_kind(
        code=code,
        name=name,
        reply_amount=param(months_key),
        reply_unit=DeadlineUnit.MONTHS,
        extended_amount=0,
        requester_rates=False,
        contact_required=False,
        result_classes=dict(RESULT_CLASSES),
        follow_up_classes=["B", "C"],
        rehandle_amount=param(months_key),
        rehandle_unit=DeadlineUnit.MONTHS,
    )


def _month(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        month = int(value)
    except (TypeError, ValueError):
        month = 0
    if not 1 <= month <= 12:
        raise DomainError("invalid_month", _("月份应为 1 至 12。"), field="planned_month")
    return month


# -- the annual plan (rules §3.1) ----------------------------------------------------------


def _snapshot(plan: Plan) -> list[dict]:
    return [
        {
            "id": i.pk,
            "kind": i.kind,
            "title": i.title,
            "body": i.supervised_body_id,
            "responsible": i.responsible_body_id,
            "meeting": i.planned_meeting_id,
            "month": i.planned_month,
            "source": i.source,
            "obligation": i.obligation,
            "cancelled": i.cancelled,
        }
        for i in plan.items.order_by("id")
    ]


def _revision(
    plan: Plan, actor, action: str, note: str = "", now: dt.datetime | None = None
) -> None:
    PlanRevision.objects.create(
        plan=plan,
        version=plan.version,
        action=action,
        note=note,
        snapshot=_snapshot(plan),
        at=_now(now),
        actor=actor,
    )


def obligations_sync(plan: Plan) -> list[PlanItem]:
    """Add the recurring obligations (S8, S9, §4.3–§4.6) the plan does not have yet."""
    have = set(plan.items.exclude(obligation="").values_list("obligation", flat=True))
    bodies = {
        o.code: o
        for o in Organization.objects.filter(
            code__in={ob.body_code for ob in OBLIGATIONS}
            | {ob.responsible_code for ob in OBLIGATIONS}
        )
    }
    spans = windows(plan.year)
    created = []
    for order, ob in enumerate(OBLIGATIONS, start=1):
        if ob.code in have:
            continue
        created.append(
            PlanItem.objects.create(
                plan=plan,
                kind=TopicKind.SPECIAL_REPORT,
                title=str(ob.title),
                supervised_body=bodies.get(ob.body_code),
                responsible_body=bodies.get(ob.responsible_code),
                planned_month=spans[ob.code][1].month,
                source=TopicSource.STATUTORY,
                source_note=ob.rule,
                obligation=ob.code,
                with_evaluation=ob.evaluation,
                order=order,
            )
        )
    return created


def plan_create(*, actor, year: int, title: str = "", now: dt.datetime | None = None) -> Plan:
    """Start the year's plan as a draft with its recurring obligations already in it."""
    _require(actor, "supervision.manage")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("invalid_year", _("年度无效。"), field="year")
    title = (
        _text(title, field="title", label=_("标题"), required=False, max_length=200)
        or f"{year}年度常务委员会监督工作计划"
    )
    with transaction.atomic():
        if Plan.objects.filter(year=year).exists():
            raise Conflict(
                "plan_exists", _("{year}年度的监督工作计划已存在。"), field="year", year=year
            )
        plan = Plan.objects.create(year=year, title=title)
        added = obligations_sync(plan)
        _revision(plan, actor, "drafted", now=now)
        audit_record(
            actor=actor,
            action="supervision.plan.created",
            obj=plan,
            changes={"year": year, "obligations": [i.obligation for i in added]},
        )
    return plan


ITEM_FIELDS = (
    "kind",
    "title",
    "supervised_body",
    "responsible_body",
    "planned_meeting",
    "planned_month",
    "source",
    "source_type",
    "source_id",
    "source_note",
    "with_evaluation",
)


def _clean_item(plan: Plan, data: dict[str, Any]) -> dict[str, Any]:
    data["kind"] = _choice(data.get("kind"), TopicKind, field="kind")
    data["title"] = _text(data.get("title"), field="title", label=_("议题"), max_length=200)
    data["source"] = _choice(data.get("source") or TopicSource.MEMBERS, TopicSource, field="source")
    data["source_type"] = _text(
        data.get("source_type"),
        field="source_type",
        label=_("来源记录类型"),
        required=False,
        max_length=60,
    )
    data["source_id"] = _text(
        data.get("source_id"),
        field="source_id",
        label=_("来源记录编号"),
        required=False,
        max_length=64,
    )
    data["source_note"] = _text(
        data.get("source_note"),
        field="source_note",
        label=_("来源说明"),
        required=False,
        max_length=300,
    )
    data["planned_month"] = _month(data.get("planned_month"))
    meeting = data.get("planned_meeting")
    if meeting is not None and meeting.starts_on.year != plan.year:
        raise DomainError(
            "meeting_not_in_year",
            _("拟提请会议不在{year}年度内。"),
            field="planned_meeting",
            year=plan.year,
        )
    if meeting is not None and data["planned_month"] is None:
        data["planned_month"] = meeting.starts_on.month
    if (
        data["kind"] in (TopicKind.SPECIAL_REPORT, TopicKind.INQUIRY)
        and data.get("supervised_body") is None
    ):
        raise DomainError(
            "supervised_body_required",
            _("专项工作报告和专题询问须指明监督对象。"),
            field="supervised_body",
        )
    data["with_evaluation"] = bool(data.get("with_evaluation"))
    return data


def plan_item_add(*, actor, plan: Plan, **fields: Any) -> PlanItem:
    """Add a topic to a draft plan, with its source and, where there is one, the originating record."""
    _require(actor, "supervision.manage")
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _check(workflow.PLAN_ACTIONS, "edit", locked)
        data = _clean_item(locked, dict(fields))
        order = locked.items.count() + 1
        item = PlanItem.objects.create(plan=locked, order=order, **data)
        audit_record(
            actor=actor,
            action="supervision.plan_item.added",
            obj=item,
            changes={
                "plan": locked.pk,
                "kind": item.kind,
                "title": item.title,
                "source": item.source,
                "source_record": f"{item.source_type}:{item.source_id}" if item.source_type else "",
            },
        )
    return item


def plan_item_update(*, actor, item: PlanItem, **fields: Any) -> PlanItem:
    """Change a topic of a draft plan; an obligation keeps its kind and body."""
    _require(actor, "supervision.manage")
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    with transaction.atomic():
        locked = (
            PlanItem.objects.select_for_update(of=("self",)).select_related("plan").get(pk=item.pk)
        )
        plan = Plan.objects.select_for_update().get(pk=locked.plan_id)
        _check(workflow.PLAN_ACTIONS, "edit", plan)
        data = {f: getattr(locked, f) for f in ITEM_FIELDS}
        if locked.obligation and (
            fields.get("kind", locked.kind) != locked.kind
            or fields.get("supervised_body", locked.supervised_body) != locked.supervised_body
        ):
            raise Conflict("obligation_fixed", _("法定年度事项的形式和监督对象不能修改。"))
        data.update(fields)
        data = _clean_item(plan, data)
        before = {f: str(getattr(locked, f)) for f in ITEM_FIELDS}
        for key, value in data.items():
            setattr(locked, key, value)
        locked.save()
        after = {f: str(getattr(locked, f)) for f in ITEM_FIELDS}
        audit_record(
            actor=actor,
            action="supervision.plan_item.updated",
            obj=locked,
            changes={k: [before[k], after[k]] for k in ITEM_FIELDS if before[k] != after[k]},
        )
    return locked


def plan_item_cancel(*, actor, item: PlanItem, reason: str) -> PlanItem:
    """Withdraw a topic from a draft plan; recurring obligations cannot be withdrawn."""
    _require(actor, "supervision.manage")
    reason = _text(reason, field="reason", label=_("撤销理由"), max_length=2000)
    with transaction.atomic():
        locked = PlanItem.objects.select_for_update().get(pk=item.pk)
        plan = Plan.objects.select_for_update().get(pk=locked.plan_id)
        _check(workflow.PLAN_ACTIONS, "edit", plan)
        if locked.obligation:
            raise Conflict(
                "obligation_required",
                _("“{title}”是法定年度事项，不能从计划中撤销。"),
                title=locked.title,
            )
        locked.cancelled = True
        locked.save(update_fields=["cancelled", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.plan_item.cancelled",
            obj=locked,
            changes={"reason": reason},
        )
    return locked


def plan_adopt(
    *,
    actor,
    plan: Plan,
    council_meeting: Meeting | None = None,
    party_consent: bool = False,
    party_consent_note: str = "",
    now: dt.datetime | None = None,
) -> Plan:
    """Record the chairpersons' council's adoption (§3.1), with the party committee's consent if sought (S2)."""
    _require(actor, "supervision.decide")
    note = _text(
        party_consent_note,
        field="party_consent_note",
        label=_("党委同意情况"),
        required=False,
        max_length=300,
    )
    if council_meeting is not None and council_meeting.kind != Meeting.Kind.CHAIRPERSONS_COUNCIL:
        raise DomainError(
            "not_council_meeting",
            _("计划须由主任会议通过，请选择主任会议。"),
            field="council_meeting",
        )
    now = _now(now)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _check(workflow.PLAN_ACTIONS, "adopt", locked)
        if not locked.items.filter(cancelled=False).exists():
            raise Conflict("plan_empty", _("计划中没有议题，不能通过。"))
        locked.status, locked.adopted_at, locked.adopted_by = Plan.Status.ADOPTED, now, actor
        locked.council_meeting, locked.party_consent, locked.party_consent_note = (
            council_meeting,
            bool(party_consent),
            note,
        )
        locked.save()
        _revision(locked, actor, "adopted", note, now)
        audit_record(
            actor=actor,
            action="supervision.plan.adopted",
            obj=locked,
            changes={
                "version": locked.version,
                "council_meeting": council_meeting.pk if council_meeting else None,
                "party_consent": bool(party_consent),
                "note": note,
            },
        )
    return locked


def plan_publish(*, actor, plan: Plan, now: dt.datetime | None = None) -> Plan:
    """Publish the adopted plan on the public site (§3.1)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _check(workflow.PLAN_ACTIONS, "publish", locked)
        locked.status, locked.published_at = Plan.Status.PUBLISHED, now
        locked.save(update_fields=["status", "published_at", "updated_at"])
        _revision(locked, actor, "published", now=now)
        audit_record(
            actor=actor,
            action="supervision.plan.published",
            obj=locked,
            changes={"version": locked.version},
        )
    return locked


def plan_reopen(*, actor, plan: Plan, reason: str, now: dt.datetime | None = None) -> Plan:
    """Open an adopted plan for a change; the change goes through adoption again; the history stays."""
    _require(actor, "supervision.manage")
    reason = _text(reason, field="reason", label=_("调整理由"), max_length=2000)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _check(workflow.PLAN_ACTIONS, "reopen", locked)
        locked.status, locked.version = Plan.Status.DRAFT, locked.version + 1
        locked.save(update_fields=["status", "version", "updated_at"])
        _revision(locked, actor, "reopened", reason, now)
        audit_record(
            actor=actor,
            action="supervision.plan.reopened",
            obj=locked,
            changes={"version": locked.version, "reason": reason},
        )
    return locked


# -- reports (rules §3.2) ------------------------------------------------------------------


def report_create(
    *, actor, title: str, body: Organization, plan_item: PlanItem | None = None, text: str = ""
) -> Report:
    """Open a report to be heard by the standing committee, usually from a plan topic."""
    _require(actor, "supervision.manage")
    title = _text(
        title or (plan_item.title if plan_item else ""),
        field="title",
        label=_("报告名称"),
        max_length=200,
    )
    text = _text(text, field="text", label=_("报告全文或摘要"), required=False)
    if body is None:
        raise DomainError("field_required", _("请填写{label}。"), field="body", label=_("报告机关"))
    with transaction.atomic():
        report = Report.objects.create(title=title, body=body, plan_item=plan_item, text=text)
        audit_record(
            actor=actor,
            action="supervision.report.created",
            obj=report,
            changes={"body": body.pk, "plan_item": plan_item.pk if plan_item else None},
        )
    return report


def report_schedule(
    *, actor, report: Report, meeting: Meeting, reporter: Person | None = None, reporter_post=None
) -> Report:
    """Put the report on a standing-committee meeting as an agenda item with a statutory reporter (S17).

    An inspection report is presented by the team, so it has no statutory reporter.
    """
    _require(actor, "supervision.manage")
    if meeting is None or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError("not_sc_meeting", _("报告须提请常务委员会会议审议。"), field="meeting")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != Report.Status.PLANNED:
            raise _status_conflict(locked)
        # Inspection and research reports are presented by their teams, not by a statutory reporter.
        is_inspection = (
            Inspection.objects.filter(report=locked).exists()
            or Research.objects.filter(report=locked).exists()
        )
        item = meeting_services.agenda_item_add(
            actor=actor,
            meeting=meeting,
            kind=AgendaItem.Kind.OTHER if is_inspection else AgendaItem.Kind.WORK_REPORT,
            title=locked.title,
            reporter=reporter,
            reporter_post=reporter_post,
            reporting_body=None if is_inspection else locked.body,
        )
        locked.meeting, locked.agenda_item, locked.status = meeting, item, Report.Status.SCHEDULED
        locked.save(update_fields=["meeting", "agenda_item", "status", "updated_at"])
        if locked.plan_item_id:
            PlanItem.objects.filter(pk=locked.plan_item_id, planned_meeting__isnull=True).update(
                planned_meeting=meeting
            )
        audit_record(
            actor=actor,
            action="supervision.report.scheduled",
            obj=locked,
            changes={
                "meeting": meeting.pk,
                "agenda_item": item.pk,
                "reporter": reporter.pk if reporter else None,
            },
        )
    return locked


MILESTONE_FIELDS = {
    "draft_to_committee": "draft_to_committee_on",
    "revised_to_sc": "revised_to_sc_on",
    "to_members": "to_members_on",
}


def report_milestone(
    *, actor, report: Report, step: str, on: dt.date, now: dt.datetime | None = None
) -> Report:
    """Record the day a milestone of §3.2 was met; a late one stays flagged for the council."""
    _require(actor, "supervision.manage")
    if step not in MILESTONE_FIELDS:
        raise DomainError(
            "invalid_choice", _("选项“{value}”无效。"), field="step", value=step or ""
        )
    if not isinstance(on, dt.date):
        raise DomainError("field_required", _("请填写{label}。"), field="on", label=_("日期"))
    if on > _day(_now(now)):
        raise DomainError("date_in_future", _("日期不能晚于今天。"), field="on")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != Report.Status.SCHEDULED:
            raise _status_conflict(locked)
        setattr(locked, MILESTONE_FIELDS[step], on)
        locked.save(update_fields=[MILESTONE_FIELDS[step], "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.report.milestone",
            obj=locked,
            changes={"step": step, "on": on.isoformat()},
        )
    return locked


def report_deliberate(
    *,
    actor,
    report: Report,
    summary: str = "",
    publish: bool = True,
    now: dt.datetime | None = None,
) -> Report:
    """Record that the meeting heard and deliberated the report (its agenda item: decided, S16)."""
    _require(actor, "supervision.manage")
    summary = _text(summary, field="summary", label=_("审议情况"), required=False)
    now = _now(now)
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update(of=("self",))
            .select_related("meeting", "agenda_item")
            .get(pk=report.pk)
        )
        if locked.status != Report.Status.SCHEDULED:
            raise _status_conflict(locked)
        if locked.meeting.starts_on > _day(now):
            raise Conflict(
                "meeting_not_held",
                _("会议尚未举行（{date}），不能登记审议。"),
                date=locked.meeting.starts_on.isoformat(),
            )
        item = locked.agenda_item
        if (
            item is not None
            and item.disposition == AgendaItem.Disposition.PENDING
            and locked.meeting.status != Meeting.Status.CLOSED
        ):
            meeting_services.agenda_item_dispose(
                actor=actor,
                item=item,
                disposition=AgendaItem.Disposition.DECIDED,
                note=str(_("已听取和审议。")),
            )
        locked.status, locked.deliberated_at = Report.Status.DELIBERATED, now
        locked.deliberation_summary, locked.published = summary, bool(publish)
        locked.save(
            update_fields=[
                "status",
                "deliberated_at",
                "deliberation_summary",
                "published",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="supervision.report.deliberated",
            obj=locked,
            changes={"summary": summary[:500], "published": bool(publish)},
        )
    return locked


# -- deliberation opinions (rules §3.3, §3.4) ----------------------------------------------


def _send_due(meeting: Meeting | None) -> dt.date | None:
    if meeting is None:
        return None
    return meeting.ends_on + dt.timedelta(days=int(param("supervision.opinion_send_days")))


def opinion_compile(
    *,
    actor,
    text: str,
    report: Report | None = None,
    inquiry: InquirySession | None = None,
    title: str = "",
    body: Organization | None = None,
) -> Opinion:
    """Staff compile the deliberation opinions on a deliberated report or a held inquiry."""
    _require(actor, "supervision.manage")
    text = _text(text, field="text", label=_("审议意见"))
    if inquiry is not None:
        inquiry = InquirySession.objects.select_related("meeting", "report").get(pk=inquiry.pk)
    if report is not None:
        report = Report.objects.select_related("meeting", "body").get(pk=report.pk)
    if inquiry is not None:
        if inquiry.status != InquirySession.Status.HELD:
            raise Conflict("inquiry_not_held", _("专题询问尚未举行，不能整理询问意见。"))
        origin, meeting = Opinion.Origin.INQUIRY, inquiry.meeting
        report = report or inquiry.report
        body = body or (
            inquiry.respondents.select_related("organization").first().organization
            if inquiry.respondents.exists()
            else None
        )
        default_title = f"关于{inquiry.title}专题询问的意见"
    elif report is not None:
        if report.status != Report.Status.DELIBERATED:
            raise Conflict("report_not_deliberated", _("报告尚未经会议审议，不能整理审议意见。"))
        if Inspection.objects.filter(report=report).exists():
            origin = Opinion.Origin.INSPECTION
        elif Research.objects.filter(report=report).exists():
            origin = Opinion.Origin.RESEARCH
        else:
            origin = Opinion.Origin.REPORT
        meeting, body = report.meeting, body or report.body
        default_title = f"对《{report.title}》的审议意见"
    else:
        raise DomainError("field_required", _("请填写{label}。"), field="report", label=_("报告"))
    if body is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="body", label=_("研究处理机关")
        )
    title = (
        _text(title, field="title", label=_("标题"), required=False, max_length=200)
        or default_title[:200]
    )
    with transaction.atomic():
        opinion = Opinion.objects.create(
            origin=origin,
            report=report,
            inquiry=inquiry,
            body=body,
            title=title,
            text=text,
            send_due_on=_send_due(meeting),
        )
        audit_record(
            actor=actor,
            action="supervision.opinion.compiled",
            obj=opinion,
            changes={"origin": origin, "body": body.pk, "send_due_on": str(opinion.send_due_on)},
        )
    return opinion


def opinion_update(*, actor, opinion: Opinion, text: str, title: str = "") -> Opinion:
    _require(actor, "supervision.manage")
    text = _text(text, field="text", label=_("审议意见"))
    title = _text(title, field="title", label=_("标题"), required=False, max_length=200)
    with transaction.atomic():
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        _check(workflow.OPINION_ACTIONS, "edit", locked)
        locked.text = text
        if title:
            locked.title = title
        locked.save(update_fields=["text", "title", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.updated",
            obj=locked,
            changes={"title": locked.title},
        )
    return locked


def _open_round(actor, opinion: Opinion, reason: str, note: str, now: dt.datetime) -> OpinionRound:
    number = (opinion.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    title = opinion.title if number == 1 else f"{opinion.title}（第{number}轮）"
    case = cw.case_create(
        actor=actor,
        kind=case_kind(opinion.origin),
        title=title[:200],
        summary=(opinion.text + (f"\n\n{note}" if note else ""))[:MAX_TEXT],
        requester_body=_sc(),
        source_type=SOURCE_TYPE,
        source_id=f"{opinion.pk}-{number}",
    )
    case = cw.case_assign(actor=actor, case=case, lead=opinion.body, now=now)
    return OpinionRound.objects.create(
        opinion=opinion, number=number, reason=reason, note=note, case=case, sent_at=now
    )


def opinion_send(*, actor, opinion: Opinion, now: dt.datetime | None = None) -> Opinion:
    """Send the opinions to the body: a casework case with the configured deadline (§3.3)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = (
            Opinion.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=opinion.pk)
        )
        _check(workflow.OPINION_ACTIONS, "send", locked)
        rnd = _open_round(actor, locked, OpinionRound.Reason.FIRST, "", now)
        locked.status, locked.sent_on = O.IN_HANDLING, _day(now)
        locked.save(update_fields=["status", "sent_on", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.sent",
            obj=locked,
            changes={
                "case": rnd.case_id,
                "due_on": str(rnd.case.due_on),
                "sent_on": str(locked.sent_on),
                "late": bool(locked.send_due_on and locked.sent_on > locked.send_due_on),
            },
        )
    return locked


def current_round(opinion: Opinion) -> OpinionRound | None:
    return opinion.rounds.select_related("case").order_by("-number").first()


def handling_report_schedule(*, actor, opinion: Opinion, meeting: Meeting) -> OpinionRound:
    """Put the body's written handling report on a later standing-committee meeting (§3.3)."""
    _require(actor, "supervision.manage")
    if meeting is None or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError("not_sc_meeting", _("报告须提请常务委员会会议审议。"), field="meeting")
    with transaction.atomic():
        locked = (
            Opinion.objects.select_for_update(of=("self",))
            .select_related("report__meeting", "inquiry__meeting")
            .get(pk=opinion.pk)
        )
        _check(workflow.OPINION_ACTIONS, "schedule_report", locked)
        rnd = current_round(locked)
        if rnd is None or rnd.case.status not in (Case.Status.REPLIED, Case.Status.CLOSED):
            raise Conflict("handling_report_missing", _("研究处理机关尚未报送研究处理情况报告。"))
        origin_meeting = locked.inquiry.meeting if locked.inquiry_id else locked.report.meeting
        if origin_meeting is not None and meeting.starts_on <= origin_meeting.ends_on:
            raise DomainError(
                "meeting_not_later",
                _("研究处理情况报告须提请以后的常委会会议审议。"),
                field="meeting",
            )
        item = meeting_services.agenda_item_add(
            actor=actor,
            meeting=meeting,
            kind=AgendaItem.Kind.OTHER,
            title=f"{locked.body.name}关于{locked.title}研究处理情况的报告"[:200],
            reporting_body=locked.body,
        )
        rnd.report_meeting, rnd.report_item = meeting, item
        rnd.save(update_fields=["report_meeting", "report_item"])
        locked.status = O.REPORT_SCHEDULED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.report_scheduled",
            obj=locked,
            changes={"round": rnd.number, "meeting": meeting.pk, "agenda_item": item.pk},
        )
    return rnd


def evaluation_create(*, actor, opinion: Opinion) -> Evaluation:
    """Create the anonymous satisfaction poll on the handling report (§3.4): denominator all members."""
    _require(actor, "supervision.manage")
    with transaction.atomic():
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        _check(workflow.OPINION_ACTIONS, "evaluate", locked)
        rnd = current_round(locked)
        poll = voting_services.poll_create(
            actor=actor,
            agenda_item=rnd.report_item,
            kind=Poll.Kind.SATISFACTION,
            title=f"对{rnd.report_item.title}的满意度测评"[:200],
            secrecy=Poll.Secrecy.ANONYMOUS,
        )
        evaluation = Evaluation.objects.create(round=rnd, poll=poll)
        locked.status = O.EVALUATING
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.evaluation.created",
            obj=evaluation,
            changes={
                "opinion": locked.pk,
                "round": rnd.number,
                "poll": poll.pk,
                "counts_basic": poll.satisfaction_counts_basic,
            },
        )
    return evaluation


def _close_round_case(actor, case: Case, result_label, now: dt.datetime) -> bool:
    """Close the round's case after the vote, when the actor may (casework.manage); True if closed."""
    if case.status not in (Case.Status.REPLIED, Case.Status.RATED) or not actor.has_perm(
        "casework.manage"
    ):
        return False
    cw.case_close(
        actor=actor,
        case=case,
        reason=str(_("满意度测评：{result}。")).format(result=result_label),
        now=now,
    )
    return True


def _conclude(actor, evaluation_pk: int, now: dt.datetime, *, automatic: bool) -> Evaluation:
    with transaction.atomic():
        ev = (
            Evaluation.objects.select_for_update(of=("self",))
            .select_related("round__case", "poll")
            .get(pk=evaluation_pk)
        )
        if ev.result != Evaluation.Result.PENDING:
            # Already recorded (by the seal or by hand): nothing changes; a case left open is closed.
            if _close_round_case(actor, ev.round.case, ev.get_result_display(), now):
                audit_record(
                    actor=actor,
                    action="supervision.evaluation.case_closed",
                    obj=ev,
                    changes={"case": ev.round.case_id},
                )
            return ev
        opinion = Opinion.objects.select_for_update().get(pk=ev.round.opinion_id)
        _check(workflow.OPINION_ACTIONS, "conclude", opinion)
        seal = getattr(ev.poll, "seal", None) if ev.poll.status == Poll.Status.SEALED else None
        if seal is None:
            raise Conflict("poll_not_sealed", _("测评表决结果尚未封存。"))
        satisfied = seal.tally.get("result") == "satisfied"
        ev.result = Evaluation.Result.SATISFIED if satisfied else Evaluation.Result.NOT_SATISFIED
        ev.tally, ev.concluded_at = dict(seal.tally), now
        ev.save(update_fields=["result", "tally", "concluded_at", "updated_at"])
        case_closed = _close_round_case(actor, ev.round.case, ev.get_result_display(), now)
        if satisfied:
            opinion.status = O.SATISFIED
        else:
            opinion.status, opinion.failures = O.UNSATISFIED, opinion.failures + 1
            if opinion.failures >= int(param("supervision.evaluation_failures_for_referral")):
                opinion.referral_flagged = True
        opinion.save(update_fields=["status", "failures", "referral_flagged", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.evaluation.concluded",
            obj=ev,
            changes={
                "opinion": opinion.pk,
                "result": ev.result,
                "failures": opinion.failures,
                "referral_flagged": opinion.referral_flagged,
                "fingerprint": seal.fingerprint,
                "automatic": automatic,
                "case_closed": case_closed,
            },
        )
    return ev


def evaluation_conclude(
    *, actor, evaluation: Evaluation, now: dt.datetime | None = None
) -> Evaluation:
    """Take the sealed result (§3.4): satisfied closes the round; otherwise the body handles it again.

    After the configured number of unsatisfied results (default 2) the opinion is flagged for
    referral to the party committee. The result is normally carried when the poll is sealed
    (:func:`evaluation_record_sealed`); this is the staff's fallback, e.g. after a paper count.
    Calling it on a recorded evaluation changes nothing.
    """
    _require(actor, "supervision.manage")
    return _conclude(actor, evaluation.pk, _now(now), automatic=False)


def evaluation_record_sealed(
    *, poll: Poll, actor, now: dt.datetime | None = None
) -> Evaluation | None:
    """Carry a sealed satisfaction poll's result onto its evaluation (the ``poll_sealed`` receiver).

    The seal is the authority, so the actor (who closed the poll or entered the second count)
    needs no supervision permission; the round's case is closed only if they may close cases,
    otherwise the staff button or closing the opinion does it. Polls that are not an
    evaluation's are ignored; a recorded evaluation is left as it is.
    """
    if poll.kind != Poll.Kind.SATISFACTION or actor is None or not actor.is_authenticated:
        return None
    ev = Evaluation.objects.filter(poll_id=poll.pk).only("pk").first()
    if ev is None:
        return None
    return _conclude(actor, ev.pk, _now(now), automatic=True)


def opinion_rehandle(
    *, actor, opinion: Opinion, note: str = "", now: dt.datetime | None = None
) -> OpinionRound:
    """After an unsatisfied vote the body handles the opinions again and reports again (§3.4)."""
    _require(actor, "supervision.manage")
    note = _text(note, field="note", label=_("要求"), required=False, max_length=5000)
    now = _now(now)
    with transaction.atomic():
        locked = (
            Opinion.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=opinion.pk)
        )
        _check(workflow.OPINION_ACTIONS, "rehandle", locked)
        rnd = _open_round(actor, locked, OpinionRound.Reason.REHANDLE, note, now)
        locked.status = O.IN_HANDLING
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.rehandle",
            obj=locked,
            changes={"round": rnd.number, "case": rnd.case_id, "note": note},
        )
    return rnd


def opinion_follow_up(
    *, actor, opinion: Opinion, note: str, now: dt.datetime | None = None
) -> OpinionRound:
    """Follow-up supervision (跟踪监督, §3.3): a further round on the same opinions."""
    _require(actor, "supervision.manage")
    note = _text(note, field="note", label=_("跟踪监督要求"), max_length=5000)
    now = _now(now)
    with transaction.atomic():
        locked = (
            Opinion.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=opinion.pk)
        )
        _check(workflow.OPINION_ACTIONS, "follow_up", locked)
        rnd = _open_round(actor, locked, OpinionRound.Reason.FOLLOW_UP, note, now)
        locked.status = O.IN_HANDLING
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.follow_up",
            obj=locked,
            changes={"round": rnd.number, "case": rnd.case_id, "note": note},
        )
    return rnd


def opinion_close(
    *, actor, opinion: Opinion, reason: str = "", now: dt.datetime | None = None
) -> Opinion:
    """Close the opinions: after a satisfied vote, or once the handling report was heard without one."""
    _require(actor, "supervision.manage")
    reason = _text(reason, field="reason", label=_("办结说明"), required=False, max_length=2000)
    with transaction.atomic():
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        _check(workflow.OPINION_ACTIONS, "close", locked)
        rnd = current_round(locked)
        if locked.status == O.REPORT_SCHEDULED and rnd is not None and hasattr(rnd, "evaluation"):
            raise _status_conflict(locked)
        if rnd is not None and rnd.case.status in (Case.Status.REPLIED, Case.Status.RATED):
            cw.case_close(actor=actor, case=rnd.case, reason=reason, now=now)
        locked.status = O.CLOSED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor, action="supervision.opinion.closed", obj=locked, changes={"reason": reason}
        )
    return locked


# -- law-enforcement inspections (rules §3.6) ----------------------------------------------


def _is_deputy(person: Person) -> bool:
    return Deputy.objects.filter(person=person, status=Deputy.Status.ACTIVE).exists()


def sc_member_ids(day: dt.date) -> set[int]:
    """People who sit on the standing committee on ``day`` (组成人员)."""
    return set(
        Membership.objects.filter(
            organization__kind=Organization.Kind.STANDING_COMMITTEE, start_date__lte=day
        )
        .exclude(end_date__lt=day)
        .values_list("person_id", flat=True)
    )


def inspection_create(
    *,
    actor,
    title: str,
    law: str,
    starts_on: dt.date,
    ends_on: dt.date,
    places: str = "",
    team: Sequence[tuple[Person, str]] = (),
    plan_item: PlanItem | None = None,
) -> Inspection:
    """Open an inspection project: the law, the team of members and deputies, schedule and places."""
    _require(actor, "supervision.manage")
    title = _text(title, field="title", label=_("检查名称"), max_length=200)
    law = _text(law, field="law", label=_("检查的法律法规"), max_length=200)
    places = _text(places, field="places", label=_("检查地点和方式"), required=False)
    if not isinstance(starts_on, dt.date) or not isinstance(ends_on, dt.date):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="starts_on", label=_("检查日期")
        )
    if ends_on < starts_on:
        raise DomainError("invalid_dates", _("结束日期不能早于开始日期。"), field="ends_on")
    members = sc_member_ids(starts_on)
    rows = []
    for person, role in team:
        role = _choice(role, InspectionMember.Role, field="team")
        if (
            role in (InspectionMember.Role.LEADER, InspectionMember.Role.MEMBER)
            and person.pk not in members
        ):
            raise DomainError(
                "not_sc_member", _("{name}不是常委会组成人员。"), field="team", name=person.name
            )
        if role == InspectionMember.Role.DEPUTY and not _is_deputy(person):
            raise DomainError(
                "not_deputy", _("{name}不是在任代表。"), field="team", name=person.name
            )
        rows.append((person, role))
    if len({p.pk for p, _r in rows}) != len(rows):
        raise DomainError("team_duplicate", _("检查组成员有重复。"), field="team")
    with transaction.atomic():
        inspection = Inspection.objects.create(
            title=title,
            law=law,
            starts_on=starts_on,
            ends_on=ends_on,
            places=places,
            plan_item=plan_item,
        )
        InspectionMember.objects.bulk_create(
            [InspectionMember(inspection=inspection, person=p, role=r) for p, r in rows]
        )
        audit_record(
            actor=actor,
            action="supervision.inspection.created",
            obj=inspection,
            changes={"law": law, "starts_on": str(starts_on), "team": [p.pk for p, _r in rows]},
        )
    return inspection


def plan_due_on(inspection: Inspection, days: int | None = None) -> dt.date:
    """The last day the inspection plan may be sent (§3.6: 10 days before the start)."""
    days = int(param("supervision.inspection_plan_days")) if days is None else days
    return inspection.starts_on - dt.timedelta(days=days)


def inspection_plan_sent(
    *, actor, inspection: Inspection, on: dt.date, now: dt.datetime | None = None
) -> Inspection:
    """Record the day the inspection plan was sent; later than 10 days before the start is flagged."""
    _require(actor, "supervision.manage")
    if not isinstance(on, dt.date):
        raise DomainError("field_required", _("请填写{label}。"), field="on", label=_("日期"))
    if on > _day(_now(now)):
        raise DomainError("date_in_future", _("日期不能晚于今天。"), field="on")
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        _check(workflow.INSPECTION_ACTIONS, "plan_sent", locked)
        locked.plan_sent_on = on
        locked.save(update_fields=["plan_sent_on", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inspection.plan_sent",
            obj=locked,
            changes={"on": on.isoformat(), "late": on > plan_due_on(locked)},
        )
    return locked


def inspection_start(
    *, actor, inspection: Inspection, now: dt.datetime | None = None
) -> Inspection:
    """The team sets out (筹备中 → 检查中); the inspection plan must have been sent first (§3.6)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        _check(workflow.INSPECTION_ACTIONS, "start", locked)
        if locked.plan_sent_on is None:
            raise Conflict("inspection_plan_not_sent", _("请先登记检查方案印发日期，再开始检查。"))
        if not locked.team.exists():
            raise Conflict("inspection_team_missing", _("检查组尚无成员，不能开始检查。"))
        locked.status, locked.started_at = Inspection.Status.UNDERWAY, now
        locked.save(update_fields=["status", "started_at", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inspection.started",
            obj=locked,
            changes={
                "plan_sent_on": locked.plan_sent_on.isoformat(),
                "plan_late": locked.plan_sent_on > plan_due_on(locked),
            },
        )
    return locked


def inspection_findings(*, actor, inspection: Inspection, findings: str) -> Inspection:
    """The inspection is over; record (or revise) the problems found (检查中 → 检查结束，汇总问题)."""
    _require(actor, "supervision.manage")
    findings = _text(findings, field="findings", label=_("发现的问题"))
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        _check(workflow.INSPECTION_ACTIONS, "findings", locked)
        before = locked.findings
        locked.findings, locked.status = findings, Inspection.Status.FINDINGS
        locked.save(update_fields=["findings", "status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inspection.findings",
            obj=locked,
            changes={"findings": findings[:500], "revised": bool(before)},
        )
    return locked


def inspection_report(
    *,
    actor,
    inspection: Inspection,
    body: Organization,
    findings: str = "",
    text: str = "",
    now: dt.datetime | None = None,
) -> Report:
    """Open the inspection report to the standing committee (§3.6), with the findings.

    Findings already compiled may be left out. An inspection still in planning may be reported
    only once its last day has passed (a past inspection entered afterwards).
    """
    _require(actor, "supervision.manage")
    findings = _text(findings, field="findings", label=_("发现的问题"), required=False)
    text = _text(text, field="text", label=_("报告全文或摘要"), required=False)
    if body is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="body", label=_("研究处理机关")
        )
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.report_id:
            raise Conflict("inspection_reported", _("该执法检查已形成报告。"))
        _check(workflow.INSPECTION_ACTIONS, "report", locked)
        if locked.status == Inspection.Status.PLANNING and locked.ends_on >= _day(_now(now)):
            raise Conflict("inspection_not_started", _("执法检查尚未开始，不能形成报告。"))
        findings = findings or locked.findings
        if not findings:
            raise DomainError(
                "field_required", _("请填写{label}。"), field="findings", label=_("发现的问题")
            )
        law = locked.law.strip().removeprefix("《").removesuffix("》")
        report = Report.objects.create(
            title=f"关于检查《{law}》实施情况的报告"[:200],
            body=body,
            plan_item=locked.plan_item,
            text=text or findings,
        )
        previous = locked.status
        locked.findings, locked.report, locked.status = findings, report, Inspection.Status.REPORTED
        locked.save(update_fields=["findings", "report", "status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inspection.reported",
            obj=locked,
            changes={"report": report.pk, "body": body.pk, "from": previous},
        )
    return report


# -- special research (rules §3.1: 专题调研) ----------------------------------------------------


def _team(team: Sequence[tuple[Person, str]], roles, day: dt.date) -> list[tuple[Person, str]]:
    members = sc_member_ids(day)
    rows = []
    for person, role in team:
        role = _choice(role, roles, field="team")
        if role in ("leader", "member") and person.pk not in members:
            raise DomainError(
                "not_sc_member", _("{name}不是常委会组成人员。"), field="team", name=person.name
            )
        if role == "deputy" and not _is_deputy(person):
            raise DomainError(
                "not_deputy", _("{name}不是在任代表。"), field="team", name=person.name
            )
        rows.append((person, role))
    if len({p.pk for p, _r in rows}) != len(rows):
        raise DomainError("team_duplicate", _("调研组成员有重复。"), field="team")
    return rows


def research_create(
    *,
    actor,
    title: str,
    body: Organization | None = None,
    places: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    team: Sequence[tuple[Person, str]] = (),
    plan_item: PlanItem | None = None,
    now: dt.datetime | None = None,
) -> Research:
    """Open a special research project, usually from a 专题调研 topic of the plan."""
    _require(actor, "supervision.manage")
    title = _text(
        title or (plan_item.title if plan_item else ""),
        field="title",
        label=_("调研课题"),
        max_length=200,
    )
    places = _text(places, field="places", label=_("调研地点和方式"), required=False)
    if plan_item is not None and plan_item.kind != TopicKind.RESEARCH:
        raise DomainError(
            "plan_item_not_research", _("所选计划议题不是专题调研。"), field="plan_item"
        )
    for value, field in ((starts_on, "starts_on"), (ends_on, "ends_on")):
        if value is not None and not isinstance(value, dt.date):
            raise DomainError("invalid_date", _("日期无效。"), field=field)
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError("invalid_dates", _("结束日期不能早于开始日期。"), field="ends_on")
    rows = _team(team, ResearchMember.Role, starts_on or _day(_now(now)))
    body = body or (plan_item.supervised_body if plan_item else None)
    with transaction.atomic():
        research = Research.objects.create(
            title=title,
            body=body,
            places=places,
            starts_on=starts_on,
            ends_on=ends_on,
            plan_item=plan_item,
        )
        ResearchMember.objects.bulk_create(
            [ResearchMember(research=research, person=p, role=r) for p, r in rows]
        )
        audit_record(
            actor=actor,
            action="supervision.research.created",
            obj=research,
            changes={
                "plan_item": plan_item.pk if plan_item else None,
                "team": [p.pk for p, _r in rows],
                "starts_on": str(starts_on) if starts_on else None,
            },
        )
    return research


def research_start(*, actor, research: Research, now: dt.datetime | None = None) -> Research:
    """The research team sets out (筹备中 → 调研中)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = Research.objects.select_for_update().get(pk=research.pk)
        _check(workflow.RESEARCH_ACTIONS, "start", locked)
        if not locked.team.exists():
            raise Conflict("research_team_missing", _("调研组尚无成员，不能开始调研。"))
        locked.status, locked.started_at = Research.Status.UNDERWAY, now
        if locked.starts_on is None:
            locked.starts_on = _day(now)
        locked.save(update_fields=["status", "started_at", "starts_on", "updated_at"])
        audit_record(actor=actor, action="supervision.research.started", obj=locked, changes={})
    return locked


def research_report(
    *,
    actor,
    research: Research,
    findings: str,
    report_text: str = "",
    attachment=None,
    now: dt.datetime | None = None,
) -> Research:
    """Record the findings and the research report, as text, an attached file or both (调研中 → 已形成调研报告)."""
    _require(actor, "supervision.manage")
    findings = _text(findings, field="findings", label=_("调研发现的问题"))
    report_text = _text(report_text, field="report_text", label=_("调研报告"), required=False)
    if not report_text and attachment is None:
        raise DomainError(
            "research_report_missing", _("请填写调研报告或上传调研报告文件。"), field="report_text"
        )
    check_upload(attachment)
    now = _now(now)
    with transaction.atomic():
        locked = Research.objects.select_for_update().get(pk=research.pk)
        _check(workflow.RESEARCH_ACTIONS, "report", locked)
        locked.findings, locked.report_text = findings, report_text
        locked.status, locked.reported_at = Research.Status.REPORTED, now
        if locked.ends_on is None:
            locked.ends_on = max(_day(now), locked.starts_on or _day(now))
        if attachment is not None:
            locked.attachment.save(attachment.name, attachment, save=False)
        locked.save()
        audit_record(
            actor=actor,
            action="supervision.research.reported",
            obj=locked,
            changes={"findings": findings[:500], "attachment": locked.attachment.name or ""},
        )
    return locked


def research_publish(*, actor, research: Research, now: dt.datetime | None = None) -> Research:
    """Publish the research report on the public site (S11)."""
    _require(actor, "supervision.manage")
    with transaction.atomic():
        locked = Research.objects.select_for_update().get(pk=research.pk)
        _check(workflow.RESEARCH_ACTIONS, "publish", locked)
        if locked.published:
            return locked
        locked.published, locked.published_at = True, _now(now)
        locked.save(update_fields=["published", "published_at", "updated_at"])
        audit_record(actor=actor, action="supervision.research.published", obj=locked, changes={})
    return locked


def research_submit(*, actor, research: Research, body: Organization | None = None) -> Report:
    """Submit the research report to the standing committee: a report heard like any other, whose
    deliberation opinions go to ``body`` through the opinion path (§3.3)."""
    _require(actor, "supervision.manage")
    with transaction.atomic():
        locked = Research.objects.select_for_update().get(pk=research.pk)
        _check(workflow.RESEARCH_ACTIONS, "submit", locked)
        if locked.report_id:
            raise Conflict("research_submitted", _("该调研报告已提请常委会审议。"))
        body = body or (
            Organization.objects.filter(pk=locked.body_id).first() if locked.body_id else None
        )
        if body is None:
            raise DomainError(
                "field_required", _("请填写{label}。"), field="body", label=_("研究处理机关")
            )
        report = Report.objects.create(
            title=f"关于{locked.title}的调研报告"[:200],
            body=body,
            plan_item=locked.plan_item,
            text=locked.report_text or locked.findings,
        )
        locked.report = report
        locked.save(update_fields=["report", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.research.submitted",
            obj=locked,
            changes={"report": report.pk, "body": body.pk},
        )
    return report


# -- special inquiries (rules §3.5) --------------------------------------------------------


def inquiry_create(
    *,
    actor,
    title: str,
    meeting: Meeting,
    report: Report | None = None,
    form: str = "joint_group",
    respondents: Sequence[tuple[Person, Organization, str]] = (),
    plan_item: PlanItem | None = None,
) -> InquirySession:
    """Plan an inquiry session at a meeting on a report, with the heads who must attend."""
    _require(actor, "supervision.manage")
    title = _text(title, field="title", label=_("询问议题"), max_length=200)
    form = _choice(form, InquirySession.Form, field="form")
    if meeting is None or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError(
            "not_sc_meeting", _("专题询问须在常务委员会会议上进行。"), field="meeting"
        )
    if report is not None and report.meeting_id and report.meeting_id != meeting.pk:
        raise DomainError(
            "report_other_meeting", _("所结合审议的报告不在该次会议上。"), field="report"
        )
    if not respondents:
        raise DomainError(
            "respondents_required",
            _("请指定应询人（政府、法院、检察院等机关负责人）。"),
            field="respondents",
        )
    with transaction.atomic():
        session = InquirySession.objects.create(
            title=title, meeting=meeting, report=report, form=form, plan_item=plan_item
        )
        seen = set()
        for person, org, post_label in respondents:
            if person.pk in seen:
                raise DomainError("respondent_duplicate", _("应询人有重复。"), field="respondents")
            seen.add(person.pk)
            InquiryRespondent.objects.create(
                session=session,
                person=person,
                organization=org,
                post_label=_text(
                    post_label, field="respondents", label=_("职务"), required=False, max_length=60
                ),
            )
        audit_record(
            actor=actor,
            action="supervision.inquiry.created",
            obj=session,
            changes={"meeting": meeting.pk, "respondents": sorted(seen)},
        )
    return session


def inquiry_question_add(
    *,
    actor,
    session: InquirySession,
    asker: Person,
    respondent: InquiryRespondent,
    question: str,
    answer: str = "",
    now: dt.datetime | None = None,
) -> InquiryQuestion:
    """Record a member's question and, when given, the answer."""
    _require(actor, "supervision.manage")
    question = _text(question, field="question", label=_("询问内容"))
    answer = _text(answer, field="answer", label=_("应询回答"), required=False)
    if respondent is None or respondent.session_id != session.pk:
        raise DomainError("respondent_invalid", _("应询人不属于本次专题询问。"), field="respondent")
    if asker is None or asker.pk not in sc_member_ids(session.meeting.starts_on):
        raise DomainError(
            "not_sc_member",
            _("{name}不是常委会组成人员。"),
            field="asker",
            name=getattr(asker, "name", ""),
        )
    with transaction.atomic():
        order = session.questions.count() + 1
        q = InquiryQuestion.objects.create(
            session=session,
            asker=asker,
            respondent=respondent,
            question=question,
            answer=answer,
            answered_at=_now(now) if answer else None,
            order=order,
        )
        audit_record(
            actor=actor,
            action="supervision.inquiry.question",
            obj=session,
            changes={
                "question": q.pk,
                "asker": asker.pk,
                "respondent": respondent.person_id,
                "answered": bool(answer),
            },
        )
    return q


def inquiry_answer_record(
    *, actor, question: InquiryQuestion, answer: str, now: dt.datetime | None = None
) -> InquiryQuestion:
    _require(actor, "supervision.manage")
    answer = _text(answer, field="answer", label=_("应询回答"))
    with transaction.atomic():
        q = InquiryQuestion.objects.select_for_update().get(pk=question.pk)
        q.answer, q.answered_at = answer, _now(now)
        q.save(update_fields=["answer", "answered_at"])
        audit_record(
            actor=actor,
            action="supervision.inquiry.answer",
            obj=q.session,
            changes={"question": q.pk},
        )
    return q


def inquiry_hold(
    *,
    actor,
    session: InquirySession,
    attended: Sequence[int],
    summary: str = "",
    now: dt.datetime | None = None,
) -> InquirySession:
    """Record that the session was held; every respondent must have attended (S11)."""
    _require(actor, "supervision.manage")
    summary = _text(summary, field="summary", label=_("询问情况"), required=False)
    now = _now(now)
    with transaction.atomic():
        locked = (
            InquirySession.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .get(pk=session.pk)
        )
        if locked.status != InquirySession.Status.PLANNED:
            raise _status_conflict(locked)
        if locked.meeting.starts_on > _day(now):
            raise Conflict(
                "meeting_not_held",
                _("会议尚未举行（{date}），不能登记审议。"),
                date=locked.meeting.starts_on.isoformat(),
            )
        rows = list(locked.respondents.select_related("person"))
        present = {int(pk) for pk in attended}
        missing = [r.person.name for r in rows if r.person_id not in present]
        if missing:
            raise Conflict(
                "respondent_absent",
                _("应询人必须到会应询（S11）：{names}未到会。"),
                names="、".join(missing),
            )
        locked.respondents.update(attended=True)
        if not locked.questions.exists():
            raise Conflict("questions_missing", _("请先登记询问和应询情况。"))
        locked.status, locked.held_at, locked.summary = InquirySession.Status.HELD, now, summary
        locked.save(update_fields=["status", "held_at", "summary", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inquiry.held",
            obj=locked,
            changes={"questions": locked.questions.count()},
        )
    return locked


def inquiry_topic_propose(
    *, actor, year: int, title: str, proposers: Sequence[Person], reason: str = ""
) -> InquiryTopic:
    """Deputies jointly propose a special-inquiry topic (§3.5: at least 5 deputies)."""
    _require(actor, "supervision.propose_topic")
    title = _text(title, field="title", label=_("议题"), max_length=200)
    reason = _text(reason, field="reason", label=_("理由"), required=False)
    people = list(dict.fromkeys(proposers))
    if (
        actor.person_id
        and not actor.has_perm("supervision.manage")
        and actor.person_id not in {p.pk for p in people}
    ):
        raise PermissionDenied("not_proposer", _("提出人须包括您本人。"))
    need = int(param("supervision.inquiry_topic_min_deputies"))
    active = set(
        Deputy.objects.filter(person__in=people, status=Deputy.Status.ACTIVE).values_list(
            "person_id", flat=True
        )
    )
    if len(active) < need:
        raise DomainError(
            "too_few_proposers",
            _("专题询问议题须由{need}名以上代表联名提出，现有在任代表{count}名。"),
            field="proposers",
            need=need,
            count=len(active),
        )
    with transaction.atomic():
        topic = InquiryTopic.objects.create(year=year, title=title, reason=reason)
        topic.proposers.set([p for p in people if p.pk in active])
        audit_record(
            actor=actor,
            action="supervision.inquiry_topic.proposed",
            obj=topic,
            changes={"proposers": sorted(active)},
        )
    return topic


# -- interpellations (rules §3.7) ----------------------------------------------------------


def interpellation_threshold() -> int:
    """Co-signers needed: ≥ 5 members in a city, ≥ 3 in a county (监督法 Art. 51)."""
    level = Jurisdiction.objects.values_list("level", flat=True).first()
    p = params(
        "supervision.interpellation_signers_city", "supervision.interpellation_signers_county"
    )
    if level == Jurisdiction.Level.COUNTY:
        return int(p["supervision.interpellation_signers_county"])
    return int(p["supervision.interpellation_signers_city"])


def interpellation_submit(
    *,
    actor,
    title: str,
    text: str,
    body: Organization,
    signers: Sequence[Person],
    meeting: Meeting | None = None,
    now: dt.datetime | None = None,
) -> Interpellation:
    """Submit a written interpellation co-signed by enough members of the standing committee (§3.7)."""
    _require(actor, "supervision.interpellate")
    title = _text(title, field="title", label=_("案由"), max_length=200)
    text = _text(text, field="text", label=_("质询的问题和内容"))
    if body is None or body.kind not in (
        Organization.Kind.GOVERNMENT,
        Organization.Kind.GOVERNMENT_DEPARTMENT,
        Organization.Kind.SUPERVISORY_COMMISSION,
        Organization.Kind.COURT,
        Organization.Kind.PROCURATORATE,
    ):
        raise DomainError(
            "body_invalid",
            _("质询对象须为本级人民政府及其部门、监察委员会、人民法院或人民检察院。"),
            field="body",
        )
    people = list(dict.fromkeys(signers))
    day = meeting.starts_on if meeting else _day(_now(now))
    members = sc_member_ids(day)
    outsiders = [p.name for p in people if p.pk not in members]
    if outsiders:
        raise DomainError(
            "not_sc_member",
            _("{name}不是常委会组成人员。"),
            field="signers",
            name="、".join(outsiders),
        )
    if (
        actor.person_id
        and not actor.has_perm("supervision.manage")
        and actor.person_id not in {p.pk for p in people}
    ):
        raise PermissionDenied("not_signer", _("联名人须包括您本人。"))
    need = interpellation_threshold()
    if len(people) < need:
        raise DomainError(
            "too_few_signers",
            _("质询案须由常委会组成人员{need}人以上联名提出，现有{count}人（§3.7）。"),
            field="signers",
            need=need,
            count=len(people),
        )
    with transaction.atomic():
        interp = Interpellation.objects.create(title=title, text=text, body=body, meeting=meeting)
        InterpellationSigner.objects.bulk_create(
            [
                InterpellationSigner(interpellation=interp, person=p, order=i)
                for i, p in enumerate(people)
            ]
        )
        audit_record(
            actor=actor,
            action="supervision.interpellation.submitted",
            obj=interp,
            changes={"body": body.pk, "signers": [p.pk for p in people], "threshold": need},
        )
    return interp


def interpellation_decide(
    *,
    actor,
    interpellation: Interpellation,
    mode: str,
    answer_meeting: Meeting | None = None,
    now: dt.datetime | None = None,
) -> Interpellation:
    """The chairpersons' council decides how the body answers: orally at a meeting or in writing."""
    _require(actor, "supervision.decide")
    mode = _choice(mode, Interpellation.Mode, field="mode")
    if mode == Interpellation.Mode.ORAL and answer_meeting is None:
        raise DomainError(
            "answer_meeting_required", _("口头答复须指定答复的会议。"), field="answer_meeting"
        )
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        _check(workflow.INTERPELLATION_ACTIONS, "decide", locked)
        locked.mode, locked.answer_meeting, locked.decided_at = mode, answer_meeting, _now(now)
        locked.status = Interpellation.Status.MODE_DECIDED
        locked.save(update_fields=["mode", "answer_meeting", "decided_at", "status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.interpellation.decided",
            obj=locked,
            changes={"mode": mode, "meeting": answer_meeting.pk if answer_meeting else None},
        )
    return locked


def interpellation_answer(
    *,
    actor,
    interpellation: Interpellation,
    answer: str,
    answered_by: str,
    now: dt.datetime | None = None,
) -> Interpellation:
    """Record the body's answer (given by its head)."""
    _require(actor, "supervision.manage")
    answer = _text(answer, field="answer", label=_("答复内容"))
    answered_by = _text(answered_by, field="answered_by", label=_("答复人"), max_length=60)
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        _check(workflow.INTERPELLATION_ACTIONS, "answer", locked)
        locked.answer, locked.answered_by, locked.answered_at = answer, answered_by, _now(now)
        locked.status = Interpellation.Status.ANSWERED
        locked.save(update_fields=["answer", "answered_by", "answered_at", "status", "updated_at"])
        locked.signer_rows.update(dissatisfied=None)
        audit_record(
            actor=actor,
            action="supervision.interpellation.answered",
            obj=locked,
            changes={"round": locked.round, "answered_by": answered_by, "answer": answer[:500]},
        )
    return locked


def interpellation_feedback(
    *, actor, interpellation: Interpellation, dissatisfied: Sequence[int]
) -> Interpellation:
    """Record which proposers are dissatisfied; more than half → the body answers again (§3.7)."""
    _require(actor, "supervision.manage")
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        _check(workflow.INTERPELLATION_ACTIONS, "feedback", locked)
        rows = list(locked.signer_rows.all())
        ids = {int(pk) for pk in dissatisfied}
        unknown = ids - {r.person_id for r in rows}
        if unknown:
            raise DomainError(
                "not_signer", _("所选人员不是该质询案的提出人。"), field="dissatisfied"
            )
        for r in rows:
            r.dissatisfied = r.person_id in ids
        InterpellationSigner.objects.bulk_update(rows, ["dissatisfied"])
        again = len(ids) * 2 > len(rows)
        if again:
            locked.status, locked.round = Interpellation.Status.REANSWER, locked.round + 1
        else:
            locked.status = Interpellation.Status.CLOSED
        locked.save(update_fields=["status", "round", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.interpellation.feedback",
            obj=locked,
            changes={"dissatisfied": sorted(ids), "proposers": len(rows), "answer_again": again},
        )
    return locked


# -- judicial supervision (S8) -------------------------------------------------------------


def judicial_record_create(
    *,
    actor,
    kind: str,
    body: Organization,
    title: str,
    summary: str = "",
    received_on: dt.date | None = None,
    meeting: Meeting | None = None,
    now: dt.datetime | None = None,
) -> JudicialRecord:
    """Record a petition-related report, a misconduct lead or a major-case special report (S8)."""
    _require(actor, "supervision.manage")
    kind = _choice(kind, JudicialRecord.Kind, field="kind")
    title = _text(title, field="title", label=_("标题"), max_length=200)
    summary = _text(summary, field="summary", label=_("内容"), required=False)
    if body is None or body.kind not in (Organization.Kind.COURT, Organization.Kind.PROCURATORATE):
        raise DomainError("body_not_judicial", _("请选择人民法院或人民检察院。"), field="body")
    received_on = received_on or _day(_now(now))
    with transaction.atomic():
        record = JudicialRecord.objects.create(
            kind=kind,
            body=body,
            title=title,
            summary=summary,
            received_on=received_on,
            meeting=meeting,
        )
        audit_record(
            actor=actor,
            action="supervision.judicial.created",
            obj=record,
            changes={"kind": kind, "body": body.pk},
        )
    return record


def judicial_lead_forward(
    *, actor, record: JudicialRecord, now: dt.datetime | None = None
) -> JudicialRecord:
    """Forward a misconduct lead to the competent body with a feedback deadline (a casework case)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = (
            JudicialRecord.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=record.pk)
        )
        if locked.kind != JudicialRecord.Kind.MISCONDUCT_LEAD:
            raise Conflict("not_a_lead", _("只有违法违纪线索需要转办。"))
        if locked.case_id:
            raise Conflict("lead_forwarded", _("该线索已转办。"))
        case = cw.case_create(
            actor=actor,
            kind=case_kind("lead"),
            title=locked.title,
            summary=locked.summary,
            requester_body=_sc(),
            source_type="supervision.judicial",
            source_id=locked.pk,
        )
        case = cw.case_assign(actor=actor, case=case, lead=locked.body, now=now)
        locked.case = case
        locked.save(update_fields=["case", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.judicial.forwarded",
            obj=locked,
            changes={"case": case.pk, "due_on": str(case.due_on)},
        )
    return locked


def judicial_decision_record(*, actor, record: JudicialRecord, decision: str) -> JudicialRecord:
    """Record the standing committee's decision on a major-case special report (S8)."""
    _require(actor, "supervision.manage")
    decision = _text(decision, field="decision", label=_("常委会决定"))
    with transaction.atomic():
        locked = JudicialRecord.objects.select_for_update().get(pk=record.pk)
        if locked.kind != JudicialRecord.Kind.MAJOR_CASE:
            raise Conflict("not_major_case", _("只有重大案件专题报告需要登记常委会决定。"))
        locked.decision = decision
        locked.save(update_fields=["decision", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.judicial.decided",
            obj=locked,
            changes={"decision": decision[:500]},
        )
    return locked
