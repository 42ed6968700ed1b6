"""Organizations: list, detail with members and timeline, create, edit, add a member."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.errors import DomainError
from renda.core.search import search
from renda.core.views import add_domain_error, paginate, permission_required

from .. import services
from ..forms import MembershipForm, OrganizationFilterForm, OrganizationForm
from ..models import Organization
from ..selectors import active_memberships
from .common import timeline


@permission_required("people.view_directory")
def organization_list(request):
    form = OrganizationFilterForm(request.GET or None)
    today = timezone.localdate()
    active = Q(memberships__start_date__lte=today) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    )
    qs = Organization.objects.select_related("parent").annotate(
        member_count=Count("memberships", filter=active)
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = search(qs, data["q"])
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
    context = {
        "form": form,
        "can_manage": request.user.has_perm("people.manage"),
        **paginate(request, qs.order_by("sort_order", "id")),
    }
    return render(request, "people/organization_list.html", context)


@permission_required("people.view_directory")
def organization_detail(request, pk: int):
    org = get_object_or_404(Organization.objects.select_related("parent"), pk=pk)
    members = list(
        active_memberships(org).select_related("term").order_by("role", "person__name", "id")
    )
    memberships = list(org.memberships.only("pk"))
    return render(
        request,
        "people/organization_detail.html",
        {
            "org": org,
            "children": list(org.children.order_by("sort_order", "id")),
            "posts": list(org.posts.all()),
            "members": members,
            "events": timeline(org, memberships, list(org.posts.all())),
            "can_manage": request.user.has_perm("people.manage"),
        },
    )


def _org_fields(form: OrganizationForm) -> dict:
    data = dict(form.cleaned_data)
    return data


@permission_required("people.manage")
def organization_create(request):
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_create(actor=request.user, **_org_fields(form))
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, format_lazy(_("已新增机构：{name}。"), name=org.name))
            return redirect("people:organization_detail", pk=org.pk)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": _("新增机构"),
            "cancel_url": "people:organization_list",
        },
    )


@permission_required("people.manage")
def organization_edit(request, pk: int):
    org = get_object_or_404(Organization, pk=pk)
    if request.method == "POST":
        form = OrganizationForm(request.POST, instance=org)
        if form.is_valid():
            try:
                services.organization_update(
                    actor=request.user, organization=org, **_org_fields(form)
                )
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(
                    request, format_lazy(_("已保存机构：{name}。"), name=form.cleaned_data["name"])
                )
                return redirect("people:organization_detail", pk=org.pk)
    else:
        initial = {name: getattr(org, name) for name in OrganizationForm.base_fields}
        form = OrganizationForm(initial=initial, instance=org)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": format_lazy(_("编辑机构：{name}"), name=org.name),
            "cancel_url": "people:organization_detail",
            "cancel_pk": org.pk,
        },
    )


@permission_required("people.manage")
def membership_create(request, pk: int):
    org = get_object_or_404(Organization, pk=pk)
    form = MembershipForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.membership_create(
                actor=request.user,
                person=data["person"],
                organization=org,
                start_date=data["start_date"],
                role=data["role"],
                post=data["post"],
                term=data["term"],
                end_date=data["end_date"],
                is_full_time=data["is_full_time"],
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, format_lazy(_("已添加任职：{m}。"), m=str(membership)))
            return redirect("people:organization_detail", pk=org.pk)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": format_lazy(_("添加成员：{name}"), name=org.name),
            "cancel_url": "people:organization_detail",
            "cancel_pk": org.pk,
        },
    )
