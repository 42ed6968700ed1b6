"""Resignation pages (§2.2) and the vacancies of the term.

A refused step shows the page again with the form as the user filled it and the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required
from renda.people.models import Deputy
from renda.people.selectors import current_term

from .. import selectors, services
from ..models import Resignation
from ..resignation_forms import DecisionForm, PutToVoteForm, ResignationForm, WithdrawForm


@permission_required("deputies.view")
def resignation_list(request):
    qs = Resignation.objects.select_related("deputy__person").order_by("-submitted_on", "-id")
    return render(
        request,
        "deputies/resignation_list.html",
        {"can_manage": request.user.has_perm("deputies.manage"), **paginate(request, qs)},
    )


@permission_required("deputies.manage")
def resignation_create(request):
    if request.method == "POST":
        form = ResignationForm(request.POST)
        if form.is_valid():
            try:
                r = services.resignation_submit(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("辞职请求已登记。"))
                return redirect("deputies:resignation_detail", pk=r.pk)
        status = 400
    else:
        form, status = ResignationForm(), 200
    return render(
        request,
        "deputies/form.html",
        {
            "form": form,
            "title": _("登记辞职请求"),
            "cancel_url": "deputies:resignations",
            "help": _(
                "县级人大代表向本级人大常委会书面提出辞职，由常委会组成人员过半数通过接受；设区的市的人大代表向选举他的人大常委会提出，由其决定后在此登记（代表法第四十九条）。接受辞职的，代表职务自决定之日终止，代表构成和缺额随之变化。"
            ),
        },
        status=status,
    )


FORMS = {
    "put_to_vote": PutToVoteForm,
    "record_decision": DecisionForm,
    "withdraw": WithdrawForm,
}


def _resignation(pk: int) -> Resignation:
    return get_object_or_404(
        Resignation.objects.select_related("deputy__person", "agenda_item__meeting", "poll"), pk=pk
    )


def _page(request, r: Resignation, bound: dict | None = None, status=200):
    allowed = available(request.user, r, services.RESIGNATION_ACTIONS)
    forms = {
        verb: (bound or {}).get(verb) or FORMS[verb](auto_id=f"{verb}_%s")
        for verb in FORMS
        if verb in allowed or verb in (bound or {})
    }
    return render(
        request,
        "deputies/resignation_detail.html",
        {"r": r, "forms": forms, "allowed": allowed},
        status=status,
    )


@permission_required("deputies.view")
def resignation_detail(request, pk: int):
    return _page(request, _resignation(pk))


SUCCESS = {
    "put_to_vote": _("已列入会议议程并生成表决。"),
    "record_vote": _("表决结果已登记。"),
    "record_decision": _("决定已登记。"),
    "withdraw": _("辞职请求已撤回。"),
}


@require_POST
@permission_required("deputies.manage")
def resignation_act(request, pk: int, verb: str):
    r = _resignation(pk)
    act = {a.verb: a for a in services.RESIGNATION_ACTIONS}.get(verb)
    if act is None:
        raise PermissionDenied
    form = FORMS[verb](request.POST, auto_id=f"{verb}_%s") if verb in FORMS else None
    if form is None or form.is_valid():
        kwargs = dict(form.cleaned_data) if form is not None else {}
        try:
            act(actor=request.user, resignation=r, **kwargs)
        except DomainError as error:
            if form is None:
                messages.error(request, error.message_in(request.LANGUAGE_CODE))
                return redirect("deputies:resignation_detail", pk=pk)
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, SUCCESS[verb])
            return redirect("deputies:resignation_detail", pk=pk)
    return _page(request, _resignation(pk), {verb: form}, status=400)


@permission_required("deputies.view")
def vacancies(request):
    """The term's mandates that ended, with the day and the ground; the seated count."""
    term = current_term()
    ended, counts = selectors.vacancies(term)
    by_status = dict(
        ended.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return render(
        request,
        "deputies/vacancies.html",
        {
            "term": term,
            "counts": counts,
            "by_status": [
                (label, by_status.get(value, 0))
                for value, label in Deputy.Status.choices
                if value in selectors.ENDED_STATUSES
            ],  # fmt: skip
            **paginate(request, ended),
        },
    )
