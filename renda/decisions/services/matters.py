"""Matters and their materials: registration, the agenda, hearing a report and its opinions (rules §6)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Organization

from .. import workflow
from ..models import Category, Material, Matter
from ._common import (
    AGENDA_ITEM_KIND,
    FILE,
    MANAGE,
    MAX_TITLE,
    MEETING_DOCUMENT_KIND,
    _choice,
    _quarter,
    _text,
    _year,
    default_government,
    owns_matter,
)

M = Matter.Status


# -- registering a matter outside the list ------------------------------------------------------


@action(
    "decisions.matter.create",
    model=Matter,
    permission=MANAGE,
    rule="S12",
    label=_("登记重大事项"),
    audit="decisions.matter.created",
)
def matter_create(
    ctx: ActionContext,
    *,
    category: Category,
    kind: str,
    title: str,
    proposing_body: Organization,
    description: str = "",
    year: int | None = None,
    planned_quarter: int | None = None,
    revoked_title: str = "",
    revoked_number: str = "",
    revoked_issued_on: dt.date | None = None,
    grounds: str = "",
) -> Matter:
    """Register a matter outside the annual list, or a motion to revoke a government decision (S12 item 4)."""
    if not isinstance(category, Category):
        raise DomainError("field_required", _("请填写{label}。"), field="category", label=_("类别"))
    kind = _choice(kind, Matter.Kind.values, field="kind", label=_("事项类型"))
    title = _text(title, field="title", label=_("事项名称"), max_length=MAX_TITLE)
    description = _text(description, field="description", label=_("主要内容"), required=False)
    if not isinstance(proposing_body, Organization):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="proposing_body", label=_("提请机关")
        )
    year = _year(year or ctx.today.year)
    if planned_quarter is not None:
        planned_quarter = _quarter(planned_quarter)
    revocation = {}
    if kind == Matter.Kind.REVOCATION:
        revocation = {
            "revoked_title": _text(
                revoked_title, field="revoked_title", label=_("拟撤销的决定"), max_length=MAX_TITLE
            ),
            "revoked_number": _text(
                revoked_number,
                field="revoked_number",
                label=_("文号"),
                required=False,
                max_length=100,
            ),
            "grounds": _text(grounds, field="grounds", label=_("撤销理由")),
            "revoked_issued_on": revoked_issued_on,
        }
        if revoked_issued_on is not None and revoked_issued_on > ctx.today:
            raise DomainError(
                "date_in_future", _("作出日期不能晚于今天。"), field="revoked_issued_on"
            )
    matter = Matter.objects.create(
        category=category,
        kind=kind,
        title=title,
        description=description,
        proposing_body=proposing_body,
        year=year,
        planned_quarter=planned_quarter,
        status=M.REGISTERED,
        created_by=ctx.user,
        **revocation,
    )
    ctx.changes.update(
        kind=kind,
        category=category.code,
        proposing_body=proposing_body.pk,
        revoked_title=revocation.get("revoked_title", ""),
    )
    return matter


# -- materials ---------------------------------------------------------------------------------


def check_upload(upload) -> str:
    """Refuse a file of the wrong type, empty, too large or whose content is not its type;
    return its extension."""
    return validation.upload(
        upload,
        allowed=tuple(workflow.UPLOAD_SIGNATURES),
        max_bytes=workflow.MAX_UPLOAD_BYTES,
        signatures=workflow.UPLOAD_SIGNATURES,
        purpose="decision_material",
    )


def _own_matter(ctx: ActionContext, matter: Matter) -> None:
    """Precondition: the office, or the government proposing the matter."""
    if not owns_matter(ctx.user, matter):
        raise PermissionDenied("not_own_matter", _("只能为本机关提请的重大事项报送材料。"))


@action(
    "decisions.matter.add_material",
    model=Matter,
    subject="matter",
    sources=workflow.MATERIAL_SOURCES,
    permission=FILE,
    precondition=_own_matter,
    precondition_hides=True,
    rule="§6.3",
    label=_("报送材料"),
    audit="decisions.material.added",
)
def material_add(
    ctx: ActionContext,
    *,
    matter: Matter,
    kind: str,
    title: str,
    file,
    received_on: dt.date | None = None,
) -> Material:
    """File a material of a matter; the day it arrived counts for the lead time (rules §6.3).

    The government files for its own matters; the office may record a paper delivery's date.
    """
    actor = ctx.user
    kind = _choice(kind, Material.Kind.values, field="kind", label=_("材料类别"))
    title = _text(title, field="title", label=_("标题"), max_length=MAX_TITLE)
    if file is None:
        raise DomainError("field_required", _("请填写{label}。"), field="file", label=_("文件"))
    check_upload(file)
    if received_on is None or not actor.has_perm(MANAGE):
        received_on = ctx.today
    if received_on > ctx.today:
        raise DomainError("date_in_future", _("送达日期不能晚于今天。"), field="received_on")
    material = Material(
        matter=matter,
        kind=kind,
        title=title,
        name=file.name[:200],
        size=file.size,
        received_on=received_on,
        uploaded_by=actor,
    )
    material.file.save(file.name, file, save=False)
    material.save()
    copied = _copy_to_meeting(actor, matter, [material])
    ctx.changes.update(
        matter=matter.pk,
        kind=kind,
        received_on=received_on.isoformat(),
        size=material.size,
        meeting_documents=copied,
    )
    return material


def _copy_to_meeting(actor, matter: Matter, materials) -> int:
    """Record the materials as documents of the agenda item, so the meeting's own checks see them."""
    from renda.meetings.services import document_add
    from renda.meetings.workflow import OPEN_STATUSES

    if not matter.agenda_item_id or not actor.has_perm("meetings.manage"):
        return 0
    item = AgendaItem.objects.select_related("meeting").get(pk=matter.agenda_item_id)
    if item.meeting.status not in OPEN_STATUSES:
        return 0
    for material in materials:
        document_add(
            actor=actor,
            meeting=item.meeting,
            item=item,
            kind=MEETING_DOCUMENT_KIND[material.kind],
            title=material.title,
            received_on=material.received_on,
        )
    return len(materials)


