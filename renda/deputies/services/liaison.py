"""Liaison stations, voter-reception days and the 双联系 contacts (S23, S25, rules.md §2.9).

The office keeps the stations (代表之家, 联络站, 联络点) and the deputies attached to each,
schedules the days deputies receive voters there (published on the public site) and records
each day afterwards: who received, how many came, what they raised. A standing-committee
member records their contacts with deputies and a deputy their contacts with voters; the
office may record for anyone and strike an entry recorded in error (with the reason). The
quarterly figures read ``contact.*`` settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.people.models import Deputy, Person
from renda.people.selectors import current_term, sc_memberships

from ..models import Contact, LiaisonStation, Reception

MANAGE = "deputies.manage"
R = Reception.Status
K = Contact.Kind
#: How many deputies one list (a station, a reception day, a contact) may name at once.
MAX_DEPUTIES = 200


def _station_fields(
    *,
    name: str,
    kind: str,
    area: str,
    address: str,
    phone: str,
    hours: str,
    description: str,
) -> dict:
    return {
        "name": validation.text(name, field="name", label=_("名称"), max_length=80),
        "kind": validation.choice(kind, LiaisonStation.Kind, field="kind"),
        "area": validation.text(area, field="area", label=_("所在街道或乡镇"), max_length=60),
        "address": validation.text(address, field="address", label=_("地址"), max_length=200),
        "phone": validation.text(
            phone, field="phone", label=_("联系电话"), required=False, max_length=30
        ),
        "hours": validation.text(
            hours, field="hours", label=_("开放时间"), required=False, max_length=120
        ),
        "description": validation.text(
            description, field="description", label=_("简介"), required=False, max_length=2000
        ),
    }


def _serving(deputies: Sequence[Deputy], *, field: str = "deputies") -> list[Deputy]:
    """The deputies given, each a serving deputy of the current term."""
    if len(deputies) > MAX_DEPUTIES:
        raise DomainError("too_many", _("一次最多选择200名代表。"), field=field)
    out = []
    for deputy in deputies:
        if deputy.status != Deputy.Status.ACTIVE:
            raise Conflict(
                "deputy_not_active", _("{name}不是在任代表。"), name=deputy.person.name, field=field
            )
        if deputy not in out:
            out.append(deputy)
    return out


@action(
    "deputies.station.create",
    model=LiaisonStation,
    permission=MANAGE,
    rule="S25",
    label=_("登记代表联络站"),
)
def station_create(
    ctx: ActionContext,
    *,
    name: str,
    kind: str,
    area: str,
    address: str,
    phone: str = "",
    hours: str = "",
    description: str = "",
    deputies: Sequence[Deputy] = (),
) -> LiaisonStation:
    """Register a station and attach its deputies; it is open and published at once."""
    fields = _station_fields(
        name=name, kind=kind, area=area, address=address, phone=phone, hours=hours,
        description=description,
    )  # fmt: skip
    attached = _serving(deputies)
    if LiaisonStation.objects.filter(name=fields["name"]).exists():
        raise Conflict("station_exists", _("已有同名的联络站。"), field="name")
    station = LiaisonStation.objects.create(created_by=ctx.user, **fields)
    station.deputies.set(attached)
    ctx.audit_object = station
    ctx.changes.update(name=station.name, kind=station.kind, deputies=[d.pk for d in attached])
    return station


@action(
    "deputies.station.update",
    model=LiaisonStation,
    subject="station",
    permission=MANAGE,
    rule="S25",
    label=_("修改联络站信息"),
)
def station_update(
    ctx: ActionContext,
    *,
    station: LiaisonStation,
    name: str,
    kind: str,
    area: str,
    address: str,
    phone: str = "",
    hours: str = "",
    description: str = "",
    active: bool = True,
) -> LiaisonStation:
    """Change what the public site says of the station, or close it (its past stays)."""
    fields = _station_fields(
        name=name, kind=kind, area=area, address=address, phone=phone, hours=hours,
        description=description,
    )  # fmt: skip
    if LiaisonStation.objects.filter(name=fields["name"]).exclude(pk=station.pk).exists():
        raise Conflict("station_exists", _("已有同名的联络站。"), field="name")
    if not active and station.receptions.filter(status=R.SCHEDULED).exists():
        raise Conflict(
            "receptions_pending",
            _("还有已安排的接待日，请先记录或取消，再停用联络站。"),
            field="active",
        )
    before = {k: getattr(station, k) for k in [*fields, "active"]}
    for key, value in fields.items():
        setattr(station, key, value)
    station.active = bool(active)
    station.save()
    ctx.changes.update({k: getattr(station, k) for k in before if before[k] != getattr(station, k)})
    return station


@action(
    "deputies.station.assign",
    model=LiaisonStation,
    subject="station",
    permission=MANAGE,
    rule="S25",
    label=_("调整进站代表"),
)
def station_assign(
    ctx: ActionContext, *, station: LiaisonStation, deputies: Sequence[Deputy]
) -> LiaisonStation:
    """Set the deputies attached to the station (those who left office stay on past days)."""
    attached = _serving(deputies)
    before = set(station.deputies.values_list("pk", flat=True))
    station.deputies.set(attached)
    after = {d.pk for d in attached}
    ctx.changes.update(added=sorted(after - before), removed=sorted(before - after))
    return station


def _reception_times(on_date, starts_at, ends_at) -> None:
    for name, value, label in (
        ("on_date", on_date, _("接待日期")),
        ("starts_at", starts_at, _("开始时间")),
        ("ends_at", ends_at, _("结束时间")),
    ):
        if value is None:
            raise DomainError("field_required", _("请填写{label}。"), field=name, label=label)
    if ends_at <= starts_at:
        raise DomainError("time_order", _("结束时间应晚于开始时间。"), field="ends_at")


@action(
    "deputies.reception.schedule",
    model=Reception,
    permission=MANAGE,
    rule="§2.9",
    label=_("安排接待选民日"),
    refs={"station": LiaisonStation},
)
def reception_schedule(
    ctx: ActionContext,
    *,
    station: LiaisonStation,
    on_date: dt.date | None,
    starts_at: dt.time | None,
    ends_at: dt.time | None,
    deputies: Sequence[Deputy],
    theme: str = "",
) -> Reception:
    """Publish a day on which the named deputies receive voters at the station."""
    _reception_times(on_date, starts_at, ends_at)
    if not station.active:
        raise Conflict("station_closed", _("联络站已停用，不能安排接待。"))
    if on_date < ctx.today:
        raise DomainError("past_date", _("接待日期不能早于今天；已经接待的请直接记录。"), field="on_date")  # fmt: skip
    term = current_term(ctx.today)
    if term is None or on_date < term.start_date or (term.end_date and on_date > term.end_date):
        raise DomainError("outside_term", _("接待日期不在本届任期内。"), field="on_date")
    receiving = _serving(deputies)
    if not receiving:
        raise DomainError("field_required", _("请选择接待代表。"), field="deputies")
    theme = validation.text(theme, field="theme", label=_("接待主题"), required=False, max_length=120)  # fmt: skip
    reception = Reception.objects.create(
        station=station, on_date=on_date, starts_at=starts_at, ends_at=ends_at, theme=theme,
        created_by=ctx.user,
    )  # fmt: skip
    reception.deputies.set(receiving)
    ctx.audit_object = reception
    ctx.changes.update(
        station=station.pk, on_date=str(on_date), starts_at=str(starts_at), ends_at=str(ends_at),
        deputies=[d.pk for d in receiving],
    )  # fmt: skip
    return reception


@action(
    "deputies.reception.record",
    model=Reception,
    subject="reception",
    sources={R.SCHEDULED, R.HELD},
    target=R.HELD,
    permission=MANAGE,
    rule="§2.9",
    label=_("记录接待情况"),
)
def reception_record(
    ctx: ActionContext,
    *,
    reception: Reception,
    received_by: Sequence[Deputy],
    visitors: int | None,
    matters: int | None = None,
    summary: str = "",
) -> Reception:
    """Record the day once it has come: the deputies who received (they count in their duty
    records), how many people came and what they raised. A record may be corrected."""
    if reception.on_date > ctx.today:
        raise Conflict("not_yet", _("接待日（{day}）还没到，不能记录。"), day=reception.on_date)
    if not received_by:
        raise DomainError("field_required", _("请选择实际接待的代表。"), field="received_by")
    if len(received_by) > MAX_DEPUTIES:
        raise DomainError("too_many", _("一次最多选择200名代表。"), field="received_by")
    if visitors is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="visitors", label=_("接待群众人数")
        )
    for name, value in (("visitors", visitors), ("matters", matters)):
        if value is not None and not 0 <= value <= 10000:
            raise DomainError("count_invalid", _("人数和件数应为 0 至 10000。"), field=name)
    summary = validation.text(
        summary, field="summary", label=_("接待情况"), required=bool(visitors), max_length=4000
    )
    reception.visitors, reception.matters, reception.summary = visitors, matters, summary
    reception.recorded_by = ctx.user
    reception.save()
    reception.received_by.set(list(dict.fromkeys(received_by)))
    ctx.changes.update(
        received_by=sorted({d.pk for d in received_by}), visitors=visitors, matters=matters
    )
    return reception


@action(
    "deputies.reception.cancel",
    model=Reception,
    subject="reception",
    sources={R.SCHEDULED},
    target=R.CANCELLED,
    permission=MANAGE,
    rule="§2.9",
    label=_("取消接待日"),
)
def reception_cancel(ctx: ActionContext, *, reception: Reception, reason: str) -> Reception:
    """Call the day off; the public schedule says so, with the reason."""
    reception.closing_note = validation.text(
        reason, field="reason", label=_("取消原因"), max_length=200
    )
    reception.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=reception.closing_note)
    return reception


def sits_on_sc(person: Person, day: dt.date) -> bool:
    """Whether ``person`` is a member of the standing committee on ``day`` (组成人员)."""
    return sc_memberships(day).filter(person=person).exists()


def mandate_on(person: Person, day: dt.date) -> Deputy | None:
    """The person's mandate as a deputy on ``day``, serving (not suspended or ended)."""
    return (
        Deputy.objects.filter(
            person=person,
            status=Deputy.Status.ACTIVE,
            term__start_date__lte=day,
        )
        .exclude(term__end_date__lt=day)
        .select_related("term")
        .first()
    )


