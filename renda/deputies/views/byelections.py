"""By-election pages (§2.2): the record, the credentials committee's report and the vote.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required

from .. import services
from ..byelection_forms import ByElectionForm, ByElectionVoteForm, CancelForm, ReportForm
from ..models import ByElection


@permission_required("deputies.view")
def byelection_list(request):
    qs = ByElection.objects.select_related("person", "vacated__person").order_by("-held_on", "-id")
    return render(
        request,
        "deputies/byelection_list.html",
        {"can_manage": request.user.has_perm("deputies.manage"), **paginate(request, qs)},
    )


@permission_required("deputies.manage")
def byelection_create(request):
    if request.method == "POST":
        form = ByElectionForm(request.POST)
        if form.is_valid():
            try:
                by = services.byelection_record(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("补选结果已登记，待代表资格审查委员会审查。"))
                return redirect("deputies:byelection_detail", pk=by.pk)
        status = 400
    else:
        form, status = ByElectionForm(), 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("登记补选结果"),
            "cancel_url": "deputies:byelections",
            "help": _(
                "代表在任期内因故出缺的，由原选区或者原选举单位补选（选举法第五十七条）。补选产生的代表，由代表资格审查委员会审查并提出报告，常委会会议表决确认其代表资格后方为本届代表，并予公告；确认前不计入代表总数。"
            ),
        },
        status=status,
    )


FORMS = {"report": ReportForm, "put_to_vote": ByElectionVoteForm, "cancel": CancelForm}


def _by_election(pk: int) -> ByElection:
    return get_object_or_404(
        ByElection.objects.select_related(
            "person", "vacated__person", "delegation", "agenda_item__meeting", "poll", "deputy"
        ),
        pk=pk,
    )


def _page(request, by: ByElection, bound: dict | None = None, status=200):
    allowed = available(request.user, by, services.BY_ELECTION_ACTIONS)
    forms = {
        verb: (bound or {}).get(verb) or FORMS[verb](auto_id=f"{verb}_%s")
        for verb in FORMS
        if verb in allowed or verb in (bound or {})
    }
    return render(
        request,
        "deputies/byelection_detail.html",
        {"by": by, "forms": forms, "allowed": allowed},
        status=status,
    )


@permission_required("deputies.view")
def byelection_detail(request, pk: int):
    return _page(request, _by_election(pk))


SUCCESS = {
    "report": _("资格审查报告已登记。"),
    "put_to_vote": _("已列入会议议程并生成表决。"),
    "record_vote": _("表决结果已登记。"),
    "cancel": _("补选登记已撤销。"),
}


@require_POST
@permission_required("deputies.manage")
def byelection_act(request, pk: int, verb: str):
    by = _by_election(pk)
    act = {a.verb: a for a in services.BY_ELECTION_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = FORMS[verb](request.POST, auto_id=f"{verb}_%s") if verb in FORMS else None
    if form is None or form.is_valid():
        kwargs = dict(form.cleaned_data) if form is not None else {}
        try:
            act(actor=request.user, by_election=by, **kwargs)
        except DomainError as error:
            if form is None:
                messages.error(request, error.message_in(request.LANGUAGE_CODE))
                return redirect("deputies:byelection_detail", pk=pk)
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, SUCCESS[verb])
            return redirect("deputies:byelection_detail", pk=pk)
    return _page(request, _by_election(pk), {verb: form}, status=400)
