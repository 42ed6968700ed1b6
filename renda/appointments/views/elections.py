"""Election pages (§7.2–§7.4): the office's list, opening an election at a session, the
nominations and the slate put to the secret ballot.

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
from renda.core.statute import param
from renda.core.views import add_domain_error, paginate, permission_required

from .. import services
from ..election_forms import NominateForm, OpenForm, WithdrawForm
from ..models import Election, Nomination


@permission_required("appointments.view")
def election_list(request):
    qs = Election.objects.select_related("post__organization", "meeting").order_by("-opened_on", "-id")  # fmt: skip
    return render(
        request,
        "appointments/election_list.html",
        {"can_manage": request.user.has_perm("appointments.manage"), **paginate(request, qs)},
    )


@permission_required("appointments.manage")
def election_create(request):
    form = OpenForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                e = services.election_open(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("选举事项已登记，可以登记候选人提名。"))
                return redirect("appointments:election_detail", pk=e.pk)
        status = 400
    help_text = _(
        "人民代表大会选举常委会组成人员、市（县、区）长和副职、监察委员会主任、人民法院院长、人民检察院检察长。候选人由主席团或者代表{n}人以上联名提名（规则7.3）；提名、酝酿候选人的时间不少于{days}日（规则7.2）。"
    ).format(n=services.joint_threshold(), days=param("election.nomination_days"))
    context = {"form": form, "title": _("登记选举事项"), "cancel_url": "appointments:elections", "help": help_text}  # fmt: skip
    return render(request, "appointments/form.html", context, status=status)


def _election(pk: int) -> Election:
    return get_object_or_404(
        Election.objects.select_related("post__organization", "meeting", "poll", "agenda_item"),
        pk=pk,
    )


def _form(verb: str, e: Election, data=None):
    if verb == "nominate":
        return NominateForm(data, term=e.term, threshold=services.joint_threshold(), seats=e.seats, auto_id="nominate_%s")  # fmt: skip
    if verb == "withdraw":
        return WithdrawForm(data, auto_id="withdraw_%s")
    return None


def _page(request, e: Election, bound: dict | None = None, status=200):
    allowed = available(request.user, e, services.ELECTION_ACTIONS)
    bound = bound or {}
    forms = {v: bound.get(v) or _form(v, e) for v in ("nominate", "withdraw") if v in allowed or v in bound}  # fmt: skip
    nominations = (
        Nomination.objects.filter(election=e).select_related("person", "membership")
        .prefetch_related("sponsors__person").order_by("id")
    )  # fmt: skip
    votes = (e.tally or {}).get("votes") or {}
    rows = []
    for n in nominations:
        n.votes = votes.get(str(n.person_id), votes.get(n.person_id))
        rows.append(n)
    return render(
        request,
        "appointments/election_detail.html",
        {"e": e, "forms": forms, "allowed": allowed, "nominations": rows,
         "candidates": sum(1 for n in rows if n.status != Nomination.Status.WITHDRAWN),
         "days": param("election.nomination_days")},
        status=status,
    )  # fmt: skip


@permission_required("appointments.view")
def election_detail(request, pk: int):
    return _page(request, _election(pk))


SUCCESS = {
    "nominate": _("候选人提名已登记。"),
    "put_to_vote": _("候选人名单已提交大会选举。"),
    "record_vote": _("选举结果已登记。"),
    "withdraw": _("选举事项已撤销。"),
}


@require_POST
@permission_required("appointments.manage")
def election_act(request, pk: int, verb: str):
    """One step: the verbs of ``services.ELECTION_ACTIONS``."""
    e = _election(pk)
    act = {x.verb: x for x in services.ELECTION_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = _form(verb, e, request.POST)
    if form is None or form.is_valid():
        kwargs = dict(form.cleaned_data) if form is not None else {}
        try:
            act(actor=request.user, election=e, **kwargs)
        except DomainError as error:
            if form is None:
                messages.error(request, error.message_in(request.LANGUAGE_CODE))
                return redirect("appointments:election_detail", pk=pk)
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, SUCCESS[verb])
            return redirect("appointments:election_detail", pk=pk)
    return _page(request, _election(pk), {verb: form}, status=400)
