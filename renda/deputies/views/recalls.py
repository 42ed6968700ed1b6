"""Recall pages (§2.11): the petition or motion, the voters' vote or the electing body's
decision.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.statute import format_value, param
from renda.core.views import add_domain_error, paginate, permission_required

from .. import services
from ..models import Recall
from ..recall_forms import DecisionForm, DistributeForm, RecallForm, VoteForm, WithdrawForm
from ..services.recalls import petition_threshold, recall_majority, route_for, votes_needed


@permission_required("deputies.view")
def recall_list(request):
    qs = Recall.objects.select_related("deputy__person").order_by("-filed_on", "-id")
    return render(
        request,
        "deputies/recall_list.html",
        {"can_manage": request.user.has_perm("deputies.manage"), **paginate(request, qs)},
    )


def _law() -> str:
    """What the create form says before it is filled: who proposes, how many, what majority."""
    if route_for() == Recall.Route.VOTERS:
        return format_lazy(
            _(
                "县级人民代表大会代表由原选区选民{county}人以上联名（乡级人民代表大会代表{township}人以上），向县级人民代表大会常务委员会书面提出罢免要求，写明罢免理由；被提出罢免的代表可以书面申辩。常委会将罢免要求和申辩意见印发原选区选民，派员主持投票；罢免须经原选区选民总数的过半数（超过{majority}）通过，不是参加投票选民的过半数（选举法第五十条、第五十三条）。罢免通过的，代表职务终止。"
            ),
            county=petition_threshold(),
            township=param("deputy.recall_petition_township"),
            majority=format_value(recall_majority()),
        )
    return _(
        "设区的市的人民代表大会代表由选举他的区、县人民代表大会罢免，闭会期间由其常务委员会罢免；罢免案由主席团或者十分之一以上代表联名提出，闭会期间由常委会主任会议或者五分之一以上组成人员联名提出（选举法第五十一条）。本机关在此登记罢免案，并在原选举单位作出决定后登记其决定和文件。罢免通过的，代表职务终止，代表构成和缺额随之变化。"
    )


@permission_required("deputies.manage")
def recall_create(request):
    if request.method == "POST":
        form = RecallForm(request.POST)
        if form.is_valid():
            try:
                r = services.recall_open(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("罢免要求已登记。"))
                return redirect("deputies:recall_detail", pk=r.pk)
        status = 400
    else:
        form, status = RecallForm(), 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("登记罢免要求"),
            "cancel_url": "deputies:recalls",
            "help": _law(),
        },
        status=status,
    )


FORMS = {
    "distribute": DistributeForm,
    "record_vote": VoteForm,
    "record_decision": DecisionForm,
    "withdraw": WithdrawForm,
}


def _recall(pk: int) -> Recall:
    return get_object_or_404(Recall.objects.select_related("deputy__person"), pk=pk)


def _share(n: int, of: int) -> str:
    """``n`` as a percentage of ``of``, one decimal."""
    value = (Decimal(n) * 100 / Decimal(of)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value}%"


def _figures(r: Recall) -> dict | None:
    """The vote's figures, each with its share of the constituency's electorate."""
    if r.electorate is None:
        return None
    rows = [
        (_("赞成票"), r.votes_for),
        (_("反对票"), r.votes_against),
        (_("弃权票和无效票"), r.votes_other),
    ]
    cast = sum(n or 0 for _label, n in rows)
    return {
        "rows": [(label, n, _share(n or 0, r.electorate)) for label, n in rows],
        "cast": cast,
        "turnout": _share(cast, r.electorate),
        "needed": votes_needed(r.electorate),
    }


def _page(request, r: Recall, bound: dict | None = None, status=200):
    allowed = available(request.user, r, services.RECALL_ACTIONS)
    forms = {
        verb: (bound or {}).get(verb) or FORMS[verb](auto_id=f"{verb}_%s")
        for verb in FORMS
        if verb in allowed or verb in (bound or {})
    }
    return render(
        request,
        "deputies/recall_detail.html",
        {"r": r, "forms": forms, "allowed": allowed, "figures": _figures(r)},
        status=status,
    )


@permission_required("deputies.view")
def recall_detail(request, pk: int):
    return _page(request, _recall(pk))


SUCCESS = {
    "distribute": _("已登记印发原选区选民。"),
    "record_vote": _("投票结果已登记。"),
    "record_decision": _("决定已登记。"),
    "withdraw": _("罢免要求已撤回。"),
}


@require_POST
@permission_required("deputies.manage")
def recall_act(request, pk: int, verb: str):
    """One step of the recall: ``services.recall_distribute``, ``services.recall_record_vote``,
    ``services.recall_record_decision`` or ``services.recall_withdraw``
    (:data:`services.RECALL_ACTIONS`)."""
    r = _recall(pk)
    act = {a.verb: a for a in services.RECALL_ACTIONS}.get(verb)
    if act is None or verb not in FORMS:
        raise PermissionDenied
    form = FORMS[verb](request.POST, auto_id=f"{verb}_%s")
    if form.is_valid():
        try:
            act(actor=request.user, recall=r, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, SUCCESS[verb])
            return redirect("deputies:recall_detail", pk=pk)
    return _page(request, _recall(pk), {verb: form}, status=400)
