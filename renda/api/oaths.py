"""The constitutional oath (宪法宣誓, rules.md §7.12): ceremonies and who swore.

The office and the leaders read them; the office arranges, lists and records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.appointments import services
from renda.appointments.models import OathCeremony

from .actions import expose
from .appointments import PRIVATE_READ, VIEW, router
from .auth import require
from .common import Id, InputSchema, PageQuery, PathId, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS


class TakerOut(Schema):
    appointment_id: int
    name: str
    post: str
    status: str = Field(description="listed 待宣誓 · sworn 已宣誓 · absent 未到场")


class CeremonyOut(Schema):
    id: int
    held_on: dt.date
    place: str
    led_by_id: int | None
    led_by: str
    witnesses: str
    text: str
    status: str
    takers: list[TakerOut]


class CeremonyListOut(Schema):
    count: int
    items: list[CeremonyOut]


CEREMONIES = OathCeremony.objects.select_related("led_by").prefetch_related(
    "takers__appointment__person", "takers__appointment__post__organization"
)


def _row(c: OathCeremony) -> dict[str, Any]:
    takers = [
        {"appointment_id": t.appointment_id, "name": t.appointment.person.name,
         "post": str(t.appointment.post), "status": t.status}
        for t in c.takers.all()
    ]  # fmt: skip
    return {
        "id": c.pk, "held_on": c.held_on, "place": c.place, "led_by_id": c.led_by_id,
        "led_by": c.led_by.name if c.led_by else "", "witnesses": c.witnesses, "text": c.text,
        "status": c.status, "takers": takers,
    }  # fmt: skip


@router.get(
    "/oath-ceremonies",
    response={200: CeremonyListOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_oaths_list",
    summary="宪法宣誓仪式 · List oath ceremonies",
    description="依据 · rule: §7.12. The office and the leaders; latest first.",
)
def appointments_oaths_list(request, filters: Query[PageQuery]):
    require(request, VIEW)
    return page(CEREMONIES.order_by("-held_on", "-id"), filters, _row)


@router.get(
    "/oath-ceremonies/{ceremony_id}",
    response={200: CeremonyOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_oath_detail",
    summary="宣誓仪式详情 · Get an oath ceremony",
    description="依据 · rule: §7.12. The office and the leaders.",
)
def appointments_oath_detail(request, ceremony_id: PathId):
    require(request, VIEW)
    return _row(get_object_or_404(CEREMONIES, pk=ceremony_id))


def _out(obj) -> dict[str, Any]:
    pk = getattr(obj, "ceremony_id", None) or obj.pk
    return _row(CEREMONIES.get(pk=pk))


class CeremonyIn(InputSchema):
    held_on: dt.date
    place: text(120)


expose(
    router,
    services.oath_schedule,
    "/oath-ceremonies",
    schema=CeremonyIn,
    response=CeremonyOut,
    out=_out,
    status=201,
    summary="安排宣誓仪式 · Arrange a ceremony · appointments.oath.schedule",
    description="依据 · rule: §7.12. The text is fixed.",
)


class AddIn(InputSchema):
    appointment_id: Id = Field(description="已生效的任命 · an appointment in force")


expose(
    router,
    services.oath_add,
    "/oath-ceremonies/{ceremony_id}/takers",
    schema=AddIn,
    response=CeremonyOut,
    out=_out,
    summary="列入宣誓人员 · List a person · appointments.oath.add",
    description="依据 · rule: §7.12. Refused unless the appointment is in force.",
)


class RecordIn(InputSchema):
    led_by_id: Id
    witnesses: text(200) = ""
    absent: list[Id] = Field(default_factory=list, description="未到场的任命事项 id · absentees")


expose(
    router,
    services.oath_record,
    "/oath-ceremonies/{ceremony_id}/record",
    schema=RecordIn,
    response=CeremonyOut,
    out=_out,
    summary="登记宣誓情况 · Record the ceremony · appointments.oath.record",
    description="依据 · rule: §7.12. Everyone listed swore except the absentees.",
)
