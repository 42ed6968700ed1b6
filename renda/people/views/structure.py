"""Structure of the bodies: add a post, open a term (届), end a membership."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.pages import perform
from renda.core.views import permission_required

from .. import services
from ..forms import MembershipEndForm, PostForm, TermForm
from ..models import Membership, Organization


def _form_page(request, form, title, org_pk: int, status: int = 200):
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": "people:organization_detail",
            "cancel_pk": org_pk,
        },
        status=status,
    )


@permission_required("people.manage")
def post_create(request, pk: int):
    org = get_object_or_404(Organization, pk=pk)
    form = PostForm(request.POST or None)
    if request.method == "POST":
        post = perform(
            request,
            services.post_create,
            form=form,
            organization=org,
            success=_("已新增职务。"),
        )
        if post:
            return redirect("people:organization_detail", pk=org.pk)
        return _form_page(
            request, form, format_lazy(_("新增职务：{name}"), name=org.name), org.pk, 400
        )
    return _form_page(request, form, format_lazy(_("新增职务：{name}"), name=org.name), org.pk)


@permission_required("people.manage")
def term_create(request, pk: int):
    """Open a term of a people's congress (the service refuses any other organization)."""
    org = get_object_or_404(Organization, pk=pk)
    form = TermForm(request.POST or None)
    title = format_lazy(_("新增届次：{name}"), name=org.name)
    if request.method == "POST":
        term = perform(
            request, services.term_create, form=form, congress=org, success=_("已新增届次。")
        )
        if term:
            return redirect("people:organization_detail", pk=org.pk)
        return _form_page(request, form, title, org.pk, 400)
    return _form_page(request, form, title, org.pk)


@permission_required("people.manage")
def membership_end(request, pk: int):
    membership = get_object_or_404(
        Membership.objects.select_related("person", "organization"), pk=pk
    )
    form = MembershipEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    title = format_lazy(
        _("结束任职：{person}（{org}）"),
        person=membership.person.name,
        org=membership.organization.name,
    )
    if request.method == "POST":
        ended = perform(
            request,
            services.membership_end,
            form=form,
            membership=membership,
            success=_("已结束任职。"),
        )
        if ended:
            return redirect("people:organization_detail", pk=membership.organization_id)
        return _form_page(request, form, title, membership.organization_id, 400)
    return _form_page(request, form, title, membership.organization_id)
