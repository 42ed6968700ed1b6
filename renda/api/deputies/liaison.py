"""Liaison stations, voter-reception days and the 双联系 contacts (S23, S25, rules.md §2.9).

The stations and their published schedules are public: what a station is, where, when it is
open, the names of the deputies attached to it and the days they receive voters (never a
deputy's own phone or address). The contacts are not: the office and the standing committee
read them all, a deputy their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Min, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Schema, Status

from renda.core import validation
from renda.core.errors import NotFound
from renda.deputies import selectors, services
from renda.deputies.models import Contact, LiaisonStation, Reception
from renda.people.models import Deputy, Person
from renda.people.selectors import current_term

from ..actions import ActionOut, expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import MAX_INT, Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS
from ._common import MANAGE, deputy_rows, router

RECORD = "deputies.record_contact"
VIEW_CONTACTS = "deputies.view_contacts"
R = Reception.Status
#: Held days a station's public page lists (the figures only).
RECENT_HELD = 10


def _named(through: str = "deputies") -> Prefetch:
    """Deputies with their names, in name order, one query."""
    rows = Deputy.objects.select_related("person").order_by("person__name", "id")
    return Prefetch(through, queryset=rows)


def _names(deputies: Iterable[Deputy]) -> list[dict[str, Any]]:
    """Deputies as the public sees them: the id and the name, nothing to reach them by."""
    return [{"id": d.pk, "name": d.person.name} for d in deputies]


# Public reads: the stations and their schedules.


class LiaisonDeputyOut(Schema):
    id: int
    name: str


class LiaisonStationOut(Schema):
    id: int
    name: str
    kind: str
    area: str
    address: str
    phone: str = Field(description="联络站的公开电话（不是代表的）· the station's own telephone")
    hours: str
    active: bool
    deputies: list[LiaisonDeputyOut] = Field(description="进站代表 · deputies attached")
    next_reception: dt.date | None = Field(description="下一个接待选民日 · next scheduled day")


class LiaisonStationListOut(Schema):
    count: int
    items: list[LiaisonStationOut]


class LiaisonReceptionOut(Schema):
    id: int
    station_id: int
    station_name: str
    on_date: dt.date
    starts_at: dt.time
    ends_at: dt.time
    theme: str
    status: str
    closing_note: str = Field(description="取消原因 · why the day was called off")
    deputies: list[LiaisonDeputyOut] = Field(description="安排接待的代表 · deputies scheduled")


class LiaisonHeldOut(Schema):
    id: int
    on_date: dt.date
    theme: str
    visitors: int | None
    matters: int | None
    received_by: list[LiaisonDeputyOut]


class LiaisonStationDetailOut(LiaisonStationOut):
    description: str
    upcoming: list[LiaisonReceptionOut] = Field(description="已公布的接待日 · published schedule")
    held: list[LiaisonHeldOut] = Field(
        description="最近的接待情况（人数和件数）· recent days held, the figures only"
    )


class LiaisonReceptionListOut(Schema):
    count: int
    items: list[LiaisonReceptionOut]


class StationQuery(PageQuery):
    active: bool | None = Field(None, description="省略为全部 · omit for all")
    area: text(60) | None = Field(None, description="所在街道或乡镇 · street or township")


class ReceptionQuery(PageQuery):
    station_id: Id | None = None


def _stations(today: dt.date):
    upcoming = Q(receptions__status=R.SCHEDULED, receptions__on_date__gte=today)
    return LiaisonStation.objects.annotate(
        next_on=Min("receptions__on_date", filter=upcoming)
    ).prefetch_related(_named())


def _station_row(s: LiaisonStation) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "kind": s.kind,
        "area": s.area,
        "address": s.address,
        "phone": s.phone,
        "hours": s.hours,
        "active": s.active,
        "deputies": _names(s.deputies.all()),
        "next_reception": s.next_on,
    }


def _reception_row(r: Reception) -> dict[str, Any]:
    return {
        "id": r.pk,
        "station_id": r.station_id,
        "station_name": r.station.name,
        "on_date": r.on_date,
        "starts_at": r.starts_at,
        "ends_at": r.ends_at,
        "theme": r.theme,
        "status": r.status,
        "closing_note": r.closing_note,
        "deputies": _names(sorted(r.deputies.all(), key=lambda d: (d.person.name, d.pk))),
    }


@router.get(
    "/liaison-stations",
    response={200: LiaisonStationListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_stations_list",
    summary="列出代表联络站 · List liaison stations",
    description="依据 · rule: S25. Public: each station with the names of its deputies and "
    "its next reception day. Filter with `active` and `area`.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_stations_list(request, filters: Query[StationQuery]):
    qs = _stations(timezone.localdate())
    if filters.active is not None:
        qs = qs.filter(active=filters.active)
    if filters.area:
        qs = qs.filter(area=filters.area)
    return page(qs.order_by("area", "name", "id"), filters, _station_row)


@router.get(
    "/liaison-stations/{station_id}",
    response={200: LiaisonStationDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_station_detail",
    summary="联络站详情 · Get a liaison station",
    description="依据 · rule: S25, §2.9. Public: the station, its deputies' names, the "
    "published reception days, and of recent days held only how many came and who received.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_station_detail(request, station_id: PathId):
    today = timezone.localdate()
    station = get_object_or_404(_stations(today), pk=station_id)
    upcoming = selectors.upcoming_receptions(today, station=station)
    held = (
        station.receptions.filter(status=R.HELD)
        .prefetch_related(_named("received_by"))
        .order_by("-on_date", "-starts_at", "-id")[:RECENT_HELD]
    )
    return {
        **_station_row(station),
        "description": station.description,
        "upcoming": [_reception_row(r) for r in upcoming],
        "held": [
            {
                "id": r.pk,
                "on_date": r.on_date,
                "theme": r.theme,
                "visitors": r.visitors,
                "matters": r.matters,
                "received_by": _names(r.received_by.all()),
            }
            for r in held
        ],
    }


@router.get(
    "/receptions",
    response={200: LiaisonReceptionListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="deputies_receptions_list",
    summary="接待选民日安排 · List the published reception days",
    description="依据 · rule: §2.9. Public: days scheduled from today on at open stations "
    "(and those called off, with the reason), soonest first.",
    openapi_extra=OPTIONAL_AUTH,
)
def deputies_receptions_list(request, filters: Query[ReceptionQuery]):
    qs = selectors.upcoming_receptions(timezone.localdate())
    if filters.station_id:
        qs = qs.filter(station_id=filters.station_id)
    return page(qs, filters, _reception_row)


# Writes: the office keeps the stations and their days.


def _station_for(pk: int) -> LiaisonStation:
    station = LiaisonStation.objects.filter(pk=pk).first()
    if station is None:
        raise NotFound()
    return station


class StationFieldsIn(InputSchema):
    name: text(80)
    kind: choice(LiaisonStation.Kind)
    area: text(60)
    address: text(200)
    phone: text(30) = Field("", description="联络站的公开电话 · the station's public telephone")
    hours: text(120) = ""
    description: text(2000) = ""


class DeputiesStationCreateIn(StationFieldsIn):
    deputy_ids: list[Id] = Field(default_factory=list, max_length=1000)


class DeputiesStationCreateOut(ActionOut): ...


@router.post(
    "/liaison-stations",
    response={201: DeputiesStationCreateOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="deputies_station_create",
    summary="登记代表联络站 · Register a liaison station · deputies.station.create",
    description="依据 · rule: S25. A 代表之家, 联络站 or 联络点 with the serving deputies "
    "attached; open and published at once.",
)
def deputies_station_create(request, payload: DeputiesStationCreateIn):
    user = require(request, MANAGE)
    data = payload.model_dump(exclude={"deputy_ids"})
    deputies = deputy_rows(payload.deputy_ids, "deputy_ids")
    station = services.station_create(actor=user, deputies=deputies, **data)
    return Status(201, {"id": station.pk, "status": None})


class StationUpdateIn(StationFieldsIn):
    active: bool = Field(True, description="false 停用（须无已安排的接待日）· close the station")


expose(
    router,
    services.station_update,
    "/liaison-stations/{station_id}/update",
    schema=StationUpdateIn,
    summary="修改联络站信息 · Update a liaison station · deputies.station.update",
    description="依据 · rule: S25. Every field as it should read; a station with scheduled "
    "days cannot be closed.",
)


class DeputiesStationAssignIn(InputSchema):
    deputy_ids: list[Id] = Field(max_length=1000, description="进站代表的全部名单 · the whole list")


class DeputiesStationAssignOut(ActionOut): ...


@router.post(
    "/liaison-stations/{station_id}/assign",
    response={200: DeputiesStationAssignOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="deputies_station_assign",
    summary="调整进站代表 · Set a station's deputies · deputies.station.assign",
    description="依据 · rule: S25. The whole list of serving deputies attached to the station.",
)
def deputies_station_assign(request, station_id: PathId, payload: DeputiesStationAssignIn):
    user = require(request, MANAGE)
    station = _station_for(station_id)
    deputies = deputy_rows(payload.deputy_ids, "deputy_ids")
    services.station_assign(actor=user, station=station, deputies=deputies)
    return Status(200, {"id": station.pk, "status": None})


class DeputiesReceptionScheduleIn(InputSchema):
    on_date: dt.date
    starts_at: dt.time
    ends_at: dt.time
    deputy_ids: list[Id] = Field(max_length=1000, description="接待代表 · deputies who receive")
    theme: text(120) = ""


class DeputiesReceptionScheduleOut(ActionOut): ...


@router.post(
    "/liaison-stations/{station_id}/receptions",
    response={201: DeputiesReceptionScheduleOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="deputies_reception_schedule",
    summary="安排接待选民日 · Schedule a reception day · deputies.reception.schedule",
    description="依据 · rule: §2.9. A day from today on, within the term, at an open station; "
    "published on the public schedule at once.",
)
def deputies_reception_schedule(request, station_id: PathId, payload: DeputiesReceptionScheduleIn):
    user = require(request, MANAGE)
    station = _station_for(station_id)
    deputies = deputy_rows(payload.deputy_ids, "deputy_ids")
    data = payload.model_dump(exclude={"deputy_ids"})
    reception = services.reception_schedule(actor=user, station=station, deputies=deputies, **data)
    return Status(201, {"id": reception.pk, "status": reception.status})


class ReceptionRecordIn(InputSchema):
    received_by_ids: list[Id] = Field(max_length=1000, description="实际接待的代表 · who received")
    visitors: int | None = Field(ge=0, le=MAX_INT, description="接待群众人数 · people who came")
    matters: int | None = Field(None, ge=0, le=MAX_INT, description="反映问题件数 · matters raised")
    summary: text(4000) = Field(
        "", description="接待情况（有人来访时必填）· required if anyone came"
    )


expose(
    router,
    services.reception_record,
    "/receptions/{reception_id}/record",
    schema=ReceptionRecordIn,
    refs={"received_by": Deputy},
    summary="记录接待情况 · Record a reception day · deputies.reception.record",
    description="依据 · rule: §2.9. Once the day has come: who received (it counts in their "
    "duty records), how many came, what they raised. A record may be corrected.",
)


class ReasonIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.reception_cancel,
    "/receptions/{reception_id}/cancel",
    schema=ReasonIn,
    summary="取消接待日 · Cancel a reception day · deputies.reception.cancel",
    description="依据 · rule: §2.9. A scheduled day is called off; the public schedule says so, "
    "with the reason.",
)


# The 双联系 contacts (S23): recorded by members and deputies, read by the staff side.


class DeputiesContactRecordIn(InputSchema):
    kind: choice(Contact.Kind)
    on_date: dt.date
    summary: text(4000)
    person_id: Id | None = Field(None, description="仅办公室代登记时填写 · the office only")
    way: choice(Contact.Way) = Contact.Way.VISIT.value
    deputy_ids: list[Id] = Field(
        default_factory=list, max_length=1000, description="联系的代表（sc_deputy）· for sc_deputy"
    )
    voters: int | None = Field(
        None, ge=0, le=MAX_INT, description="联系群众人数（deputy_voter）· for deputy_voter"
    )
    place: text(120) = ""
    follow_up: text(4000) = ""


class DeputiesContactRecordOut(ActionOut): ...


@router.post(
    "/contacts",
    response={201: DeputiesContactRecordOut, **WRITE_ERRORS},
    auth=write_auth(RECORD),
    operation_id="deputies_contact_record",
    summary="登记双联系 · Record a contact · deputies.contact.record",
    description="依据 · rule: S23, §2.9. A standing-committee member's contact with deputies "
    "(`sc_deputy`, name them) or a deputy's with voters (`deputy_voter`, say how many). "
    "Members and deputies record their own; the office anyone's (`person_id`).",
)
def deputies_contact_record(request, payload: DeputiesContactRecordIn):
    user = require(request, RECORD)
    person = validation.ref(Person, payload.person_id, field="person_id")
    deputies = deputy_rows(payload.deputy_ids, "deputy_ids")
    data = payload.model_dump(exclude={"person_id", "deputy_ids"})
    contact = services.contact_record(actor=user, person=person, deputies=deputies, **data)
    return Status(201, {"id": contact.pk, "status": contact.status})


expose(
    router,
    services.contact_strike,
    "/contacts/{contact_id}/strike",
    schema=ReasonIn,
    summary="撤销双联系记录 · Strike a contact · deputies.contact.strike",
    description="依据 · rule: S23. The office takes out an entry recorded in error; it stays, "
    "marked with the reason, and no longer counts.",
)


class LiaisonContactOut(Schema):
    id: int
    kind: str
    way: str
    on_date: dt.date
    person_id: int
    person_name: str
    deputy_id: int | None = Field(description="代表本人的任期记录（deputy_voter）· the mandate")
    deputies: list[LiaisonDeputyOut] = Field(description="联系的代表（sc_deputy）")
    voters: int | None
    place: str
    summary: str
    follow_up: str
    status: str
    struck_reason: str


class LiaisonContactListOut(Schema):
    count: int
    items: list[LiaisonContactOut]


class ContactQuery(PageQuery):
    kind: choice(Contact.Kind) | None = None
    year: Year | None = None
    quarter: int | None = Field(None, ge=1, le=4, description="需同时给出年份 · with `year`")


def contacts_visible_to(user):
    qs = Contact.objects.select_related("person").prefetch_related(_named())
    if user.has_perm(VIEW_CONTACTS):
        return qs
    return qs.filter(person_id=user.person_id) if user.person_id else qs.none()


def _contact_row(c: Contact) -> dict[str, Any]:
    return {
        "id": c.pk,
        "kind": c.kind,
        "way": c.way,
        "on_date": c.on_date,
        "person_id": c.person_id,
        "person_name": c.person.name,
        "deputy_id": c.deputy_id,
        "deputies": _names(c.deputies.all()),
        "voters": c.voters,
        "place": c.place,
        "summary": c.summary,
        "follow_up": c.follow_up,
        "status": c.status,
        "struck_reason": c.struck_reason,
    }


@router.get(
    "/contacts",
    response={200: LiaisonContactListOut, **WRITE_ERRORS},
    auth=write_auth(RECORD),
    operation_id="deputies_contacts_list",
    summary="双联系记录 · List contacts",
    description="依据 · rule: S23, §2.9. Not public: the office and the standing committee read "
    "every entry, a deputy their own. Filter with `kind`, `year` and `quarter`; newest first.",
)
def deputies_contacts_list(request, filters: Query[ContactQuery]):
    user = require(request, RECORD)
    qs = contacts_visible_to(user)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.quarter:
        start, end = selectors.quarter_bounds(
            filters.year or timezone.localdate().year, filters.quarter
        )
        qs = qs.filter(on_date__range=(start, end))
    elif filters.year:
        qs = qs.filter(on_date__year=filters.year)
    return page(qs.order_by("-on_date", "-id"), filters, _contact_row)


class LiaisonRequiredOut(Schema):
    sc_member: int = Field(description="常委会组成人员每季度联系代表 · per member per quarter")
    deputy: int = Field(description="代表每季度联系群众（含进站接待）· per deputy per quarter")
    receptions: int = Field(description="代表每年进站接待 · reception days per deputy per year")


class LiaisonMemberCountOut(Schema):
    person_id: int
    name: str
    contacts: int
    below: bool


class LiaisonDeputyCountOut(Schema):
    deputy_id: int
    name: str
    contacts: int = Field(description="登记的联系群众 · recorded contacts with voters")
    received: int = Field(description="进站接待选民 · reception days")
    total: int
    below: bool


class LiaisonCountsOut(Schema):
    year: int
    quarter: int
    term: int | None
    required: LiaisonRequiredOut
    sc_members: list[LiaisonMemberCountOut]
    deputies: list[LiaisonDeputyCountOut]


class CountsQuery(Schema):
    year: Year | None = Field(None, description="省略为本季度 · omit for this quarter")
    quarter: int | None = Field(None, ge=1, le=4)


@router.get(
    "/contact-counts",
    response={200: LiaisonCountsOut, **WRITE_ERRORS},
    auth=write_auth(VIEW_CONTACTS),
    operation_id="deputies_contact_counts",
    summary="双联系季度统计 · Contact counts of a quarter",
    description="依据 · rule: S23, §2.9. Each standing-committee member's contacts with deputies "
    "and each serving deputy's with voters (recorded contacts and reception days) in the "
    "quarter, against the `contact.*` settings; `below` marks who falls short.",
)
def deputies_contact_counts(request, filters: Query[CountsQuery]):
    require(request, VIEW_CONTACTS)
    year, quarter = selectors.quarter_of(timezone.localdate())
    year, quarter = filters.year or year, filters.quarter or quarter
    required = selectors.contact_required()
    term = current_term(selectors.quarter_bounds(year, quarter)[1])
    deputies = selectors.deputy_contact_counts(term, year, quarter) if term else []
    return {
        "year": year,
        "quarter": quarter,
        "term": term.number if term else None,
        "required": required,
        "sc_members": [
            {
                "person_id": row["person"].pk,
                "name": row["person"].name,
                "contacts": row["contacts"],
                "below": row["contacts"] < required["sc_member"],
            }
            for row in selectors.sc_contact_counts(year, quarter)
        ],
        "deputies": [
            {
                "deputy_id": d.pk,
                "name": d.person.name,
                "contacts": d.contacts,
                "received": d.received,
                "total": d.contacts + d.received,
                "below": d.contacts + d.received < required["deputy"],
            }
            for d in deputies
        ],
    }