# -- before the standing committee -------------------------------------------------------------


@action(
    "decisions.matter.schedule",
    model=Matter,
    subject="matter",
    sources=workflow.SCHEDULE_SOURCES,
    target=M.SCHEDULED,
    permission=MANAGE,
    rule="§6.1",
    label=_("列入会议议程"),
    audit="decisions.matter.scheduled",
)
def matter_schedule(ctx: ActionContext, *, matter: Matter, meeting: Meeting) -> Matter:
    """Put a matter on an SC meeting's agenda (an agenda item of the meetings module)."""
    from renda.meetings.services import agenda_item_add

    if not isinstance(meeting, Meeting) or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError(
            "meeting_not_sc", _("重大事项应提请常务委员会会议讨论决定。"), field="meeting"
        )
    item = agenda_item_add(
        actor=ctx.user,
        meeting=meeting,
        kind=AGENDA_ITEM_KIND[matter.kind],
        title=matter.title,
        description=matter.description or matter.grounds,
        reporting_body=matter.proposing_body,
    )
    matter.agenda_item, matter.status = item, M.SCHEDULED
    matter.save(update_fields=["agenda_item", "status", "updated_at"])
    copied = _copy_to_meeting(ctx.user, matter, list(matter.materials.all()))
    ctx.changes.update(meeting=meeting.pk, agenda_item=item.pk, meeting_documents=copied)
    return matter