@action(
    "deputies.contact.record",
    model=Contact,
    permission="deputies.record_contact",
    rule="S23",
    label=_("登记双联系"),
    refs={"person": Person},
)
def contact_record(
    ctx: ActionContext,
    *,
    kind: str,
    on_date: dt.date | None,
    summary: str,
    person: Person | None = None,
    way: str = Contact.Way.VISIT,
    deputies: Sequence[Deputy] = (),
    voters: int | None = None,
    place: str = "",
    follow_up: str = "",
) -> Contact:
    """Record a contact: a standing-committee member's with deputies (name them), or a
    deputy's with voters (say how many). Members and deputies record their own; the office
    records anyone's."""
    kind = validation.choice(kind, Contact.Kind, field="kind")
    way = validation.choice(way, Contact.Way, field="way")
    office = ctx.actor.has_perm(MANAGE)
    own = getattr(ctx.user, "person", None)
    if person is None:
        person = own
    if person is None or (not office and person != own):
        raise PermissionDenied()  # a member or deputy records their own contacts only
    if on_date is None:
        raise DomainError("field_required", _("请填写{label}。"), field="on_date", label=_("日期"))
    if on_date > ctx.today:
        raise DomainError("future_date", _("联系日期不能晚于今天。"), field="on_date")
    summary = validation.text(
        summary, field="summary", label=_("联系情况和反映的意见"), max_length=4000
    )
    follow_up = validation.text(
        follow_up, field="follow_up", label=_("意见处理情况"), required=False, max_length=4000
    )
    place = validation.text(place, field="place", label=_("地点"), required=False, max_length=120)
    mandate, contacted = None, []
    if kind == K.SC_DEPUTY:
        if not sits_on_sc(person, on_date):
            raise Conflict(
                "not_sc_member", _("{name}在{day}不是常委会组成人员。"), name=person.name,
                day=on_date, field="person",
            )  # fmt: skip
        contacted = _serving(deputies)
        if not contacted:
            raise DomainError("field_required", _("请选择联系的代表。"), field="deputies")
        voters = None
    else:
        mandate = mandate_on(person, on_date)
        if mandate is None:
            raise Conflict(
                "not_a_deputy", _("{name}在{day}不是在任代表。"), name=person.name, day=on_date,
                field="person",
            )  # fmt: skip
        if voters is None or not 1 <= voters <= 100000:
            raise DomainError("voters_invalid", _("联系群众人数应为 1 至 100000。"), field="voters")
    contact = Contact.objects.create(
        kind=kind, way=way, on_date=on_date, person=person, deputy=mandate, voters=voters,
        place=place, summary=summary, follow_up=follow_up, recorded_by=ctx.user,
    )  # fmt: skip
    if contacted:
        contact.deputies.set(contacted)
    ctx.audit_object = contact
    ctx.changes.update(
        kind=kind, person=person.pk, on_date=str(on_date), deputies=[d.pk for d in contacted],
        voters=voters,
    )  # fmt: skip
    return contact


@action(
    "deputies.contact.strike",
    model=Contact,
    subject="contact",
    sources={Contact.Status.COUNTED},
    target=Contact.Status.STRUCK,
    permission=MANAGE,
    rule="S23",
    label=_("撤销双联系记录"),
)
def contact_strike(ctx: ActionContext, *, contact: Contact, reason: str) -> Contact:
    """The office takes out an entry recorded in error; it stays, marked, and stops counting."""
    contact.struck_reason = validation.text(
        reason, field="reason", label=_("撤销原因"), max_length=200
    )
    contact.save(update_fields=["struck_reason", "updated_at"])
    ctx.changes.update(reason=contact.struck_reason)
    return contact


STATION_ACTIONS = (station_update, station_assign)
RECEPTION_ACTIONS = (reception_record, reception_cancel)
