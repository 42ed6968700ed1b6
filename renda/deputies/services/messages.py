"""Voters' messages to a deputy or a liaison station (群众意见, S25, S26).

Anyone writes (a public action); the addressee handles: the deputy their own messages, the
office a station's and anyone's. Handling is one of: acknowledge (受理), answer, forward to
a unit, turn into the deputy's draft suggestion (linked both ways), or — the office only —
dismiss with a reason (abuse, advertising, nothing to handle). The office publishes an
answered message when the writer agreed, with the text as the office approved it.

The writer's name and contact are kept out of every audit event and every public answer.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from renda.core import tracking, validation
from renda.core.actions import PUBLIC, ActionContext, action
from renda.core.errors import Conflict, DomainError, NotFound
from renda.people.models import Deputy, Organization

from ..hooks import LETTER_RECEIVED
from ..models import OPEN_STATUSES, LiaisonStation, VoterMessage

M = VoterMessage.Status
HANDLE = "deputies.handle_message"
MANAGE = "deputies.manage"
MAX_BODY = 3000
MAX_ANSWER = 5000
#: States in which the addressee may still act on a message.
OPEN = frozenset(OPEN_STATUSES)


def _code() -> str:
    return tracking.new_code()


def normalise_code(code: str) -> str:
    """The code as stored, from what a person typed (spaces, lower case, no dashes)."""
    return tracking.normalise(code)


def by_code(code: str) -> VoterMessage:
    """The message a tracking code names, or ``NotFound`` (the same for any wrong code)."""
    wanted = normalise_code(code)
    message = (
        VoterMessage.objects.select_related("deputy__person", "station", "forwarded_to")
        .filter(code=wanted)
        .first()
        if wanted
        else None
    )
    if message is None:
        raise NotFound("code_unknown", _("查询码不正确，请核对后重新输入。"), field="code")
    return message


@action(
    "deputies.message.submit",
    model=VoterMessage,
    permission=PUBLIC,
    rule="S25, S26",
    label=_("给代表写信"),
    refs={"deputy": Deputy, "station": LiaisonStation},
)
def message_submit(
    ctx: ActionContext,
    *,
    subject: str,
    body: str,
    deputy: Deputy | None = None,
    station: LiaisonStation | None = None,
    writer_name: str = "",
    contact: str = "",
    area: str = "",
    consent_publish: bool = False,
) -> VoterMessage:
    """A citizen writes to a serving deputy or an open station; returns the message with
    its tracking code. The name and contact are optional and never published."""
    if (deputy is None) == (station is None):
        raise DomainError("addressee_required", _("请选择写信的代表或联络站。"), field="deputy")
    if deputy is not None and deputy.status != Deputy.Status.ACTIVE:
        raise Conflict("deputy_not_active", _("该代表不在任，请写信给所在的代表联络站。"), field="deputy")  # fmt: skip
    if station is not None and not station.active:
        raise Conflict("station_closed", _("该联络站已停用。"), field="station")
    fields = {
        "subject": validation.text(subject, field="subject", label=_("标题"), max_length=80),
        "body": validation.text(body, field="body", label=_("内容"), max_length=MAX_BODY),
        "writer_name": validation.text(
            writer_name, field="writer_name", label=_("姓名"), required=False, max_length=40
        ),  # fmt: skip
        "contact": validation.text(
            contact, field="contact", label=_("联系方式"), required=False, max_length=100
        ),  # fmt: skip
        "area": validation.text(
            area, field="area", label=_("所在街道或社区"), required=False, max_length=60
        ),  # fmt: skip
    }
    if len(fields["body"]) < 10:
        raise DomainError("body_too_short", _("请把情况写具体一些（至少10个字）。"), field="body")
    for _attempt in range(5):
        try:
            with transaction.atomic():
                message = VoterMessage.objects.create(
                    code=_code(), deputy=deputy, station=station, received_at=ctx.now,
                    consent_publish=bool(consent_publish), **fields,
                )  # fmt: skip
        except IntegrityError:  # pragma: no cover - a code drawn twice
            continue
        ctx.audit_object = message
        # Never the writer's name, contact or text: the audit trail is read by operators.
        ctx.changes.update(
            deputy=deputy.pk if deputy else None,
            station=station.pk if station else None,
            consent_publish=message.consent_publish,
        )
        if deputy is not None:
            ctx.emit(LETTER_RECEIVED, message_id=message.pk)
        return message
    raise Conflict("tracking_code_busy", _("查询码生成冲突，请重试。"))  # pragma: no cover


@action(
    "deputies.message.acknowledge",
    model=VoterMessage,
    subject="message",
    sources={M.RECEIVED},
    target=M.ACKNOWLEDGED,
    permission=HANDLE,
    rule="S25",
    label=_("受理"),
)
def message_acknowledge(ctx: ActionContext, *, message: VoterMessage) -> VoterMessage:
    """Tell the writer the message is being looked into (their tracking page says so)."""
    message.acknowledged_at = ctx.now
    message.save(update_fields=["acknowledged_at", "updated_at"])
    return message


def _answer_text(answer: str) -> str:
    text = validation.text(answer, field="answer", label=_("答复"), max_length=MAX_ANSWER)
    if len(text) < 5:
        raise DomainError("answer_too_short", _("答复过短，请写明处理情况。"), field="answer")
    return text


@action(
    "deputies.message.answer",
    model=VoterMessage,
    subject="message",
    sources={M.RECEIVED, M.ACKNOWLEDGED, M.FORWARDED, M.SUGGESTION, M.ANSWERED},
    target=M.ANSWERED,
    permission=HANDLE,
    rule="S25, S26",
    label=_("答复"),
)
def message_answer(ctx: ActionContext, *, message: VoterMessage, answer: str) -> VoterMessage:
    """Answer the writer (also after forwarding, with what the unit did, or after turning it
    into a suggestion). An answer may be corrected; a published one is then taken down until
    the office approves it again."""
    message.answer = _answer_text(answer)
    message.answered_at, message.answered_by = ctx.now, ctx.user
    message.acknowledged_at = message.acknowledged_at or ctx.now
    was_public = message.published_at is not None
    if was_public:
        message.published_at, message.public_answer = None, ""
    message.save()
    ctx.changes.update(length=len(message.answer), unpublished=was_public)
    return message


@action(
    "deputies.message.forward",
    model=VoterMessage,
    subject="message",
    sources=OPEN,
    target=M.FORWARDED,
    permission=HANDLE,
    rule="S25",
    label=_("转交有关单位"),
    refs={"unit": Organization},
)
def message_forward(
    ctx: ActionContext, *, message: VoterMessage, unit: Organization | None, note: str
) -> VoterMessage:
    """Pass the matter to the unit that can act on it; the writer's tracking page names the
    unit. The addressee answers afterwards with what was done."""
    if unit is None:
        raise DomainError("field_required", _("请填写{label}。"), field="unit", label=_("转交单位"))
    if unit.kind not in Organization.HANDLING_UNIT_KINDS:
        raise DomainError("not_a_unit", _("只能转交给承办单位（政府部门、法院、检察院等）。"), field="unit")  # fmt: skip
    message.forwarded_to = unit
    message.forward_note = validation.text(note, field="note", label=_("转交说明"), max_length=2000)
    message.acknowledged_at = message.acknowledged_at or ctx.now
    message.case = _forward_case(ctx, message, unit)
    message.save()
    ctx.changes.update(unit=unit.pk, case=message.case_id)
    return message


def forwarded_letter_kind():
    """The casework kind of a forwarded letter, created on first use: the unit answers within
    the local period (``deputy.forwarded_letter_reply_days``); the deputy does not rate it."""
    from renda.casework.kinds import ensure_kind
    from renda.casework.models import DeadlineUnit

    return ensure_kind(
        code="voter_letter",
        name="群众来信转办",
        follows={"reply_amount": "deputy.forwarded_letter_reply_days"},
        reply_unit=DeadlineUnit.DAYS,
        extended_amount=0,
        requester_rates=False,
        contact_required=False,
    )


def _forward_case(ctx: ActionContext, message: VoterMessage, unit: Organization):
    """The letter becomes a case assigned to the unit (交办): the unit receives, handles and
    replies in its casework pages, on the clock. The case carries the letter and the note,
    never the writer's name or contact; the deputy who forwarded it is its requester."""
    from renda.casework import services as cw

    deputy = message.deputy
    requester = {"requesters": [deputy.person]} if deputy is not None else {"requester_body": _sc()}
    summary = f"{message.body}\n\n{message.forward_note}"
    case = ctx.perform(
        cw.case_create, kind=forwarded_letter_kind(), title=f"群众来信：{message.subject}"[:200],
        summary=summary, source_type="deputies.voter_message", source_id=message.pk, **requester,
    )  # fmt: skip
    return ctx.perform(cw.case_assign, case=case, lead=unit)


