"""Public comment per article: the drafts open for comment and their published comments for
everyone; a comment without an account (limited per address) with its tracking code; the
office's list with the writer's name and contact, moderation, groups and contact points."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Schema, Status

from renda.core.throttle import rate_limited
from renda.legislation import selectors, services
from renda.legislation.models import ContactPoint, DraftVersion, Project, Provision, PublicComment

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, ApiError, ErrorOut
from ._common import router
from .projects import compare_out, version_out

MANAGE = "legislation.manage"


def _throttled(scope: str, request, **kw) -> None:
    if rate_limited(request, scope, **kw):
        raise ApiError(
            "rate_limited", "提交过于频繁，请稍后再试。",
            "Too many requests from this address; try again later.", status=429,
        )  # fmt: skip


class DraftBriefOut(Schema):
    id: int
    project_id: int
    title: str
    label: str
    comment_opens_on: dt.date
    comment_closes_on: dt.date
    open_now: bool
    published_comments: int


class DraftListOut(Schema):
    count: int
    items: list[DraftBriefOut]


@router.get(
    "/legislation/drafts",
    response={200: DraftListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="legislation_drafts_list",
    summary="公开征求意见的法规草案 · Drafts published for comment",
    description="依据 · rule: S5 (立法法 第40条). Public: every draft published for comment, "
    "open or closed, with the number of comments made public.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_drafts_list(request, query: Query[PageQuery]):
    today = timezone.localdate()
    return page(selectors.commented_versions(), query, lambda v: {
        "id": v.pk, "project_id": v.project_id, "title": v.project.title, "label": v.label,
        "comment_opens_on": v.comment_opens_on, "comment_closes_on": v.comment_closes_on,
        "open_now": v.open_for_comment(today), "published_comments": v.published_count,
    })  # fmt: skip


class PublicCommentOut(Schema):
    id: int
    article: str | None
    body: str
    received_at: dt.datetime


class PublicProvisionOut(Schema):
    id: int
    kind: str
    key: str
    label: str
    heading: str
    text: str
    comment_count: int = Field(description="公开的意见数 · comments made public")


class PublicDraftOut(Schema):
    id: int
    project_id: int
    number: int
    label: str
    text: str
    explanation: str
    sent_on: dt.date
    comment_opens_on: dt.date | None
    comment_closes_on: dt.date | None
    provisions: list[PublicProvisionOut]
    files: dict[str, str] = Field(description='下载（带行号） · {"docx": path, "pdf": path}')
    comments: list[PublicCommentOut] = Field(description="经审核公开的意见，不含姓名和联系方式 · never a name or contact")  # fmt: skip


def _public_version(version_id: int) -> DraftVersion:
    return get_object_or_404(DraftVersion, pk=version_id, comment_opens_on__isnull=False)


@router.get(
    "/legislation/drafts/{version_id}",
    response={200: PublicDraftOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="legislation_draft_detail",
    summary="法规草案及公开的意见 · A draft and its public comments",
    description="依据 · rule: S5. Public once published for comment: the text article by "
    "article, the published comments per article; never a writer's name or contact.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_draft_detail(request, version_id: PathId):
    v = _public_version(version_id)
    out = version_out(v, public=True)
    out["comments"] = [
        {"id": c.pk, "article": c.provision.label if c.provision_id else None, "body": c.body,
         "received_at": c.received_at}
        for c in selectors.published_comments(v)[:500]
    ]  # fmt: skip
    return out


class PublicCompareQuery(Schema):
    other: Id


class PublicSegmentOut(Schema):
    op: str = Field(description="equal · insert · delete")
    text: str


class PublicRowOut(Schema):
    status: str = Field(description="same · changed · added · removed")
    old_label: str | None
    new_label: str | None
    renumbered: bool
    segments: list[PublicSegmentOut]


class PublicCompareOut(Schema):
    old_id: int
    new_id: int
    counts: dict[str, int]
    rows: list[PublicRowOut]


@router.get(
    "/legislation/drafts/{version_id}/compare",
    response={200: PublicCompareOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="legislation_draft_compare",
    summary="公开草案修改前后对照 · Two public drafts compared",
    description="依据 · rule: S5. Both versions must have been published for comment.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_draft_compare(request, version_id: PathId, query: Query[PublicCompareQuery]):
    v = _public_version(version_id)
    other = get_object_or_404(DraftVersion, pk=query.other, project_id=v.project_id, comment_opens_on__isnull=False)  # fmt: skip
    return compare_out(v, other)


class CommentSubmitIn(InputSchema):
    body: text(3000)
    provision_id: Id | None = Field(
        None, description="所涉条文；针对草案整体的不填 · the article, or none"
    )
    name: text(40) = Field("", description="可不填，不公开 · optional, never published")
    contact: text(80) = Field("", description="可不填，不公开 · optional, never published")


class CommentSubmitOut(Schema):
    id: int
    code: str = Field(description="查询码 · the tracking code")
    status: str


@router.post(
    "/legislation/drafts/{version_id}/comments",
    response={201: CommentSubmitOut, **WRITE_ERRORS, 429: ErrorOut},
    auth=READ_AUTH,
    operation_id="legislation_comment_submit",
    summary="对法规草案提出意见 · Comment on a draft · legislation.comment.submit",
    description="依据 · rule: S5 (立法法 第40条). Open to everyone while the draft is open for "
    "comment (409 `comment_closed` otherwise); limited per address (429 `rate_limited`).",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_comment_submit(request, version_id: PathId, payload: CommentSubmitIn):
    _throttled("legislation-comment", request)
    _throttled("legislation-comment-hour", request, limit=settings.VOTER_MESSAGES_PER_HOUR, window=3600)  # fmt: skip
    version = _public_version(version_id)
    provision = None
    if payload.provision_id is not None:
        provision = Provision.objects.filter(pk=payload.provision_id).first()
        if provision is None:
            raise ApiError("unknown_reference", "所选条文不存在。", "No such article.", status=404, field="provision_id")  # fmt: skip
    c = services.comment_submit(
        actor=request.auth, version=version, provision=provision, body=payload.body,
        name=payload.name, contact=payload.contact,
    )  # fmt: skip
    return Status(201, {"id": c.pk, "code": c.code, "status": c.status})


class CommentTrackIn(InputSchema):
    code: text(20)


class CommentTrackOut(Schema):
    title: str
    label: str
    article: str | None
    body: str
    status: str = Field(description="pending 待审核 · published 已公开 · withheld 不予公开")
    received_at: dt.datetime
    handling: str | None = Field(description="adopted · partly · not_adopted, once decided")
    reason: str


@router.post(
    "/legislation/comments/track",
    response={200: CommentTrackOut, **DETAIL_ERRORS, 429: ErrorOut},
    auth=READ_AUTH,
    operation_id="legislation_comment_track",
    summary="查询意见处理情况 · Follow a comment by its code",
    description="依据 · rule: S5. The code in the body (kept out of addresses and logs); the "
    "writer's own comment and how its question was handled. 404 for any wrong code.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_comment_track(request, payload: CommentTrackIn):
    _throttled("legislation-comment-track", request)
    c = services.by_code(payload.code)
    decided = c.group if c.group_id and c.group.handling != "pending" else None
    return {
        "title": c.version.project.title, "label": c.version.label,
        "article": c.provision.label if c.provision_id else None, "body": c.body,
        "status": c.status, "received_at": c.received_at,
        "handling": decided.handling if decided else None, "reason": decided.reason if decided else "",
    }  # fmt: skip


class OfficeCommentOut(Schema):
    id: int
    version_id: int
    article: str | None
    body: str
    name: str = Field(description="仅工作人员可见 · the office only")
    contact: str = Field(description="仅工作人员可见 · the office only")
    source: str
    contact_point_id: int | None
    received_at: dt.datetime
    status: str
    group_id: int | None


class OfficeCommentListOut(Schema):
    count: int
    items: list[OfficeCommentOut]


class OfficeCommentQuery(PageQuery):
    status: str = Field("", max_length=10, description="pending · published · withheld")


@router.get(
    "/legislation/projects/{project_id}/comments",
    response={200: OfficeCommentListOut, **DETAIL_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="legislation_comments_list",
    summary="项目收到的意见 · A project's comments (office)",
    description="依据 · rule: S5. The office: every comment with the writer's name and contact.",
)
def legislation_comments_list(request, project_id: PathId, filters: Query[OfficeCommentQuery]):
    require(request, MANAGE)
    project = get_object_or_404(Project, pk=project_id)
    qs = selectors.comments_for(project)
    if filters.status in PublicComment.Status.values:
        qs = qs.filter(status=filters.status)
    return page(qs, filters, lambda c: {
        "id": c.pk, "version_id": c.version_id, "article": c.provision.label if c.provision_id else None,
        "body": c.body, "name": c.name, "contact": c.contact, "source": c.source,
        "contact_point_id": c.contact_point_id, "received_at": c.received_at, "status": c.status,
        "group_id": c.group_id,
    })  # fmt: skip


class ContactPointOut(Schema):
    id: int
    name: str
    organisation: str
    address: str
    established_on: dt.date | None
    active: bool
    comment_count: int


class ContactPointListOut(Schema):
    count: int
    items: list[ContactPointOut]


@router.get(
    "/legislation/contact-points",
    response={200: ContactPointListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="legislation_contact_points_list",
    summary="基层立法联系点 · Grassroots legislative contact points",
    description="依据 · rule: S5 (立法法 第90条). Public, with the comments each passed on.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_contact_points_list(request, query: Query[PageQuery]):
    from django.db.models import Count

    qs = ContactPoint.objects.filter(active=True).annotate(n=Count("comments")).order_by("name")
    return page(qs, query, lambda p: {
        "id": p.pk, "name": p.name, "organisation": p.organisation, "address": p.address,
        "established_on": p.established_on, "active": p.active, "comment_count": p.n,
    })  # fmt: skip


class RecordIn(InputSchema):
    version_id: Id
    body: text(3000)
    source: str = Field(max_length=16, description="contact_point · letter")
    provision_id: Id | None = None
    contact_point_id: Id | None = None
    received_on: dt.date | None = None
    name: text(40) = ""


class WithholdIn(InputSchema):
    reason: text(200)


class GroupIn(InputSchema):
    comment_ids: list[Id] = Field(max_length=500)
    title: text(120) = ""
    group_id: Id | None = None


class DecideIn(InputSchema):
    group_id: Id
    handling: str = Field(max_length=12, description="adopted · partly · not_adopted")
    reason: text(2000)


class ContactPointIn(InputSchema):
    name: text(100)
    organisation: text(100) = ""
    address: text(200) = ""
    established_on: dt.date | None = None
    description: text(2000) = ""


expose(router, services.comment_record, "/legislation/comments", schema=RecordIn, status=201,
       summary="登记联系点或来信意见 · Record a comment passed on · legislation.comment.record")  # fmt: skip
expose(router, services.comment_publish, "/legislation/comments/{comment_id}/publish",
       summary="公开 · Publish a comment · legislation.comment.publish")  # fmt: skip
expose(router, services.comment_withhold, "/legislation/comments/{comment_id}/withhold", schema=WithholdIn,
       summary="不予公开 · Withhold a comment · legislation.comment.withhold")  # fmt: skip
expose(router, services.project_group_comments, "/legislation/projects/{project_id}/group-comments", schema=GroupIn,
       summary="归类意见 · Group comments · legislation.project.group_comments")  # fmt: skip
expose(router, services.project_decide_group, "/legislation/projects/{project_id}/decide-group", schema=DecideIn,
       summary="写明处理情况 · Record a group's handling · legislation.project.decide_group")  # fmt: skip
expose(router, services.contact_point_create, "/legislation/contact-points", schema=ContactPointIn, status=201,
       summary="设立基层立法联系点 · Register a contact point · legislation.contact_point.create")  # fmt: skip
