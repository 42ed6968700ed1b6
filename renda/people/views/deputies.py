"""Deputies: list with filters and export, create (person + mandate + delegation), status."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.search import matching_ids
from renda.core.views import add_domain_error, paginate, permission_required

from .. import services
from ..exports import xlsx_response
from ..forms import DeputyCreateForm, DeputyFilterForm, DeputyStatusForm
from ..models import Deputy, Membership, Organization, Person
from ..selectors import current_term
from .common import timeline


def filtered_deputies(request):
    """Return (form, queryset, term) for the deputy list and its export."""
    form = DeputyFilterForm(request.GET or None)
    today = timezone.localdate()
    term = None
    data = form.cleaned_data if form.is_valid() else {}
    term = data.get("term") or current_term(today)
    delegation = Membership.objects.filter(
        person=OuterRef("person_id"),
        term=OuterRef("term_id"),
        organization__kind=Organization.Kind.DELEGATION,
    ).exclude(end_date__lt=today)
    qs = (
        Deputy.objects.filter(term=term)
        .select_related("person", "term")
        .defer(
            "person__phone",
            "person__email",
            "person__address",
            "person__biography",
            "person__search_text",
        )
        .annotate(
            delegation_name=Subquery(
                delegation.order_by("-start_date").values("organization__name")[:1]
            )
        )
    )
    if data.get("q"):
        matches = matching_ids(Person, data["q"])
        if matches is not None:
            qs = qs.filter(person_id__in=matches)
    if data.get("delegation"):
        qs = qs.filter(
            Exists(
                Membership.objects.filter(
                    person=OuterRef("person_id"), organization=data["delegation"]
                ).exclude(end_date__lt=today)
            )
        )
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("occupation_category"):
        qs = qs.filter(occupation_category=data["occupation_category"])
    return form, qs.order_by("person__name", "id"), term


@permission_required("people.view_directory")
def deputy_list(request):
    form, qs, term = filtered_deputies(request)
    context = {
        "form": form,
        "term": term,
        "can_manage": request.user.has_perm("people.manage"),
        **paginate(request, qs),
    }
    return render(request, "people/deputy_list.html", context)


@permission_required("people.view_directory")
def deputy_export(request):
    _form, qs, _term = filtered_deputies(request)
    headers = [
        _("姓名"),
        _("性别"),
        _("党派"),
        _("代表团"),
        _("选区"),
        _("原选举单位"),
        _("代表构成类别"),
        _("连任代表"),
        _("状态"),
    ]
    yes, no = gettext_now("是"), gettext_now("否")
    rows = (
        [
            d.person.name,
            d.person.get_gender_display(),
            d.person.get_party_display(),
            d.delegation_name or "",
            d.constituency,
            d.electing_unit,
            d.get_occupation_category_display(),
            yes if d.is_reelected else no,
            d.get_status_display(),
        ]
        for d in qs.iterator(chunk_size=1000)
    )
    return xlsx_response("deputies", gettext_now("代表"), headers, rows)


@permission_required("people.manage")
def deputy_create(request):
    """Create a deputy: an existing or new person, the mandate and the delegation membership."""
    if request.method == "POST":
        form = DeputyCreateForm(request.POST)
        if form.is_valid():
            try:
                # One transaction: a refused mandate leaves no orphan person behind.
                with transaction.atomic():
                    person = form.cleaned_data.get("existing_person")
                    if person is None:
                        person = services.person_create(actor=request.user, **form.person_fields())
                    deputy = services.deputy_create(
                        actor=request.user, person=person, **form.deputy_fields()
                    )
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, format_lazy(_("已新增代表：{name}。"), name=person.name))
                return redirect("people:deputy_detail", pk=deputy.pk)
    else:
        initial = {"term": current_term()}
        person_id = request.GET.get("person")
        if person_id and person_id.isdigit():
            initial["existing_person"] = Person.objects.filter(pk=int(person_id)).first()
        form = DeputyCreateForm(initial=initial)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": _("新增代表"),
            "cancel_url": "people:deputy_list",
            "help": _(
                "选择已有人员，或填写姓名、性别等信息新建人员；保存时同时登记代表资格和所属代表团。"
            ),
        },
    )


@permission_required("people.view_directory")
def deputy_detail(request, pk: int):
    deputy = get_object_or_404(
        Deputy.objects.select_related("person", "term").defer(
            "person__phone", "person__email", "person__address"
        ),
        pk=pk,
    )
    can_manage = services.deputy_change_status.allows(request.user, deputy)
    delegations = list(
        Membership.objects.filter(
            person_id=deputy.person_id,
            term_id=deputy.term_id,
            organization__kind=Organization.Kind.DELEGATION,
        ).select_related("organization")
    )
    form = DeputyStatusForm(deputy=deputy) if can_manage else None
    return render(
        request,
        "people/deputy_detail.html",
        {
            "deputy": deputy,
            "delegations": delegations,
            "status_form": form,
            "can_manage": can_manage,
            "events": timeline(deputy, delegations),
        },
    )


@require_POST
@permission_required("people.manage")
def deputy_status(request, pk: int):
    deputy = get_object_or_404(Deputy.objects.select_related("person", "term"), pk=pk)
    form = DeputyStatusForm(request.POST, deputy=deputy)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.deputy_status_check(deputy, data["status"])
            services.deputy_change_status(
                actor=request.user,
                deputy=deputy,
                status=data["status"],
                on=data["on"],
                reason=data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("代表状态已更新。"))
            return redirect("people:deputy_detail", pk=deputy.pk)
    delegations = list(
        Membership.objects.filter(
            person_id=deputy.person_id,
            term_id=deputy.term_id,
            organization__kind=Organization.Kind.DELEGATION,
        ).select_related("organization")
    )
    return render(
        request,
        "people/deputy_detail.html",
        {
            "deputy": deputy,
            "delegations": delegations,
            "status_form": form,
            "can_manage": True,
            "events": timeline(deputy, delegations),
        },
        status=400,
    )