def _sc() -> Organization:
    body = Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE).order_by("id").first()  # fmt: skip
    if body is None:
        raise Conflict("standing_committee_missing", _("尚未设置常务委员会机构。"))
    return body


def _addressed_deputy(ctx: ActionContext, message: VoterMessage) -> None:
    if not message.deputy_id or message.deputy.person_id != getattr(ctx.user, "person_id", None):
        raise Conflict(
            "not_addressee",
            _("只有收信的代表本人可以把来信转为代表建议。"),
        )


@action(
    "deputies.message.suggest",
    model=VoterMessage,
    subject="message",
    sources=OPEN,
    target=M.SUGGESTION,
    permission=HANDLE,
    precondition=_addressed_deputy,
    precondition_hides=True,
    rule="S25, §1.1",
    label=_("转为代表建议"),
)
def message_suggest(
    ctx: ActionContext, *, message: VoterMessage, title: str, content: str
) -> VoterMessage:
    """The deputy turns the message into their own draft suggestion (they finish and submit
    it as any other); the message keeps the link and the writer is told."""
    from renda.suggestions.services import suggestion_create

    suggestion = suggestion_create(actor=ctx.user, title=title, content=content, now=ctx.now)
    message.suggestion = suggestion
    message.acknowledged_at = message.acknowledged_at or ctx.now
    message.save()
    ctx.changes.update(suggestion=suggestion.pk)
    return message


