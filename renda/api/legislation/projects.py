"""Plans and projects: reads for the office, the leaders and the members; each step an
action of the office (the same ones the pages perform)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Schema

from renda.legislation import selectors, services
from renda.legislation.models import DraftVersion, Plan, PlanItem, Project

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS
from ._common import VIEW, router

PRIVATE_READ = write_auth(VIEW)


class LegislativePlanItemOut(Schema):
    id: int
    title: str
    category: str = Field(description="formal 审议项目 · preparatory 预备项目 · research 调研项目")
    drafter: str
    committee: str
    expected_month: int | None
    status: str = Field(description="listed 列入 · removed 调出")
    added_in: int
    removed_in: int | None
    change_reason: str
    project_id: int | None
    project_status: str | None


class LegislativePlanOut(Schema):
    id: int
    kind: str = Field(description="five_year 五年立法规划 · annual 年度立法计划")
    title: str
    year_from: int
    year_to: int
    status: str = Field(description="draft · adopted · published")
    adopted_on: dt.date | None
    published_at: dt.datetime | None
    version: int
    items: list[LegislativePlanItemOut]


class LegislativePlanListOut(Schema):
    count: int
    items: list[LegislativePlanOut]


def _plan(p: Plan) -> dict[str, Any]:
    return {
        "id": p.pk, "kind": p.kind, "title": p.title, "year_from": p.year_from,
        "year_to": p.year_to, "status": p.status, "adopted_on": p.adopted_on,
        "published_at": p.published_at, "version": p.version,
        "items": [
            {"id": i.pk, "title": i.title, "category": i.category, "drafter": i.drafter,
             "committee": i.committee, "expected_month": i.expected_month, "status": i.status,
             "added_in": i.added_in, "removed_in": i.removed_in, "change_reason": i.change_reason,
             "project_id": i.project_id, "project_status": i.project.status if i.project_id else None}
            for i in p.items.all()
        ],
    }  # fmt: skip


def _plans_for(user):
    qs = Plan.objects.prefetch_related("items__project").order_by("-year_from", "kind", "-id")
    if user is None or not user.has_perm(VIEW):
        qs = qs.filter(status=Plan.Status.PUBLISHED)
    return qs


@router.get(
    "/legislation/plans",
    response={200: LegislativePlanListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="legislation_plans_list",
    summary="立法规划计划 · List legislative plans",
    description="依据 · rule: S5 (立法法 第56条). Public: the published plans with their items "
    "and the changes made since; the office, the leaders and the members also see drafts.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_plans_list(request, query: Query[PageQuery]):
    return page(_plans_for(request.auth), query, _plan)


@router.get(
    "/legislation/plans/{plan_id}",
    response={200: LegislativePlanOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="legislation_plan_detail",
    summary="立法规划计划 · A legislative plan",
    description="依据 · rule: S5. 404 for a plan not yet published, unless one may read drafts.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_plan_detail(request, plan_id: PathId):
    return _plan(get_object_or_404(_plans_for(request.auth), pk=plan_id))


class LegislativeReadingOut(Schema):
    number: int
    meeting_id: int
    meeting: str
    starts_on: dt.date
    version_id: int
    status: str
    held_on: dt.date | None
    opinions: str


class VersionBriefOut(Schema):
    id: int
    number: int
    label: str
    sent_on: dt.date
    comment_opens_on: dt.date | None
    comment_closes_on: dt.date | None


class LegislativeProjectOut(Schema):
    id: int
    title: str
    kind: str
    proposer: str
    proposer_name: str
    drafter: str
    committee: str
    status: str
    proposed_on: dt.date
    argued_on: dt.date | None
    submitted_on: dt.date | None
    readings_required: int = Field(
        description="`legislation.readings` when submitted, or fewer by the council's decision"
    )
    fewer_readings_ground: str
    reviewed_on: dt.date | None
    poll_id: int | None
    tally: dict[str, Any]
    voted_on: dt.date | None
    sent_for_approval_on: dt.date | None
    approval_due_on: dt.date | None
    approved_on: dt.date | None
    promulgated_on: dt.date | None
    announcement: str
    effective_on: dt.date | None
    feedback_published_at: dt.datetime | None
    closing_note: str
    readings: list[LegislativeReadingOut]
    versions: list[VersionBriefOut]


class LegislativeProjectBriefOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    proposed_on: dt.date
    readings_held: int


class LegislativeProjectListOut(Schema):
    count: int
    items: list[LegislativeProjectBriefOut]


class ProjectQuery(PageQuery):
    status: str = Field("", max_length=20, description="open (不含已结束的) · or a status")
    q: text(50) = ""


@router.get(
    "/legislation/projects",
    response={200: LegislativeProjectListOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="legislation_projects_list",
    summary="立法项目 · List legislative projects",
    description="依据 · rule: S5. The office, the leaders and the members.",
)
def legislation_projects_list(request, filters: Query[ProjectQuery]):
    require(request, VIEW)
    qs = selectors.projects(status=filters.status, q=filters.q)
    return page(qs, filters, lambda p: {"id": p.pk, "title": p.title, "kind": p.kind, "status": p.status,
                                        "proposed_on": p.proposed_on, "readings_held": p.held})  # fmt: skip


def project_out(p: Project) -> dict[str, Any]:
    p = selectors.project_detail(p.pk)
    fields = {k: getattr(p, k) for k in LegislativeProjectOut.model_fields if k not in ("id", "readings", "versions")}  # fmt: skip
    return {
        "id": p.pk, **fields,
        "readings": [
            {"number": r.number, "meeting_id": r.meeting_id, "meeting": r.meeting.title,
             "starts_on": r.meeting.starts_on, "version_id": r.version_id, "status": r.status,
             "held_on": r.held_on, "opinions": r.opinions}
            for r in p.readings.all()
        ],
        "versions": [
            {"id": v.pk, "number": v.number, "label": v.label, "sent_on": v.sent_on,
             "comment_opens_on": v.comment_opens_on, "comment_closes_on": v.comment_closes_on}
            for v in p.versions.all()
        ],
    }  # fmt: skip


@router.get(
    "/legislation/projects/{project_id}",
    response={200: LegislativeProjectOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="legislation_project_detail",
    summary="立法项目 · A legislative project with its steps",
    description="依据 · rule: S5. Each step's date, the readings, the versions and the vote.",
)
def legislation_project_detail(request, project_id: PathId):
    require(request, VIEW)
    return project_out(get_object_or_404(Project, pk=project_id))


class ProvisionOut(Schema):
    id: int
    kind: str = Field(description="preamble · part · chapter · section · article")
    key: str
    label: str
    heading: str
    text: str
    comment_count: int


class VersionOut(Schema):
    id: int
    project_id: int
    number: int
    label: str
    text: str
    explanation: str
    sent_on: dt.date
    comment_opens_on: dt.date | None
    comment_closes_on: dt.date | None
    provisions: list[ProvisionOut]
    files: dict[str, str] = Field(
        description='下载（带行号） · the draft with numbered lines: {"docx": path, "pdf": path}'
    )


@router.get(
    "/legislation/versions/{version_id}",
    response={200: VersionOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="legislation_version_detail",
    summary="草案版本 · A draft version, article by article",
    description="依据 · rule: S5 (立法法 第65条). Every comment counted per article.",
)
def legislation_version_detail(request, version_id: PathId):
    require(request, VIEW)
    v = get_object_or_404(DraftVersion, pk=version_id)
    return version_out(v, public=False)


def version_out(v: DraftVersion, *, public: bool) -> dict[str, Any]:
    return {
        "id": v.pk, "project_id": v.project_id, "number": v.number, "label": v.label,
        "text": v.text, "explanation": v.explanation, "sent_on": v.sent_on,
        "comment_opens_on": v.comment_opens_on, "comment_closes_on": v.comment_closes_on,
        "provisions": [
            {"id": p.pk, "kind": p.kind, "key": p.key, "label": p.label, "heading": p.heading,
             "text": p.text, "comment_count": p.comment_count}
            for p in selectors.provisions_with_counts(v, public=public)
        ],
        "files": {
            kind: reverse(f"portal:legislation_draft_{kind}" if public else f"legislation:version_{kind}", args=[v.pk])
            for kind in ("docx", "pdf")
        },
    }  # fmt: skip


class SegmentOut(Schema):
    op: str = Field(description="equal · insert · delete")
    text: str


class RowOut(Schema):
    status: str = Field(description="same · changed · added · removed")
    old_label: str | None
    new_label: str | None
    renumbered: bool
    segments: list[SegmentOut]


class CompareOut(Schema):
    old_id: int
    new_id: int
    counts: dict[str, int]
    rows: list[RowOut]


class CompareQuery(Schema):
    other: Id = Field(description="另一版本 · the other version of the same project")


def compare_out(a: DraftVersion, b: DraftVersion) -> dict[str, Any]:
    old, new = (a, b) if a.number < b.number else (b, a)
    rows, counts = selectors.compare(old, new)
    return {
        "old_id": old.pk, "new_id": new.pk, "counts": counts,
        "rows": [
            {"status": r.status, "old_label": r.old.label if r.old else None,
             "new_label": r.new.label if r.new else None, "renumbered": r.renumbered,
             "segments": [{"op": s.op, "text": s.text} for s in r.segments]}
            for r in rows
        ],
    }  # fmt: skip


@router.get(
    "/legislation/versions/{version_id}/compare",
    response={200: CompareOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="legislation_version_compare",
    summary="修改前后对照 · Two versions compared article by article",
    description="依据 · rule: S5 (立法法 第58条). Character-level changes per article.",
)
def legislation_version_compare(request, version_id: PathId, query: Query[CompareQuery]):
    require(request, VIEW)
    v = get_object_or_404(DraftVersion, pk=version_id)
    other = get_object_or_404(DraftVersion, pk=query.other, project_id=v.project_id)
    return compare_out(v, other)


class PlanCreateIn(InputSchema):
    kind: choice(Plan.Kind)
    title: text(120)
    year_from: int = Field(ge=2000, le=2100)
    year_to: int | None = Field(None, ge=2000, le=2100)
    note: text(2000) = ""


class PlanItemIn(InputSchema):
    title: text(120)
    category: choice(PlanItem.Category)
    drafter: text(100) = ""
    committee: text(100) = ""
    expected_month: int | None = Field(None, ge=1, le=12)
    reason: text(300) = Field("", description="计划通过后调整的理由 · required after adoption")


class PlanRemoveIn(InputSchema):
    item_id: Id
    reason: text(300) = ""


class PlanAdoptIn(InputSchema):
    adopted_on: dt.date
    meeting_id: Id | None = None


class ProjectCreateIn(InputSchema):
    title: text(120) = ""
    proposer: choice(Project.Proposer)
    kind: choice(Project.Kind) = "enact"
    proposer_name: text(100) = ""
    drafter: text(100) = ""
    committee: text(100) = ""
    proposed_on: dt.date | None = None
    summary: text(5000) = ""
    plan_item_id: Id | None = None


class ArgueIn(InputSchema):
    argued_on: dt.date
    argument: text(5000)


#: Module-level, since ``VersionIn`` has a field named ``text`` that would shadow the function.
Label40 = text(40)
DraftText = text(200_000)


class VersionIn(InputSchema):
    label: Label40
    text: DraftText = Field(description="每章、每条另起一行，以“第一章”“第一条”开头 · one chapter or article a line")  # fmt: skip
    explanation: DraftText = ""
    sent_on: dt.date | None = None


class SubmitIn(InputSchema):
    submitted_on: dt.date
    proposer_name: text(100) = ""


class OpenCommentIn(InputSchema):
    version_id: Id
    opens_on: dt.date
    closes_on: dt.date


class FewerReadingsIn(InputSchema):
    readings: int = Field(ge=1, le=5)
    ground: text(300)
    decided_on: dt.date


class MeetingIn(InputSchema):
    meeting_id: Id


class VoteMeetingIn(InputSchema):
    meeting_id: Id


class RecordReadingIn(InputSchema):
    reading_id: Id
    held_on: dt.date
    opinions: text(20000)


class ReviewIn(InputSchema):
    reviewed_on: dt.date
    report: text(20000)


class SentIn(InputSchema):
    sent_on: dt.date


class ApprovalIn(InputSchema):
    approved_on: dt.date
    reference: text(120)


class PromulgateIn(InputSchema):
    promulgated_on: dt.date
    announcement: text(120)
    effective_on: dt.date


class FeedbackIn(InputSchema):
    feedback: text(20000)


class WithdrawIn(InputSchema):
    reason: text(300)


class TerminateIn(InputSchema):
    reason: text(300)


expose(router, services.plan_create, "/legislation/plans", schema=PlanCreateIn, status=201,
       summary="编制立法规划计划 · Start a plan · legislation.plan.create")  # fmt: skip
for act, path, schema in (
    (services.plan_add_item, "add-item", PlanItemIn),
    (services.plan_remove_item, "remove-item", PlanRemoveIn),
    (services.plan_adopt, "adopt", PlanAdoptIn),
    (services.plan_publish, "publish", None),
):
    expose(router, act, f"/legislation/plans/{{plan_id}}/{path}", schema=schema,
           summary=f"{act.label} · {act.name}", description=f"依据 · rule: {act.rule}.")  # fmt: skip

expose(router, services.project_create, "/legislation/projects", schema=ProjectCreateIn, status=201,
       summary="登记立法项目 · Register a project · legislation.project.create")  # fmt: skip
for act, path, schema in (
    (services.project_argue, "argue", ArgueIn),
    (services.project_add_version, "versions", VersionIn),
    (services.project_submit, "submit", SubmitIn),
    (services.project_open_comment, "open-comment", OpenCommentIn),
    (services.project_fewer_readings, "fewer-readings", FewerReadingsIn),
    (services.project_schedule_reading, "schedule-reading", MeetingIn),
    (services.project_record_reading, "record-reading", RecordReadingIn),
    (services.project_review, "review", ReviewIn),
    (services.project_put_to_vote, "put-to-vote", VoteMeetingIn),
    (services.project_record_vote, "record-vote", None),
    (services.project_send_for_approval, "send-for-approval", SentIn),
    (services.project_record_approval, "record-approval", ApprovalIn),
    (services.project_promulgate, "promulgate", PromulgateIn),
    (services.project_publish_feedback, "publish-feedback", FeedbackIn),
    (services.project_withdraw, "withdraw", WithdrawIn),
    (services.project_terminate, "terminate", TerminateIn),
):
    expose(router, act, f"/legislation/projects/{{project_id}}/{path}", schema=schema,
           summary=f"{act.label} · {act.name}", description=f"依据 · rule: {act.rule}. The office.")  # fmt: skip
