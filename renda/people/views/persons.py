"""Persons: list with filters and export, detail with timeline, create and edit."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.fields import BooleanField
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from renda.core.errors import DomainError
from renda.core.search import search
from renda.core.views import add_domain_error, paginate, permission_required

from .. import services
from ..exports import xlsx_response
from ..forms import PersonFilterForm, PersonForm
from ..models import Deputy, Membership, Organization, Person
from ..selectors import current_term, person_contact_visible_to, persons_visible_to
from .common import timeline

SORT_COLUMNS = ("name", "birth_year")


def filtered_persons(request):
    """Return (form, queryset, term) for the person list and its export."""
    form = PersonFilterForm(request.GET or None)
    today = timezone.localdate()
    term = current_term(today)
    qs = persons_visible_to(request.user)
    if term is not None:
        mandate = Deputy.objects.filter(person=OuterRef("pk"), term=term)
        qs = qs.annotate(is_current_deputy=Exists(mandate))
        in_delegation = Membership.objects.filter(
            person=OuterRef("pk"), organization__kind=Organization.Kind.DELEGATION, term=term
        ).exclude(end_date__lt=today)
    else:
        qs = qs.annotate(is_current_deputy=Value(False, output_field=BooleanField()))
        in_delegation = Membership.objects.filter(
            person=OuterRef("pk"), organization__kind=Organization.Kind.DELEGATION
        ).exclude(end_date__lt=today)
    qs = qs.annotate(
        delegation_name=Subquery(
            in_delegation.order_by("-start_date").values("organization__name")[:1]
        )
    )
    order = ["id"]
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = search(qs, data["q"])
        if data["gender"]:
            qs = qs.filter(gender=data["gender"])
        if data["party"]:
            qs = qs.filter(party=data["party"])
        if data["deputy"] == "1":
            qs = qs.filter(is_current_deputy=True)
        elif data["deputy"] == "0":
            qs = qs.filter(is_current_deputy=False)
        if data["delegation"]:
            qs = qs.filter(
                Exists(
                    Membership.objects.filter(
                        person=OuterRef("pk"), organization=data["delegation"]
                    ).exclude(end_date__lt=today)
                )
            )
        if data["sort"]:
            order = [data["sort"], "id"]
    return form, qs.order_by(*order), term


def _sort_links(form) -> dict:
    current = form.cleaned_data.get("sort", "") if form.is_bound and form.is_valid() else ""
    links = {}
    for column in SORT_COLUMNS:
        if current == column:
            links[column] = {"next": f"-{column}", "arrow": "▲"}
        elif current == f"-{column}":
            links[column] = {"next": column, "arrow": "▼"}
        else:
            links[column] = {"next": column, "arrow": ""}
    return links


@permission_required("people.view_directory")
def person_list(request):
    form, qs, term = filtered_persons(request)
    context = {
        "form": form,
        "term": term,
        "sorts": _sort_links(form),
        "show_contact": person_contact_visible_to(request.user),
        "can_manage": request.user.has_perm("people.manage"),
        **paginate(request, qs),
    }
    return render(request, "people/person_list.html", context)


@permission_required("people.view_directory")
def person_export(request):
    """Export exactly what the list's filters show, as xlsx."""
    _form, qs, _term = filtered_persons(request)
    show_contact = person_contact_visible_to(request.user)
    headers = [
        _("姓名"),
        _("性别"),
        _("民族"),
        _("出生年份"),
        _("党派"),
        _("工作单位及职务"),
        _("本届代表"),
        _("代表团"),
    ]
    if show_contact:
        headers += [_("联系电话"), _("电子邮箱"), _("通讯地址")]
    yes, no = gettext_now("是"), gettext_now("否")

    def rows():
        for p in qs.iterator(chunk_size=1000):
            row = [
                p.name,
                p.get_gender_display(),
                p.ethnicity,
                p.birth_year,
                p.get_party_display(),
                p.occupation,
                yes if p.is_current_deputy else no,
                p.delegation_name or "",
            ]
            if show_contact:
                row += [p.phone, p.email, p.address]
            yield row

    return xlsx_response("persons", gettext_now("人员"), headers, rows())


@permission_required("people.view_directory")
def person_detail(request, pk: int):
    person = get_object_or_404(persons_visible_to(request.user), pk=pk)
    memberships = list(
        person.memberships.select_related("organization", "post", "term").order_by(
            "-start_date", "-id"
        )
    )
    mandates = list(person.mandates.select_related("term").order_by("-term__number"))
    context = {
        "person": person,
        "memberships": memberships,
        "mandates": mandates,
        "today": timezone.localdate(),
        "events": timeline(person, memberships, mandates),
        "show_contact": person_contact_visible_to(request.user),
        "can_manage": request.user.has_perm("people.manage"),
    }
    return render(request, "people/person_detail.html", context)


@permission_required("people.manage")
def person_create(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.service_fields())
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, format_lazy(_("已新增人员：{name}。"), name=person.name))
            return redirect("people:person_detail", pk=person.pk)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": _("新增人员"),
            "cancel_url": "people:person_list",
        },
    )


@permission_required("people.manage")
def person_edit(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    show_contact = person_contact_visible_to(request.user)
    if request.method == "POST":
        form = PersonForm(request.POST, show_contact=show_contact)
        if form.is_valid():
            try:
                services.person_update(actor=request.user, person=person, **form.service_fields())
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(
                    request, format_lazy(_("已保存人员：{name}。"), name=form.cleaned_data["name"])
                )
                return redirect("people:person_detail", pk=person.pk)
    else:
        initial = {name: getattr(person, name) for name in PersonForm.base_fields}
        form = PersonForm(initial=initial, show_contact=show_contact)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": format_lazy(_("编辑人员：{name}"), name=person.name),
            "object": person,
            "cancel_url": "people:person_detail",
            "cancel_pk": person.pk,
        },
    )