@action(
    "deputies.message.dismiss",
    model=VoterMessage,
    subject="message",
    sources=OPEN,
    target=M.DISMISSED,
    permission=MANAGE,
    rule="S25",
    label=_("不予处理"),
)
def message_dismiss(ctx: ActionContext, *, message: VoterMessage, reason: str) -> VoterMessage:
    """The office sets aside abuse, advertising or what is no matter for a deputy; the
    writer's tracking page shows the reason."""
    message.dismiss_reason = validation.text(reason, field="reason", label=_("理由"), max_length=200)  # fmt: skip
    message.save(update_fields=["dismiss_reason", "updated_at"])
    ctx.changes.update(reason=message.dismiss_reason)
    return message


def _publishable(ctx: ActionContext, message: VoterMessage) -> None:
    if not message.consent_publish:
        raise Conflict("no_consent", _("写信人没有同意公开，不能公开。"))
    if not message.answer:
        raise Conflict("not_answered", _("答复后才能公开。"))


@action(
    "deputies.message.publish",
    model=VoterMessage,
    subject="message",
    sources={M.ANSWERED},
    permission=MANAGE,
    precondition=_publishable,
    precondition_hides=True,
    rule="S25, S26",
    label=_("审核公开"),
)
def message_publish(
    ctx: ActionContext, *, message: VoterMessage, public_body: str, public_answer: str
) -> VoterMessage:
    """Publish the message and its answer as the office approved them (names, phone numbers
    and addresses taken out). The writer's name and contact are never published."""
    message.public_body = validation.text(public_body, field="public_body", label=_("公开的内容"), max_length=MAX_BODY)  # fmt: skip
    message.public_answer = validation.text(public_answer, field="public_answer", label=_("公开的答复"), max_length=MAX_ANSWER)  # fmt: skip
    message.published_at, message.published_by = ctx.now, ctx.user
    message.save()
    ctx.changes.update(published=True)
    return message


def _is_published(ctx: ActionContext, message: VoterMessage) -> None:
    if message.published_at is None:
        raise Conflict("not_published", _("这封来信没有公开。"))


@action(
    "deputies.message.unpublish",
    model=VoterMessage,
    subject="message",
    sources={M.ANSWERED},
    permission=MANAGE,
    precondition=_is_published,
    precondition_hides=True,
    rule="S25",
    label=_("撤下公开"),
)
def message_unpublish(ctx: ActionContext, *, message: VoterMessage, reason: str) -> VoterMessage:
    """Take a published message off the public site, with the reason (kept in the audit)."""
    reason = validation.text(reason, field="reason", label=_("理由"), max_length=200)
    message.published_at = None
    message.save(update_fields=["published_at", "updated_at"])
    ctx.changes.update(reason=reason)
    return message


MESSAGE_ACTIONS = (
    message_acknowledge,
    message_answer,
    message_forward,
    message_suggest,
    message_dismiss,
    message_publish,
    message_unpublish,
)
