"""Oath ceremony pages (§7.12): arrange, list those whose appointment is in force, record.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required

from .. import services
from ..models import OATH_TEXT, OathCeremony
from ..oath_forms import AddForm, CeremonyForm, RecordForm


@permission_required("appointments.view")
def ceremony_list(request):
    qs = OathCeremony.objects.select_related("led_by").annotate(
        listed=Count("takers"), sworn=Count("takers", filter=Q(takers__status="sworn"))
    )
    return render(
        request,
        "appointments/ceremony_list.html",
        {
            "can_manage": request.user.has_perm("appointments.manage"),
            **paginate(request, qs.order_by("-held_on", "-id")),
        },  # fmt: skip
    )


@permission_required("appointments.manage")
def ceremony_create(request):
    if request.method == "POST":
        form = CeremonyForm(request.POST)
        if form.is_valid():
            try:
                c = services.oath_schedule(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("宣誓仪式已安排，请列入宣誓人员。"))
                return redirect("appointments:ceremony_detail", pk=c.pk)
        status = 400
    else:
        form, status = CeremonyForm(), 200
    return render(
        request,
        "appointments/form.html",
        {
            "form": form,
            "title": _("安排宪法宣誓仪式"),
            "cancel_url": "appointments:ceremonies",
            "help": _(
                "常委会任命的人员就职时公开进行宪法宣誓（规则7.12），誓词固定；重新任命的须重新宣誓。只有任命已生效的人员可以宣誓。"
            ),
        },  # fmt: skip
        status=status,
    )


def _form(verb: str, ceremony: OathCeremony, data=None):
    if verb == "add":
        return AddForm(data, auto_id="add_%s")
    return RecordForm(data, ceremony=ceremony, auto_id="record_%s")


def _page(request, c: OathCeremony, bound: dict | None = None, status=200):
    allowed = available(request.user, c, services.OATH_ACTIONS)
    bound = bound or {}
    forms = {
        v: bound.get(v) or _form(v, c) for v in ("add", "record") if v in allowed or v in bound
    }
    takers = c.takers.select_related("appointment__person", "appointment__post__organization")
    return render(
        request,
        "appointments/ceremony_detail.html",
        {"c": c, "takers": takers, "forms": forms, "oath_text": OATH_TEXT},
        status=status,
    )


def _ceremony(pk: int) -> OathCeremony:
    return get_object_or_404(OathCeremony.objects.select_related("led_by"), pk=pk)


@permission_required("appointments.view")
def ceremony_detail(request, pk: int):
    return _page(request, _ceremony(pk))


SUCCESS = {"add": _("已列入宣誓人员。"), "record": _("宣誓情况已登记。")}


@require_POST
@permission_required("appointments.manage")
def ceremony_act(request, pk: int, verb: str):
    """One step: the verbs of ``services.OATH_ACTIONS``."""
    c = _ceremony(pk)
    act = {x.verb: x for x in services.OATH_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = _form(verb, c, request.POST)
    if form.is_valid():
        try:
            act(actor=request.user, ceremony=c, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, SUCCESS[verb])
            return redirect("appointments:ceremony_detail", pk=pk)
    return _page(request, _ceremony(pk), {verb: form}, status=400)
