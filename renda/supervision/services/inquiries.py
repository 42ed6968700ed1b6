"""Supervision services: inquiries."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.statute import param
from renda.meetings.models import Meeting
from renda.people.models import Deputy, Organization, Person

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    InquiryQuestion,
    InquiryRespondent,
    InquirySession,
    InquiryTopic,
    PlanItem,
    Report,
)
from ._common import MANAGE, _choice, _text
from .inspections import sc_member_ids

S = InquirySession.Status
#: Deputies jointly propose special-inquiry topics; the office records paper ones.
PROPOSE_TOPIC = "supervision.propose_topic"

# -- special inquiries (rules §3.5) --------------------------------------------------------


@action(
    "supervision.inquiry.create",
    model=InquirySession,
    permission=MANAGE,
    rule="§3.5",
    label=_("建立专题询问"),
    audit="supervision.inquiry.created",
)
def inquiry_create(
    ctx: ActionContext,
    *,
    title: str,
    meeting: Meeting,
    report: Report | None = None,
    form: str = "joint_group",
    respondents: Sequence[tuple[Person, Organization, str]] = (),
    plan_item: PlanItem | None = None,
) -> InquirySession:
    """Plan an inquiry session at a meeting on a report, with the heads who must attend."""
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
    ctx.changes.update(meeting=meeting.pk, respondents=sorted(seen))
    return session


@action(
    "supervision.inquiry.question",
    model=InquirySession,
    subject="session",
    permission=MANAGE,
    rule="§3.5",
    label=_("登记询问"),
    audit="supervision.inquiry.question",
)
def inquiry_question_add(
    ctx: ActionContext,
    *,
    session: InquirySession,
    asker: Person,
    respondent: InquiryRespondent,
    question: str,
    answer: str = "",
) -> InquiryQuestion:
    """Record a member's question and, when given, the answer."""
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
    q = InquiryQuestion.objects.create(
        session=session,
        asker=asker,
        respondent=respondent,
        question=question,
        answer=answer,
        answered_at=ctx.now if answer else None,
        order=session.questions.count() + 1,
    )
    ctx.changes.update(
        question=q.pk, asker=asker.pk, respondent=respondent.person_id, answered=bool(answer)
    )
    ctx.audit_object = session
    return q


@action(
    "supervision.inquiry.answer",
    model=InquiryQuestion,
    subject="question",
    permission=MANAGE,
    rule="§3.5",
    label=_("登记回答"),
    audit="supervision.inquiry.answer",
)
def inquiry_answer_record(
    ctx: ActionContext, *, question: InquiryQuestion, answer: str
) -> InquiryQuestion:
    """Record the answer given to a question already asked."""
    answer = _text(answer, field="answer", label=_("应询回答"))
    question.answer, question.answered_at = answer, ctx.now
    question.save(update_fields=["answer", "answered_at"])
    ctx.changes["question"] = question.pk
    ctx.audit_object = question.session
    return question


def _meeting_held(ctx: ActionContext, session: InquirySession) -> None:
    if session.meeting.starts_on > ctx.today:
        raise Conflict(
            "meeting_not_held",
            _("会议尚未举行（{date}），不能登记审议。"),
            date=session.meeting.starts_on.isoformat(),
        )


@action(
    "supervision.inquiry.hold",
    model=InquirySession,
    subject="session",
    sources={S.PLANNED},
    target=S.HELD,
    permission=MANAGE,
    precondition=_meeting_held,
    rule="§3.5, S11",
    label=_("登记举行情况"),
    audit="supervision.inquiry.held",
)
def inquiry_hold(
    ctx: ActionContext,
    *,
    session: InquirySession,
    attended: Sequence[int],
    summary: str = "",
) -> InquirySession:
    """Record that the session was held; every respondent must have attended (S11)."""
    summary = _text(summary, field="summary", label=_("询问情况"), required=False)
    rows = list(session.respondents.select_related("person"))
    present = {int(pk) for pk in attended}
    missing = [r.person.name for r in rows if r.person_id not in present]
    if missing:
        raise Conflict(
            "respondent_absent",
            _("应询人必须到会应询（S11）：{names}未到会。"),
            names="、".join(missing),
        )
    session.respondents.update(attended=True)
    if not session.questions.exists():
        raise Conflict("questions_missing", _("请先登记询问和应询情况。"))
    session.status, session.held_at, session.summary = S.HELD, ctx.now, summary
    session.save(update_fields=["status", "held_at", "summary", "updated_at"])
    ctx.changes["questions"] = session.questions.count()
    return session


@action(
    "supervision.inquiry_topic.propose",
    model=InquiryTopic,
    permission=PROPOSE_TOPIC,
    rule="§3.5",
    label=_("提出议题建议"),
    audit="supervision.inquiry_topic.proposed",
)
def inquiry_topic_propose(
    ctx: ActionContext, *, year: int, title: str, proposers: Sequence[Person], reason: str = ""
) -> InquiryTopic:
    """Deputies jointly propose a special-inquiry topic (§3.5: at least 5 deputies)."""
    title = _text(title, field="title", label=_("议题"), max_length=200)
    reason = _text(reason, field="reason", label=_("理由"), required=False)
    people = list(dict.fromkeys(proposers))
    actor = ctx.actor
    if (
        actor.person_id
        and not actor.has_perm(MANAGE)
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
    topic = InquiryTopic.objects.create(year=year, title=title, reason=reason)
    topic.proposers.set([p for p in people if p.pk in active])
    ctx.changes["proposers"] = sorted(active)
    return topic