def _report(ctx: ActionContext, matter: Matter) -> None:
    """Precondition: only a report (or a prior report) is heard and gets opinions (rules §6.4, §6.5)."""
    if matter.kind not in workflow.REPORT_KINDS:
        raise Conflict(
            "matter_not_report", _("只有报告类重大事项以审议结束；提请决定的事项须表决。")
        )


@action(
    "decisions.matter.conclude",
    model=Matter,
    subject="matter",
    sources=workflow.CONCLUDE_SOURCES,
    target=M.CONCLUDED,
    permission=MANAGE,
    precondition=_report,
    precondition_hides=True,
    rule="§6.1",
    label=_("登记审议情况"),
    audit="decisions.matter.concluded",
)
def matter_conclude(ctx: ActionContext, *, matter: Matter, conclusion: str) -> Matter:
    """Record that a report was heard (rules §6.1: deliberated, opinions may follow)."""
    conclusion = _text(conclusion, field="conclusion", label=_("审议情况"))
    matter.status, matter.conclusion = M.CONCLUDED, conclusion
    matter.save(update_fields=["status", "conclusion", "updated_at"])
    ctx.changes["status"] = M.CONCLUDED
    return matter


# -- opinions on a report (rules §6.5) ---------------------------------------------------------


def opinion_kind():
    """The casework kind of opinions on a major-matter report: 3 months, at most 6 (rules §6.5)."""
    from renda.casework.kinds import ensure_kind
    from renda.casework.models import DeadlineUnit

    return ensure_kind(
        code="major_matter_opinion",
        name="重大事项审议意见",
        follows={
            "reply_amount": "decisions.opinion_reply_months",
            "extended_amount": "decisions.opinion_max_months",
        },
        reply_unit=DeadlineUnit.MONTHS,
        requester_rates=False,
        contact_required=False,
    )


def _government_for(matter: Matter) -> Organization | None:
    if matter.annual_list_id:
        return matter.annual_list.government
    body = matter.proposing_body
    if body.kind == Organization.Kind.GOVERNMENT:
        return body
    if body.parent_id and body.parent.kind == Organization.Kind.GOVERNMENT:
        return body.parent
    return default_government()


def _opinions_open(ctx: ActionContext, matter: Matter) -> None:
    """Precondition: the office handles cases too; a report; opinions not yet sent."""
    if not ctx.user.has_perm("casework.manage"):
        raise PermissionDenied()
    if matter.kind not in workflow.REPORT_KINDS:
        raise Conflict("matter_not_report", _("审议意见只能针对重大事项报告提出。"))
    if matter.case_id:
        raise Conflict("opinions_sent", _("审议意见已经交办。"))


@action(
    "decisions.matter.opinions",
    model=Matter,
    subject="matter",
    sources=workflow.OPINIONS_SOURCES,
    permission=MANAGE,
    precondition=_opinions_open,
    precondition_hides=True,
    rule="§6.5",
    label=_("交政府研究处理"),
    audit="decisions.matter.opinions_sent",
)
def opinions_send(ctx: ActionContext, *, matter: Matter, text: str):
    """Send the SC's opinions on a major-matter report to the government as a case (rules §6.5)."""
    from renda.casework import services as cw

    text = _text(text, field="text", label=_("审议意见"))
    government = _government_for(matter)
    if government is None:
        raise DomainError("government_required", _("请指明提出清单的人民政府。"))
    sc = (
        Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE)
        .order_by("id")
        .first()
    )
    case = cw.case_create(
        actor=ctx.user,
        kind=opinion_kind(),
        title=f"关于《{matter.title}》的审议意见"[:200],
        summary=text,
        requester_body=sc or government,
        source_type="decisions.matter",
        source_id=matter.pk,
    )
    case = cw.case_assign(actor=ctx.user, case=case, lead=government, now=ctx.now)
    matter.case = case
    matter.save(update_fields=["case", "updated_at"])
    ctx.changes.update(case=case.pk, lead=government.pk, due_on=case.due_on.isoformat())
    ctx.audit_object = matter
    return case
