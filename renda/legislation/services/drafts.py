"""Draft versions and public comment periods (立法法 第40、58、65条)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param

from .. import texts
from ..models import DraftVersion, Project, Provision
from ._common import MANAGE

S = Project.Status
#: While the draft may still change: a new version, a comment period.
DRAFT_OPEN = set(Project.DRAFT_OPEN)
MAX_DRAFT = 200_000


def store_provisions(version: DraftVersion) -> int:
    """Split the version's text into its chapters and articles; return how many articles."""
    units = texts.parse(version.text)
    Provision.objects.bulk_create(
        Provision(
            version=version,
            ordinal=i,
            kind=u.kind,
            key=u.key[:30],
            label=u.label[:30],
            heading=u.heading[:120],
            text=u.text,
            chapter=u.chapter[:150],
        )  # fmt: skip
        for i, u in enumerate(units, start=1)
    )
    return sum(1 for u in units if u.is_article)


@action(
    "legislation.project.add_version",
    model=Project,
    subject="project",
    sources=DRAFT_OPEN,
    permission=MANAGE,
    rule="S5",
    label=_("登记草案文本"),
)
def project_add_version(
    ctx: ActionContext,
    *,
    project: Project,
    label: str,
    text: str,
    explanation: str = "",
    sent_on: dt.date | None = None,
) -> DraftVersion:
    """Keep a new version of the draft, its articles numbered consistently (立法法 第65条)."""
    label = validation.text(label, field="label", label=_("版本名称"), max_length=40)
    body = validation.text(text, field="text", label=_("草案文本"), max_length=MAX_DRAFT)
    units = texts.parse(body)
    if not any(u.is_article for u in units):
        raise DomainError(
            "draft_no_articles", _("草案文本中没有找到条文（每条以“第一条”等开头，独占一行）。"),
            field="text",
        )  # fmt: skip
    problems = texts.validate(units)
    if problems:
        raise DomainError(
            "draft_structure", _("草案条文编号有误：{problems}"), field="text",
            problems="；".join(problems[:5]),
        )  # fmt: skip
    number = (project.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DraftVersion.objects.create(
        project=project,
        number=number,
        label=label,
        text=body,
        explanation=validation.text(
            explanation, field="explanation", label=_("说明"), required=False, max_length=MAX_DRAFT
        ),  # fmt: skip
        sent_on=sent_on or ctx.today,
        created_by=ctx.user,
    )
    articles = store_provisions(version)
    ctx.changes.update(version=version.pk, number=number, label=label, articles=articles)
    return version


@action(
    "legislation.project.open_comment",
    model=Project,
    subject="project",
    sources=DRAFT_OPEN,
    permission=MANAGE,
    rule="S5",
    label=_("公布草案征求意见"),
    refs={"version": DraftVersion},
)
def project_open_comment(
    ctx: ActionContext,
    *,
    project: Project,
    version: DraftVersion,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
) -> DraftVersion:
    """Publish a version for public comment for at least ``legislation.comment_days``
    days (立法法 第40条); one period at a time per project."""
    if version.project_id != project.pk:
        raise DomainError("version_unknown", _("所选草案版本不属于本项目。"), field="version")
    validation.required(opens_on, "opens_on", _("开始日期"))
    validation.required(closes_on, "closes_on", _("截止日期"))
    validation.date_order(opens_on, closes_on, field="closes_on")
    if opens_on < ctx.today:
        raise DomainError("date_past", _("开始日期不能早于今天。"), field="opens_on")
    days = int(param("legislation.comment_days"))
    if (closes_on - opens_on).days + 1 < days:
        raise DomainError(
            "comment_period_short",
            _("向社会公布征求意见的时间不少于{days}日（立法法第40条）。"),
            field="closes_on", days=days,
        )  # fmt: skip
    busy = project.versions.exclude(pk=version.pk).filter(comment_closes_on__gte=opens_on)
    if busy.exists():
        raise Conflict("comment_period_open", _("本项目已有一个征求意见期尚未结束。"), field="version")  # fmt: skip
    if version.comment_closes_on and version.comment_closes_on < ctx.today:
        raise Conflict("comment_period_over", _("该版本的征求意见期已经结束。"), field="version")
    version.comment_opens_on, version.comment_closes_on = opens_on, closes_on
    version.save(update_fields=["comment_opens_on", "comment_closes_on", "updated_at"])
    ctx.changes.update(version=version.pk, opens_on=str(opens_on), closes_on=str(closes_on))
    return version


DRAFT_ACTIONS = (project_add_version, project_open_comment)
