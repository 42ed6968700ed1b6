"""Liaison stations, reception days and the 双联系 pages (S23, S25, §2.9).

The office keeps the stations and their schedules and sees the quarter's contact figures;
a deputy or a standing-committee member records their own contacts on a phone page.
A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.exports import xlsx_response
from renda.people.models import Deputy
from renda.people.selectors import current_term

from .. import selectors, services
from ..forms import (
    AssignForm,
    ContactForm,
    OfficeContactForm,
    QuarterForm,
    ReasonForm,
    ReceptionForm,
    ReceptionRecordForm,
    StationCreateForm,
    StationEditForm,
    StrikeForm,
)
from ..models import Contact, LiaisonStation, Reception
from ..services.liaison import mandate_on, sits_on_sc

R = Reception.Status


def _stations():
    upcoming = (
        Reception.objects.filter(
            station=OuterRef("pk"), status=R.SCHEDULED, on_date__gte=timezone.localdate()
        )
        .order_by("on_date", "starts_at")
        .values("on_date")[:1]
    )
    held = (
        Reception.objects.filter(
            station=OuterRef("pk"), status=R.HELD, on_date__year=timezone.localdate().year
        )
        .order_by()
        .values("station")
        .annotate(n=Count("id"))
        .values("n")
    )
    return LiaisonStation.objects.annotate(
        n_deputies=Count("deputies", distinct=True),
        next_day=Subquery(upcoming),
        held_this_year=Subquery(held, output_field=IntegerField()),
    ).order_by("-active", "area", "name", "id")


@permission_required("deputies.view")
def station_list(request):
    return render(
        request,
        "deputies/station_list.html",
        {"can_manage": request.user.has_perm("deputies.manage"), **paginate(request, _stations())},
    )


def _chosen(form, name="deputies") -> list[Deputy]:
    return list(form.cleaned_data.get(name) or [])


@permission_required("deputies.manage")
def station_create(request):
    if request.method == "POST":
        form = StationCreateForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["deputies"] = list(data.get("deputies") or [])
            try:
                station = services.station_create(actor=request.user, **data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("联络站已登记，可以安排接待选民日。"))
                return redirect("deputies:station_detail", pk=station.pk)
        status = 400
    else:
        form, status = StationCreateForm(), 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("登记代表联络站"),
            "cancel_url": "deputies:stations",
            "help": _(
                "代表之家、代表联络站和联络点登记后即在公众网站公布，群众可以看到地址、开放时间和接待选民日安排（意见三(十一)4）。"
            ),
        },
        status=status,
    )


def _station(pk: int) -> LiaisonStation:
    return get_object_or_404(LiaisonStation, pk=pk)


STATION_FORMS = {"update": StationEditForm, "assign": AssignForm, "schedule": ReceptionForm}


def _station_form(verb: str, station: LiaisonStation, data=None):
    kwargs = {"auto_id": f"{verb}_%s"}
    if verb == "schedule":
        return ReceptionForm(data, station=station, **kwargs)
    if verb == "assign":
        initial = {"deputies": list(station.deputies.values_list("pk", flat=True))}
        return AssignForm(data, initial=initial, **kwargs)
    fields = ("name", "kind", "area", "address", "phone", "hours", "description", "active")
    initial = {f: getattr(station, f) for f in fields}
    return StationEditForm(data, initial=initial, **kwargs)


def _station_page(request, station: LiaisonStation, bound: dict | None = None, status=200):
    user = request.user
    allowed = set(available(user, station, services.STATION_ACTIONS))
    if user.has_perm("deputies.manage") and station.active:
        allowed.add("schedule")
    forms = {
        verb: (bound or {}).get(verb) or _station_form(verb, station)
        for verb in STATION_FORMS
        if verb in allowed
    }
    today = timezone.localdate()
    receptions = station.receptions.prefetch_related("deputies__person", "received_by__person")
    return render(
        request,
        "deputies/station_detail.html",
        {
            "s": station,
            "forms": forms,
            "deputies": station.deputies.select_related("person").order_by("person__name", "id"),
            "upcoming": receptions.filter(on_date__gte=today, status=R.SCHEDULED).order_by(
                "on_date", "starts_at", "id"
            ),
            "past": receptions.exclude(on_date__gte=today, status=R.SCHEDULED).order_by(
                "-on_date", "-starts_at", "-id"
            )[:30],
            "today": today,
        },
        status=status,
    )


@permission_required("deputies.view")
def station_detail(request, pk: int):
    return _station_page(request, _station(pk))


STATION_SUCCESS = {
    "update": _("联络站信息已保存。"),
    "assign": _("进站代表已调整。"),
    "schedule": _("接待选民日已安排，已在公众网站公布。"),
}


@require_POST
@permission_required("deputies.manage")
def station_act(request, pk: int, verb: str):
    station = _station(pk)
    if verb not in STATION_FORMS:
        raise PermissionDenied
    form = _station_form(verb, station, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if verb == "schedule":
                data["deputies"] = _chosen(form)
                services.reception_schedule(actor=request.user, station=station, **data)
            elif verb == "assign":
                services.station_assign(actor=request.user, station=station, deputies=_chosen(form))
            else:
                services.station_update(actor=request.user, station=station, **data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, STATION_SUCCESS[verb])
            return redirect("deputies:station_detail", pk=pk)
    return _station_page(request, _station(pk), {verb: form}, status=400)


# -- reception days ------------------------------------------------------------------------


def _reception(pk: int) -> Reception:
    return get_object_or_404(
        Reception.objects.select_related("station", "created_by__person", "recorded_by__person"),
        pk=pk,
    )


RECEPTION_FORMS = {"record": ReceptionRecordForm, "cancel": ReasonForm}


def _reception_form(verb: str, reception: Reception, data=None):
    kwargs = {"auto_id": f"{verb}_%s"}
    if verb == "record":
        initial = {}
        if reception.status == R.HELD:
            initial = {
                "received_by": list(reception.received_by.values_list("pk", flat=True)),
                "visitors": reception.visitors,
                "matters": reception.matters,
                "summary": reception.summary,
            }
        return ReceptionRecordForm(data, reception=reception, initial=initial, **kwargs)
    return ReasonForm(data, **kwargs)


def _reception_page(request, reception: Reception, bound: dict | None = None, status=200):
    allowed = available(request.user, reception, services.RECEPTION_ACTIONS)
    if "record" in allowed and reception.on_date > timezone.localdate():
        allowed = [v for v in allowed if v != "record"]  # the day has not come yet
    forms = {
        verb: (bound or {}).get(verb) or _reception_form(verb, reception)
        for verb in RECEPTION_FORMS
        if verb in allowed or verb in (bound or {})  # a refused form shows its reason
    }
    return render(
        request,
        "deputies/reception_detail.html",
        {
            "r": reception,
            "forms": forms,
            "scheduled": reception.deputies.select_related("person").order_by("person__name"),
            "received": reception.received_by.select_related("person").order_by("person__name"),
        },
        status=status,
    )


@permission_required("deputies.view")
def reception_detail(request, pk: int):
    return _reception_page(request, _reception(pk))


RECEPTION_SUCCESS = {
    "record": _("接待情况已记录，计入接待代表的履职档案。"),
    "cancel": _("接待日已取消，公众网站同时显示取消原因。"),
}


@require_POST
@permission_required("deputies.manage")
def reception_act(request, pk: int, verb: str):
    reception = _reception(pk)
    if verb not in RECEPTION_FORMS:
        raise PermissionDenied
    form = _reception_form(verb, reception, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if verb == "record":
                data["received_by"] = _chosen(form, "received_by")
                services.reception_record(actor=request.user, reception=reception, **data)
            else:
                services.reception_cancel(actor=request.user, reception=reception, **data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, RECEPTION_SUCCESS[verb])
            return redirect("deputies:reception_detail", pk=pk)
    return _reception_page(request, _reception(pk), {verb: form}, status=400)


# -- 双联系: the quarter's figures --------------------------------------------------------


def _quarters(term, today: dt.date) -> list[tuple[int, int]]:
    """The quarters of the term up to this one, latest first."""
    year, quarter = selectors.quarter_of(today)
    first = selectors.quarter_of(term.start_date) if term else (year, quarter)
    out = []
    while (year, quarter) >= first and len(out) < 24:
        out.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return out


def _quarter_label(year: int, quarter: int) -> str:
    return gettext_now("{year}年第{q}季度").format(year=year, q=quarter)


def _chosen_quarter(request, term):
    quarters = _quarters(term, timezone.localdate())
    choices = [(f"{y}-{q}", _quarter_label(y, q)) for y, q in quarters]
    form = QuarterForm(request.GET or None, choices=choices)
    chosen = quarters[0]
    if form.is_valid() and form.cleaned_data.get("quarter"):
        y, q = form.cleaned_data["quarter"].split("-")
        chosen = (int(y), int(q))
    return form, chosen


def _figures(term, chosen):
    required = selectors.contact_required()
    members = selectors.sc_contact_counts(*chosen)
    for row in members:
        row["below"] = row["contacts"] < required["sc_member"]
    deputies = selectors.deputy_contact_counts(term, *chosen) if term else Deputy.objects.none()
    return required, members, deputies


@permission_required("deputies.view_contacts")
def contacts(request, office_form=None, status=200):
    term = current_term()
    form, chosen = _chosen_quarter(request, term)
    required, members, deputies = _figures(term, chosen)
    only_below = request.GET.get("below") == "1"
    rows = list(deputies)
    for d in rows:
        d.total = d.contacts + d.received
        d.below = d.total < required["deputy"]
    shown = [d for d in rows if d.below] if only_below else rows
    start, end = selectors.quarter_bounds(*chosen)
    recent = (
        Contact.objects.filter(on_date__range=(start, end))
        .select_related("person", "recorded_by__person")
        .prefetch_related("deputies__person")
        .order_by("-on_date", "-id")[:20]
    )
    can_manage = request.user.has_perm("deputies.manage")
    if can_manage:
        recent = list(recent)
        for c in recent:
            c.strike_form = StrikeForm(auto_id=f"strike_{c.pk}_%s")
    return render(
        request,
        "deputies/contacts.html",
        {
            "form": form,
            "quarter": _quarter_label(*chosen),
            "chosen": f"{chosen[0]}-{chosen[1]}",
            "required": required,
            "members": members,
            "members_below": sum(1 for m in members if m["below"]),
            "deputies_below": sum(1 for d in rows if d.below),
            "seated": len(rows),
            "only_below": only_below,
            "recent": recent,
            "can_manage": can_manage,
            "office_form": office_form
            or (
                OfficeContactForm(initial={"on_date": timezone.localdate()}) if can_manage else None
            ),
            **paginate(request, shown),
        },
        status=status,
    )


@permission_required("deputies.view_contacts")
def contacts_xlsx(request):
    term = current_term()
    _form, chosen = _chosen_quarter(request, term)
    required, members, deputies = _figures(term, chosen)
    yes, no = gettext_now("是"), gettext_now("否")
    headers = [_("类别"), _("姓名"), _("联系次数"), _("进站接待"), _("合计"), _("要求次数"), _("是否达到")]  # fmt: skip
    sc_label, deputy_label = gettext_now("常委会组成人员联系代表"), gettext_now("代表联系群众")
    rows = [
        [sc_label, m["person"].name, m["contacts"], "", m["contacts"], required["sc_member"],
         no if m["below"] else yes]
        for m in members
    ]  # fmt: skip
    for d in deputies:
        total = d.contacts + d.received
        rows.append(
            [deputy_label, d.person.name, d.contacts, d.received, total, required["deputy"],
             no if total < required["deputy"] else yes]
        )  # fmt: skip
    title = f"{_quarter_label(*chosen)} {gettext_now('双联系情况')}"
    return xlsx_response("contacts", title, headers, rows)


@require_POST
@permission_required("deputies.manage")
def contact_create(request):
    form = OfficeContactForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["deputies"] = _chosen(form)
        try:
            services.contact_record(actor=request.user, **data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("双联系记录已登记。"))
            return redirect("deputies:contacts")
    return contacts(request, office_form=form, status=400)


@require_POST
@permission_required("deputies.manage")
def contact_strike(request, pk: int):
    contact = get_object_or_404(Contact, pk=pk)
    form = StrikeForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext_now("请填写撤销原因。"))
    else:
        try:
            services.contact_strike(actor=request.user, contact=contact, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message_in(request.LANGUAGE_CODE))
        else:
            messages.success(request, _("记录已撤销，不再计数。"))
    return redirect("deputies:contacts")


# -- a deputy's or a member's own contacts (phone first) ----------------------------------


def _my_kind(request) -> str:
    """Which contacts this person records: a deputy with voters, a member with deputies."""
    person = request.user.person if request.user.person_id else None
    today = timezone.localdate()
    if person is not None and mandate_on(person, today) is not None:
        return Contact.Kind.DEPUTY_VOTER
    if person is not None and sits_on_sc(person, today):
        return Contact.Kind.SC_DEPUTY
    raise Http404


def _my_page(request, form=None, status=200):
    kind = _my_kind(request)
    person = request.user.person
    today = timezone.localdate()
    year, quarter = selectors.quarter_of(today)
    start, end = selectors.quarter_bounds(year, quarter)
    required = selectors.contact_required()
    mine = Contact.objects.filter(person=person, kind=kind).prefetch_related("deputies__person")
    counted = mine.filter(status=Contact.Status.COUNTED)
    context = {
        "kind": kind,
        "form": form or ContactForm(kind=kind, initial={"on_date": today}),
        "quarter": _quarter_label(year, quarter),
        "done": counted.filter(on_date__range=(start, end)).count(),
        "contacts": mine.order_by("-on_date", "-id")[:30],
    }
    if kind == Contact.Kind.DEPUTY_VOTER:
        deputy = mandate_on(person, today)
        received = Reception.objects.filter(
            received_by=deputy, status=R.HELD, on_date__range=(start, end)
        ).count()
        context.update(
            required=required["deputy"],
            received=received,
            year_receptions=selectors.reception_days([deputy.pk], today.year).get(deputy.pk, 0),
            required_receptions=required["receptions"],
            stations=deputy.stations.filter(active=True),
            schedule=selectors.upcoming_receptions(today)
            .filter(Q(deputies=deputy) | Q(station__deputies=deputy))
            .distinct()[:10],
        )
        context["done"] += received
    else:
        context["required"] = required["sc_member"]
    context["short"] = max(context["required"] - context["done"], 0)
    return render(request, "deputies/my_contacts.html", context, status=status)


@permission_required("deputies.own_contacts")
def my_contacts(request):
    return _my_page(request)


@require_POST
@permission_required("deputies.own_contacts")
def my_contact_record(request):
    kind = _my_kind(request)
    form = ContactForm(request.POST, kind=kind)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if "deputies" in data:
            data["deputies"] = _chosen(form)
        try:
            services.contact_record(actor=request.user, kind=kind, **data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已登记，计入本季度双联系次数。"))
            return redirect("deputies:my_contacts")
    return _my_page(request, form=form, status=400)
