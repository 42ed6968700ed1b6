"""The constitutional oath (宪法宣誓, rules.md §7.12).

People the standing committee appointed swear the fixed oath publicly on taking office,
one ceremony for several. The office arranges the ceremony, lists those whose appointment is
in force (never a deferred, withdrawn or failed one, nor one no longer in the post), and
records who led, who witnessed, who swore and who was absent (listed again at a later
ceremony). A re-appointment means a new oath.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.people.models import Person

from ..models import Appointment, OathCeremony, OathTaker

MANAGE = "appointments.manage"
C = OathCeremony.Status
T = OathTaker.Status


@action(
    "appointments.oath.schedule",
    model=OathCeremony,
    permission=MANAGE,
    rule="§7.12",
    label=_("安排宪法宣誓仪式"),
)
def oath_schedule(ctx: ActionContext, *, held_on: dt.date | None, place: str) -> OathCeremony:
    if held_on is None:
        raise DomainError("field_required", _("请填写{label}。"), field="held_on", label=_("宣誓日期"))  # fmt: skip
    ceremony = OathCeremony.objects.create(
        held_on=held_on,
        place=validation.text(place, field="place", label=_("地点"), max_length=120),
        created_by=ctx.user,
    )
    ctx.audit_object = ceremony
    ctx.changes.update(held_on=str(held_on))
    return ceremony


def in_force(appointment: Appointment) -> bool:
    """An appointment carried whose post the person still holds."""
    return bool(
        appointment.status == Appointment.Status.APPOINTED
        and appointment.membership_id
        and appointment.membership.end_date is None
    )


@action(
    "appointments.oath.add",
    model=OathCeremony,
    subject="ceremony",
    sources={C.SCHEDULED},
    permission=MANAGE,
    rule="§7.12",
    label=_("列入宣誓人员"),
    refs={"appointment": Appointment},
)
def oath_add(ctx: ActionContext, *, ceremony: OathCeremony, appointment: Appointment | None) -> OathTaker:  # fmt: skip
    """List a person whose appointment is in force and who has not yet sworn for it."""
    if appointment is None:
        raise DomainError("field_required", _("请填写{label}。"), field="appointment", label=_("任命事项"))  # fmt: skip
    if not in_force(appointment):
        raise Conflict(
            "appointment_not_in_force",
            _("{name}的任命尚未生效（{status}），不能宣誓。"),
            field="appointment", name=appointment.person.name,
            status=appointment.get_status_display(),
        )  # fmt: skip
    if appointment.oaths.filter(status__in=[T.LISTED, T.SWORN]).exists():
        raise Conflict("oath_listed", _("{name}已列入宣誓或已宣誓。"), field="appointment", name=appointment.person.name)  # fmt: skip
    taker, _created = OathTaker.objects.update_or_create(
        ceremony=ceremony, appointment=appointment, defaults={"status": T.LISTED}
    )
    ctx.changes.update(appointment=appointment.pk)
    return taker


@action(
    "appointments.oath.record",
    model=OathCeremony,
    subject="ceremony",
    sources={C.SCHEDULED},
    target=C.HELD,
    permission=MANAGE,
    rule="§7.12",
    label=_("登记宣誓情况"),
    refs={"led_by": Person},
)
def oath_record(
    ctx: ActionContext,
    *,
    ceremony: OathCeremony,
    led_by: Person | None,
    witnesses: str,
    absent: list[int] | None = None,
) -> OathCeremony:
    """The ceremony was held: who led it and who witnessed; everyone listed swore except
    those named absent (by appointment id), who are listed again at a later ceremony."""
    if ceremony.held_on > ctx.today:
        raise DomainError("not_held_yet", _("宣誓日期还未到，不能登记。"), field="led_by")
    if led_by is None:
        raise DomainError("field_required", _("请填写{label}。"), field="led_by", label=_("监誓人"))  # fmt: skip
    takers = list(ceremony.takers.filter(status=T.LISTED))
    if not takers:
        raise Conflict("no_takers", _("没有列入宣誓的人员。"))
    absent_ids = set(absent or [])
    unknown = absent_ids - {t.appointment_id for t in takers}
    if unknown:
        raise DomainError("unknown_taker", _("未到场人员应在宣誓名单中。"), field="absent")
    ceremony.led_by = led_by
    ceremony.witnesses = validation.text(witnesses, field="witnesses", label=_("见证人员"), required=False, max_length=200)  # fmt: skip
    ceremony.save(update_fields=["led_by", "witnesses", "updated_at"])
    for taker in takers:
        taker.status = T.ABSENT if taker.appointment_id in absent_ids else T.SWORN
        taker.save(update_fields=["status", "updated_at"])
    sworn = sum(1 for t in takers if t.status == T.SWORN)
    ctx.changes.update(sworn=sworn, absent=len(takers) - sworn, led_by=led_by.pk)
    return ceremony


OATH_ACTIONS = (oath_add, oath_record)
