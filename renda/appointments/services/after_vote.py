"""After an appointment is carried (rules.md §7.11): the certificate (任命书) with its number,
signed by the chair, and the public notice within ``appointment.notice_days`` of the decision.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict
from renda.people.selectors import jurisdiction

from ..hooks import APPOINTMENT_ANNOUNCED
from ..models import Appointment

MANAGE = "appointments.manage"
A = Appointment.Status


def _no_certificate(ctx: ActionContext, appointment: Appointment) -> None:
    if appointment.kind != Appointment.Kind.APPOINT:
        raise Conflict("no_certificate", _("只有任命事项签发任命书。"))
    if appointment.certificate_no:
        raise Conflict("certificate_issued", _("任命书已签发（{no}）。"), no=appointment.certificate_no)  # fmt: skip


def _not_announced(ctx: ActionContext, appointment: Appointment) -> None:
    if appointment.announced_on:
        raise Conflict("already_announced", _("已于{day}公告。"), day=appointment.announced_on.isoformat())  # fmt: skip


def next_certificate_no(year: int) -> str:
    """The next number of the year: ``清人常任字〔2026〕3号`` (the jurisdiction's first
    character, then the standing committee's appointment series)."""
    j = jurisdiction()
    short = (j.name[:1] if j else "") or "本"
    issued = Appointment.objects.filter(
        ~Q(certificate_no=""), certificate_issued_on__year=year
    ).count()
    return f"{short}人常任字〔{year}〕{issued + 1}号"


@action(
    "appointments.appointment.issue_certificate",
    model=Appointment,
    subject="appointment",
    sources={A.APPOINTED},
    permission=MANAGE,
    precondition=_no_certificate,
    precondition_hides=True,
    rule="§7.11",
    label=_("签发任命书"),
)
def appointment_issue_certificate(ctx: ActionContext, *, appointment: Appointment) -> Appointment:
    """Number the certificate; the printable one (docx) carries the chair's signature block."""
    for _attempt in range(3):
        number = next_certificate_no(ctx.today.year)
        if not Appointment.objects.filter(certificate_no=number).exists():
            break
    appointment.certificate_no, appointment.certificate_issued_on = number, ctx.today
    appointment.save(update_fields=["certificate_no", "certificate_issued_on", "updated_at"])
    ctx.changes.update(certificate_no=number)
    return appointment


def notice_text(appointment: Appointment) -> str:
    """The notice's default text: the day, the body and who was appointed to (or relieved
    of) what."""
    from renda.core.docx import zh_date

    j = jurisdiction()
    name = j.name if j else ""
    day = zh_date(appointment.decided_on) if appointment.decided_on else ""
    return f"{name}人民代表大会常务委员会于{day}决定：\n{appointment.title}。\n特此公告。"


@action(
    "appointments.appointment.announce",
    model=Appointment,
    subject="appointment",
    sources={A.APPOINTED, A.RELIEVED},
    permission=MANAGE,
    precondition=_not_announced,
    precondition_hides=True,
    rule="§7.11",
    label=_("发布任免公告"),
)
def appointment_announce(
    ctx: ActionContext, *, appointment: Appointment, announcement: str = ""
) -> Appointment:
    """Publish the notice on the public site; one later than ``appointment.notice_days``
    after the decision is recorded as late (the board shows it overdue until then)."""
    text = validation.text(
        announcement, field="announcement", label=_("公告"), required=False, max_length=2000
    ) or notice_text(appointment)
    appointment.announcement, appointment.announced_on = text, ctx.today
    appointment.save(update_fields=["announcement", "announced_on", "updated_at"])
    ctx.emit(APPOINTMENT_ANNOUNCED, appointment_id=appointment.pk)
    due = appointment.notice_due_on
    ctx.changes.update(announced_on=str(ctx.today), due_on=str(due), late=bool(due and ctx.today > due))  # fmt: skip
    return appointment


AFTER_VOTE_ACTIONS = (appointment_issue_certificate, appointment_announce)
